// SPDX-License-Identifier: Apache-2.0
// Differential test: the parallel executor must give exactly the sequential result (receipts,
// gas, bloom, state diff and state root) on random blocks, for every thread count.
#include "../common/random_block.hpp"

#include <parevm/core/hex.hpp>
#include <parevm/execution/block.hpp>
#include <parevm/parallel/chunked_executor.hpp>
#include <parevm/state/mpt/state_root.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

using namespace parevm;
using namespace parevm::test;

namespace {

std::string describe(const Receipt& r) {
    std::string s = "success=" + std::to_string(r.success) + " gas=" + std::to_string(r.gas_used) +
                    " cumulative=" + std::to_string(r.cumulative_gas_used) +
                    " logs=" + std::to_string(r.logs.size());
    return s;
}

Hash256 post_root(const InMemoryState& pre, const BlockResult& r) {
    InMemoryState post = pre;
    post.apply(r.state_diff);
    return state_root(post);
}

/// Compares everything a client would see of the two results.
void expect_same(const BlockResult& seq,
                 const BlockResult& par,
                 const InMemoryState& pre,
                 const std::string& what) {
    ASSERT_EQ(seq.invalid.has_value(), par.invalid.has_value()) << what;
    if (seq.invalid) {
        EXPECT_EQ(seq.invalid->index, par.invalid->index) << what;
        EXPECT_EQ(seq.invalid->error, par.invalid->error) << what;
        return;
    }
    ASSERT_EQ(seq.receipts.size(), par.receipts.size()) << what;
    for (size_t i = 0; i < seq.receipts.size(); ++i) {
        const Receipt& a = seq.receipts[i];
        const Receipt& b = par.receipts[i];
        EXPECT_EQ(describe(a), describe(b)) << what << " receipt " << i;
        EXPECT_EQ(a.bloom, b.bloom) << what << " receipt " << i;
        EXPECT_EQ(a.contract_address, b.contract_address) << what << " receipt " << i;
    }
    EXPECT_EQ(seq.gas_used, par.gas_used) << what;
    EXPECT_EQ(seq.logs_bloom, par.logs_bloom) << what;
    ASSERT_EQ(seq.state_diff.accounts.size(), par.state_diff.accounts.size()) << what;
    for (size_t i = 0; i < seq.state_diff.accounts.size(); ++i) {
        const AccountDiff& a = seq.state_diff.accounts[i];
        const AccountDiff& b = par.state_diff.accounts[i];
        ASSERT_EQ(a.address, b.address) << what;
        EXPECT_EQ(a.deleted, b.deleted) << what << " " << to_hex(a.address);
        EXPECT_EQ(a.info, b.info) << what << " " << to_hex(a.address);
        EXPECT_EQ(a.storage, b.storage) << what << " " << to_hex(a.address);
    }
    EXPECT_EQ(post_root(pre, seq), post_root(pre, par)) << what;
}

/// Number of random blocks per configuration; PAREVM_DIFF_BLOCKS raises it for long runs.
uint64_t block_count(uint64_t dflt) {
    if (const char* env = std::getenv("PAREVM_DIFF_BLOCKS")) return std::strtoull(env, nullptr, 10);
    return dflt;
}

using Executor = ExecutionOptions::Executor;
constexpr Executor parallel_executors[] = {Executor::block_stm, Executor::chunks,
                                           Executor::automatic};

/// Whether `stats` show the parallel path of `executor`. The automatic choice on 2 to 4
/// threads is the chunked executor with its contention probe, whose verdict depends on timing:
/// it may hand the block to Block-STM, or run it in order (a hot location).
bool ran_as_asked(const ExecutionStats& stats, Executor executor) {
    if (executor != Executor::automatic)
        return stats.parallel && std::string{stats.executor} == executor_name(executor);
    return stats.parallel || std::string{stats.fallback} == parallel::collapsed_fallback;
}

void run_random_blocks(Revision rev, uint64_t first_seed, uint64_t count, RandomBlockOptions o) {
    o.revision = rev;
    for (uint64_t seed = first_seed; seed < first_seed + count; ++seed) {
        const GeneratedBlock g = random_block(seed, o);
        ExecutionOptions seq_options;
        seq_options.threads = 1;
        const BlockResult seq = execute_block(g.block, g.pre, seq_options);
        ASSERT_FALSE(seq.invalid) << "generator made an invalid block, seed " << seed;
        for (const Executor executor : parallel_executors)
            for (unsigned threads : {2u, 4u, 8u}) {
                ExecutionOptions par_options;
                par_options.threads = threads;
                par_options.executor = executor;
                par_options.jitter_seed = seed * 8 + threads;  // random yields: vary interleavings
                par_options.reexecution_budget_percent = 0;    // exercise Block-STM to the end
                par_options.force_parallel = true;  // whatever the entry policy would choose
                // Every other seed, the chunks' commit checks meet all their transactions.
                par_options.speculate_whole_chunks = seed % 2 == 1;
                const BlockResult par = execute_block(g.block, g.pre, par_options);
                expect_same(seq, par, g.pre,
                            std::string{revision_name(rev)} + " seed " + std::to_string(seed) +
                                " threads " + std::to_string(threads) + " " +
                                executor_name(executor));
                EXPECT_TRUE(ran_as_asked(par.stats, executor))
                    << par.stats.executor << ": " << par.stats.fallback;
                EXPECT_GE(par.stats.incarnations, g.block.txs.size());
                if (::testing::Test::HasFailure()) return;
            }
    }
}

/// Blocks large enough for the partitioned finalization (the workers fold and diff distinct
/// shards of the overlay), with accounts spread over the shards.
TEST(ParallelDifferential, LargeBlocksSpreadOverShards) {
    run_random_blocks(
        Revision::cancun, 7000, block_count(3),
        {.num_txs = 400, .num_senders = 150, .num_slots = 64, .spread_addresses = true});
    run_random_blocks(
        Revision::shanghai, 8000, block_count(3),
        {.num_txs = 300, .num_senders = 20, .num_slots = 8, .spread_addresses = true});
}

/// A block of `rev` without transactions: number 1000, a large gas limit, a base fee of 7 from
/// London on, the coinbase at 0xc0ffee.
GeneratedBlock empty_block(Revision rev) {
    GeneratedBlock g;
    Block& b = g.block;
    b.revision = rev;
    b.chain_id = 1;
    b.env.number = 1000;
    b.env.gas_limit = 1'000'000'000;
    b.env.base_fee = rev >= Revision::london ? 7 : 0;
    b.env.coinbase = address_from_u64(0xc0ffee);
    return g;
}

/// Legacy transfers of `value_of(i)` from distinct funded senders to `to(i)`; with
/// `recipient_spends`, the hot recipient sends one transfer at the end (reading its balance).
GeneratedBlock transfers_to_one_address(Revision rev, size_t n, bool recipient_spends) {
    GeneratedBlock g = empty_block(rev);
    Block& b = g.block;
    const Address hot = address_from_u64(0x7000);    // an exchange's deposit address
    const Address fresh = address_from_u64(0x7001);  // absent: zero-value calls reach it
    g.pre.set_account(hot, 5, uint256{1} << 70, {}, {});
    for (size_t i = 0; i < n; ++i) {
        Transaction tx;
        tx.sender = address_from_u64(0x10000 + i);
        g.pre.set_account(tx.sender, 0, uint256{1} << 60, {}, {});
        tx.to = i % 7 == 3 ? fresh : hot;
        tx.value = i % 5 == 0 ? 0 : 1000 + i;
        tx.max_fee_per_gas = tx.max_priority_fee_per_gas = 10;
        tx.gas_limit = 21'000;
        b.txs.push_back(tx);
    }
    if (recipient_spends) {
        Transaction tx;
        tx.sender = hot;
        tx.nonce = 5;
        tx.to = address_from_u64(0x7002);
        tx.value = uint256{1} << 69;
        tx.max_fee_per_gas = tx.max_priority_fee_per_gas = 10;
        tx.gas_limit = 21'000;
        b.txs.push_back(tx);
    }
    return g;
}

/// One sender's chain of plain transfers (a mining pool's payouts, an exchange's withdrawals),
/// which the chunked executor commits as sender debits, among transfers to the sender, its calls
/// with data (full writes of its account between debits), a contract reading its balance and,
/// from Prague, EIP-7702 delegations of the sender set and cleared by others; the sender is the
/// coinbase in half of the blocks (fee credits). `seed % 7` picks what happens at 80% of the
/// block (in the last chunk, speculated): nothing; a transfer of more than the sender has
/// (invalid); code at the sender from the start (EIP-3607: every transfer invalid, all with
/// the same nonce, so that in t8n's mode each fails on the code alone); a nonce one too high;
/// the sender's first transaction, a call, and then a transfer with the same nonce (the block
/// otherwise holds transfers of other senders); or that large transfer after a refill in the
/// same chunk, or in the first chunk (valid).
GeneratedBlock payout_block(uint64_t seed, Revision rev) {
    std::mt19937_64 rng{seed};
    const uint64_t scenario = seed % 7;
    GeneratedBlock g = empty_block(rev);
    Block& b = g.block;
    b.env.timestamp = 1'700'000'000;
    const Address hot = address_from_u64(0x9000);
    if (rng() % 2 && scenario != 4) b.env.coinbase = hot;
    const size_t n = 120 + rng() % 200;
    uint64_t hot_nonce = rng() % 3;
    const bytes hot_code = scenario == 2 ? bytes{0x00} : bytes{};
    g.pre.set_account(hot, hot_nonce, uint256{1} << 60, hot_code, {});
    std::vector<Address> others;
    std::vector<uint64_t> other_nonces;
    for (uint64_t k = 0; k < 6; ++k) {
        others.push_back(address_from_u64(0x9100 + k));
        other_nonces.push_back(0);
        g.pre.set_account(others.back(), 0, uint256{1} << 80, {}, {});
    }
    // PUSH20 hot BALANCE PUSH1 0 SSTORE STOP: reads the sender's balance.
    const Address reader = address_from_u64(0x9200);
    bytes reader_code{0x73};
    reader_code.insert(reader_code.end(), hot.bytes.begin(), hot.bytes.end());
    for (const uint8_t op : {0x31, 0x60, 0x00, 0x55, 0x00}) reader_code.push_back(op);
    g.pre.set_account(reader, 1, 0, reader_code, {});
    const auto recipient = [&rng, &b] {
        const uint64_t r = rng() % 20;
        return r == 0 ? b.env.coinbase : address_from_u64(0xa000 + r);  // most absent
    };
    const uint256 large = uint256{1} << 61;  // more than the sender has
    const size_t at = n * 4 / 5;
    for (size_t i = 0; i < n; ++i) {
        Transaction tx;
        tx.chain_id = 1;
        tx.type = rng() % 3 == 0 || rev < Revision::london ? TxType::legacy : TxType::dynamic_fee;
        tx.max_fee_per_gas = 10;
        tx.max_priority_fee_per_gas = tx.type == TxType::legacy ? 10 : rng() % 4;
        tx.gas_limit = 21'000;
        const auto from_other = [&] {
            const size_t k = rng() % others.size();
            tx.sender = others[k];
            tx.nonce = other_nonces[k]++;
        };
        const auto from_hot = [&] {
            tx.sender = hot;
            tx.nonce = scenario == 2 ? hot_nonce : hot_nonce++;  // with code: each rejected
        };
        uint64_t r = rng() % 100;
        if (scenario == 4 && (i < at || r >= 72)) r = 99;                       // see above
        if ((i == at - 2 && scenario == 5) || (i == n / 5 && scenario == 6)) {  // a refill
            from_other();
            tx.to = hot;
            tx.value = large;
        } else if (i == at - 1 && scenario == 4) {  // a call whose nonce the next one repeats
            from_hot();
            tx.to = recipient();
            tx.data = bytes{0x01};
            tx.gas_limit = 30'000;
        } else if (i == at) {
            from_hot();
            tx.to = recipient();
            tx.value = scenario == 1 || scenario >= 5 ? large : uint256{7};
            if (scenario == 3) tx.nonce += 1;
            if (scenario == 4) tx.nonce -= 1;
        } else if (r < 72) {  // the chain: a plain transfer
            from_hot();
            tx.to = recipient();
            tx.value = rng() % 5 == 0 ? 0 : rng() % 1'000'000;
        } else if (r < 80) {  // a transfer to the sender
            from_other();
            tx.to = hot;
            tx.value = rng() % 1'000'000;
        } else if (r < 86) {  // the sender's call with data to an account without code
            from_hot();
            tx.to = recipient();
            tx.data = bytes{0x01};
            tx.gas_limit = 30'000;
            tx.value = rng() % 1000;
        } else if (r < 90) {  // its balance read by a contract
            from_other();
            tx.to = reader;
            tx.gas_limit = 60'000;
        } else if (r < 94 && rev >= Revision::prague) {  // the sender delegated, or cleared
            from_other();
            tx.type = TxType::set_code;
            tx.to = address_from_u64(0xb000);
            Authorization auth;
            auth.chain_id = 1;
            auth.address = rng() % 2 ? address_from_u64(0xb001) : Address{};
            auth.nonce = hot_nonce + (rng() % 4 == 0 ? 1 : 0);  // most of them valid
            auth.signer = hot;
            if (auth.nonce == hot_nonce) ++hot_nonce;  // applied: bumps the nonce
            tx.authorizations.push_back(auth);
            tx.gas_limit = 100'000;
        } else {  // somebody else's transfer
            from_other();
            tx.to = recipient();
            tx.value = rng() % 1000;
        }
        b.txs.push_back(std::move(tx));
    }
    return g;
}

}  // namespace

ExecutionOptions forced_parallel(unsigned threads, Executor executor = Executor::block_stm) {
    ExecutionOptions o;
    o.threads = threads;
    o.executor = executor;
    o.jitter_seed = threads;
    o.reexecution_budget_percent = 0;
    o.force_parallel = true;
    return o;
}

TEST(ParallelDifferential, TransfersToOneAddressAreCreditedLazily) {
    // Plain transfers to one code-less address credit it lazily, like the coinbase fee: no
    // transaction reads its balance, so none conflicts with another. Before EIP-161 a zero-value
    // transfer creates the absent account; after it, it does not. From Prague on, the check for
    // an EIP-7702 delegation must not read the recipient either.
    for (const Revision rev : {Revision::homestead, Revision::spurious_dragon, Revision::cancun,
                               Revision::prague, Revision::osaka}) {
        for (const bool spends : {false, true}) {
            const GeneratedBlock g = transfers_to_one_address(rev, 300, spends);
            const BlockResult seq = execute_block(g.block, g.pre, ExecutionOptions{});
            ASSERT_FALSE(seq.invalid);
            for (const Executor executor : parallel_executors)
                for (unsigned threads : {2u, 4u}) {
                    const BlockResult par =
                        execute_block(g.block, g.pre, forced_parallel(threads, executor));
                    const std::string what = std::string{revision_name(rev)} + " threads " +
                                             std::to_string(threads) + " spends " +
                                             std::to_string(spends) + " " + executor_name(executor);
                    expect_same(seq, par, g.pre, what);
                    EXPECT_TRUE(ran_as_asked(par.stats, executor)) << what;
                    // The recipient's own transaction reads the credits; it alone may abort.
                    if (!spends) {
                        EXPECT_EQ(par.stats.aborts, 0u) << what;
                        EXPECT_EQ(par.stats.dependency_waits, 0u) << what;
                    }
                }
        }
    }
}

/// Runs `g` sequentially and through Block-STM on 2 and 4 threads, and compares; the parallel
/// runs end in order for `fallback`, or stay parallel when it is null. The chunked executor
/// (which sums no credits) must match too, staying parallel.
void expect_forced_parallel_matches(const GeneratedBlock& g,
                                    const std::string& what,
                                    const char* fallback = nullptr) {
    const BlockResult seq = execute_block(g.block, g.pre, ExecutionOptions{});
    ASSERT_FALSE(seq.invalid) << what;
    for (unsigned threads : {2u, 4u}) {
        const BlockResult chunks =
            execute_block(g.block, g.pre, forced_parallel(threads, Executor::chunks));
        expect_same(seq, chunks, g.pre, what + ", chunks, threads " + std::to_string(threads));
        EXPECT_TRUE(chunks.stats.parallel) << what;
        const BlockResult par = execute_block(g.block, g.pre, forced_parallel(threads));
        expect_same(seq, par, g.pre, what + ", threads " + std::to_string(threads));
        EXPECT_EQ(par.stats.parallel, fallback == nullptr) << what;
        if (fallback != nullptr) {
            EXPECT_STREQ(par.stats.fallback, fallback) << what;
        }
    }
}

TEST(ParallelDifferential, SummedCreditsThatWouldWrapRunTheBlockInOrder) {
    // The fold sums the credits of a range to the hot recipient. Its balance is 300 wei below
    // 2^256: one by one the credits wrap it past zero (as the sequential executor does), which
    // the sum would skip over; the block then runs in order, with the sequential result.
    GeneratedBlock g = transfers_to_one_address(Revision::cancun, 300, false);
    g.pre.set_account(address_from_u64(0x7000), 5, ~uint256{} - 300, {}, {});
    expect_forced_parallel_matches(g, "wrap", "a balance wraps past 2^256");
}

TEST(ParallelDifferential, AZeroCreditThatDeletesAnAccountIsNotSummed) {
    // An empty account with storage (EIP-161 deletes it when touched): its first transfer, of
    // zero, deletes it and its storage; the later ones create it anew. Summing the later
    // credits into the zero one would keep the storage.
    GeneratedBlock g = transfers_to_one_address(Revision::cancun, 300, false);
    const Address empty = address_from_u64(0x7001);  // every 7th transaction's recipient
    g.pre.set_account(empty, 0, 0, {}, {{uint256{1}, uint256{42}}});
    g.block.txs[3].value = 0;      // its first
    g.block.txs[10].value = 1010;  // its second
    expect_forced_parallel_matches(g, "empty account");
}

TEST(ParallelDifferential, LargeBlocksCheckTheGasLimitAndInvalidTransactionsInOrder) {
    // 300 transactions: their receipts are taken in ranges by the workers. A block whose gas
    // limit runs out at transaction 280, and one whose transaction 270 has a wrong nonce, give
    // the sequential executor's verdict.
    GeneratedBlock over = transfers_to_one_address(Revision::cancun, 300, false);
    over.block.env.gas_limit = 21'000 * 280;
    GeneratedBlock bad_nonce = transfers_to_one_address(Revision::cancun, 300, false);
    bad_nonce.block.txs[270].nonce = 7;
    for (const GeneratedBlock* g : {&over, &bad_nonce}) {
        const BlockResult seq = execute_block(g->block, g->pre, ExecutionOptions{});
        ASSERT_TRUE(seq.invalid);
        for (const Executor executor : parallel_executors)
            for (unsigned threads : {2u, 4u}) {
                const BlockResult par =
                    execute_block(g->block, g->pre, forced_parallel(threads, executor));
                expect_same(seq, par, g->pre,
                            "threads " + std::to_string(threads) + " " + executor_name(executor));
            }
    }
    // The same blocks in t8n's mode: the failing transactions are skipped and listed.
    for (const GeneratedBlock* g : {&over, &bad_nonce}) {
        ExecutionOptions skip;
        skip.skip_invalid_txs = true;
        const BlockResult seq = execute_block(g->block, g->pre, skip);
        ASSERT_FALSE(seq.invalid);
        ASSERT_FALSE(seq.rejected.empty());
        for (const Executor executor : parallel_executors)
            for (unsigned threads : {2u, 4u}) {
                ExecutionOptions o = forced_parallel(threads, executor);
                o.skip_invalid_txs = true;
                const BlockResult par = execute_block(g->block, g->pre, o);
                expect_same(
                    seq, par, g->pre,
                    "skip, threads " + std::to_string(threads) + " " + executor_name(executor));
                ASSERT_EQ(seq.rejected.size(), par.rejected.size());
                for (size_t i = 0; i < seq.rejected.size(); ++i) {
                    EXPECT_EQ(seq.rejected[i].index, par.rejected[i].index);
                    EXPECT_EQ(seq.rejected[i].error, par.rejected[i].error);
                }
            }
    }
}

TEST(ParallelDifferential, CancunHighContention) {
    run_random_blocks(Revision::cancun, 1, block_count(40),
                      {.num_txs = 60, .num_senders = 6, .num_slots = 4});
}

TEST(ParallelDifferential, CancunLowContention) {
    run_random_blocks(Revision::cancun, 1000, block_count(20),
                      {.num_txs = 120, .num_senders = 40, .num_slots = 64});
}

TEST(ParallelDifferential, ShanghaiSelfdestructAndRedeploy) {
    // Before Cancun, SELFDESTRUCT deletes the account: CREATE2 redeploys must see empty storage.
    run_random_blocks(Revision::shanghai, 2000, block_count(30),
                      {.num_txs = 60, .num_senders = 8, .num_slots = 4});
}

TEST(ParallelDifferential, PragueOsakaAndLondon) {
    run_random_blocks(Revision::prague, 3000, block_count(10), {});
    run_random_blocks(Revision::osaka, 5000, block_count(10), {});
    run_random_blocks(Revision::london, 4000, block_count(10), {});
}

TEST(ParallelDifferential, ContendedBlockFallsBackInOrderWithTheSameResult) {
    // Every transaction on a few slots of one contract: the re-execution budget runs out and
    // the block finishes in order; the result must still be the sequential one. Whether the
    // budget runs out depends on how the threads interleave (on a loaded machine they may run
    // one after another and never conflict), so the second half of the seeds also halts the
    // workers after a seed-chosen number of executions: the fallback is reached every time,
    // from a different point of the block.
    RandomBlockOptions o{.num_txs = 200, .num_senders = 2, .num_slots = 1};
    const uint64_t count = block_count(10);
    for (uint64_t seed = 5000; seed < 5000 + 2 * count; ++seed) {
        const bool forced = seed >= 5000 + count;
        const GeneratedBlock g = random_block(seed, o);
        ExecutionOptions seq_options;
        const BlockResult seq = execute_block(g.block, g.pre, seq_options);
        ExecutionOptions par_options;
        par_options.threads = 4;
        par_options.reexecution_budget_percent = 1;
        par_options.force_parallel = true;  // past the entry policy, into Block-STM
        par_options.executor = Executor::block_stm;
        par_options.jitter_seed = seed;
        if (forced) par_options.halt_after_executions = 1 + static_cast<uint32_t>(seed * 37 % 150);
        const BlockResult par = execute_block(g.block, g.pre, par_options);
        expect_same(seq, par, g.pre, "fallback seed " + std::to_string(seed));
        if (forced) {
            EXPECT_FALSE(par.stats.parallel) << "seed " << seed;
        }
        if (!par.stats.parallel) {
            EXPECT_STREQ(par.stats.fallback, "too many re-executions");
        }
    }
}

TEST(ParallelDifferential, SenderChainsOfPlainTransfersCommitAsDebits) {
    // The chunked executor speculates a sender's later plain transfers without reading its
    // account and checks each debit as it commits (payout_block: what can make a check fail).
    size_t invalid = 0, valid = 0;
    for (const Revision rev :
         {Revision::homestead, Revision::london, Revision::cancun, Revision::prague})
        for (uint64_t seed = 9000; seed < 9000 + block_count(14); ++seed) {
            const GeneratedBlock g = payout_block(seed, rev);
            const std::string what =
                std::string{revision_name(rev)} + " seed " + std::to_string(seed);
            for (const bool skip : {false, true}) {
                ExecutionOptions seq_options;
                seq_options.skip_invalid_txs = skip;
                const BlockResult seq = execute_block(g.block, g.pre, seq_options);
                (seq.invalid || !seq.rejected.empty() ? invalid : valid) += 1;
                // `whole`: every debit after the first chunk is checked as it commits
                // (otherwise how many are depends on timing).
                for (const bool whole : {false, true})
                    for (unsigned threads : {2u, 3u, 4u}) {
                        ExecutionOptions o = forced_parallel(threads, Executor::chunks);
                        o.jitter_seed = seed * 8 + threads;
                        o.skip_invalid_txs = skip;
                        o.speculate_whole_chunks = whole;
                        const BlockResult par = execute_block(g.block, g.pre, o);
                        const std::string label = what + (skip ? ", skip" : "") + ", threads " +
                                                  std::to_string(threads) +
                                                  (whole ? ", whole chunks speculated" : "");
                        expect_same(seq, par, g.pre, label);
                        ASSERT_EQ(seq.rejected.size(), par.rejected.size()) << label;
                        for (size_t i = 0; i < seq.rejected.size(); ++i) {
                            EXPECT_EQ(seq.rejected[i].index, par.rejected[i].index) << label;
                            EXPECT_EQ(seq.rejected[i].error, par.rejected[i].error) << label;
                        }
                        if (::testing::Test::HasFailure()) return;
                    }
            }
        }
    // Both kinds of block are among them (see payout_block).
    EXPECT_GT(invalid, 0u);
    EXPECT_GT(valid, 0u);
}

TEST(ParallelDifferential, ChunkedExecutorOnOneThreadRunsOneChunk) {
    // Forced onto one thread, the chunked executor executes the whole block as one chunk
    // directly: the sequential result, through its own bookkeeping.
    for (const Revision rev : {Revision::shanghai, Revision::prague})
        for (uint64_t seed = 12000; seed < 12000 + block_count(10); ++seed) {
            RandomBlockOptions o;
            o.revision = rev;
            const GeneratedBlock g = random_block(seed, o);
            const BlockResult seq = execute_block(g.block, g.pre, ExecutionOptions{});
            const BlockResult par =
                execute_block(g.block, g.pre, forced_parallel(1, Executor::chunks));
            expect_same(seq, par, g.pre,
                        std::string{revision_name(rev)} + " seed " + std::to_string(seed));
            EXPECT_TRUE(par.stats.parallel);
            EXPECT_STREQ(par.stats.executor, "chunks");
            EXPECT_EQ(par.stats.threads, 1u);
            EXPECT_EQ(par.stats.incarnations, g.block.txs.size());
            if (::testing::Test::HasFailure()) return;
        }
}
