// SPDX-License-Identifier: Apache-2.0
// parevm: what the fixture-running subcommands (statetest, blocktest) share: their options, file
// discovery and the pass/fail summary.
#pragma once

#include "commands.hpp"

#include <parevm/io/state_test_runner.hpp>

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace parevm::cli {

struct FixtureArgs {
    std::vector<std::string> paths;
    std::string fork;
    std::string run;
    unsigned threads = 1;
    bool verbose = false;
};

/// Runs one fixture file, adding its results to the summary.
using FixtureFileRunner = std::function<void(const std::filesystem::path&,
                                             const StateTestOptions&,
                                             StateTestSummary&,
                                             std::ostream&,
                                             std::ostream&)>;

/// Registers a subcommand taking FixtureArgs; `fork_help` and `verbose_help` describe the
/// options as they apply to this kind of fixture.
void add_fixture_command(CLI::App& app,
                         CommandBody& body,
                         const std::string& name,
                         const std::string& description,
                         const std::string& paths_help,
                         const std::string& fork_help,
                         const std::string& verbose_help,
                         FixtureFileRunner run_file);

}  // namespace parevm::cli
