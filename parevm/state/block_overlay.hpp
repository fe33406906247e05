// SPDX-License-Identifier: Apache-2.0
// parevm: BlockOverlay, the pre-state plus the writes of the block's earlier transactions.
#pragma once

#include <parevm/state/state.hpp>
#include <parevm/state/state_diff.hpp>
#include <parevm/state/state_view.hpp>

#include <unordered_map>

namespace parevm {

/// The view transaction i of the sequential executor reads: `pre` with the write sets of
/// transactions 0..i-1 (and system calls, withdrawals, rewards) folded in. It also produces the
/// block's net StateDiff against `pre`. Not thread-safe for writes; reads are const.
class BlockOverlay final : public StateView {
public:
    explicit BlockOverlay(const StateView& pre) noexcept : pre_(&pre) {}

    /// Folds a transaction's writes in (later writes win).
    void apply(const WriteSet& ws);
    /// The same for the accounts of one partition only: those whose address hashes to `part`
    /// modulo `parts`. Overlays of distinct partitions over the same view can be built on
    /// different threads and then folded together with absorb().
    void apply(const WriteSet& ws, unsigned part, unsigned parts);
    /// Folds in `upper`, an overlay built over this one, as if its writes had been applied
    /// here directly.
    void absorb(BlockOverlay&& upper);

    /// The net change against `pre`, one entry per account that differs, sorted by address.
    StateDiff diff() const;
    /// The accounts of diff() in one partition (see apply), sorted by address.
    StateDiff diff(unsigned part, unsigned parts) const;

    std::optional<AccountInfo> account(const Address& addr) const override;
    uint256 storage(const Address& addr, const uint256& key) const override;
    bool has_storage(const Address& addr) const override;
    bytes_view code(const Hash256& code_hash) const override;
    Hash256 block_hash(int64_t block_number) const override;

private:
    void apply_account(const AccountDiff& d);
    void apply_delta(const BalanceDelta& delta);

    struct Entry {
        bool deleted = false;             // the account is gone (and `info` is unset)
        bool storage_cleared = false;     // slots of `pre` read as zero
        std::optional<AccountInfo> info;  // unset and not deleted: `pre` has the info
        std::unordered_map<uint256, uint256> storage;
    };

    const StateView* pre_;
    std::unordered_map<Address, Entry> accounts_;
    std::unordered_map<Hash256, bytes> codes_;  // node-based: views stay valid
};

}  // namespace parevm
