// SPDX-License-Identifier: Apache-2.0
// parallel_diff: the state diff computed by 2-4 workers equals BlockOverlay::diff() element for
// element (slot order included), with accounts written back to their values before the block
// (no diff: gaps in the room made for the shards), large accounts whose slots the workers
// compare in ranges (some changed, some all restored: then dropped), and `then` run once per
// worker after the diff.
#include "../common/state_diff_checks.hpp"

#include <parevm/parallel/execute_block_parallel.hpp>
#include <parevm/parallel/parallel_diff.hpp>
#include <parevm/state/block_overlay.hpp>
#include <parevm/state/in_memory_state.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <string>
#include <vector>

using namespace parevm;

namespace {

Address account(uint64_t i) {
    Address a = address_from_u64(0x5000 + i);
    a.bytes[0] = static_cast<uint8_t>(i * 53);  // spread over the shards
    return a;
}

constexpr uint64_t plain_accounts = 2000;
constexpr uint64_t big_slots = parallel::diff_split_slots * 3;

/// Accounts 0 .. plain_accounts - 1 (every third absent) with two slots; accounts
/// plain_accounts and plain_accounts + 1 with big_slots slots each.
InMemoryState make_pre() {
    InMemoryState pre;
    for (uint64_t i = 0; i < plain_accounts; ++i)
        if (i % 3 != 0)
            pre.set_account(account(i), i, uint256{100 + i}, {},
                            {{uint256{1}, uint256{i}}, {uint256{2}, uint256{5}}});
    for (uint64_t b = 0; b < 2; ++b) {
        std::vector<std::pair<uint256, uint256>> slots;
        for (uint64_t k = 0; k < big_slots; ++k) slots.emplace_back(uint256{k}, uint256{k + 1});
        pre.set_account(account(plain_accounts + b), 1, uint256{1}, {}, slots);
    }
    return pre;
}

/// Random writes: new values, values written back (the account or slot then has no diff),
/// deletions; the first big account gets a few changed slots among many restored ones, the
/// second only restored ones.
void fill(BlockOverlay& overlay, const InMemoryState& pre, uint64_t seed) {
    std::mt19937_64 rng{seed};
    for (uint64_t i = 0; i < plain_accounts; ++i) {
        if (rng() % 4 == 0) continue;  // untouched
        AccountDiff d;
        d.address = account(i);
        const uint64_t kind = rng() % 8;
        if (kind == 0 && i % 3 != 0) {
            d.deleted = true;
        } else if (kind == 1 && i % 3 != 0) {
            d.info = pre.account(d.address);  // written back: no diff
            d.storage.emplace_back(uint256{1}, uint256{i});
        } else {
            AccountInfo info;
            info.nonce = i + 1;
            info.balance = uint256{rng() % 1000};
            d.info = info;
            if (kind == 2) d.storage.emplace_back(uint256{2}, uint256{rng() % 3});
        }
        overlay.apply(d);
    }
    for (uint64_t b = 0; b < 2; ++b) {
        AccountDiff d;
        d.address = account(plain_accounts + b);
        for (uint64_t k = 0; k < big_slots; ++k) {
            const bool change = b == 0 && rng() % 50 == 0;
            d.storage.emplace_back(uint256{k}, uint256{change ? k + 7 : k + 1});
        }
        overlay.apply(d);
    }
}

}  // namespace

TEST(ParallelDiff, EqualsTheSequentialDiffWithGapsAndLargeAccounts) {
    const InMemoryState pre = make_pre();
    for (uint64_t seed = 1; seed <= 12; ++seed) {
        BlockOverlay overlay(pre);
        fill(overlay, pre, seed);
        const StateDiff expected = overlay.diff();
        // The cases the test is about are there.
        size_t held = 0;
        for (unsigned s = 0; s < BlockOverlay::shard_count; ++s) held += overlay.shard_size(s);
        ASSERT_LT(expected.accounts.size() + 50, held);  // gaps
        bool big_kept = false, big_dropped = true;
        for (const AccountDiff& d : expected.accounts) {
            if (d.address == account(plain_accounts)) big_kept = !d.storage.empty();
            if (d.address == account(plain_accounts + 1)) big_dropped = false;
        }
        ASSERT_TRUE(big_kept && big_dropped);
        for (unsigned threads : {2u, 3u, 4u}) {
            const std::string what =
                "seed " + std::to_string(seed) + " threads " + std::to_string(threads);
            std::vector<std::atomic<int>> then_calls(threads);
            const StateDiff got = parallel::parallel_diff(
                overlay, threads, [&](unsigned k) { then_calls[k].fetch_add(1); });
            test::expect_same_diff(expected, got, what, test::SlotOrder::same);
            for (unsigned k = 0; k < threads; ++k) EXPECT_EQ(then_calls[k].load(), 1) << what;
            if (::testing::Test::HasFailure()) return;
        }
    }
}
