// SPDX-License-Identifier: Apache-2.0
// parevm: what a speculated transaction of the chunked executor costs over one executed
// directly, on one thread: the transactions of a workload run in order over a block overlay
// (as the sequential executor and a chunk executing directly run them), then again as a
// speculating chunk runs them (through the recording view, over a second overlay, the write
// sets kept and their keys added), and with each of those parts alone.
#include <bench/workloads/workloads.hpp>
#include <parevm/execution/execute_block.hpp>
#include <parevm/execution/execute_transaction.hpp>
#include <parevm/parallel/chunk_keys.hpp>
#include <parevm/state/block_overlay.hpp>
#include <parevm/state/state.hpp>

#include <benchmark/benchmark.h>

#include <limits>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace parevm;
using namespace parevm::parallel::chunks;

const bench::Workload& workload(const std::string& name) {
    static std::map<std::string, bench::Workload> cache;
    auto it = cache.find(name);
    if (it == cache.end()) {
        bench::WorkloadParams params;
        params.txs = 2000;
        it = cache.emplace(name, *bench::make_workload(name, params)).first;
    }
    return it->second;
}

/// range(0): 0 direct (over one overlay, writes applied and dropped); 1 the speculation as the
/// chunked executor runs it; 2 direct over two overlays (the second one empty); 3 direct
/// through the recording view (keys recorded); 4 direct with the write sets kept; 5 direct
/// with their keys added to a key set.
void run(benchmark::State& state, const char* name) {
    const bench::Workload& w = workload(name);
    const Block& block = w.block;
    const int mode = static_cast<int>(state.range(0));
    const BlockContext ctx = make_block_context(block, shared_code_cache());
    const uint64_t max_blob_gas = parevm::max_blob_gas(block);
    for (auto _ : state) {
        BlockOverlay base(w.pre);
        BlockOverlay overlay(mode == 1 || mode == 2 ? static_cast<const StateView&>(base)
                                                    : static_cast<const StateView&>(w.pre));
        std::vector<uint64_t> reads;
        std::vector<WriteSet> kept;
        KeySet written;
        written.reserve(written_keys_per_tx * block.txs.size());
        for (const Transaction& tx : block.txs) {
            WriteSet ws;
            auto execute = [&](const StateView& view) {
                State s{view};
                s.set_deferred_credits(true);
                TxOutcome o = execute_transaction(ctx, tx, s, std::numeric_limits<uint64_t>::max(),
                                                  max_blob_gas);
                if (!o.error) ws = s.write_set();
                benchmark::DoNotOptimize(o.receipt.gas_used);
            };
            if (mode == 1 || mode == 3) {
                RecordingView view{overlay, reads};
                execute(view);
            } else {
                execute(overlay);
            }
            if (mode == 1 || mode == 5) written.add_writes(ws);
            overlay.apply(ws);
            if (mode == 1 || mode == 4) kept.push_back(std::move(ws));
        }
        benchmark::DoNotOptimize(reads.size());
    }
    state.counters["us/tx"] = benchmark::Counter(
        static_cast<double>(block.txs.size()) * 1e-6,
        benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

#define MODES(name)                     \
    BENCHMARK_CAPTURE(run, name, #name) \
        ->ArgName("mode")               \
        ->DenseRange(0, 5)              \
        ->Unit(benchmark::kMillisecond)

MODES(eth_transfer);
MODES(erc20_transfer);
MODES(nft_mint);

}  // namespace

BENCHMARK_MAIN();
