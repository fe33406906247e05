// SPDX-License-Identifier: Apache-2.0
// parevm replay: executes real mainnet blocks sequentially and in parallel, checks the header.
#include "commands.hpp"
#include "stats_format.hpp"

#include <parevm/core/hex.hpp>
#include <parevm/execution/block.hpp>
#include <parevm/io/json_util.hpp>
#include <parevm/io/mainnet_block.hpp>
#include <parevm/parallel/projection.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace parevm::cli {

namespace {

namespace fs = std::filesystem;

struct ReplayArgs {
    std::vector<std::string> paths;
    unsigned threads = 0;
    unsigned repeat = 1;
    std::string json_file;
    bool verbose = false;
    bool stats = false;
    bool force_parallel = false;
    ExecutionOptions::Executor executor = ExecutionOptions::Executor::automatic;
    std::vector<unsigned> project;  // worker counts to project (empty: no projection)
};

/// Block-STM on one worker count, simulated from a profiled 1-thread run of the block.
struct ProjectedRun {
    parallel::Projection p;
    double wall_ms = 0;  // projected time: makespan + projected finalization
};

/// Fork names as mainnet calls them (the fixture names EIP150/EIP158/ConstantinopleFix are
/// less readable in a table).
std::string_view fork_name(Revision r) {
    static constexpr std::array<std::string_view, revision_count> names = {
        "Frontier",       "Homestead",  "TangerineWhistle", "SpuriousDragon", "Byzantium",
        "Constantinople", "Petersburg", "Istanbul",         "Berlin",         "London",
        "Paris",          "Shanghai",   "Cancun",           "Prague",         "Osaka"};
    return names[static_cast<size_t>(r)];
}

/// Sort key of a block directory: its number when the name is one, else after all numbers.
std::pair<uint64_t, std::string> block_sort_key(const fs::path& dir) {
    const std::string name = dir.filename().string();
    uint64_t n = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), n);
    if (ec != std::errc{} || end != name.data() + name.size()) n = UINT64_MAX;
    return {n, name};
}

/// The block directories PATH names: itself when it has a block.json, else its subdirectories
/// that have one, in block-number order. Throws InputError when there are none.
std::vector<fs::path> collect_block_dirs(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_directory(path, ec))
        throw InputError(path.string() +
                         ": not a directory (expected a block directory or a "
                         "directory of block directories)");
    if (fs::exists(path / "block.json", ec)) return {path};
    std::vector<fs::path> dirs;
    for (auto it = fs::directory_iterator(path, ec); !ec && it != fs::end(it); it.increment(ec))
        if (it->is_directory() && fs::exists(it->path() / "block.json")) dirs.push_back(it->path());
    if (ec) throw InputError(path.string() + ": cannot list directory: " + ec.message());
    if (dirs.empty()) throw InputError(path.string() + ": no block directories (with block.json)");
    std::sort(dirs.begin(), dirs.end(), [](const fs::path& a, const fs::path& b) {
        return block_sort_key(a) < block_sort_key(b);
    });
    return dirs;
}

struct BlockReport {
    std::string label;  // the directory name
    int64_t number = -1;
    std::string fork;
    size_t txs = 0;
    double mgas = 0;
    double sequential_ms = 0;
    double parallel_ms = 0;
    unsigned runs = 0;              // timed runs per mode (time_rounds)
    uint64_t reexecutions = 0;      // incarnations beyond one per tx, in an untimed parallel run
    ExecutionStats parallel_stats;  // of that untimed parallel run
    bool ok = false;
    std::string status;
    std::vector<HeaderCheck> checks;
    std::vector<std::string> notes;
    std::string projection_unavailable;     // why a requested projection is missing
    std::vector<ProjectedRun> projections;  // one per worker count of the projection
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// One execution: threads 1 is the sequential oracle; otherwise Block-STM (which itself runs
/// blocks it cannot gain on sequentially).
BlockResult run_once(const MainnetBlock& mb,
                     unsigned threads,
                     bool force_parallel,
                     ExecutionOptions::Executor executor) {
    ExecutionOptions options;
    options.threads = threads;
    options.force_parallel = force_parallel && threads != 1;
    options.executor = executor;
    return execute_block(mb.block, mb.pre, options);
}

/// Medians in ms of the sequential and the parallel runs of a block.
struct Timings {
    double sequential_ms = 0;
    double parallel_ms = 0;
    unsigned runs = 0;  // per mode
};

/// Least total time per mode over which a block is timed: a block of a tenth of a millisecond
/// gets more runs than `--repeat` asks for, so that its median is not one scheduler hiccup.
constexpr double least_timed_ms = 20;
constexpr unsigned most_runs = 200;

/// Times rounds of one sequential and one parallel run, so that a drift of the machine weighs
/// on both modes alike: `repeat` rounds, or more for a block whose warm-up run took
/// `warmup_ms` < least_timed_ms / repeat (at most most_runs). Every run's result must equal
/// `reference`; the first difference found in each mode is stored in `seq_diff` / `par_diff`.
Timings time_rounds(const MainnetBlock& mb,
                    unsigned threads,
                    const ReplayArgs& args,
                    double warmup_ms,
                    const BlockResult& reference,
                    std::string& seq_diff,
                    std::string& par_diff) {
    const auto filling = static_cast<unsigned>(least_timed_ms / std::max(warmup_ms, 1e-3));
    const unsigned rounds = std::max(args.repeat, std::min(filling, most_runs));
    std::vector<double> seq_times, par_times;
    auto run = [&](unsigned t, bool force, std::vector<double>& times, std::string& diff,
                   unsigned r) {
        const auto start = std::chrono::steady_clock::now();
        const BlockResult result = run_once(mb, t, force, args.executor);
        const auto stop = std::chrono::steady_clock::now();
        times.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
        if (diff.empty()) {
            const std::string d = first_result_difference(reference, result);
            if (!d.empty()) diff = "run " + std::to_string(r + 1) + ": " + d;
        }
    };
    for (unsigned r = 0; r < rounds; ++r) {
        run(1, false, seq_times, seq_diff, r);
        run(threads, args.force_parallel, par_times, par_diff, r);
    }
    return {median(std::move(seq_times)), median(std::move(par_times)), rounds};
}

void print_receipts(const MainnetBlock& mb, const BlockResult& result, std::ostream& out) {
    out << "  per-transaction results of block " << mb.block.env.number << ":\n";
    for (size_t i = 0; i < result.receipts.size(); ++i) {
        const Receipt& r = result.receipts[i];
        out << "    tx " << i << " " << to_hex(mb.tx_hashes[i]) << " gasUsed " << r.gas_used
            << " cumulative " << r.cumulative_gas_used << (r.success ? " ok" : " failed")
            << " logs " << r.logs.size() << "\n";
    }
}

/// Profiles the block once on one thread and simulates Block-STM on each worker count.
void project_block(const MainnetBlock& mb, const std::vector<unsigned>& workers, BlockReport& rep) {
    ExecutionOptions options;
    options.threads = 1;
    const parallel::BlockProfile profile = parallel::profile_block(mb.block, mb.pre, options);
    const char* fallback = profile.result.stats.fallback ? profile.result.stats.fallback : "";
    if (*fallback != '\0' || profile.txs.size() != mb.block.txs.size()) {
        rep.projection_unavailable = std::string("profiled run fell back: ") + fallback;
        return;
    }
    const parallel::ProjectionCosts costs = parallel::calibrate_costs(profile);
    const auto hints = parallel::sender_hints(mb.block);
    for (unsigned n : workers) {
        ProjectedRun run;
        run.p = parallel::project(profile.txs, n, costs, hints);
        run.wall_ms = run.p.makespan_ns / 1e6 + parallel::projected_finalize_ms(profile, n);
        rep.projections.push_back(run);
    }
}

BlockReport replay_block(const fs::path& dir,
                         const ReplayArgs& args,
                         unsigned threads,
                         const std::vector<unsigned>& project_workers) {
    BlockReport rep;
    rep.label = dir.filename().string();
    MainnetBlock mb;
    try {
        mb = load_mainnet_block(dir);
    } catch (const InputError& e) {
        rep.status = std::string("fixture error: ") + e.what();
        return rep;
    }
    const Block& block = mb.block;
    const MainnetHeader& h = mb.header;
    rep.number = block.env.number;
    rep.fork = fork_name(block.revision);
    rep.txs = block.txs.size();
    rep.mgas = static_cast<double>(h.gas_used) / 1e6;

    // An untimed warm-up run (lazy one-time setup such as the KZG trusted setup would otherwise
    // be charged to the first block that needs it); its result is the one checked.
    const auto warmup_start = std::chrono::steady_clock::now();
    const BlockResult seq = run_once(mb, 1, false, args.executor);
    const double warmup_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - warmup_start)
            .count();
    std::string seq_diff, par_diff;
    const Timings t = time_rounds(mb, threads, args, warmup_ms, seq, seq_diff, par_diff);
    rep.sequential_ms = t.sequential_ms;
    rep.parallel_ms = t.parallel_ms;
    rep.runs = t.runs;
    {
        const BlockResult par = run_once(mb, threads, args.force_parallel, args.executor);
        rep.parallel_stats = par.stats;
        if (par.stats.parallel && par.stats.incarnations > block.txs.size())
            rep.reexecutions = par.stats.incarnations - block.txs.size();
    }

    if (!project_workers.empty()) project_block(mb, project_workers, rep);

    rep.checks = check_against_header(mb, seq);
    rep.checks.push_back({"sequential_deterministic", seq_diff.empty(),
                          seq_diff.empty() ? "" : "sequential runs differ at " + seq_diff});
    rep.checks.push_back(
        {"parallel_equals_sequential", par_diff.empty(),
         par_diff.empty() ? "" : "parallel result differs from sequential at " + par_diff});
    if (!h.uncles.empty())
        rep.notes.push_back(std::to_string(h.uncles.size()) +
                            " uncle(s): their headers are not in the fixture, so the ommer "
                            "rewards are not applied (affects only the unchecked state)");

    rep.ok = true;
    for (const HeaderCheck& c : rep.checks) {
        if (c.ok && !*c.ok) {
            if (rep.ok) rep.status = "FAIL: " + c.detail;
            rep.ok = false;
        }
    }
    if (rep.ok) rep.status = "ok";
    if (!rep.ok && args.verbose && !seq.invalid) print_receipts(mb, seq, std::cerr);
    return rep;
}

void print_row(std::ostream& out,
               const std::string& block,
               const std::string& fork,
               const std::string& txs,
               double mgas,
               double seq_ms,
               double par_ms,
               double speedup,
               const std::string& reexec,
               const std::string& status) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%-10s %-16s %6s %7.2f %10.2f %10.2f %7.2fx %8s  ",
                  block.c_str(), fork.c_str(), txs.c_str(), mgas, seq_ms, par_ms, speedup,
                  reexec.c_str());
    out << buf << status << "\n";
}

nlohmann::json report_to_json(const BlockReport& r) {
    nlohmann::json j;
    j["block"] = r.label;
    if (r.number >= 0) j["number"] = r.number;
    j["fork"] = r.fork;
    j["txs"] = r.txs;
    j["mgas"] = r.mgas;
    j["sequential_ms"] = r.sequential_ms;
    j["parallel_ms"] = r.parallel_ms;
    j["runs"] = r.runs;
    j["speedup"] = r.parallel_ms > 0 ? r.sequential_ms / r.parallel_ms : 0.0;
    j["reexecutions"] = r.reexecutions;
    j["parallel_stats"] = stats_to_json(r.parallel_stats);
    j["ok"] = r.ok;
    j["status"] = r.status;
    nlohmann::json checks = nlohmann::json::object();
    for (const HeaderCheck& c : r.checks) {
        nlohmann::json cj;
        cj["checked"] = c.ok.has_value();
        if (c.ok) cj["ok"] = *c.ok;
        if (!c.detail.empty()) cj["detail"] = c.detail;
        checks[c.name] = std::move(cj);
    }
    j["checks"] = std::move(checks);
    j["notes"] = r.notes;
    if (!r.projection_unavailable.empty())
        j["projection"] = {{"unavailable", r.projection_unavailable}};
    if (!r.projections.empty()) {
        nlohmann::json proj = nlohmann::json::array();
        for (const ProjectedRun& p : r.projections)
            proj.push_back(
                {{"workers", p.p.workers},
                 {"makespan_ns", p.p.makespan_ns},
                 {"sequential_ns", p.p.sequential_ns},
                 {"speedup", p.p.speedup},
                 {"projected_ms", p.wall_ms},
                 {"speedup_vs_sequential", p.wall_ms > 0 ? r.sequential_ms / p.wall_ms : 0.0},
                 {"executions", p.p.executions},
                 {"validations", p.p.validations},
                 {"aborts", p.p.aborts},
                 {"dependency_waits", p.p.dependency_waits},
                 {"wasted_ns", p.p.wasted_ns}});
        j["projection"] = std::move(proj);
    }
    return j;
}

/// The blocks of the shared fixtures: $PAREVM_FIXTURES, else the configured default.
std::string default_blocks_dir() {
#ifdef PAREVM_FIXTURES_DEFAULT
    const char* fallback = PAREVM_FIXTURES_DEFAULT;
#else
    const char* fallback = "../shared/fixtures";
#endif
    const char* env = std::getenv("PAREVM_FIXTURES");
    const fs::path root = env != nullptr && *env != '\0' ? env : fallback;
    return (root / "mainnet" / "data" / "ethereum" / "blocks").string();
}

/// Per-block projected speedups (measured sequential time / projected time) at each worker
/// count; the first one is the thread count of the real parallel run, for comparison.
void print_projection_table(const std::vector<BlockReport>& reports,
                            const std::vector<unsigned>& workers,
                            std::ostream& out) {
    out << "\nprojection: Block-STM simulated on W virtual workers from one profiled 1-thread run "
           "per block (parallel/projection.hpp)\n"
           "  W=N: measured sequential time / (simulated makespan + finalization, its split part "
           "at the pace of the busiest worker); model: sum of transaction times / makespan, and "
           "aborts, at the largest W\n"
           "  measured: the real parallel run's speedup at "
        << workers.front() << " threads; error: (projected - measured) / measured at that W\n";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%-10s %6s", "block", "txs");
    out << buf;
    for (size_t i = 1; i < workers.size(); ++i) {
        std::snprintf(buf, sizeof buf, " %8s", ("W=" + std::to_string(workers[i])).c_str());
        out << buf;
    }
    std::snprintf(buf, sizeof buf, " %8s %8s %8s %8s %8s\n", "model", "aborts", "measured",
                  ("W=" + std::to_string(workers.front())).c_str(), "error");
    out << buf;
    std::vector<double> total_ms(workers.size(), 0.0), ratio_sum(workers.size(), 0.0);
    double seq_total = 0, par_total = 0;
    size_t counted = 0;
    for (const auto& r : reports) {
        if (r.number < 0) continue;
        std::snprintf(buf, sizeof buf, "%-10s %6zu", r.label.c_str(), r.txs);
        out << buf;
        if (r.projections.size() != workers.size()) {
            out << " n/a: "
                << (r.projection_unavailable.empty() ? "not projected" : r.projection_unavailable)
                << "\n";
            continue;
        }
        ++counted;
        seq_total += r.sequential_ms;
        par_total += r.parallel_ms;
        for (size_t i = 0; i < workers.size(); ++i) {
            const double s =
                r.projections[i].wall_ms > 0 ? r.sequential_ms / r.projections[i].wall_ms : 0.0;
            total_ms[i] += r.projections[i].wall_ms;
            ratio_sum[i] += s;
            if (i == 0) continue;
            std::snprintf(buf, sizeof buf, " %7.2fx", s);
            out << buf;
        }
        const ProjectedRun& last = r.projections.back();
        const double measured = r.parallel_ms > 0 ? r.sequential_ms / r.parallel_ms : 0.0;
        const double projected = r.projections.front().wall_ms > 0
                                     ? r.sequential_ms / r.projections.front().wall_ms
                                     : 0.0;
        std::snprintf(buf, sizeof buf, " %7.2fx %8llu %7.2fx %7.2fx %+7.1f%%\n", last.p.speedup,
                      static_cast<unsigned long long>(last.p.aborts), measured, projected,
                      measured > 0 ? 100.0 * (projected - measured) / measured : 0.0);
        out << buf;
    }
    if (counted == 0) return;
    std::snprintf(buf, sizeof buf, "%-10s %6s", "mean", "");
    out << buf;
    for (size_t i = 1; i < workers.size(); ++i) {
        std::snprintf(buf, sizeof buf, " %7.2fx", total_ms[i] > 0 ? seq_total / total_ms[i] : 0.0);
        out << buf;
    }
    const double measured = par_total > 0 ? seq_total / par_total : 0.0;
    const double projected = total_ms[0] > 0 ? seq_total / total_ms[0] : 0.0;
    std::snprintf(buf, sizeof buf, " %8s %8s %7.2fx %7.2fx %+7.1f%%\n", "", "", measured, projected,
                  measured > 0 ? 100.0 * (projected - measured) / measured : 0.0);
    out << buf
        << "  (mean: total sequential time / total projected time; mean of the per-block "
           "ratios:";
    for (size_t i = 1; i < workers.size(); ++i) {
        std::snprintf(buf, sizeof buf, " W=%u %.2fx", workers[i],
                      ratio_sum[i] / static_cast<double>(counted));
        out << buf;
    }
    out << ")\n";
}

int run_replay(ReplayArgs args) {
    if (args.paths.empty()) args.paths.push_back(default_blocks_dir());
    unsigned threads = args.threads;
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    // The real run's thread count first (to compare with the measurement), then the requested.
    std::vector<unsigned> project_workers;
    if (!args.project.empty()) {
        project_workers.push_back(threads);
        for (unsigned w : args.project)
            if (std::find(project_workers.begin(), project_workers.end(), w) ==
                project_workers.end())
                project_workers.push_back(w);
    }

    std::vector<fs::path> dirs;
    int errors = 0;
    for (const auto& p : args.paths) {
        try {
            const auto found = collect_block_dirs(p);
            dirs.insert(dirs.end(), found.begin(), found.end());
        } catch (const InputError& e) {
            std::cerr << "error: " << e.what() << "\n";
            ++errors;
        }
    }

    std::cout << "replay: " << dirs.size()
              << " block(s); sequential = 1 thread, parallel = " << threads
              << " threads; times are medians of " << args.repeat
              << " round(s) of one sequential and one parallel run (more rounds for a block"
                 " under "
              << least_timed_ms / args.repeat << " ms: " << least_timed_ms
              << " ms per mode, at most " << most_runs << ") after an untimed warm-up run\n"
              << "checked: gas used, logs bloom, receipts root (Byzantium+), blob gas used, "
                 "transactions and withdrawals roots, parallel == sequential (every run)\n"
              << "not checked: state root (the pre-state holds only the accounts the block "
                 "touches)\nre-exec: transaction executions beyond one per transaction in a "
                 "parallel run\n\n";
    char head[160];
    std::snprintf(head, sizeof head, "%-10s %-16s %6s %7s %10s %10s %8s %8s  %s", "block", "fork",
                  "txs", "Mgas", "seq ms", "par ms", "speedup", "re-exec", "status");
    std::cout << head << "\n";

    std::vector<BlockReport> reports;
    for (const auto& dir : dirs) {
        BlockReport r = replay_block(dir, args, threads, project_workers);
        const double speedup = r.parallel_ms > 0 ? r.sequential_ms / r.parallel_ms : 0.0;
        if (r.number < 0) {  // not loaded: nothing was run
            char buf[32];
            std::snprintf(buf, sizeof buf, "%-10s ", r.label.c_str());
            std::cout << buf << r.status << "\n";
        } else {
            print_row(std::cout, r.label, r.fork, std::to_string(r.txs), r.mgas, r.sequential_ms,
                      r.parallel_ms, speedup, std::to_string(r.reexecutions), r.status);
        }
        for (const HeaderCheck& c : r.checks)
            if (!c.ok && args.verbose)
                std::cout << "    " << c.name << " not checked: " << c.detail << "\n";
        if (args.stats && r.number >= 0)
            std::cout << "    stats: " << format_stats(r.parallel_stats) << "\n";
        for (const auto& note : r.notes) std::cout << "    note: " << note << "\n";
        reports.push_back(std::move(r));
    }

    size_t passed = 0;
    double mgas = 0, seq_ms = 0, par_ms = 0, speedup = 0, txs = 0;
    uint64_t total_reexec = 0;
    size_t timed = 0;
    for (const auto& r : reports) {
        if (r.ok) ++passed;
        if (r.number < 0) continue;  // not loaded: no numbers
        ++timed;
        mgas += r.mgas;
        seq_ms += r.sequential_ms;
        total_reexec += r.reexecutions;
        par_ms += r.parallel_ms;
        txs += static_cast<double>(r.txs);
        speedup += r.parallel_ms > 0 ? r.sequential_ms / r.parallel_ms : 0.0;
    }
    const size_t failed = reports.size() - passed + static_cast<size_t>(errors);
    nlohmann::json mean_json = nlohmann::json::object();
    if (timed > 0) {
        const double n = static_cast<double>(timed);
        char t[32];
        std::snprintf(t, sizeof t, "%.1f", txs / n);
        // The mean row's speedup is mean sequential time over mean parallel time (total work
        // over total time); the mean of the per-block ratios is in the JSON too.
        const double overall = par_ms > 0 ? seq_ms / par_ms : 0.0;
        print_row(std::cout, "mean", "", t, mgas / n, seq_ms / n, par_ms / n, overall,
                  std::to_string(total_reexec),
                  "(speedup: total sequential / total parallel time)");
        mean_json = {{"txs", txs / n},
                     {"mgas", mgas / n},
                     {"sequential_ms", seq_ms / n},
                     {"parallel_ms", par_ms / n},
                     {"speedup", overall},
                     {"speedup_mean_of_ratios", speedup / n},
                     {"reexecutions", total_reexec}};
    }
    if (!project_workers.empty()) print_projection_table(reports, project_workers, std::cout);
    std::cout << "\n" << passed << " passed, " << failed << " failed\n";

    if (!args.json_file.empty()) {
        nlohmann::json out;
        out["threads"] = threads;
        out["repeat"] = args.repeat;
        out["state_root_checked"] = false;
        out["blocks"] = nlohmann::json::array();
        for (const auto& r : reports) out["blocks"].push_back(report_to_json(r));
        out["mean"] = std::move(mean_json);
        if (!project_workers.empty()) out["project"] = project_workers;
        out["passed"] = passed;
        out["failed"] = failed;
        std::ofstream f(args.json_file);
        f << out.dump(2) << "\n";
        if (!f) {
            std::cerr << "error: cannot write " << args.json_file << "\n";
            return 1;
        }
    }
    return failed == 0 ? 0 : 1;
}

}  // namespace

void add_replay(CLI::App& app, CommandBody& body) {
    auto args = std::make_shared<ReplayArgs>();
    auto* cmd = app.add_subcommand(
        "replay", "Replay mainnet block fixtures sequentially and in parallel; check the header");
    cmd->add_option("paths", args->paths,
                    "Block directories (block.json + pre_state.json) or directories of them "
                    "(default: the mainnet blocks under $PAREVM_FIXTURES or the shared fixtures)");
    cmd->add_option("--threads", args->threads,
                    "Threads of the parallel run (0: the cores present)")
        ->capture_default_str();
    cmd->add_option("--repeat", args->repeat,
                    "Rounds of one sequential and one parallel run per block (more for a short "
                    "block: " +
                        std::to_string(static_cast<int>(least_timed_ms)) +
                        " ms per mode, at most " + std::to_string(most_runs) +
                        "); the median times are shown")
        ->check(CLI::Range(1u, 1'000'000u))
        ->capture_default_str();
    cmd->add_option("--json", args->json_file, "Also write the results to this JSON file");
    cmd->add_flag("--stats", args->stats,
                  "Print what the parallel executor did per block: incarnations, validations, "
                  "aborts, dependency waits, time per phase");
    cmd->add_flag("--force-parallel", args->force_parallel,
                  "Run every block through Block-STM, also those the entry policy would run in "
                  "order (to measure the engine itself; the fallback guard stays on)");
    add_executor_option(cmd, args->executor);
    cmd->add_flag("-v,--verbose", args->verbose,
                  "Explain unchecked values; print per-transaction gas of failing blocks");
    cmd->add_option("--project", args->project,
                    "Also project Block-STM's speedup on these worker counts, e.g. 8,16,32 "
                    "(simulated from a profiled 1-thread run of each block)")
        ->delimiter(',')
        ->allow_extra_args(false)  // PATH... follows: one comma-separated value per --project
        ->check(CLI::Range(1u, 4096u));
    cmd->callback([args, &body] { body = [args] { return run_replay(*args); }; });
}

}  // namespace parevm::cli
