// SPDX-License-Identifier: Apache-2.0
// parevm: the StateView of one transaction incarnation in the parallel executor.
//
// Transaction i reads, for each location, the write of the highest transaction below i in
// multi-version memory, else the block's base view (pre-state plus system calls). Every read is
// recorded with the version it saw, for validation. Reading an ESTIMATE marks the execution as
// blocked on that transaction; the view then answers from the base view so the execution can run
// to its end harmlessly, and the worker discards its result.
#pragma once

#include <parevm/parallel/mv_memory.hpp>
#include <parevm/state/state_view.hpp>

#include <atomic>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

namespace parevm::parallel {

/// Code deployed inside the block, shared by all workers. Code is immutable per hash, so an
/// entry never changes once inserted; node-based storage keeps returned views valid.
/// `empty_` turns false (release) after the first insert; a reader that sees it true takes no
/// lock. That is enough: a transaction inserts its code before it publishes the account that
/// names the code's hash, and a reader learns the hash only through that publication.
class CodeStore {
public:
    void insert(const Hash256& hash, bytes_view code) {
        std::lock_guard lock{mutex_};
        codes_.try_emplace(hash, code);
        empty_.store(false, std::memory_order_release);
    }
    std::optional<bytes_view> find(const Hash256& hash) const {
        // Acquire: pairs with the release in insert() (most blocks deploy nothing).
        if (empty_.load(std::memory_order_acquire)) return std::nullopt;
        std::lock_guard lock{mutex_};
        const auto it = codes_.find(hash);
        if (it == codes_.end()) return std::nullopt;
        return bytes_view{it->second};
    }

private:
    mutable std::mutex mutex_;
    std::unordered_map<Hash256, bytes> codes_;
    std::atomic<bool> empty_{true};
};

class MvStateView final : public StateView {
public:
    MvStateView(const StateView& base, const MvMemory& memory, const CodeStore& codes, TxIdx tx)
        : base_{&base}, memory_{&memory}, codes_{&codes}, tx_{tx} {
        reads_.reads.reserve(16);  // a typical transaction's reads, in one allocation
    }

    std::optional<AccountInfo> account(const Address& addr) const override;
    uint256 storage(const Address& addr, const uint256& key) const override;
    /// Exact where the engine asks it (EIP-7610, for an address with no nonce and no code):
    /// storage of such an address can only have been wiped inside the block, never written.
    bool has_storage(const Address& addr) const override;
    bytes_view code(const Hash256& code_hash) const override;
    /// Recorded as a code-only read: credits to the account (a lazy transfer) do not void it.
    Hash256 code_hash(const Address& addr) const override;
    Hash256 block_hash(int64_t block_number) const override {
        return base_->block_hash(block_number);
    }

    /// The lower transaction whose ESTIMATE was read, if any.
    std::optional<TxIdx> blocked_on() const noexcept { return blocked_on_; }
    ReadSet take_reads() { return std::move(reads_); }

private:
    /// Reads `loc` through memory, records the read; nullopt when memory has no entry.
    std::optional<LocationValue> read(const Location& loc, std::optional<TxIdx>* writer) const;
    /// Whether `addr`'s storage was cleared inside the block below this transaction, and by
    /// which one. Read and recorded once per address per execution: every storage read of the
    /// account needs it, and one recorded read validates them all.
    std::optional<TxIdx> cleared_by(const Address& addr) const;

    struct ClearRead {
        Address address;
        std::optional<TxIdx> cleared_by;
    };

    const StateView* base_;
    const MvMemory* memory_;
    const CodeStore* codes_;
    TxIdx tx_;
    // Mutable: StateView reads are const, recording them is bookkeeping of this one execution.
    mutable std::optional<TxIdx> blocked_on_;
    mutable ReadSet reads_;
    mutable std::vector<ClearRead> clear_reads_;  // few accounts per transaction: a linear scan
};

}  // namespace parevm::parallel
