// SPDX-License-Identifier: Apache-2.0
#include "fixture_command.hpp"

#include <parevm/io/json_util.hpp>

#include <algorithm>
#include <iostream>
#include <memory>
#include <utility>

namespace parevm::cli {
namespace {

/// The .json files under `path` (recursively, sorted) or `path` itself when it is a file.
/// Throws InputError for a path that does not exist or cannot be listed.
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

int run_fixtures(const FixtureArgs& args, const FixtureFileRunner& run_file) {
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
            ++summary.failed;  // a missing path is a failure, never a silent pass
            continue;
        }
        for (const auto& f : files) run_file(f, options, summary, std::cout, std::cerr);
    }
    summary.print(std::cout);
    return summary.failed == 0 ? 0 : 1;
}

}  // namespace

void add_fixture_command(CLI::App& app,
                         CommandBody& body,
                         const std::string& name,
                         const std::string& description,
                         const std::string& paths_help,
                         const std::string& fork_help,
                         const std::string& verbose_help,
                         FixtureFileRunner run_file) {
    auto args = std::make_shared<FixtureArgs>();
    auto* cmd = app.add_subcommand(name, description);
    cmd->add_option("paths", args->paths, paths_help)->required();
    cmd->add_option("--fork", args->fork, fork_help);
    cmd->add_option("--run", args->run, "Only run tests whose name matches this regex");
    cmd->add_option("--threads", args->threads, "Executor threads (1: sequential, 0: all cores)")
        ->capture_default_str();
    cmd->add_flag("-v,--verbose", args->verbose, verbose_help);
    cmd->callback([args, &body, run = std::move(run_file)] {
        body = [args, run] { return run_fixtures(*args, run); };
    });
}

}  // namespace parevm::cli
