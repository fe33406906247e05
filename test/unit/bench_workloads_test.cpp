// SPDX-License-Identifier: Apache-2.0
// parevm bench: workload generators are deterministic, their blocks succeed, parallel ==
// sequential.
#include <bench/workloads/workloads.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/execution/tx_codec.hpp>
#include <parevm/io/mainnet_block.hpp>
#include <parevm/state/mpt/state_root.hpp>

#include <gtest/gtest.h>

#include <algorithm>

#include <set>
#include <string>

namespace {

using namespace parevm;

Hash256 event_topic(std::string_view signature) {
    return keccak256(
        bytes_view{reinterpret_cast<const uint8_t*>(signature.data()), signature.size()});
}

bench::Workload make(std::string_view name, size_t txs, uint64_t seed = 7) {
    bench::WorkloadParams p;
    p.seed = seed;
    p.txs = txs;
    auto w = bench::make_workload(name, p);
    EXPECT_TRUE(w.has_value()) << name;
    return std::move(*w);
}

/// Logs with `topic0` across the block's receipts, and the addresses that emitted them.
size_t count_logs(const BlockResult& r,
                  const Hash256& topic0,
                  std::set<Address>* emitters = nullptr) {
    size_t n = 0;
    for (const auto& receipt : r.receipts)
        for (const auto& log : receipt.logs)
            if (!log.topics.empty() && log.topics[0] == topic0) {
                ++n;
                if (emitters) emitters->insert(log.address);
            }
    return n;
}

TEST(BenchWorkloads, ListHasTheIssueWorkloads) {
    std::set<std::string> names;
    for (const auto& info : bench::workload_list()) names.insert(std::string(info.name));
    for (const char* n :
         {"eth_transfer", "erc20_transfer", "uniswap_independent", "uniswap_contended", "nft_mint",
          "dao_vote", "hybrid", "worst_one_account", "worst_one_slot", "worst_one_pair"})
        EXPECT_TRUE(names.count(n)) << n;
    EXPECT_FALSE(bench::make_workload("no_such_workload", {}).has_value());
}

TEST(BenchWorkloads, SameSeedSameBlockOtherSeedOtherBlock) {
    for (const auto& info : bench::workload_list()) {
        const auto a = make(info.name, 16, 11);
        const auto b = make(info.name, 16, 11);
        const auto c = make(info.name, 16, 12);
        EXPECT_EQ(a.hash, b.hash) << info.name;
        EXPECT_EQ(state_root(a.pre), state_root(b.pre)) << info.name;
        EXPECT_NE(a.hash, c.hash) << info.name;
        EXPECT_EQ(a.block.txs.size(), 16U) << info.name;
    }
}

TEST(BenchWorkloads, TransactionsAreSignedBySenders) {
    const auto w = make("hybrid", 20);
    for (const auto& tx : w.block.txs) {
        Transaction copy = tx;
        copy.sender = Address{};
        ASSERT_TRUE(recover_sender(copy, w.block.revision));
        EXPECT_EQ(copy.sender, tx.sender);
    }
}

TEST(BenchWorkloads, EveryTransactionSucceedsAndParallelEqualsSequential) {
    for (const auto& info : bench::workload_list()) {
        const auto w = make(info.name, 40);
        const BlockResult seq = execute_block(w.block, w.pre, ExecutionOptions{});
        ASSERT_FALSE(seq.invalid) << info.name;
        ASSERT_EQ(seq.receipts.size(), 40U) << info.name;
        for (size_t i = 0; i < seq.receipts.size(); ++i)
            EXPECT_TRUE(seq.receipts[i].success) << info.name << " tx " << i;
        for (unsigned threads : {2U, 4U}) {
            ExecutionOptions options;
            options.threads = threads;
            const BlockResult par = execute_block(w.block, w.pre, options);
            EXPECT_EQ(first_result_difference(seq, par), "") << info.name << " threads " << threads;
            options.force_parallel = true;
            options.executor = ExecutionOptions::Executor::chunks;
            const BlockResult chunks = execute_block(w.block, w.pre, options);
            EXPECT_EQ(first_result_difference(seq, chunks), "")
                << info.name << " threads " << threads << " chunks";
        }
    }
}

TEST(BenchWorkloads, ContendedBlocksParallelEqualsSequential) {
    // Larger blocks with heavy conflicts: re-executions must not change the result.
    bench::WorkloadParams p;
    p.txs = 300;
    p.hot_ratio = 0.5;
    p.pairs = 2;
    for (const char* name : {"hybrid", "uniswap_contended", "worst_one_slot", "dao_vote"}) {
        const auto w = *bench::make_workload(name, p);
        const BlockResult seq = execute_block(w.block, w.pre, ExecutionOptions{});
        ASSERT_FALSE(seq.invalid) << name;
        ExecutionOptions options;
        options.threads = 2;
        EXPECT_EQ(first_result_difference(seq, execute_block(w.block, w.pre, options)), "") << name;
        options.force_parallel = true;
        options.reexecution_budget_percent = 0;  // Block-STM to the end, however contended
        for (const auto executor :
             {ExecutionOptions::Executor::block_stm, ExecutionOptions::Executor::chunks})
            for (unsigned threads : {2U, 3U}) {
                options.threads = threads;
                options.executor = executor;
                const BlockResult par = execute_block(w.block, w.pre, options);
                EXPECT_EQ(first_result_difference(seq, par), "") << name << " threads " << threads;
                EXPECT_TRUE(par.stats.parallel) << name;
            }
    }
}

TEST(BenchWorkloads, HotContractsDiffedByAllWorkersEqualSequential) {
    // Over 1024 written slots of one contract: the parallel diff splits its storage among the
    // workers (parallel_diff), which must give the sequential diff, slot order included.
    for (const char* name : {"erc20_transfer", "nft_mint"}) {
        const auto w = make(name, 600);
        const BlockResult seq = execute_block(w.block, w.pre, ExecutionOptions{});
        ASSERT_FALSE(seq.invalid) << name;
        size_t most_slots = 0;
        for (const AccountDiff& d : seq.state_diff.accounts)
            most_slots = std::max(most_slots, d.storage.size());
        EXPECT_GT(most_slots, 1024U) << name;
        for (unsigned threads : {2U, 3U, 4U}) {
            ExecutionOptions options;
            options.threads = threads;
            options.force_parallel = true;
            options.executor = threads == 3 ? ExecutionOptions::Executor::chunks
                                            : ExecutionOptions::Executor::block_stm;
            const BlockResult par = execute_block(w.block, w.pre, options);
            EXPECT_EQ(first_result_difference(seq, par), "") << name << " threads " << threads;
            ASSERT_EQ(par.state_diff.accounts.size(), seq.state_diff.accounts.size()) << name;
            for (size_t i = 0; i < seq.state_diff.accounts.size(); ++i)
                EXPECT_EQ(par.state_diff.accounts[i].storage, seq.state_diff.accounts[i].storage)
                    << name << " threads " << threads << " account " << i;
        }
    }
}

TEST(BenchWorkloads, ContractWorkloadsEmitTheirEvents) {
    const auto transfer = event_topic("Transfer(address,address,uint256)");
    const auto swap_topic = event_topic("Swap(address,uint256,uint256,uint256,uint256,address)");
    const auto vote = event_topic("VoteCast(address,uint256,bool,uint256)");
    auto run = [](const bench::Workload& w) {
        return execute_block(w.block, w.pre, ExecutionOptions{});
    };
    EXPECT_EQ(count_logs(run(make("erc20_transfer", 30)), transfer), 30U);
    EXPECT_EQ(count_logs(run(make("nft_mint", 30)), transfer), 30U);
    EXPECT_EQ(count_logs(run(make("dao_vote", 30)), vote), 30U);

    // The real Uniswap V2 pair code swaps: one Swap event per transaction, from the pairs.
    std::set<Address> independent, contended, one;
    EXPECT_EQ(count_logs(run(make("uniswap_independent", 30)), swap_topic, &independent), 30U);
    EXPECT_EQ(independent.size(), 30U);
    bench::WorkloadParams p;
    p.txs = 60;
    p.pairs = 3;
    EXPECT_EQ(
        count_logs(run(*bench::make_workload("uniswap_contended", p)), swap_topic, &contended),
        60U);
    EXPECT_EQ(contended.size(), 3U);
    EXPECT_EQ(count_logs(run(make("worst_one_pair", 30)), swap_topic, &one), 30U);
    EXPECT_EQ(one.size(), 1U);
}

TEST(BenchWorkloads, HybridMixAndHotRatio) {
    bench::WorkloadParams p;
    p.txs = 400;
    p.hot_ratio = 1.0;
    const auto hot = *bench::make_workload("hybrid", p);
    p.hot_ratio = 0.0;
    const auto cold = *bench::make_workload("hybrid", p);
    auto plain_recipients = [](const bench::Workload& w, size_t& plain) {
        std::set<Address> to;
        plain = 0;
        for (const auto& tx : w.block.txs)
            if (tx.data.empty()) {
                ++plain;
                to.insert(*tx.to);
            }
        return to;
    };
    size_t plain_hot = 0, plain_cold = 0;
    EXPECT_EQ(plain_recipients(hot, plain_hot).size(), 1U);
    EXPECT_EQ(plain_recipients(cold, plain_cold).size(), plain_cold);
    // About 60% plain transfers (binomial, 400 draws: well within 45%..75%).
    EXPECT_GT(plain_cold, 180U);
    EXPECT_LT(plain_cold, 300U);
}

TEST(BenchWorkloads, WorstOneAccountIsOneSender) {
    const auto w = make("worst_one_account", 25);
    for (size_t i = 0; i < w.block.txs.size(); ++i) {
        EXPECT_EQ(w.block.txs[i].sender, w.block.txs[0].sender);
        EXPECT_EQ(w.block.txs[i].nonce, i);
    }
}

TEST(BenchWorkloads, TxsForGasSizesByMeasuredGas) {
    bench::WorkloadParams p;
    EXPECT_EQ(bench::txs_for_gas("eth_transfer", 21'000 * 150, p), 150U);
    // 1 gigagas of raw transfers: the issue's ~47,600 transactions.
    EXPECT_EQ(bench::txs_for_gas("eth_transfer", 1'000'000'000, p), 47'619U);
    const size_t swaps = bench::txs_for_gas("uniswap_independent", 30'000'000, p);
    EXPECT_GT(swaps, 100U);
    EXPECT_LT(swaps, 30'000'000U / 60'000);
}

}  // namespace
