// SPDX-License-Identifier: Apache-2.0
// parevm: the parallel block executor (Block-STM over the same execute_transaction).
#pragma once

#include <parevm/execution/block.hpp>

#include <cstddef>
#include <vector>

namespace parevm {

namespace parallel {
struct TxProfile;

/// An account with more written slots than this has its storage diffed by all the workers,
/// a range of slots each (a token every transaction touches); smaller ones by the worker that
/// owns the account's shard.
inline constexpr size_t diff_split_slots = 1024;
}  // namespace parallel

/// Executes the block's transactions with Block-STM on `options.threads` workers. The result
/// equals execute_block_sequential's, field for field; blocks where that cannot be guaranteed
/// cheaply (see the fallback policy in the .cpp) run sequentially instead. With `profile`,
/// each transaction's last incarnation is recorded there (cleared on a fallback).
BlockResult execute_block_parallel(const Block& block,
                                   const StateView& pre,
                                   const ExecutionOptions& options,
                                   std::vector<parallel::TxProfile>* profile = nullptr);

}  // namespace parevm
