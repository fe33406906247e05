// SPDX-License-Identifier: Apache-2.0
// parevm: block executors on generated workloads: sequential, the parallel path on one thread
// (its overhead), and the parallel path on two threads. CPU and wall time per block.
#include <bench/workloads/workloads.hpp>
#include <parevm/execution/execute_block.hpp>

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <utility>

namespace {

using namespace parevm;

const bench::Workload& workload(const std::string& name, size_t txs) {
    static std::map<std::pair<std::string, size_t>, bench::Workload> cache;
    auto it = cache.find({name, txs});
    if (it == cache.end()) {
        bench::WorkloadParams params;
        params.txs = txs;
        it = cache.emplace(std::pair{name, txs}, *bench::make_workload(name, params)).first;
    }
    return it->second;
}

/// range(0): threads; range(1): 0 the sequential path, 1 Block-STM (forced: also on one
/// thread), 2 the chunked executor (forced), 3 the entry policy's choice; range(2):
/// transactions in the block (default 4000).
void run(benchmark::State& state, const char* name) {
    const bench::Workload& w =
        workload(name, state.range(2) > 0 ? static_cast<size_t>(state.range(2)) : 4000);
    ExecutionOptions options;
    options.threads = static_cast<unsigned>(state.range(0));
    options.force_parallel = state.range(1) == 1 || state.range(1) == 2;
    options.executor = state.range(1) == 2   ? ExecutionOptions::Executor::chunks
                       : state.range(1) == 3 ? ExecutionOptions::Executor::automatic
                                             : ExecutionOptions::Executor::block_stm;
    uint64_t gas = 0;
    double execute_ms = 0, finalize_ms = 0, validations = 0, incarnations = 0;
    for (auto _ : state) {
        const BlockResult r = execute_block(w.block, w.pre, options);
        gas = r.gas_used;
        execute_ms += r.stats.execute_ms;
        finalize_ms += r.stats.finalize_ms;
        validations += static_cast<double>(r.stats.validations);
        incarnations += static_cast<double>(r.stats.incarnations);
        benchmark::DoNotOptimize(r.gas_used);
    }
    const auto avg = benchmark::Counter::kAvgIterations;
    state.counters["exec_ms"] = benchmark::Counter(execute_ms, avg);
    state.counters["final_ms"] = benchmark::Counter(finalize_ms, avg);
    state.counters["validations"] = benchmark::Counter(validations, avg);
    state.counters["incarnations"] = benchmark::Counter(incarnations, avg);
    state.counters["Mgas/s"] = benchmark::Counter(static_cast<double>(gas) / 1e6,
                                                  benchmark::Counter::kIsIterationInvariantRate);
}

#define EXECUTORS(name)                            \
    BENCHMARK_CAPTURE(run, name, #name)            \
        ->ArgNames({"threads", "parallel", "txs"}) \
        ->Args({1, 0, 0})                          \
        ->Args({1, 1, 0})                          \
        ->Args({1, 2, 0})                          \
        ->Args({2, 1, 0})                          \
        ->Args({2, 2, 0})                          \
        ->Args({2, 3, 0})                          \
        ->Unit(benchmark::kMillisecond)            \
        ->UseRealTime()                            \
        ->MeasureProcessCPUTime()

EXECUTORS(eth_transfer);
EXECUTORS(erc20_transfer);
EXECUTORS(uniswap_independent);
EXECUTORS(worst_one_slot);
EXECUTORS(worst_one_account);

// Small blocks: the fixed cost of the parallel path (pool wake-ups, tables) per block.
BENCHMARK_CAPTURE(run, small_erc20, "erc20_transfer")
    ->ArgNames({"threads", "parallel", "txs"})
    ->Args({1, 0, 64})
    ->Args({1, 1, 64})
    ->Args({2, 1, 64})
    ->Args({2, 2, 64})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

}  // namespace

BENCHMARK_MAIN();
