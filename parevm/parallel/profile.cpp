// SPDX-License-Identifier: Apache-2.0
#include <parevm/parallel/profile.hpp>

#include <parevm/parallel/execute_block_parallel.hpp>

#include <algorithm>
#include <string_view>

namespace parevm::parallel {

namespace {

template <typename T>
T median_of(std::vector<T> v) {
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

}  // namespace

BlockProfile profile_block(const Block& block,
                           const StateView& pre,
                           ExecutionOptions options,
                           unsigned runs) {
    options.force_parallel = true;
    runs = std::max(1u, runs);
    BlockProfile out;
    // Per transaction, over the runs: its execution time and the profiler's own.
    std::vector<std::vector<uint64_t>> exec(block.txs.size()), recording(block.txs.size());
    std::vector<double> execute_ms, finalize_ms, serial_ms, diff_ms, receipts_ms;
    for (unsigned r = 0; r < runs; ++r) {
        out.txs.clear();
        out.result = execute_block_parallel(block, pre, options, &out.txs);
        if (!std::string_view{out.result.stats.fallback}.empty()) {
            out.txs.clear();
            return out;
        }
        for (size_t i = 0; i < out.txs.size(); ++i) {
            exec[i].push_back(out.txs[i].exec_ns);
            recording[i].push_back(out.txs[i].profile_ns);
        }
        const ExecutionStats& st = out.result.stats;
        execute_ms.push_back(st.execute_ms);
        finalize_ms.push_back(st.finalize_ms);
        serial_ms.push_back(st.finalize_serial_ms);
        diff_ms.push_back(st.finalize_diff_ms);
        receipts_ms.push_back(st.finalize_receipts_ms);
    }
    for (size_t i = 0; i < out.txs.size(); ++i) {
        out.txs[i].exec_ns = median_of(std::move(exec[i]));
        out.txs[i].profile_ns = median_of(std::move(recording[i]));
    }
    ExecutionStats& st = out.result.stats;
    st.execute_ms = median_of(std::move(execute_ms));
    st.finalize_ms = median_of(std::move(finalize_ms));
    st.finalize_serial_ms = median_of(std::move(serial_ms));
    st.finalize_diff_ms = median_of(std::move(diff_ms));
    st.finalize_receipts_ms = median_of(std::move(receipts_ms));
    return out;
}

}  // namespace parevm::parallel
