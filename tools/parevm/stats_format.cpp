// SPDX-License-Identifier: Apache-2.0
#include "stats_format.hpp"

#include <cstdio>
#include <string>

namespace parevm::cli {

nlohmann::json stats_to_json(const ExecutionStats& s) {
    return {{"parallel_path", s.parallel},
            {"executor", s.executor},
            {"fallback", s.fallback},
            {"threads", s.threads},
            {"incarnations", s.incarnations},
            {"validations", s.validations},
            {"aborts", s.aborts},
            {"dependency_waits", s.dependency_waits},
            {"execute_ms", s.execute_ms},
            {"finalize_ms", s.finalize_ms},
            {"finalize_serial_ms", s.finalize_serial_ms},
            {"finalize_diff_ms", s.finalize_diff_ms},
            {"finalize_receipts_ms", s.finalize_receipts_ms}};
}

std::string format_stats(const ExecutionStats& s) {
    const std::string reason = s.fallback && *s.fallback ? s.fallback : "one thread";
    // Only a block that Block-STM started and then halted, or that the chunked executor's probe
    // ran in order, reports threads off the parallel path (every in-order path leaves threads
    // at 1); it has counters of its own.
    const bool halted = !s.parallel && s.threads > 1;
    char buf[256];
    if (!s.parallel && !halted) {
        std::snprintf(buf, sizeof buf, "sequential path (%s): execute %.2f ms, finalize %.2f ms",
                      reason.c_str(), s.execute_ms, s.finalize_ms);
        return buf;
    }
    std::snprintf(buf, sizeof buf,
                  "%s, %u threads, %llu incarnations, %llu validations, %llu aborts, "
                  "%llu dependency waits, execute %.2f ms, finalize %.2f ms",
                  s.executor, s.threads, static_cast<unsigned long long>(s.incarnations),
                  static_cast<unsigned long long>(s.validations),
                  static_cast<unsigned long long>(s.aborts),
                  static_cast<unsigned long long>(s.dependency_waits), s.execute_ms, s.finalize_ms);
    if (!halted) return buf;
    if (std::string{s.executor} == executor_name(ExecutionOptions::Executor::chunks))
        return "in order (" + reason + "): " + buf;
    return "Block-STM halted (" + reason + "), the rest in order: " + buf;
}

}  // namespace parevm::cli
