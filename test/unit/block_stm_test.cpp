// SPDX-License-Identifier: Apache-2.0
// Block-STM scheduler + multi-version memory against a sequential oracle, on toy transactions
// that read and write random slots, with random yields injected to vary interleavings.
#include <parevm/parallel/block_stm.hpp>
#include <parevm/parallel/jitter.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <random>

using namespace parevm;
using namespace parevm::parallel;

namespace {

struct ToyTx {
    std::vector<uint64_t> reads;
    std::vector<uint64_t> writes;
};

std::vector<ToyTx> make_block(uint64_t seed, size_t num_txs, uint64_t num_slots) {
    std::mt19937_64 rng{seed};
    std::vector<ToyTx> txs(num_txs);
    for (auto& tx : txs) {
        const size_t nr = rng() % 4, nw = 1 + rng() % 3;
        for (size_t k = 0; k < nr; ++k) tx.reads.push_back(rng() % num_slots);
        for (size_t k = 0; k < nw; ++k) tx.writes.push_back(rng() % num_slots);
    }
    return txs;
}

/// The value a toy transaction writes: depends on its index, what it read and the slot.
uint64_t toy_value(size_t tx, uint64_t read_sum, uint64_t slot) {
    uint64_t h = (tx + 1) * 0x9e3779b97f4a7c15ull ^ read_sum * 0xbf58476d1ce4e5b9ull ^ slot;
    return h ^ (h >> 31);
}

const Address toy_account = address_from_u64(0x1234);

std::map<uint64_t, uint64_t> run_sequential(const std::vector<ToyTx>& txs) {
    std::map<uint64_t, uint64_t> state;
    for (size_t i = 0; i < txs.size(); ++i) {
        uint64_t sum = 0;
        for (uint64_t r : txs[i].reads) sum += state.count(r) ? state[r] : 0;
        for (uint64_t w : txs[i].writes) state[w] = toy_value(i, sum, w);
    }
    return state;
}

std::map<uint64_t, uint64_t> run_parallel(const std::vector<ToyTx>& txs,
                                          unsigned threads,
                                          uint64_t jitter_seed,
                                          uint64_t* executions) {
    const auto n = static_cast<uint32_t>(txs.size());
    Scheduler scheduler{n, threads};
    MvMemory memory{n};
    auto execute = [&txs, &memory](TxVersion v) {
        ExecutionOutput out;
        const ToyTx& tx = txs[v.tx_idx.value];
        uint64_t sum = 0;
        for (uint64_t r : tx.reads) {
            const Location loc = Location::storage(toy_account, r);
            const ReadOutcome o = memory.read(loc, v.tx_idx);
            if (o.kind == ReadOutcome::Kind::estimate) {
                out.blocked_on = o.version.tx_idx;
                return out;
            }
            if (o.kind == ReadOutcome::Kind::value) {
                sum += o.value.word.low64();
                out.reads.push_back({loc, o.version});
            } else {
                out.reads.push_back({loc, std::nullopt});
            }
        }
        AccountDiff diff;
        diff.address = toy_account;
        for (uint64_t w : tx.writes) {
            // A slot written twice by one tx keeps the last value, like the sequential map.
            std::erase_if(diff.storage, [&](const auto& slot) { return slot.first == w; });
            diff.storage.emplace_back(uint256{w}, uint256{toy_value(v.tx_idx.value, sum, w)});
        }
        if (!diff.storage.empty()) out.writes.accounts.push_back(std::move(diff));
        return out;
    };
    auto jitter = [jitter_seed] { random_pause(jitter_seed); };
    run_block_stm(scheduler, memory, threads, execute, jitter);
    EXPECT_TRUE(scheduler.done());
    *executions = scheduler.executions();
    std::map<uint64_t, uint64_t> state;
    for (const auto& [location, value] : memory.snapshot())
        state[location.slot.low64()] = value.word.low64();
    return state;
}

}  // namespace

TEST(BlockStm, EmptyBlockIsDoneAtOnce) {
    Scheduler scheduler{0};
    EXPECT_TRUE(scheduler.done());
    EXPECT_EQ(scheduler.next_task(0).kind, TaskKind::none);
}

TEST(BlockStm, SingleThreadExecutesEachTxOnce) {
    const auto txs = make_block(7, 100, 10);
    uint64_t executions = 0;
    EXPECT_EQ(run_parallel(txs, 1, 1, &executions), run_sequential(txs));
    EXPECT_EQ(executions, 100u);  // one worker in order never reads a stale value
}

TEST(BlockStm, MatchesSequentialUnderContention) {
    for (uint64_t seed = 0; seed < 400; ++seed) {
        // Few slots: heavy conflicts, many aborts and dependencies.
        const auto txs = make_block(seed, 40 + seed % 30, 2 + seed % 6);
        const auto expected = run_sequential(txs);
        for (unsigned threads : {2u, 4u, 8u}) {
            uint64_t executions = 0;
            ASSERT_EQ(run_parallel(txs, threads, seed * 31 + threads, &executions), expected)
                << "seed " << seed << " threads " << threads;
            EXPECT_GE(executions, txs.size());
        }
    }
}

TEST(BlockStm, MatchesSequentialWithFewConflicts) {
    for (uint64_t seed = 100; seed < 130; ++seed) {
        const auto txs = make_block(seed, 200, 5000);
        const auto expected = run_sequential(txs);
        for (unsigned threads : {2u, 4u, 8u}) {
            uint64_t executions = 0;
            ASSERT_EQ(run_parallel(txs, threads, seed, &executions), expected)
                << "seed " << seed << " threads " << threads;
        }
    }
}
