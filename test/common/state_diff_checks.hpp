// SPDX-License-Identifier: Apache-2.0
// Test helpers: compare two state diffs account by account, failing the current test.
#pragma once

#include <parevm/state/state_diff.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace parevm::test {

/// Whether the slots are compared in order (the order of their first write in the block) or
/// as sets.
enum class SlotOrder { same, any };

/// Asserts that `a` and `b` list the same accounts in the same order with the same changes.
inline void expect_same_diff(const StateDiff& a,
                             const StateDiff& b,
                             const std::string& what,
                             SlotOrder order = SlotOrder::any) {
    ASSERT_EQ(a.accounts.size(), b.accounts.size()) << what;
    for (size_t i = 0; i < a.accounts.size(); ++i) {
        const AccountDiff& x = a.accounts[i];
        const AccountDiff& y = b.accounts[i];
        ASSERT_EQ(x.address, y.address) << what;
        EXPECT_EQ(x.deleted, y.deleted) << what;
        EXPECT_EQ(x.storage_cleared, y.storage_cleared) << what;
        EXPECT_EQ(x.info, y.info) << what;
        EXPECT_EQ(x.code, y.code) << what;
        auto xs = x.storage, ys = y.storage;
        if (order == SlotOrder::any) {
            std::sort(xs.begin(), xs.end());
            std::sort(ys.begin(), ys.end());
        }
        EXPECT_EQ(xs, ys) << what;
    }
}

}  // namespace parevm::test
