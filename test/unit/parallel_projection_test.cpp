// SPDX-License-Identifier: Apache-2.0
// Tests of the Block-STM scaling projection (discrete-event simulation over the real scheduler).
#include <parevm/parallel/projection.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

using namespace parevm;
using namespace parevm::parallel;

namespace {

Location loc(uint8_t n) {
    Address a{};
    a.bytes[19] = n;
    return Location::basic(a);
}

Location slot(uint8_t account, uint64_t key) {
    Address a{};
    a.bytes[19] = account;
    return Location::storage(a, uint256{key});
}

TxProfile tx(uint64_t exec_ns, std::vector<Location> reads, std::vector<Location> writes) {
    TxProfile t;
    t.exec_ns = exec_ns;
    t.reads = std::move(reads);
    t.writes = std::move(writes);
    return t;
}

/// No bookkeeping costs: the makespan is made of transaction times only.
ProjectionCosts free_costs() {
    ProjectionCosts c;
    c.exec_overhead_ns = 0;
    c.validation_base_ns = 0;
    c.validation_per_read_ns = 0;
    c.dependency_ns = 0;
    c.poll_ns = 0;
    return c;
}

/// Transactions each reading and writing their own storage slot.
std::vector<TxProfile> independent(size_t n, uint64_t exec_ns) {
    std::vector<TxProfile> txs;
    for (size_t i = 0; i < n; ++i) {
        const Location own = slot(1, i);
        txs.push_back(tx(exec_ns, {own}, {own}));
    }
    return txs;
}

/// Every transaction reads and writes the same location: a chain of true dependencies.
std::vector<TxProfile> chain(size_t n, uint64_t exec_ns) {
    std::vector<TxProfile> txs;
    for (size_t i = 0; i < n; ++i) txs.push_back(tx(exec_ns, {loc(7)}, {loc(7)}));
    return txs;
}

/// A seeded mix: most transactions touch their own slot, some a few hot locations.
std::vector<TxProfile> random_block(size_t n, uint64_t seed) {
    std::mt19937_64 rng{seed};
    std::vector<TxProfile> txs;
    for (size_t i = 0; i < n; ++i) {
        const uint64_t exec = 2000 + rng() % 50000;
        std::vector<Location> reads{slot(2, i)}, writes{slot(2, i)};
        if (rng() % 4 == 0) {
            const Location hot = loc(static_cast<uint8_t>(rng() % 3));
            reads.push_back(hot);
            writes.push_back(hot);
        }
        if (rng() % 5 == 0) reads.push_back(loc(static_cast<uint8_t>(10 + rng() % 3)));
        txs.push_back(tx(exec, std::move(reads), std::move(writes)));
    }
    return txs;
}

}  // namespace

TEST(parallel_projection, independent_equal_cost_scales_with_workers) {
    const uint64_t exec_ns = 100'000;  // default overheads are ~1% of this
    for (unsigned w : {2u, 4u, 8u, 16u, 32u}) {
        const auto txs = independent(w * 40, exec_ns);
        const Projection p = project(txs, w, ProjectionCosts{});
        EXPECT_EQ(p.workers, w);
        EXPECT_DOUBLE_EQ(p.sequential_ns, static_cast<double>(exec_ns) * w * 40);
        EXPECT_LE(p.speedup, w) << w;
        EXPECT_GE(p.speedup, 0.97 * w) << w;
        EXPECT_EQ(p.aborts, 0u);
        EXPECT_EQ(p.executions, txs.size());
        EXPECT_EQ(p.wasted_ns, 0.0);
    }
}

TEST(parallel_projection, independent_without_costs_is_exactly_w_times_faster) {
    const Projection p = project(independent(64, 1000), 8, free_costs());
    EXPECT_DOUBLE_EQ(p.makespan_ns, 8 * 1000.0);  // 8 rounds of 8 executions
    EXPECT_DOUBLE_EQ(p.speedup, 8.0);
}

TEST(parallel_projection, serial_chain_does_not_speed_up) {
    for (unsigned w : {2u, 8u, 32u}) {
        // Without costs the last incarnation of tx i cannot start before tx i-1's last one
        // ends, so the makespan is at least the sum of the transaction times.
        const Projection free = project(chain(100, 10'000), w, free_costs());
        EXPECT_LE(free.speedup, 1.0 + 1e-9) << w;
        EXPECT_GT(free.aborts + free.dependency_waits, 0u) << w;
        EXPECT_GT(free.executions, 100u) << w;
        const Projection costly = project(chain(100, 10'000), w, ProjectionCosts{});
        EXPECT_LE(costly.speedup, 1.0) << w;
    }
}

TEST(parallel_projection, one_worker_pays_exactly_the_overheads) {
    // Even a conflicting block runs without aborts on one worker: each execution starts after
    // the previous one published. Execute i, validate i, execute i+1, ...
    const auto txs = random_block(300, 11);
    ProjectionCosts c;
    c.exec_overhead_ns = 700;
    c.validation_base_ns = 150;
    c.validation_per_read_ns = 40;
    double expected = 0, sequential = 0;
    for (const TxProfile& t : txs) {
        sequential += static_cast<double>(t.exec_ns);
        expected += static_cast<double>(t.exec_ns) + 700 + 150 + 40.0 * t.reads.size();
    }
    const Projection p = project(txs, 1, c);
    EXPECT_DOUBLE_EQ(p.makespan_ns, expected);
    EXPECT_DOUBLE_EQ(p.speedup, sequential / expected);
    EXPECT_LT(p.speedup, 1.0);
    EXPECT_EQ(p.executions, txs.size());
    EXPECT_EQ(p.validations, txs.size());
    EXPECT_EQ(p.aborts, 0u);

    const Projection free = project(txs, 1, free_costs());
    EXPECT_DOUBLE_EQ(free.speedup, 1.0);
}

TEST(parallel_projection, deterministic) {
    const auto txs = random_block(500, 3);
    for (unsigned w : {1u, 4u, 16u}) {
        const Projection a = project(txs, w, ProjectionCosts{});
        const Projection b = project(txs, w, ProjectionCosts{});
        EXPECT_EQ(a.makespan_ns, b.makespan_ns);
        EXPECT_EQ(a.speedup, b.speedup);
        EXPECT_EQ(a.executions, b.executions);
        EXPECT_EQ(a.validations, b.validations);
        EXPECT_EQ(a.aborts, b.aborts);
        EXPECT_EQ(a.dependency_waits, b.dependency_waits);
        EXPECT_EQ(a.wasted_ns, b.wasted_ns);
    }
}

TEST(parallel_projection, mixed_block_has_hand_computed_schedule) {
    // Two workers, no bookkeeping costs:
    //   t=0   w0 executes tx0 (writes A), w1 executes tx1 (reads A from the pre-state).
    //   t=10  both publish; w0 validates tx0 (ok), w1 validates tx1: A changed -> abort,
    //         w1 re-executes tx1 (10..20); w0 executes tx2 (30 ns, 10..40).
    //   t=20  w1 validates tx1's new incarnation (ok) and executes tx3 (20..30); the
    //         validation index waits at tx2, which is still executing.
    //   t=40  tx2 publishes; tx2 and tx3 are validated, once each; done.
    const Location a = loc(1), b = loc(2), c = loc(3), d = loc(4);
    const std::vector<TxProfile> txs = {tx(10, {}, {a}), tx(10, {a}, {b}), tx(30, {c}, {c}),
                                        tx(10, {d}, {d})};
    const Projection p = project(txs, 2, free_costs());
    EXPECT_DOUBLE_EQ(p.makespan_ns, 40.0);
    EXPECT_DOUBLE_EQ(p.sequential_ns, 60.0);
    EXPECT_DOUBLE_EQ(p.speedup, 1.5);
    EXPECT_EQ(p.executions, 5u);   // tx1 twice
    EXPECT_EQ(p.validations, 5u);  // tx0, tx1 (x2), tx2, tx3
    EXPECT_EQ(p.aborts, 1u);
    EXPECT_EQ(p.dependency_waits, 0u);
    EXPECT_DOUBLE_EQ(p.wasted_ns, 10.0);  // tx1's first incarnation
}

TEST(parallel_projection, same_sender_hint_waits_instead_of_aborting) {
    // tx1 is the same sender's next transaction: it reads and writes the sender's account.
    const Location sender = loc(9);
    const std::vector<TxProfile> txs = {tx(10, {sender}, {sender}), tx(10, {sender}, {sender})};
    const Projection plain = project(txs, 2, free_costs());
    EXPECT_EQ(plain.aborts, 1u);
    EXPECT_EQ(plain.dependency_waits, 0u);
    EXPECT_DOUBLE_EQ(plain.makespan_ns, 20.0);

    std::vector<std::optional<SenderHint>> hints(2);
    hints[1] = SenderHint{TxIdx{0}, sender};
    const Projection hinted = project(txs, 2, free_costs(), hints);
    EXPECT_EQ(hinted.aborts, 0u);
    EXPECT_EQ(hinted.dependency_waits, 1u);
    EXPECT_EQ(hinted.executions, 3u);  // the suspended attempt counts as an incarnation
    EXPECT_DOUBLE_EQ(hinted.makespan_ns, 20.0);
    EXPECT_DOUBLE_EQ(hinted.wasted_ns, 0.0);
}

TEST(parallel_projection, empty_block) {
    const Projection p = project({}, 8, ProjectionCosts{});
    EXPECT_EQ(p.makespan_ns, 0.0);
    EXPECT_EQ(p.speedup, 1.0);
    EXPECT_EQ(p.executions, 0u);
}

TEST(parallel_projection, more_workers_never_hurt_independent_work_much) {
    const auto txs = random_block(2000, 5);
    double previous = 0;
    for (unsigned w : {1u, 2u, 4u, 8u}) {
        const Projection p = project(txs, w, ProjectionCosts{});
        EXPECT_GT(p.speedup, previous * 0.9) << w;
        EXPECT_LE(p.speedup, static_cast<double>(w)) << w;
        previous = p.speedup;
    }
}

TEST(parallel_projection, every_incarnation_is_final_aborted_or_suspended) {
    // Contended blocks: each transaction ends with exactly one incarnation that stays; every
    // other one was aborted by a validation or suspended on an ESTIMATE.
    for (uint64_t seed : {1u, 2u, 3u}) {
        const auto txs = random_block(400, seed);
        for (unsigned w : {4u, 16u, 64u}) {
            const Projection p = project(txs, w, ProjectionCosts{});
            EXPECT_EQ(p.executions, txs.size() + p.aborts + p.dependency_waits) << seed << w;
            EXPECT_GE(p.validations, txs.size()) << seed << w;
            EXPECT_GT(p.aborts + p.dependency_waits, 0u) << seed << w;
            EXPECT_EQ(p.wasted_ns > 0, p.aborts > 0) << seed << w;
        }
    }
}

namespace {

/// A profile whose finalization took 10 ms on one thread, 2 ms of it serial, with one write
/// per transaction to accounts whose first address byte is `first_byte(i)`.
template <class FirstByte>
BlockProfile finalization_profile(size_t n, FirstByte first_byte) {
    BlockProfile p;
    p.result.stats.finalize_ms = 10;
    p.result.stats.finalize_serial_ms = 2;
    for (size_t i = 0; i < n; ++i) {
        Address a{};
        a.bytes[0] = static_cast<uint8_t>(first_byte(i));
        a.bytes[19] = static_cast<uint8_t>(i);
        p.txs.push_back(tx(1000, {}, {Location::basic(a)}));
    }
    return p;
}

}  // namespace

TEST(Projection, FinalizationSplitsByShardAtTheBusiestWorkersPace) {
    // Writes spread evenly over the 256 shards: the split part divides by the workers.
    const BlockProfile spread = finalization_profile(2560, [](size_t i) { return i % 256; });
    EXPECT_DOUBLE_EQ(projected_finalize_ms(spread, 1), 10.0);
    EXPECT_DOUBLE_EQ(projected_finalize_ms(spread, 2), 2.0 + 8.0 / 2);
    EXPECT_DOUBLE_EQ(projected_finalize_ms(spread, 8), 2.0 + 8.0 / 8);
    // Every write in one shard (one hot account): no worker count splits it.
    const BlockProfile hot = finalization_profile(2560, [](size_t) { return 42; });
    EXPECT_DOUBLE_EQ(projected_finalize_ms(hot, 8), 10.0);
    // Half the writes in one shard: that shard's worker carries at least half.
    const BlockProfile half =
        finalization_profile(2560, [](size_t i) { return i % 2 == 0 ? 0 : i % 256; });
    EXPECT_GE(projected_finalize_ms(half, 16), 2.0 + 8.0 / 2);
    EXPECT_LT(projected_finalize_ms(half, 16), 2.0 + 8.0 * 0.6);
}

TEST(Projection, TheDiffOfAHotAccountsSlotsSpreadsOverTheWorkers) {
    // 2000 slots of one account written: its fold stays with one worker, its diff is shared.
    BlockProfile p;
    p.result.stats.finalize_ms = 10;
    p.result.stats.finalize_serial_ms = 2;
    p.result.stats.finalize_diff_ms = 4;  // the fold: the other 4 ms
    Address token{};
    token.bytes[0] = 0x42;
    for (uint64_t k = 0; k < 2000; ++k)
        p.txs.push_back(tx(1000, {}, {Location::storage(token, uint256{k})}));
    EXPECT_DOUBLE_EQ(projected_finalize_ms(p, 1), 10.0);
    EXPECT_DOUBLE_EQ(projected_finalize_ms(p, 8), 2.0 + 4.0 + 4.0 / 8);
    // Below the split threshold the diff stays with the account's worker too.
    p.txs.resize(500);
    EXPECT_DOUBLE_EQ(projected_finalize_ms(p, 8), 10.0);
}

TEST(Projection, ReceiptsSplitEvenlyAndTheFoldSumsCreditsPerRange) {
    // Every transaction credits the coinbase (one shard) and writes an account of a shard of
    // its own. Of the 10 ms: 2 serial, 2 receipts, 6 the fold.
    BlockProfile p;
    p.result.stats.finalize_ms = 10;
    p.result.stats.finalize_serial_ms = 2;
    p.result.stats.finalize_receipts_ms = 2;
    Address coinbase{};
    coinbase.bytes[0] = 0xc0;
    coinbase.bytes[1] = 1;  // none of the accounts below
    for (size_t i = 0; i < 2560; ++i) {
        Address a{};
        a.bytes[0] = static_cast<uint8_t>(i % 256);
        a.bytes[19] = static_cast<uint8_t>(i / 256);
        TxProfile t = tx(1000, {}, {Location::basic(a), Location::basic(coinbase)});
        t.credits = 1;
        p.txs.push_back(std::move(t));
    }
    EXPECT_DOUBLE_EQ(projected_finalize_ms(p, 1), 10.0 - 6.0 * 2559 / 5120);
    // 8 workers: a range's 320 credits fold as one, so the busiest worker folds 2560 / 8
    // accounts plus 8 credits of the 5120 writes.
    EXPECT_DOUBLE_EQ(projected_finalize_ms(p, 8), 2.0 + 2.0 / 8 + 6.0 * (320 + 8) / 5120);
    // Were the credits full writes of the coinbase, its worker would fold half the block.
    for (TxProfile& t : p.txs) t.credits = 0;
    EXPECT_GE(projected_finalize_ms(p, 8), 2.0 + 2.0 / 8 + 6.0 * 2560 / 5120);
}

TEST(Projection, CalibrationLeavesOutTheProfilersOwnTime) {
    // 5 us of Block-STM phase: 2 us of transactions, 1 us of recording the profile, and the
    // remaining 2 us over two executions (validations priced at zero here).
    BlockProfile p;
    p.result.stats.execute_ms = 0.005;
    p.result.stats.incarnations = 2;
    p.result.stats.validations = 2;
    for (int i = 0; i < 2; ++i) {
        TxProfile t = tx(1000, {}, {});
        t.profile_ns = 500;
        p.txs.push_back(std::move(t));
    }
    ProjectionCosts base;
    base.validation_base_ns = 0;
    base.validation_per_read_ns = 0;
    EXPECT_NEAR(calibrate_costs(p, base).exec_overhead_ns, 1000.0, 1e-6);
}

TEST(Projection, CrossCoreCostIsCalibratedFromAMeasuredRun) {
    // 100 independent transactions of 1 us on 2 workers: 50 us of makespan, plus 1 ms of
    // finalization. A run measured at 1.1 ms pays 1 us more per execution than the model.
    const auto txs = independent(100, 1000);
    const ProjectionCosts costs = free_costs();
    EXPECT_NEAR(project(txs, 2, costs).makespan_ns, 50'000, 1);
    const double extra = calibrate_cross_core_ns(txs, 2, costs, {}, 1.0, 1.1);
    EXPECT_NEAR(extra, 1000, 5);
    ProjectionCosts calibrated = costs;
    calibrated.exec_overhead_ns += extra;
    EXPECT_NEAR(project(txs, 2, calibrated).makespan_ns / 1e6 + 1.0, 1.1, 1e-3);
    // A target below what the model gives with no overhead at all: clamped there.
    EXPECT_NEAR(calibrate_cross_core_ns(txs, 2, costs, {}, 1.0, 0.5), 0, 1);
}
