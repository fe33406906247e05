// SPDX-License-Identifier: Apache-2.0
// parevm: per-transaction profile of a block (execution time, locations read and written), the
// input of the scaling projection.
#pragma once

#include <parevm/execution/block.hpp>
#include <parevm/parallel/location.hpp>

#include <cstdint>
#include <vector>

namespace parevm::parallel {

/// One transaction as the parallel executor saw it in its last incarnation.
struct TxProfile {
    uint64_t exec_ns = 0;     // wall time of that incarnation's execute_transaction
    uint64_t profile_ns = 0;  // time the profiler itself took in that incarnation (recording)
    std::vector<Location> reads;
    std::vector<Location> writes;  // lazy balance credits included (as basic locations)
    uint32_t credits = 0;          // the last `credits` of writes are lazy balance credits
};

struct BlockProfile {
    BlockResult result;
    std::vector<TxProfile> txs;  // one per transaction of the block, in block order
};

/// Runs the block `runs` times through the Block-STM path (even on one thread: options.threads
/// as given, force_parallel set) and records every transaction's profile. A single run is
/// mostly a cold one (page faults, allocator growth: on 4000 raw transfers it took twice the
/// time of a warm run), so each transaction's exec_ns and profile_ns and the phase times of
/// result.stats are medians over the runs; the locations are those of the last run. Empty `txs`
/// when the block fell back to the sequential path (result.stats.fallback says why).
BlockProfile profile_block(const Block& block,
                           const StateView& pre,
                           ExecutionOptions options,
                           unsigned runs = 5);

}  // namespace parevm::parallel
