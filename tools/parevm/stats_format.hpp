// SPDX-License-Identifier: Apache-2.0
// parevm CLI: the parallel executor's per-block statistics as text (`--stats`) and as JSON,
// shared by `parevm replay` and `parevm bench`.
#pragma once

#include <parevm/execution/block.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace parevm::cli {

/// Every field of ExecutionStats.
nlohmann::json stats_to_json(const ExecutionStats& s);

/// One line: threads, incarnations, validations, aborts, dependency waits and the time of each
/// phase; or which sequential path ran and why.
std::string format_stats(const ExecutionStats& s);

}  // namespace parevm::cli
