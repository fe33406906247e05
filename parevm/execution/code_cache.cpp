// SPDX-License-Identifier: Apache-2.0
// parevm: a thread-safe cache of code analyses keyed by code hash.
#include <parevm/execution/code_cache.hpp>

#include <mutex>

namespace parevm {

std::shared_ptr<const CodeAnalysis> CodeCache::get(const Hash256& code_hash, bytes_view code) {
    {
        std::shared_lock lock(mutex_);
        if (const auto it = map_.find(code_hash); it != map_.end()) return it->second;
    }
    auto analysis = analyze(code);
    std::unique_lock lock(mutex_);
    if (map_.size() >= max_entries) map_.clear();
    return map_.try_emplace(code_hash, std::move(analysis)).first->second;
}

CodeCache& shared_code_cache() {
    static CodeCache cache;
    return cache;
}

}  // namespace parevm
