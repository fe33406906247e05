// SPDX-License-Identifier: Apache-2.0
// parevm: caches of code analyses keyed by code hash: process-wide, and per block.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/evm/interpreter.hpp>

#include <array>
#include <atomic>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace parevm {

/// Code is immutable per hash, so one analysis (padded code + JUMPDEST map) serves every
/// transaction and every thread of a block. Readers share a lock; a miss analyses outside the
/// lock and the first insert wins. Bounded: past `max_entries` the cache starts over (analyses
/// in use stay alive through their shared_ptr).
class CodeCache {
public:
    static constexpr size_t max_entries = 1 << 16;
    /// The analysis of `code`, whose keccak256 is `code_hash`.
    std::shared_ptr<const CodeAnalysis> get(const Hash256& code_hash, bytes_view code);

private:
    std::shared_mutex mutex_;
    std::unordered_map<Hash256, std::shared_ptr<const CodeAnalysis>> map_;
};

/// The process-wide cache. Code is immutable per hash, so analyses stay valid across blocks
/// and executors; every executor may share it.
CodeCache& shared_code_cache();

/// The analyses one block's executions use, in front of a CodeCache. A hit is a few plain
/// loads: no lock and no reference count is written, so workers running the same contract do
/// not pass cache lines back and forth (a shared lock and a shared_ptr copy cost four such
/// writes per call). Analyses stay alive, and references to them valid, as long as this object.
///
/// Invariant: a slot of `index_` goes once from null to a Node that is complete before the
/// store (release) that publishes it, and never changes again; the Node lives in `nodes_`
/// until this object dies. Inserts are serialized by `mutex_`; lookups take no lock.
class BlockCodeCache {
public:
    explicit BlockCodeCache(CodeCache& shared) noexcept : shared_(&shared) {}
    BlockCodeCache(const BlockCodeCache&) = delete;
    BlockCodeCache& operator=(const BlockCodeCache&) = delete;

    /// The analysis of the code whose keccak256 is `code_hash`; `code()` returns that code and
    /// is called only when this block has not seen the hash yet.
    template <class CodeFn>
    const CodeAnalysis& get(const Hash256& code_hash, CodeFn&& code) {
        if (const CodeAnalysis* a = find(code_hash)) return *a;
        return insert(code_hash, code());
    }

private:
    struct Node {
        Hash256 hash;
        std::shared_ptr<const CodeAnalysis> analysis;
    };
    static constexpr size_t capacity = 512;  // slots; filled at most half (then: overflow_)

    static size_t slot_of(const Hash256& h) noexcept {
        uint64_t v;
        std::memcpy(&v, h.bytes.data(), sizeof v);  // a keccak256: uniformly distributed
        return static_cast<size_t>(v) & (capacity - 1);
    }
    const CodeAnalysis* find(const Hash256& code_hash) const noexcept {
        for (size_t i = slot_of(code_hash);; i = (i + 1) & (capacity - 1)) {
            // Acquire: pairs with the release store in insert(); the Node is complete.
            const Node* n = index_[i].load(std::memory_order_acquire);
            if (n == nullptr) return nullptr;
            if (n->hash == code_hash) return n->analysis.get();
        }
    }
    const CodeAnalysis& insert(const Hash256& code_hash, bytes_view code);

    CodeCache* shared_;
    std::array<std::atomic<const Node*>, capacity> index_{};
    std::mutex mutex_;
    std::deque<Node> nodes_;  // stable addresses
    size_t indexed_ = 0;
    std::unordered_map<Hash256, const CodeAnalysis*> overflow_;  // past half the capacity
};

}  // namespace parevm
