// SPDX-License-Identifier: Apache-2.0
// BlockOverlay: folding write sets one set of shards at a time, concurrently (as the parallel
// executor's finalization does), gives the same state and diff as folding them in order,
// including deletions, storage wipes, re-creations and credits; the shards' diffs in shard
// order are the whole diff; room reserved ahead changes nothing.
#include "../common/state_diff_checks.hpp"

#include <parevm/crypto/keccak.hpp>
#include <parevm/state/block_overlay.hpp>
#include <parevm/state/in_memory_state.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <vector>

using namespace parevm;

namespace {

/// Addresses spread over the shards (the first byte varies), a few sharing one.
Address addr(uint64_t i) {
    Address a = address_from_u64(0x1000 + i);
    a.bytes[0] = static_cast<uint8_t>((i * 37) % 11);
    return a;
}

/// A pre-state where half the accounts exist, with a few slots.
InMemoryState make_pre(size_t accounts) {
    InMemoryState pre;
    for (size_t i = 0; i < accounts; i += 2)
        pre.set_account(addr(i), i, uint256{1000 + i}, {},
                        {{uint256{1}, uint256{i + 1}}, {uint256{2}, uint256{7}}});
    return pre;
}

/// Random write sets over `accounts` addresses: info changes, slot writes (zero included),
/// storage wipes, deletions, deployed code and lazy credits.
std::vector<WriteSet> make_writes(uint64_t seed, size_t count, size_t accounts) {
    std::mt19937_64 rng{seed};
    std::vector<WriteSet> out(count);
    for (WriteSet& ws : out) {
        std::vector<Address> used;
        const size_t diffs = 1 + rng() % 4;
        for (size_t d = 0; d < diffs; ++d) {
            const Address a = addr(rng() % accounts);
            if (std::find(used.begin(), used.end(), a) != used.end()) continue;
            used.push_back(a);
            AccountDiff diff;
            diff.address = a;
            const uint64_t kind = rng() % 10;
            if (kind == 0) {
                diff.deleted = true;
            } else {
                if (kind == 1) diff.storage_cleared = true;
                if (rng() % 2) {
                    AccountInfo info;
                    info.nonce = rng() % 5;
                    info.balance = uint256{rng() % 100};
                    if (kind == 2) {
                        diff.code = bytes{0x60, static_cast<uint8_t>(rng()), 0x00};
                        info.code_hash = keccak256(*diff.code);
                    }
                    diff.info = info;
                }
                for (size_t s = rng() % 3; s > 0; --s)
                    diff.storage.emplace_back(uint256{rng() % 4}, uint256{rng() % 3});
            }
            ws.accounts.push_back(std::move(diff));
        }
        for (size_t c = rng() % 2; c > 0; --c) {
            const Address a = addr(rng() % accounts);
            if (std::find(used.begin(), used.end(), a) != used.end()) continue;
            used.push_back(a);
            ws.balance_deltas.push_back({a, uint256{rng() % 50}, rng() % 2 == 0});
        }
    }
    return out;
}

void expect_same(const StateDiff& a, const StateDiff& b, const std::string& what) {
    test::expect_same_diff(a, b, what);
}

/// The accounts of `a` and `b` read the same, and so do their first slots, every `step`-th
/// address of the first `accounts`.
void expect_same_reads(const BlockOverlay& a,
                       const BlockOverlay& b,
                       size_t accounts,
                       const std::string& what,
                       size_t step = 1) {
    for (size_t i = 0; i < accounts; i += step) {
        EXPECT_EQ(a.account(addr(i)), b.account(addr(i))) << what;
        for (uint64_t k = 0; k < 4; ++k)
            EXPECT_EQ(a.storage(addr(i), uint256{k}), b.storage(addr(i), uint256{k})) << what;
    }
}

/// Calls f(seed, pre, writes) for seeds 1 to 300: make_pre(accounts) and 40 random write sets
/// over its accounts; stops after the first seed with a failure.
template <class F>
void for_random_writes(size_t accounts, F&& f) {
    const InMemoryState pre = make_pre(accounts);
    for (uint64_t seed = 1; seed <= 300; ++seed) {
        f(seed, pre, make_writes(seed, 40, accounts));
        if (::testing::Test::HasFailure()) return;
    }
}

}  // namespace

TEST(BlockOverlay, PartitionedFoldEqualsInOrderFold) {
    constexpr size_t accounts = 24;
    for_random_writes(accounts, [&](uint64_t seed, const InMemoryState& pre,
                                    const std::vector<WriteSet>& writes) {
        // A first layer of writes already in the overlay (the pre-block system calls).
        BlockOverlay in_order(pre), partitioned(pre);
        in_order.apply(writes[0]);
        partitioned.apply(writes[0]);
        for (size_t i = 1; i < writes.size(); ++i) in_order.apply(writes[i]);

        const unsigned parts = 1 + seed % 4;
        // Worker p folds the accounts of the shards s with s % parts == p, as the parallel
        // executor deals them out.
        std::vector<std::thread> workers;
        for (unsigned p = 0; p < parts; ++p)
            workers.emplace_back([&writes, &partitioned, p, parts] {
                const auto mine = [p, parts](const Address& a) {
                    return BlockOverlay::shard_of(a) % parts == p;
                };
                for (size_t i = 1; i < writes.size(); ++i) {
                    for (const AccountDiff& d : writes[i].accounts)
                        if (mine(d.address)) partitioned.apply(d);
                    for (const BalanceDelta& c : writes[i].balance_deltas)
                        if (mine(c.address)) partitioned.apply(c);
                }
            });
        for (std::thread& t : workers) t.join();

        const std::string what = "seed " + std::to_string(seed);
        const StateDiff expected = in_order.diff();
        expect_same(expected, partitioned.diff(), what);
        // The shards' diffs, in shard order, are the whole diff.
        StateDiff by_shard;
        for (unsigned s = 0; s < BlockOverlay::shard_count; ++s)
            partitioned.diff_shard(s, by_shard.accounts);
        EXPECT_TRUE(std::is_sorted(
            by_shard.accounts.begin(), by_shard.accounts.end(),
            [](const AccountDiff& a, const AccountDiff& b) { return a.address < b.address; }))
            << what;
        expect_same(expected, by_shard, what);
        expect_same_reads(in_order, partitioned, accounts, what);
    });
}

TEST(BlockOverlay, DeferredStorageDiffedInRangesEqualsTheWholeDiff) {
    // Every account's storage deferred (threshold 0), then compared in two or three ranges
    // and put back: the diff equals diff(), accounts whose writes changed nothing dropped.
    constexpr size_t accounts = 24;
    const InMemoryState pre = make_pre(accounts);
    for (uint64_t seed = 1; seed <= 200; ++seed) {
        const std::vector<WriteSet> writes = make_writes(seed, 30, accounts);
        BlockOverlay overlay(pre);
        for (const WriteSet& ws : writes) overlay.apply(ws);
        StateDiff split;
        for (unsigned s = 0; s < BlockOverlay::shard_count; ++s) {
            std::vector<AccountDiff> part;
            std::vector<size_t> deferred;
            overlay.diff_shard(s, part, 0, &deferred);
            for (size_t i : deferred) {
                AccountDiff& d = part[i];
                const auto slots = overlay.written_slots(d.address);
                const size_t ranges = 2 + seed % 2;
                for (size_t r = 0; r < ranges; ++r)
                    overlay.diff_slots(d.address, d.storage_cleared,
                                       std::span{slots.data() + slots.size() * r / ranges,
                                                 slots.data() + slots.size() * (r + 1) / ranges},
                                       d.storage);
            }
            std::erase_if(part, [](const AccountDiff& d) { return d.changes_nothing(); });
            for (AccountDiff& d : part) split.accounts.push_back(std::move(d));
        }
        const StateDiff whole = overlay.diff();
        const std::string what = "seed " + std::to_string(seed);
        expect_same(whole, split, what);
        for (size_t i = 0; i < whole.accounts.size() && i < split.accounts.size(); ++i)
            EXPECT_EQ(whole.accounts[i].storage, split.accounts[i].storage) << what;  // order too
        if (::testing::Test::HasFailure()) return;
    }
}

TEST(BlockOverlay, ReservedOverlayHoldsTheSameState) {
    // Room reserved for fewer accounts than the writes touch (the shards grow past it) and for
    // more: the state read and the diff are those of an overlay that grew step by step.
    constexpr size_t accounts = 3000;  // over 11 shards: about 270 each
    const InMemoryState pre = make_pre(accounts);
    const std::vector<WriteSet> writes = make_writes(7, 4000, accounts);
    for (const size_t reserved : {size_t{2000}, size_t{200'000}}) {
        BlockOverlay grown(pre), reserved_overlay(pre);
        reserved_overlay.reserve(reserved);
        for (const WriteSet& ws : writes) {
            grown.apply(ws);
            reserved_overlay.apply(ws);
        }
        const std::string what = "reserved " + std::to_string(reserved);
        const StateDiff expected = grown.diff();
        EXPECT_GT(expected.accounts.size(), accounts / 2) << what;
        expect_same(expected, reserved_overlay.diff(), what);
        expect_same_reads(grown, reserved_overlay, accounts, what, 7);
    }
}

TEST(BlockOverlay, ACreditOrADebitIsTheAccountItMakesOfTheValueBefore) {
    // apply(credit) against its definition: the value account() reads before, plus the amount,
    // written as a whole account (deleted when a credit leaves an empty account that asked to
    // be cleared; nothing when there was no account and none results). apply(debit) likewise:
    // apply_debit of the value before (one debit after each write set, some on absent accounts,
    // some taking more than the balance).
    constexpr size_t accounts = 24;
    for_random_writes(accounts, [&](uint64_t seed, const InMemoryState& pre,
                                    const std::vector<WriteSet>& writes) {
        BlockOverlay overlay(pre), reference(pre);
        for (size_t w = 0; w < writes.size(); ++w) {
            const WriteSet& ws = writes[w];
            for (const AccountDiff& d : ws.accounts) {
                overlay.apply(d);
                reference.apply(d);
            }
            for (const BalanceDelta& c : ws.balance_deltas) {
                overlay.apply(c);
                const std::optional<AccountInfo> before = reference.account(c.address);
                const std::optional<AccountInfo> after =
                    apply_balance_delta(before, c.amount, c.clear_if_empty);
                if (!before && !after) continue;
                AccountDiff d;
                d.address = c.address;
                d.deleted = !after.has_value();
                d.info = after;
                reference.apply(d);
            }
            SenderDebit debit;
            debit.address = addr((seed + 7 * w) % (accounts + 2));  // past make_pre's: absent
            debit.amount = uint256{(seed * 31 + w) % 5000};
            overlay.apply(debit);
            AccountDiff d;
            d.address = debit.address;
            d.info = apply_debit(reference.account(debit.address), debit);
            reference.apply(d);
        }
        const std::string what = "seed " + std::to_string(seed);
        expect_same(reference.diff(), overlay.diff(), what);
        expect_same_reads(reference, overlay, accounts + 2, what);
    });
}
