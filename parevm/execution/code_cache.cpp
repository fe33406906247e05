// SPDX-License-Identifier: Apache-2.0
// parevm: caches of code analyses keyed by code hash: process-wide, and per block.
#include <parevm/execution/code_cache.hpp>

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

const CodeAnalysis& BlockCodeCache::insert(const Hash256& code_hash, bytes_view code) {
    std::lock_guard lock{mutex_};
    // Another worker may have inserted it since find().
    if (const CodeAnalysis* a = find(code_hash)) return *a;
    if (const auto it = overflow_.find(code_hash); it != overflow_.end()) return *it->second;
    const Node& node = nodes_.emplace_back(Node{code_hash, shared_->get(code_hash, code)});
    if (2 * (indexed_ + 1) > capacity) {
        overflow_.emplace(code_hash, node.analysis.get());
        return *node.analysis;
    }
    size_t i = slot_of(code_hash);
    // Relaxed: slots are written only here, under mutex_, which this thread holds.
    while (index_[i].load(std::memory_order_relaxed) != nullptr) i = (i + 1) & (capacity - 1);
    // Release: the Node is complete before a lookup can see it (see find()).
    index_[i].store(&node, std::memory_order_release);
    ++indexed_;
    return *node.analysis;
}

}  // namespace parevm
