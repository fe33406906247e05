// SPDX-License-Identifier: Apache-2.0
// parevm statetest: runs state-test fixture files or directories and prints a pass/fail summary.
#include "commands.hpp"
#include "fixture_command.hpp"

#include <parevm/io/state_test_runner.hpp>

namespace parevm::cli {

void add_statetest(CLI::App& app, CommandBody& body) {
    add_fixture_command(app, body, "statetest", "Run state-test fixtures (files or directories)",
                        "State-test JSON files or directories (recursive)",
                        "Only run post entries of this fork (e.g. Cancun)",
                        "Print every passing case too", run_state_test_file);
}

}  // namespace parevm::cli
