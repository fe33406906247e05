// SPDX-License-Identifier: Apache-2.0
// parevm blocktest: runs blockchain-test fixture files or directories and prints a summary.
#include "commands.hpp"
#include "fixture_command.hpp"

#include <parevm/io/blockchain_test.hpp>

namespace parevm::cli {

void add_blocktest(CLI::App& app, CommandBody& body) {
    add_fixture_command(app, body, "blocktest",
                        "Run blockchain-test fixtures (files or directories)",
                        "Blockchain-test JSON files or directories (recursive)",
                        "Only run tests whose network uses this fork",
                        "Print every passing test and each rejection reason that differs from "
                        "the fixture's exception names",
                        run_blockchain_test_file);
}

}  // namespace parevm::cli
