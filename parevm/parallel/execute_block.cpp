// SPDX-License-Identifier: Apache-2.0
// parevm: execute_block, the library's one entry point: picks the executor by thread count.
#include <parevm/execution/block.hpp>
#include <parevm/execution/execute_block.hpp>
#include <parevm/parallel/execute_block_parallel.hpp>

namespace parevm {

BlockResult execute_block(const Block& block,
                          const StateView& pre,
                          const ExecutionOptions& options) {
    // threads == 1 is the sequential oracle; anything else (0: all cores) goes through
    // Block-STM, which itself falls back to the sequential path where that is the better choice.
    if (options.threads == 1 && !options.force_parallel)
        return execute_block_sequential(block, pre, options);
    return execute_block_parallel(block, pre, options);
}

}  // namespace parevm
