// SPDX-License-Identifier: Apache-2.0
// parevm: a block to execute and the result of executing it.
#pragma once

#include <parevm/evm/revision.hpp>
#include <parevm/execution/transaction.hpp>
#include <parevm/execution/tx_error.hpp>
#include <parevm/state/state_diff.hpp>
#include <parevm/state/state_view.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace parevm {

/// EIP-4844/7691/7840 blob parameters of one fork.
struct BlobSchedule {
    uint64_t target = 3;
    uint64_t max = 6;
    uint64_t base_fee_update_fraction = 3338477;
};

struct Withdrawal {
    uint64_t index = 0;
    uint64_t validator_index = 0;
    Address address;
    uint64_t amount_gwei = 0;
};

/// Header values the execution reads.
struct BlockEnv {
    int64_t number = 0;
    int64_t timestamp = 0;
    int64_t gas_limit = 0;
    Address coinbase;
    uint256 difficulty;                               // pre-Paris DIFFICULTY
    Hash256 prev_randao;                              // Paris+: PREVRANDAO (mixHash)
    uint256 base_fee;                                 // London+
    uint64_t excess_blob_gas = 0;                     // Cancun+
    std::optional<Hash256> parent_beacon_block_root;  // Cancun+: EIP-4788 system call
    std::optional<Hash256> parent_hash;               // Prague+: EIP-2935 system call
    std::vector<Withdrawal> withdrawals;              // Shanghai+
    std::vector<std::pair<Address, int64_t>> ommers;  // (coinbase, block number) pre-Paris rewards
};

struct Block {
    Revision revision = latest_revision;
    uint256 chain_id = 1;
    BlobSchedule blob_schedule;
    BlockEnv env;
    std::vector<Transaction> txs;
};

struct Log {
    Address address;
    std::vector<Hash256> topics;
    bytes data;
};

using Bloom = std::array<uint8_t, 256>;

struct Receipt {
    TxType type = TxType::legacy;
    bool success = false;
    uint64_t gas_used = 0;             // this transaction, after refunds
    uint64_t cumulative_gas_used = 0;  // in the block, up to and including this transaction
    uint64_t blob_gas_used = 0;
    std::vector<Log> logs;
    Bloom bloom{};
    std::optional<Address> contract_address;
};

struct ExecutionOptions {
    /// 1: the sequential executor (the oracle). 0: as many as the cores present.
    unsigned threads = 1;
    /// t8n / state-test semantics: an invalid transaction is listed in `rejected` and skipped.
    /// Otherwise (real blocks) it makes the whole block invalid.
    bool skip_invalid_txs = false;
    /// Pre-Paris block reward in wei (nullopt: the fork's own; 0 disables it, as in state tests).
    std::optional<uint256> block_reward;
    /// Blocks with fewer transactions run sequentially: too small to gain from threads.
    unsigned min_parallel_txs = 4;
    /// Aborted executions allowed, in percent of the block's transactions (at least 16), before
    /// the parallel executor gives up and runs the block in order; it also gives up early when
    /// a third of the first executions abort. 0 means neither (Block-STM always to the end).
    uint32_t reexecution_budget_percent = 25;
    /// Tests only: non-zero injects random yields and short sleeps (seeded by this value) into
    /// the parallel workers, to explore interleavings.
    uint64_t jitter_seed = 0;
    /// Tests only: non-zero makes Block-STM's workers stop once this many executions have
    /// started, as if the re-execution budget had run out, so that a test reaches the in-order
    /// fallback whatever the interleaving (with real contention alone it depends on timing).
    uint32_t halt_after_executions = 0;
    /// Tests only: the chunked executor's speculating workers speculate their whole chunk
    /// before it is committed (they stop once the previous chunk is committed otherwise, and
    /// execute the rest directly), so that the commit's checks meet every transaction of the
    /// later chunks whatever the timing.
    bool speculate_whole_chunks = false;
    /// Run the parallel path even with one thread or a block below min_parallel_txs, to measure
    /// what the parallel machinery costs over the sequential path: the executor `executor`
    /// picks (`chunks` on one thread: one chunk, executed directly; `automatic` on one thread:
    /// Block-STM; either needs two transactions, Block-STM otherwise).
    bool force_parallel = false;
    /// Which parallel executor runs a block that goes parallel: `automatic` lets the entry
    /// policy choose (execute_block_parallel.cpp).
    enum class Executor : uint8_t { automatic, block_stm, chunks };
    Executor executor = Executor::automatic;
};

/// An executor's name as the command line and ExecutionStats::executor spell it.
constexpr const char* executor_name(ExecutionOptions::Executor e) noexcept {
    switch (e) {
        case ExecutionOptions::Executor::block_stm:
            return "block-stm";
        case ExecutionOptions::Executor::chunks:
            return "chunks";
        case ExecutionOptions::Executor::automatic:
            break;
    }
    return "auto";
}

/// How a block was executed; filled by both executors (the sequential one reports one
/// incarnation per transaction and no validations).
struct ExecutionStats {
    bool parallel = false;  // false: the block ran on the sequential path
    /// The executor that ran the transactions: "sequential", or executor_name() of a parallel
    /// one.
    const char* executor = "sequential";
    const char* fallback = "";  // why a parallel request ran sequentially ("" if it did not)
    unsigned threads = 1;
    uint64_t incarnations = 0;      // transaction executions started, re-executions included
    uint64_t validations = 0;       // read-set validations run
    uint64_t aborts = 0;            // validations that failed and caused a re-execution
    uint64_t dependency_waits = 0;  // executions suspended on an ESTIMATE of a lower tx
    double execute_ms = 0;          // the transactions (the parallel executor's run)
    double finalize_ms = 0;         // ordered finalization, post-block steps, state diff
    /// Of finalize_ms, the part that runs on one thread: all of it on the sequential path; on
    /// the parallel path what is not split among the workers (the receipts by range, the fold
    /// of the write sets and the state diff by account shard are).
    double finalize_serial_ms = 0;
    /// Of finalize_ms, the state diff (parallel path: split by account shard, and the slots of
    /// a large account by range).
    double finalize_diff_ms = 0;
    /// Of finalize_ms, the receipts (Block-STM, a whole block of valid transactions, 256 or
    /// more: taken in ranges of transactions, one per worker): the run summing each range's
    /// gas, plus the busiest worker's receipts. The chunked executor takes the receipts during
    /// its run (0 here). On more than one worker both parallel executors' finalize_diff_ms
    /// include the freeing of the block's structures, done in the diff's last run.
    double finalize_receipts_ms = 0;
};

struct RejectedTx {
    size_t index = 0;
    TxError error;
};

struct BlockResult {
    /// Set when the block is invalid (a transaction invalid in order, gas above the limit).
    std::optional<RejectedTx> invalid;
    std::vector<Receipt> receipts;  // one per executed (not rejected) transaction
    std::vector<RejectedTx> rejected;
    uint64_t gas_used = 0;
    uint64_t blob_gas_used = 0;
    Bloom logs_bloom{};
    StateDiff state_diff;
    /// EIP-7685 (Prague): the execution-layer requests in type order, each its type byte
    /// followed by its data (deposits 0x00, withdrawals 0x01, consolidations 0x02); types without
    /// requests are left out. requestsHash = sha256(sha256(r0) ++ sha256(r1) ++ ...).
    std::vector<bytes> requests;
    ExecutionStats stats;
};

/// Executes a block over `pre` and returns receipts and the net state change. Thread-safe with
/// respect to `pre`; never modifies it.
BlockResult execute_block(const Block& block,
                          const StateView& pre,
                          const ExecutionOptions& options);

}  // namespace parevm
