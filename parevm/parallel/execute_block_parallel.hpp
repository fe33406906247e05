// SPDX-License-Identifier: Apache-2.0
// parevm: the parallel block executors (Block-STM and the chunked executor, over the same
// execute_transaction) and the entry policy that chooses between them and the sequential path.
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

/// Executes the block's transactions on `options.threads` workers: with the chunked executor
/// (chunked_executor.hpp) or Block-STM, as options.executor asks (automatic: the chunked
/// executor on 2 to 4 threads, Block-STM on more or when the chunked executor's probe finds the
/// block contended). The result equals execute_block_sequential's, field for field; blocks
/// where that cannot be guaranteed cheaply, or that cannot gain (see the entry policy in the
/// .cpp), run sequentially instead. With `profile`, each transaction's last Block-STM
/// incarnation is recorded there (cleared on a fallback; the profile forces Block-STM).
BlockResult execute_block_parallel(const Block& block,
                                   const StateView& pre,
                                   const ExecutionOptions& options,
                                   std::vector<parallel::TxProfile>* profile = nullptr);

}  // namespace parevm
