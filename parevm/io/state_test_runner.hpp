// SPDX-License-Identifier: Apache-2.0
// parevm: runs state tests through execute_block and reports each failure with its difference.
#pragma once

#include <parevm/evm/revision.hpp>
#include <parevm/io/state_test.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>

#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <regex>
#include <string>
#include <string_view>

namespace parevm {

struct StateTestOptions {
    /// Only post entries of this revision (fork aliases compare equal: "Merge" is "Paris").
    std::optional<Revision> fork;
    /// Only tests whose name contains a match of this expression (std::regex_search).
    std::optional<std::regex> run;
    /// Passed to ExecutionOptions::threads (1: the sequential oracle).
    unsigned threads = 1;
    /// Also print a line for every passing case.
    bool verbose = false;
};

/// Counts over all cases run; one case is one (test, fork, post index).
struct StateTestSummary {
    size_t passed = 0;
    size_t failed = 0;
    size_t skipped = 0;
    std::map<std::string, size_t> skip_reasons;  // reason -> cases skipped for it

    /// The skip reasons, grouped, then exactly "N passed, N failed, N skipped" on its own line.
    void print(std::ostream& out) const;
};

/// Runs every selected case of one loaded test. Failures (and, if verbose, passes) are written
/// to `out` naming `file`, the test, the fork and the post index, with the first difference.
void run_state_test(const StateTest& test,
                    std::string_view file,
                    const StateTestOptions& options,
                    StateTestSummary& summary,
                    std::ostream& out);

/// Reads a fixture file that must hold a JSON object of tests. On failure counts one failed
/// test, writes the InputError message to `err` and returns nullopt.
std::optional<nlohmann::json> read_test_file(const std::filesystem::path& file,
                                             StateTestSummary& summary,
                                             std::ostream& err);

/// Loads and runs one file. A file that cannot be read or parsed counts as one failure, with the
/// InputError message (file, test and JSON path) written to `err`.
void run_state_test_file(const std::filesystem::path& file,
                         const StateTestOptions& options,
                         StateTestSummary& summary,
                         std::ostream& out,
                         std::ostream& err);

}  // namespace parevm
