// SPDX-License-Identifier: Apache-2.0
// parevm CLI: the subcommands, one file each; main.cpp registers them on one CLI11 app.
#pragma once

#include <parevm/execution/block.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace parevm::cli {

/// The selected subcommand's body, returning the process exit code. Each `add_*` registers its
/// options and, when CLI11 selects that subcommand, stores its body here (CLI11 callbacks
/// cannot return an exit code themselves).
using CommandBody = std::function<int()>;

/// `parevm statetest [--fork F] [--run REGEX] [--threads N] [-v] PATH...`
void add_statetest(CLI::App& app, CommandBody& body);
/// `parevm t8n ...`: geth-compatible state transition tool.
void add_t8n(CLI::App& app, CommandBody& body);
/// `parevm replay [--threads N] [--repeat R] [--json FILE] PATH...`: mainnet block fixtures.
void add_replay(CLI::App& app, CommandBody& body);
/// `parevm blocktest [--fork F] [--run REGEX] [--threads N] [-v] PATH...`: blockchain tests.
void add_blocktest(CLI::App& app, CommandBody& body);
/// `parevm bench [--workload NAME...] [--txs N | --gas G] [--threads 1,2,...] [--repeat R]
/// [--json FILE] [--chart FILE.svg]`: generated workloads, sequential vs parallel.
void add_bench(CLI::App& app, CommandBody& body);

/// Adds `--executor auto|block-stm|chunks` (ExecutionOptions::executor) to `cmd`.
inline CLI::Option* add_executor_option(CLI::App* cmd, ExecutionOptions::Executor& executor) {
    using E = ExecutionOptions::Executor;
    static constexpr E executors[] = {E::automatic, E::block_stm, E::chunks};
    return cmd
        ->add_option_function<std::string>(
            "--executor",
            [&executor](const std::string& name) {
                for (const E e : executors)
                    if (name == executor_name(e)) executor = e;
            },
            "Parallel executor: auto (the entry policy chooses), block-stm or chunks")
        ->check(CLI::IsMember(
            {executor_name(E::automatic), executor_name(E::block_stm), executor_name(E::chunks)},
            CLI::ignore_case))
        ->default_str(executor_name(E::automatic));
}

}  // namespace parevm::cli
