// SPDX-License-Identifier: Apache-2.0
// parevm: OrderedMap, a hash map without nodes that iterates in insertion order.
#pragma once

#include <bit>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace parevm {

/// A map whose keys are never erased one by one, only all at once (the block overlay's written
/// slots; InMemoryState's slot copies, where a deleted slot stays as a zero). Entries sit in
/// one vector in the order of their first insertion, which is also the order of iteration: the
/// same writes in the same order give the same order whichever executor folds them. An index
/// of 8-byte slots (open addressing, linear probing, at most half full) finds them once there
/// are more than `linear_max`; below that a scan is faster than hashing.
/// References to entries stay valid until the next insertion or clear().
template <class Key, class Value, class Hash = std::hash<Key>>
class OrderedMap {
public:
    using value_type = std::pair<Key, Value>;

    size_t size() const noexcept { return entries_.size(); }
    bool empty() const noexcept { return entries_.empty(); }
    auto begin() const noexcept { return entries_.begin(); }
    auto end() const noexcept { return entries_.end(); }

    const Value* find(const Key& key) const noexcept {
        const size_t at = position(key, Hash{}(key));
        return at == npos ? nullptr : &entries_[at].second;
    }
    Value* find(const Key& key) noexcept {
        return const_cast<Value*>(std::as_const(*this).find(key));
    }

    /// The value of `key`, value-initialized when the key is new.
    Value& operator[](const Key& key) {
        const size_t hash = Hash{}(key);
        if (const size_t at = position(key, hash); at != npos) return entries_[at].second;
        entries_.emplace_back(key, Value{});
        if (2 * entries_.size() > index_.size()) {
            if (entries_.size() > linear_max) rebuild();
        } else {
            place(hash, entries_.size() - 1);
        }
        return entries_.back().second;
    }

    /// Room for `n` entries without growing.
    void reserve(size_t n) {
        entries_.reserve(n);
        if (n > linear_max && 2 * n > index_.size()) {
            index_.assign(std::bit_ceil(4 * n), Slot{});
            for (size_t i = 0; i < entries_.size(); ++i) place(Hash{}(entries_[i].first), i);
        }
    }

    void clear() noexcept {
        entries_.clear();
        index_.clear();
    }

private:
    static constexpr size_t linear_max = 8;
    static constexpr size_t npos = ~size_t{0};
    struct Slot {
        uint32_t tag = 0;    // the hash's upper half, to skip most other entries unread
        uint32_t entry = 0;  // 1 + the entry's position; 0: empty
    };

    static uint32_t tag_of(size_t hash) noexcept { return static_cast<uint32_t>(hash >> 32); }

    size_t position(const Key& key, size_t hash) const noexcept {
        if (index_.empty()) {
            for (size_t i = 0; i < entries_.size(); ++i)
                if (entries_[i].first == key) return i;
            return npos;
        }
        const size_t mask = index_.size() - 1;
        for (size_t at = hash & mask;; at = (at + 1) & mask) {
            const Slot s = index_[at];
            if (s.entry == 0) return npos;
            if (s.tag == tag_of(hash) && entries_[s.entry - 1].first == key) return s.entry - 1;
        }
    }

    void place(size_t hash, size_t entry) noexcept {
        const size_t mask = index_.size() - 1;
        size_t at = hash & mask;
        while (index_[at].entry != 0) at = (at + 1) & mask;
        index_[at] = {tag_of(hash), static_cast<uint32_t>(entry + 1)};
    }

    void rebuild() { reserve(entries_.size()); }

    std::vector<value_type> entries_;
    std::vector<Slot> index_;  // empty while the map has held linear_max entries or fewer
};

}  // namespace parevm
