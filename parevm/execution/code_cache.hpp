// SPDX-License-Identifier: Apache-2.0
// parevm: a thread-safe cache of code analyses keyed by code hash.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/evm/interpreter.hpp>

#include <memory>
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

}  // namespace parevm
