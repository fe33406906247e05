// SPDX-License-Identifier: Apache-2.0
// KeySet, the chunked executor's set of written keys: a read conflicts with a write of the same
// location unless both are partial (a code-hash read against a lazy credit); the set answers the
// same after growing step by step, after room made beforehand, and after room made once keys
// are in it.
#include <parevm/parallel/chunk_keys.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace parevm;
using namespace parevm::parallel;
using chunks::key_of;
using chunks::KeySet;

namespace {

Location slot(uint64_t i) {
    return Location::storage(address_from_u64(0x77), uint256{i});
}

}  // namespace

TEST(KeySet, FullAndPartialAccesses) {
    KeySet set;
    const Location credited = Location::basic(address_from_u64(1));
    const Location written = Location::basic(address_from_u64(2));
    set.add(key_of(credited, /*full=*/false));
    set.add(key_of(written, /*full=*/true));
    EXPECT_TRUE(set.conflicts(key_of(credited, true)));    // a full read of a credited account
    EXPECT_FALSE(set.conflicts(key_of(credited, false)));  // its code hash alone
    EXPECT_TRUE(set.conflicts(key_of(written, false)));
    EXPECT_FALSE(set.conflicts(key_of(Location::basic(address_from_u64(3)), true)));
    set.add(key_of(credited, true));  // a later full write of it
    EXPECT_TRUE(set.conflicts(key_of(credited, false)));
}

TEST(KeySet, SameAnswersWhateverTheRoom) {
    constexpr uint64_t count = 5000;
    for (const int room : {0, 1, 2}) {  // none, made before, made after half the keys
        KeySet set;
        if (room == 1) set.reserve(count);
        for (uint64_t i = 0; i < count; ++i) {
            if (room == 2 && i == count / 2) set.reserve(4 * count);
            set.add(key_of(slot(2 * i), i % 3 != 0));
        }
        const std::string what = "room " + std::to_string(room);
        for (uint64_t i = 0; i < count; ++i) {
            EXPECT_TRUE(set.conflicts(key_of(slot(2 * i), true))) << what << " key " << i;
            EXPECT_EQ(set.conflicts(key_of(slot(2 * i), false)), i % 3 != 0) << what;
            EXPECT_FALSE(set.conflicts(key_of(slot(2 * i + 1), true))) << what << " key " << i;
        }
    }
}
