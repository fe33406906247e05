// SPDX-License-Identifier: Apache-2.0
// parevm: BlockOverlay, the pre-state plus the writes of the block's earlier transactions.
#pragma once

#include <parevm/state/ordered_map.hpp>
#include <parevm/state/state.hpp>
#include <parevm/state/state_diff.hpp>
#include <parevm/state/state_view.hpp>

#include <array>
#include <mutex>
#include <span>
#include <unordered_map>
#include <vector>

namespace parevm {

/// The view transaction i of the sequential executor reads: `pre` with the write sets of
/// transactions 0..i-1 (and system calls, withdrawals, rewards) folded in. It also produces the
/// block's net StateDiff against `pre`.
///
/// Accounts are kept in shards by the first byte of their address, so that shards are ranges
/// of addresses: workers can fold and diff distinct shards at the same time, and the diffs of
/// the shards in shard order are the block's diff in address order, with no merge.
/// Thread safety: reads are const; apply(d), apply(debit) and apply(delta) calls for accounts of
/// distinct shards may run concurrently with each other (they write distinct shards; deployed code
/// goes to a map under its own mutex), but not with anything else.
class BlockOverlay final : public StateView {
public:
    static constexpr unsigned shard_count = 256;
    static unsigned shard_of(const Address& a) noexcept { return a.bytes[0]; }

    explicit BlockOverlay(const StateView& pre) noexcept : pre_(&pre) {}
    /// Makes room for about `accounts` accounts spread over the shards (an estimate: a shard
    /// that gets more grows as usual), so that a large block's overlay does not grow each
    /// shard step by step, moving its entries and rebuilding its index each time.
    void reserve(size_t accounts);
    /// Folds a transaction's writes in (later writes win).
    void apply(const WriteSet& ws);
    /// The parts of apply(ws): one account's changes, one sender debit (unchecked: the caller
    /// checked debit_applies where it must), one lazy credit. apply(ws) applies the accounts
    /// first, then the debits, then the credits.
    void apply(const AccountDiff& d);
    void apply(const SenderDebit& debit);
    void apply(const BalanceDelta& delta);
    /// The net change against `pre`, one entry per account that differs, sorted by address;
    /// an account's slots in the order of their first write in the block.
    StateDiff diff() const;
    /// The accounts of diff() in shard `shard`, sorted by address, appended to `out`; the
    /// shards' lists in shard order make up diff(). With `defer_above` set, the storage of an
    /// account with more written slots than that is left out of its AccountDiff (which is kept
    /// even if it ends up changing nothing) and the account's position in `out` is appended to
    /// `*deferred`: the caller fills the storage in with diff_slots, split among workers (one
    /// hot contract can hold most of a block's slots), and drops the diff if it then
    /// changes_nothing().
    void diff_shard(unsigned shard,
                    std::vector<AccountDiff>& out,
                    size_t defer_above = ~size_t{0},
                    std::vector<size_t>* deferred = nullptr) const;
    /// As diff_shard, into room made beforehand: writes the shard's diffs to out[0], out[1],
    /// ... (room for shard_size(shard) of them) and returns how many; `deferred` gets positions
    /// relative to `out`. Lets workers write one vector's distinct ranges at once.
    size_t diff_shard_into(unsigned shard,
                           AccountDiff* out,
                           size_t defer_above,
                           std::vector<size_t>* deferred) const;
    /// The accounts held in shard `shard`: at least as many as its part of diff().
    size_t shard_size(unsigned shard) const noexcept { return shards_[shard].size(); }

    /// A written slot of an account, as the overlay holds it.
    using SlotRef = const std::pair<uint256, uint256>*;
    /// The written slots of `addr`, in the order diff() lists them.
    std::vector<SlotRef> written_slots(const Address& addr) const;
    /// The changed ones among `slots` (of written_slots(addr)), in order, appended to `out`;
    /// `cleared` is the account's AccountDiff::storage_cleared. Const: workers may run it on
    /// distinct ranges of the same account at once.
    void diff_slots(const Address& addr,
                    bool cleared,
                    std::span<const SlotRef> slots,
                    std::vector<std::pair<uint256, uint256>>& out) const;

    /// Frees the accounts of the shards s with s % parts == part (the overlay then reads as
    /// `pre` there); calls for distinct parts may run concurrently. Lets the workers share the
    /// freeing of a large block's overlay.
    void release(unsigned part, unsigned parts);

    std::optional<AccountInfo> account(const Address& addr) const override;
    uint256 storage(const Address& addr, const uint256& key) const override;
    bool has_storage(const Address& addr) const override;
    bytes_view code(const Hash256& code_hash) const override;
    Hash256 block_hash(int64_t block_number) const override;

private:
    struct Entry {
        bool deleted = false;             // the account is gone (and `info` is unset)
        bool storage_cleared = false;     // slots of `pre` read as zero
        std::optional<AccountInfo> info;  // unset and not deleted: `pre` has the info
        OrderedMap<uint256, uint256> storage;
        /// The account is gone: its info and slots, those of `pre` included.
        void erase() {
            deleted = true;
            storage_cleared = true;
            info.reset();
            storage.clear();
        }
    };
    // Maps without nodes: a block's overlay holds tens of thousands of accounts and slots, and
    // node-based maps cost an allocation for each and a cache miss for each freed.
    using Accounts = OrderedMap<Address, Entry>;

    /// Code deployed in the block, for code() and diff().
    void add_code(const Hash256& code_hash, bytes_view code);

    /// The diffs of shard `shard`, sorted by address: emit(AccountDiff&&, bool deferred) for
    /// each (see diff_shard for `defer_above`).
    template <class Emit>
    void diff_accounts(unsigned shard, size_t defer_above, Emit&& emit) const;

    /// Whether `value` at `addr`'s slot `key` differs from `pre` (from zero when `cleared`).
    bool slot_changed(const Address& addr,
                      bool cleared,
                      const uint256& key,
                      const uint256& value) const {
        return cleared ? static_cast<bool>(value) : value != pre_->storage(addr, key);
    }

    const Entry* find(const Address& addr) const { return shards_[shard_of(addr)].find(addr); }
    Entry& entry(const Address& addr) { return shards_[shard_of(addr)][addr]; }

    const StateView* pre_;
    std::array<Accounts, shard_count> shards_;
    std::mutex codes_mutex_;                    // guards codes_ during a partitioned fold
    std::unordered_map<Hash256, bytes> codes_;  // node-based: views stay valid
};

}  // namespace parevm
