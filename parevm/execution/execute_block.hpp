// SPDX-License-Identifier: Apache-2.0
// parevm: the sequential block executor and the block-level steps every executor shares.
#pragma once

#include <parevm/execution/block.hpp>
#include <parevm/execution/execute_transaction.hpp>
#include <parevm/state/block_overlay.hpp>

namespace parevm {

/// The sequential executor: every transaction in order, each through a fresh State over the
/// BlockOverlay of the earlier ones. The oracle the parallel executor is compared with.
BlockResult execute_block_sequential(const Block& block,
                                     const StateView& pre,
                                     const ExecutionOptions& options);

/// Before the transactions: the EIP-4788 beacon-root (Cancun) and EIP-2935 block-hash history
/// (Prague) system calls, each skipped when its contract has no code.
void apply_pre_block_system_calls(const BlockContext& ctx,
                                  const Block& block,
                                  BlockOverlay& overlay);

/// Executes transactions [first, end) of the block in order over `overlay`, appending their
/// receipts (and rejections) to `result`, which already holds those before `first`. Returns
/// false when a transaction makes the block invalid (result->invalid is then set).
bool execute_transactions_in_order(const BlockContext& ctx,
                                   const Block& block,
                                   size_t first,
                                   const ExecutionOptions& options,
                                   BlockOverlay& overlay,
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
