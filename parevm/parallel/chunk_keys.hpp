// SPDX-License-Identifier: Apache-2.0
// parevm: the chunked executor's record of reads and writes: locations as 64-bit keys, sets of
// written keys (one worker's; and the probe's, shared), and the view that records the keys a
// speculated transaction reads.
#pragma once

#include <parevm/parallel/location.hpp>
#include <parevm/parallel/mv_memory.hpp>
#include <parevm/state/block_overlay.hpp>

#include <atomic>
#include <bit>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace parevm::parallel::chunks {

/// A location as a 64-bit key: its hash with bit 1 set (no key is 0) and bit 0 the flag of a
/// full access. A read is full unless it asked for the code hash alone; a write is full unless
/// it is a lazy balance credit. Two locations whose hashes agree above bit 1 share a key: a
/// false conflict, which only costs a re-execution.
inline uint64_t key_of(const Location& l, bool full) noexcept {
    return (l.hash & ~uint64_t{3}) | 2 | (full ? 1 : 0);
}

/// Calls f(key) for every write of `ws`: a lazy credit or a sender debit is not a full write
/// (neither changes the code, which is all a code-hash read depends on); a storage wipe
/// changes every slot's value, and readers of a slot always read the account first
/// (State::load), so the wipe is keyed on the account.
template <class F>
void for_each_write_key(const WriteSet& ws, F&& f) {
    for_each_write(ws, [&f](const WriteRef& w) {
        if (w.kind == WriteRef::Kind::storage_clear)
            f(key_of(Location::basic(w.location.address), true));
        else
            f(key_of(w.location, w.kind != WriteRef::Kind::credit));
    });
    for (const SenderDebit& d : ws.debits) f(key_of(Location::basic(d.address), false));
}

/// Whether a read of `key` may have seen another value than a set's `entry` for the same
/// location leaves: the read or a write of it full (a lazy credit leaves the code unchanged).
inline bool conflicting(uint64_t entry, uint64_t key) noexcept {
    return ((entry | key) & 1) != 0;
}

/// Whether two keys name the same location (whatever their full flags).
inline bool same_location(uint64_t a, uint64_t b) noexcept {
    return (a | 1) == (b | 1);
}

/// The written keys a chunk's (or piece's) KeySet makes room for per transaction before it
/// starts: a plain transfer writes 3, an ERC-20 transfer 4. Growing the set step by step made
/// adding a plain transfer's keys cost 6.7-11% of its direct execution instead of 3%
/// (speculation_bench, eth_transfer).
inline constexpr size_t written_keys_per_tx = 4;

/// The keys written by some transactions: open addressing with linear probing, at most half
/// full, 0 marking an empty slot. An entry holds a key with the full flag set when any write of
/// the location was full. Used by one thread at a time (see Chunk).
class KeySet {
public:
    void add(uint64_t key) {
        if (2 * (size_ + 1) > slots_.size()) grow();
        const size_t mask = slots_.size() - 1;
        size_t i = static_cast<size_t>(key >> 2) & mask;
        for (; slots_[i] != 0; i = (i + 1) & mask)
            if (same_location(slots_[i], key)) {
                slots_[i] |= key & 1;
                return;
            }
        slots_[i] = key;
        ++size_;
    }

    /// Whether a read of `key` may have seen another value than these writes leave.
    bool conflicts(uint64_t key) const noexcept {
        if (size_ == 0) return false;
        const size_t mask = slots_.size() - 1;
        for (size_t i = static_cast<size_t>(key >> 2) & mask; slots_[i] != 0; i = (i + 1) & mask)
            if (same_location(slots_[i], key)) return conflicting(slots_[i], key);
        return false;
    }

    void add_writes(const WriteSet& ws) {
        for_each_write_key(ws, [this](uint64_t key) { add(key); });
    }

    /// Room for `keys` keys without growing.
    void reserve(size_t keys) {
        if (2 * keys > slots_.size()) rehash(std::bit_ceil(2 * keys));
    }

private:
    void grow() { rehash(2 * slots_.size()); }
    /// The keys again, in `slots` slots (a power of two, 64 at least).
    void rehash(size_t slots) {
        std::vector<uint64_t> old = std::move(slots_);
        slots_.assign(std::max<size_t>(64, slots), 0);
        size_ = 0;
        for (uint64_t k : old)
            if (k != 0) add(k);
    }

    std::vector<uint64_t> slots_;
    size_t size_ = 0;
};

/// The keys written by the first transactions of the first chunk, added by its worker while the
/// second chunk's worker looks them up (the contention probe). Fixed capacity; a slot only goes
/// from 0 to a key. Relaxed atomics: a lookup that misses a key being added only misjudges the
/// contention, which decides how fast the block runs, never its result.
class ProbeSet {
public:
    static constexpr size_t capacity = 4096;
    ProbeSet() : slots_{std::make_unique<std::atomic<uint64_t>[]>(capacity)} {}

    /// By the first chunk's worker only; stops adding when half full.
    void add(uint64_t key) noexcept {
        if (2 * (added_ + 1) > capacity) return;
        for (size_t i = static_cast<size_t>(key >> 2) & (capacity - 1);;
             i = (i + 1) & (capacity - 1)) {
            uint64_t seen = slots_[i].load(std::memory_order_relaxed);
            if (seen == 0 &&
                slots_[i].compare_exchange_strong(seen, key, std::memory_order_relaxed)) {
                ++added_;
                return;
            }
            if (same_location(seen, key)) {
                if ((key & 1) != 0) slots_[i].fetch_or(1, std::memory_order_relaxed);
                return;
            }
        }
    }
    void add_writes(const WriteSet& ws) {
        for_each_write_key(ws, [this](uint64_t key) { add(key); });
    }
    /// As KeySet::conflicts.
    bool conflicts(uint64_t key) const noexcept {
        for (size_t i = static_cast<size_t>(key >> 2) & (capacity - 1);;
             i = (i + 1) & (capacity - 1)) {
            const uint64_t seen = slots_[i].load(std::memory_order_relaxed);
            if (seen == 0) return false;
            if (same_location(seen, key)) return conflicting(seen, key);
        }
    }

private:
    std::unique_ptr<std::atomic<uint64_t>[]> slots_;
    size_t added_ = 0;  // by the adding worker only
};

/// The view of a speculative transaction: its chunk's overlay (the base state plus the chunk's
/// earlier writes), recording the key of every location read.
class RecordingView final : public StateView {
public:
    RecordingView(const BlockOverlay& spec, std::vector<uint64_t>& reads) noexcept
        : spec_{&spec}, reads_{&reads} {}

    std::optional<AccountInfo> account(const Address& addr) const override {
        reads_->push_back(key_of(Location::basic(addr), true));
        return spec_->account(addr);
    }
    uint256 storage(const Address& addr, const uint256& key) const override {
        reads_->push_back(key_of(Location::storage(addr, key), true));
        return spec_->storage(addr, key);
    }
    /// Depends on every slot of the account: not recorded, the transaction is executed again
    /// at its commit instead (EIP-7610 asks it only for a CREATE to an address without nonce
    /// and code).
    bool has_storage(const Address& addr) const override {
        unchecked_ = true;
        return spec_->has_storage(addr);
    }
    bytes_view code(const Hash256& code_hash) const override { return spec_->code(code_hash); }
    Hash256 block_hash(int64_t number) const override { return spec_->block_hash(number); }
    Hash256 code_hash(const Address& addr) const override {
        reads_->push_back(key_of(Location::basic(addr), false));
        const std::optional<AccountInfo> a = spec_->account(addr);
        return a ? a->code_hash : empty_code_hash;
    }

    bool unchecked() const noexcept { return unchecked_; }

private:
    const BlockOverlay* spec_;
    std::vector<uint64_t>* reads_;
    mutable bool unchecked_ = false;
};

}  // namespace parevm::parallel::chunks
