// SPDX-License-Identifier: Apache-2.0
// parevm: OrderedMap, the block overlay's map: lookups, insertion order, growth, clear.
#include <parevm/core/uint256.hpp>
#include <parevm/state/ordered_map.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <unordered_map>
#include <vector>

using namespace parevm;

namespace {

/// A hash that sends every key to one of two values: long probe runs, equal tags.
struct CollidingHash {
    size_t operator()(const uint256& k) const noexcept {
        return (k.w[0] & 1) * 0x1234567800000001ull;
    }
};

template <class Hash>
void check_against_reference(size_t n, uint64_t seed) {
    OrderedMap<uint256, uint256, Hash> map;
    std::unordered_map<uint256, uint256> reference;
    std::vector<uint256> first_seen;
    std::mt19937_64 rng{seed};
    for (size_t i = 0; i < 4 * n; ++i) {
        const uint256 key{rng() % n};
        const uint256 value{rng()};
        if (!reference.contains(key)) first_seen.push_back(key);
        map[key] = value;
        reference[key] = value;
        ASSERT_EQ(map.size(), reference.size());
    }
    for (uint64_t k = 0; k < n + 10; ++k) {
        const auto it = reference.find(uint256{k});
        const uint256* v = map.find(uint256{k});
        ASSERT_EQ(v != nullptr, it != reference.end()) << k;
        if (v != nullptr) {
            EXPECT_EQ(*v, it->second) << k;
        }
    }
    // Iteration follows the first insertion of each key.
    size_t i = 0;
    for (const auto& [key, value] : map) {
        ASSERT_LT(i, first_seen.size());
        EXPECT_EQ(key, first_seen[i++]);
        EXPECT_EQ(value, reference.at(key));
    }
    EXPECT_EQ(i, first_seen.size());
}

}  // namespace

TEST(OrderedMap, SmallMapsScanAndLargeOnesIndex) {
    for (size_t n : {1, 5, 8, 9, 17, 100, 5000}) check_against_reference<std::hash<uint256>>(n, n);
}

TEST(OrderedMap, CollidingHashesStillFindEveryKey) {
    for (size_t n : {9, 64, 700}) check_against_reference<CollidingHash>(n, 7 * n);
}

TEST(OrderedMap, ReservedRoomIndexesFromTheFirstEntry) {
    OrderedMap<uint256, uint256> map;
    map.reserve(100);
    for (uint64_t k = 0; k < 100; ++k) map[uint256{k}] = uint256{k + 1};
    for (uint64_t k = 0; k < 100; ++k) {
        ASSERT_NE(map.find(uint256{k}), nullptr) << k;
        EXPECT_EQ(*map.find(uint256{k}), uint256{k + 1});
    }
}

TEST(OrderedMap, ClearEmptiesAndTheMapFillsAgain) {
    OrderedMap<uint256, uint256> map;
    for (uint64_t k = 0; k < 50; ++k) map[uint256{k}] = uint256{k + 1};
    map.clear();
    EXPECT_TRUE(map.empty());
    EXPECT_EQ(map.find(uint256{3}), nullptr);
    map[uint256{7}] = uint256{1};
    map[uint256{3}] = uint256{2};
    ASSERT_EQ(map.size(), 2u);
    EXPECT_EQ(map.begin()->first, uint256{7});
    EXPECT_EQ(*map.find(uint256{3}), uint256{2});
    // A new key reads as a value-initialized one.
    EXPECT_EQ(map[uint256{99}], uint256{});
    EXPECT_EQ(map.size(), 3u);
}
