// SPDX-License-Identifier: Apache-2.0
// parevm: the sequential block executor and the block-level steps every executor shares.
#pragma once

#include <parevm/execution/block.hpp>
#include <parevm/execution/execute_transaction.hpp>
#include <parevm/execution/receipt.hpp>
#include <parevm/state/block_overlay.hpp>

namespace parevm {

/// The sequential executor: every transaction in order, each through a fresh State over the
/// BlockOverlay of the earlier ones. The oracle the parallel executor is compared with.
BlockResult execute_block_sequential(const Block& block,
                                     const StateView& pre,
                                     const ExecutionOptions& options);

/// Before the transactions: the EIP-4788 beacon-root (Cancun) and EIP-2935 block-hash history
/// (Prague) system calls, each skipped when its contract has no code. With `writes`, their
/// write sets are also appended there, in order (to build a second overlay without running
/// them again).
void apply_pre_block_system_calls(const BlockContext& ctx,
                                  const Block& block,
                                  BlockOverlay& overlay,
                                  std::vector<WriteSet>* writes = nullptr);

/// About how many accounts a block's overlay ends up holding, for BlockOverlay::reserve: a
/// sender and a recipient per transaction, and the withdrawals' recipients.
inline size_t expected_accounts(const Block& block) {
    return 2 * block.txs.size() + block.env.withdrawals.size();
}

/// The block's blob gas limit (EIP-4844).
inline uint64_t max_blob_gas(const Block& block) {
    return gas_per_blob * block.blob_schedule.max;
}

/// Whether `tx` exceeds what the block has left of its gas or blob gas after `gas` and
/// `blob_gas` used before it: the in-order checks a parallel executor makes once it knows the
/// gas before each transaction (past a transaction that went over, the subtraction wraps:
/// that one is the one to report).
inline bool exceeds_block_limits(const Block& block,
                                 const Transaction& tx,
                                 uint64_t gas,
                                 uint64_t blob_gas) {
    return tx.gas_limit > static_cast<uint64_t>(block.env.gas_limit) - gas ||
           gas_per_blob * tx.blob_hashes.size() > max_blob_gas(block) - blob_gas;
}

/// The receipts of a run of transactions taken in block order by a parallel executor, which
/// learns the gas used before each only then: the gas and blob gas used so far (start them at
/// what the transactions before the run used), the run's bloom, and whether a transaction
/// exceeds what the block has left.
struct ReceiptTally {
    uint64_t gas = 0, blob_gas = 0;
    Bloom bloom{};
    bool over = false;
    /// Takes `rc`, the receipt of `tx`, the next transaction in order: checks the block's
    /// limits, numbers its cumulative gas, ORs its bloom. (Past a transaction that went over
    /// the limit checks may pass again: `over` stays set.)
    void add(const Block& block, const Transaction& tx, Receipt& rc) {
        over |= exceeds_block_limits(block, tx, gas, blob_gas);
        gas += rc.gas_used;
        blob_gas += rc.blob_gas_used;
        rc.cumulative_gas_used = gas;
        accumulate_bloom(bloom, rc.bloom);
    }
};

/// Executes transactions [first, end) of the block in order over `overlay`, appending their
/// receipts (and rejections) to `result`, which already holds those before `first`. Returns
/// false when a transaction makes the block invalid (result->invalid is then set).
bool execute_transactions_in_order(const BlockContext& ctx,
                                   const Block& block,
                                   size_t first,
                                   const ExecutionOptions& options,
                                   BlockOverlay& overlay,
                                   BlockResult& result);

/// How a transaction's outcome entered the block result (see take_outcome).
enum class Taken { receipt, rejected, invalid };

/// Adds the outcome of transaction `index` to `result`, the transactions before it being in:
/// an error makes the block invalid (result.invalid), or is listed in result.rejected with
/// options.skip_invalid_txs (t8n); a receipt (moved out of `outcome`) gets its cumulative gas
/// and adds to the block's gas, blob gas and bloom.
Taken take_outcome(size_t index,
                   TxOutcome& outcome,
                   const ExecutionOptions& options,
                   BlockResult& result);

/// After the transactions: withdrawals (Shanghai, EIP-4895), the EIP-7002 and EIP-7251 request
/// system calls (Prague, skipped when the contract has no code) and the pre-Paris block and
/// ommer rewards. With `result` (its receipts complete), also fills result->requests (EIP-7685:
/// deposits from the logs, then the two system calls' outputs).
void apply_post_block(const Block& block,
                      const ExecutionOptions& options,
                      BlockOverlay& overlay,
                      BlockResult* result = nullptr);

}  // namespace parevm
