// SPDX-License-Identifier: Apache-2.0
// parevm blocktest: runs blockchain-test fixture files or directories and prints a summary.
#include "commands.hpp"

#include <parevm/io/blockchain_test.hpp>
#include <parevm/io/json_util.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace parevm::cli {

namespace {

struct BlocktestArgs {
    std::vector<std::string> paths;
    std::string fork;
    std::string run;
    unsigned threads = 1;
    bool verbose = false;
};

/// The .json files under `path` (recursively, sorted) or `path` itself when it is a file.
std::vector<std::filesystem::path> json_files(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw InputError(path.string() + ": no such file or directory");
    if (!fs::is_directory(status)) return {path};
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".json") files.push_back(it->path());
    }
    if (ec) throw InputError(path.string() + ": cannot list directory: " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}

int run_blocktest(const BlocktestArgs& args) {
    StateTestOptions options;
    options.threads = args.threads;
    options.verbose = args.verbose;
    if (!args.fork.empty()) {
        options.fork = parse_revision(args.fork);
        if (!options.fork) {
            std::cerr << "error: unknown fork name '" << args.fork << "'\n";
            return 2;
        }
    }
    if (!args.run.empty()) {
        try {
            options.run.emplace(args.run, std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            std::cerr << "error: invalid --run expression '" << args.run << "': " << e.what()
                      << "\n";
            return 2;
        }
    }

    StateTestSummary summary;
    for (const auto& p : args.paths) {
        std::vector<std::filesystem::path> files;
        try {
            files = json_files(p);
        } catch (const InputError& e) {
            std::cerr << "error: " << e.what() << "\n";
            ++summary.failed;
            continue;
        }
        for (const auto& f : files)
            run_blockchain_test_file(f, options, summary, std::cout, std::cerr);
    }
    summary.print(std::cout);
    return summary.failed == 0 ? 0 : 1;
}

}  // namespace

void add_blocktest(CLI::App& app, CommandBody& body) {
    auto args = std::make_shared<BlocktestArgs>();
    auto* cmd =
        app.add_subcommand("blocktest", "Run blockchain-test fixtures (files or directories)");
    cmd->add_option("paths", args->paths, "Blockchain-test JSON files or directories (recursive)")
        ->required();
    cmd->add_option("--fork", args->fork, "Only run tests whose network uses this fork");
    cmd->add_option("--run", args->run, "Only run tests whose name matches this regex");
    cmd->add_option("--threads", args->threads, "Executor threads (1: sequential, 0: all cores)")
        ->capture_default_str();
    cmd->add_flag("-v,--verbose", args->verbose,
                  "Print every passing test and each rejection reason that differs from the "
                  "fixture's exception names");
    cmd->callback([args, &body] { body = [args] { return run_blocktest(*args); }; });
}

}  // namespace parevm::cli
