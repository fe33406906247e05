// SPDX-License-Identifier: Apache-2.0
// parevm command-line interface: dispatches to one subcommand per file.
#include "commands.hpp"

#include <cstdio>
#include <exception>
#include <iostream>

namespace {

/// Kept equal to project(parevm VERSION ...) in the top-level CMakeLists.txt.
constexpr const char* parevm_version = "0.1.0";

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"parevm: a parallel EVM block execution engine"};
    app.set_version_flag("--version", std::string("parevm ") + parevm_version);
    app.require_subcommand(0, 1);

    parevm::cli::CommandBody body;
    parevm::cli::add_statetest(app, body);
    parevm::cli::add_t8n(app, body);
    parevm::cli::add_replay(app, body);
    parevm::cli::add_bench(app, body);
    parevm::cli::add_blocktest(app, body);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    if (!body) {
        std::cout << app.help();
        return argc > 1 ? 2 : 0;
    }
    try {
        return body();
    } catch (const std::exception& e) {
        // Subcommands report their own errors; this is the last line of defence against a crash.
        std::fprintf(stderr, "parevm: internal error: %s\n", e.what());
        return 1;
    }
}
