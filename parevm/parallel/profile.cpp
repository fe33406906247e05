// SPDX-License-Identifier: Apache-2.0
#include <parevm/parallel/profile.hpp>

#include <parevm/parallel/execute_block_parallel.hpp>

#include <string_view>

namespace parevm::parallel {

BlockProfile profile_block(const Block& block, const StateView& pre, ExecutionOptions options) {
    options.force_parallel = true;
    BlockProfile out;
    out.result = execute_block_parallel(block, pre, options, &out.txs);
    if (!std::string_view{out.result.stats.fallback}.empty()) out.txs.clear();
    return out;
}

}  // namespace parevm::parallel
