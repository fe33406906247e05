// SPDX-License-Identifier: Apache-2.0
// parevm bench: generated workloads run sequentially and in parallel, timed and cross-checked.
#include "commands.hpp"
#include "stats_format.hpp"

#include <bench/workloads/workloads.hpp>
#include <parevm/core/hex.hpp>
#include <parevm/execution/block.hpp>
#include <parevm/io/mainnet_block.hpp>
#include <parevm/parallel/projection.hpp>

#include <nlohmann/json.hpp>

#include <malloc.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace parevm::cli {

namespace {

struct BenchArgs {
    std::vector<std::string> workloads;
    size_t txs = 0;
    std::string gas;
    std::vector<unsigned> threads;
    unsigned repeat = 3;
    uint64_t seed = 1;
    double hot = 0.1;
    size_t pairs = 4;
    std::string json_file;
    std::string chart_file;
    bool list = false;
    bool stats = false;
    ExecutionOptions::Executor executor = ExecutionOptions::Executor::automatic;
    std::vector<unsigned> project;  // worker counts to project (empty: no projection)
};

/// One thread count on one workload.
struct Run {
    unsigned threads = 1;
    std::vector<double> times_ms;
    double median_ms = 0;
    double speedup = 1;
    std::optional<double> reexec_pct;  // nullopt when the executor reported no statistics
    std::string difference;  // first difference from the sequential result; "" when identical
    ExecutionStats stats;    // of the last timed run (parallel path or why not: stats.fallback)
};

/// The simulated Block-STM run on one worker count (parallel/projection.hpp).
struct ProjectionRow {
    parallel::Projection p;
    double vs_sequential = 0;        // measured sequential time / projected wall time
    double finalize_ms = 0;          // projected finalization at this worker count
    std::optional<double> measured;  // speedup of Block-STM (forced) at this thread count, if run
    std::optional<double> vs_calibrated;  // vs_sequential with the cross-core cost (W >= 2)
};

/// The projection of one workload from one profiled run on one thread.
struct WorkloadProjection {
    std::string unavailable;  // why there is no projection ("" when there is)
    std::string difference;   // a forced Block-STM run's first difference from sequential
    std::optional<double> cross_core_ns;  // per execution, calibrated at calibrated_at threads
    unsigned calibrated_at = 0;
    double profile_ms = 0;   // wall time of the profiled Block-STM run (1 thread)
    double exec_sum_ms = 0;  // sum of the transactions' own execution times in it
    double finalize_ms = 0;  // its ordered finalization (one thread)
    double serial_ms = 0;    // the part of it that no worker count splits
    parallel::ProjectionCosts costs;
    std::vector<ProjectionRow> rows;
};

struct WorkloadReport {
    std::string name;
    std::string hash;
    size_t txs = 0;
    uint64_t gas_used = 0;
    size_t failed_txs = 0;
    double build_ms = 0;
    long peak_rss_kb = 0;
    bool peak_rss_per_workload = false;  // false: the peak of the whole process so far
    std::vector<Run> runs;
    std::optional<WorkloadProjection> projection;
};

/// "1000000", "30M", "1G", "2.5g": a gas amount (k, M, G: powers of 1000).
std::optional<uint64_t> parse_gas(std::string s) {
    if (s.empty()) return std::nullopt;
    double mult = 1;
    switch (s.back()) {
        case 'k':
        case 'K':
            mult = 1e3;
            break;
        case 'm':
        case 'M':
            mult = 1e6;
            break;
        case 'g':
        case 'G':
            mult = 1e9;
            break;
        default:
            break;
    }
    if (mult != 1) s.pop_back();
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !(v > 0) || v * mult > 1e15)
        return std::nullopt;
    return static_cast<uint64_t>(v * mult);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// Starts a new peak-memory window: Linux resets VmHWM when "5" is written to clear_refs.
/// Returns false where that is not possible (the peak then covers the whole process so far).
bool reset_peak_rss() {
    malloc_trim(0);  // give the previous workload's freed memory back first (glibc)
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return static_cast<bool>(out);
}

/// The peak resident set in kB: VmHWM (since the last reset_peak_rss) when readable, else
/// getrusage's ru_maxrss (the whole process's peak).
long peak_rss_kb() {
    std::ifstream in("/proc/self/status");
    std::string key;
    long kb = 0;
    while (in >> key) {
        if (key == "VmHWM:" && in >> kb) return kb;
        in.ignore(1 << 12, '\n');
    }
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;  // Linux: kilobytes
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
class Progress {
public:
    explicit Progress(size_t total) : total_(total), tty_(isatty(STDERR_FILENO) != 0) {}
    void step(const std::string& what) {
        ++done_;
        show(what);
    }
    void show(const std::string& what) const {
        if (!tty_) return;
        constexpr size_t width = 30;
        const size_t filled = total_ ? std::min(width, done_ * width / total_) : width;
        std::fprintf(stderr, "\r\033[K[%s%s] %zu/%zu %s", std::string(filled, '#').c_str(),
                     std::string(width - filled, '.').c_str(), done_, total_, what.c_str());
        std::fflush(stderr);
    }
    void finish() const {
        if (tty_) std::fprintf(stderr, "\r\033[K");
    }

private:
    size_t total_;
    size_t done_ = 0;
    bool tty_;
};

std::string read_cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos) return line.substr(colon + 2);
        }
    }
    return "unknown";
}

long read_mem_total_kb() {
    std::ifstream in("/proc/meminfo");
    std::string key;
    long kb = 0;
    while (in >> key >> kb) {
        if (key == "MemTotal:") return kb;
        in.ignore(1 << 10, '\n');
    }
    return 0;
}

nlohmann::json machine_json() {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    utsname u{};
    uname(&u);
    return {{"hostname", host},
            {"cpu", read_cpu_model()},
            {"logical_cores", std::thread::hardware_concurrency()},
            {"mem_total_kb", read_mem_total_kb()},
            {"os", std::string(u.sysname) + " " + u.release + " " + u.machine}};
}

nlohmann::json build_json() {
#ifdef NDEBUG
    const bool assertions = false;
#else
    const bool assertions = true;
#endif
    return {{"compiler", __VERSION__}, {"assertions", assertions}, {"cplusplus", __cplusplus}};
}

std::string fmt(const char* f, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

void print_table(const std::vector<WorkloadReport>& reports, std::ostream& out) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "%-20s %7s %8s %4s %10s %9s %10s %8s %8s %8s  %s\n", "workload",
                  "txs", "Mgas", "thr", "time ms", "Mgas/s", "tx/s", "speedup", "re-exec",
                  "peak MB", "check");
    out << buf << std::string(108, '-') << "\n";
    for (const auto& w : reports) {
        for (const auto& r : w.runs) {
            const double secs = r.median_ms / 1e3;
            const std::string reexec = r.threads == 1 ? "-"
                                       : r.reexec_pct ? fmt("%.1f%%", *r.reexec_pct)
                                                      : "n/a";
            std::string check = r.difference.empty() ? "identical" : "DIFFERS: " + r.difference;
            if (r.threads > 1 && !r.stats.parallel && r.stats.fallback && *r.stats.fallback)
                check += std::string{" (sequential fallback: "} + r.stats.fallback + ")";
            std::snprintf(buf, sizeof buf,
                          "%-20s %7zu %8.1f %4u %10.1f %9.1f %10.0f %7.2fx %8s %8.0f  %s\n",
                          w.name.c_str(), w.txs, static_cast<double>(w.gas_used) / 1e6, r.threads,
                          r.median_ms, static_cast<double>(w.gas_used) / 1e6 / secs,
                          static_cast<double>(w.txs) / secs, r.speedup, reexec.c_str(),
                          static_cast<double>(w.peak_rss_kb) / 1024, check.c_str());
            out << buf;
        }
    }
}

std::string xml_escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
            case '<':
                o += "&lt;";
                break;
            case '>':
                o += "&gt;";
                break;
            case '&':
                o += "&amp;";
                break;
            case '"':
                o += "&quot;";
                break;
            default:
                o += c;
        }
    }
    return o;
}

/// Grouped bar chart: one group per workload, one bar per thread count, height = speedup over
/// the sequential executor, with a dashed line at 1x.
std::string svg_chart(const std::vector<WorkloadReport>& reports,
                      const std::vector<unsigned>& threads,
                      const std::string& subtitle) {
    static constexpr const char* palette[] = {"#9e9e9e", "#1f77b4", "#ff7f0e", "#2ca02c",
                                              "#d62728", "#9467bd", "#8c564b", "#e377c2"};
    const double bar_w = 18, gap = 26, left = 70, top = 60, plot_h = 320, bottom = 130;
    const double group_w = bar_w * static_cast<double>(threads.size()) + gap;
    const double plot_w = std::max(300.0, group_w * static_cast<double>(reports.size()));
    const double width = std::max(left + plot_w + 170, 660.0), height = top + plot_h + bottom;
    double max_speedup = 1;
    for (const auto& w : reports)
        for (const auto& r : w.runs) max_speedup = std::max(max_speedup, r.speedup);
    const double y_max = std::ceil(max_speedup * 1.15 / 0.5) * 0.5;
    const double y_step = y_max <= 3 ? 0.5 : y_max <= 8 ? 1 : 2;
    auto y = [&](double v) { return top + plot_h - v / y_max * plot_h; };

    std::ostringstream s;
    s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << left << "\" y=\"24\" font-size=\"16\" font-weight=\"bold\">"
      << "parevm: parallel (Block-STM) speedup over sequential</text>\n"
      << "<text x=\"" << left << "\" y=\"42\" fill=\"#555\">" << xml_escape(subtitle)
      << "</text>\n";
    for (double v = 0; v <= y_max + 1e-9; v += y_step) {
        s << "<line x1=\"" << left << "\" x2=\"" << left + plot_w << "\" y1=\"" << y(v)
          << "\" y2=\"" << y(v) << "\" stroke=\"#e0e0e0\"/>\n"
          << "<text x=\"" << left - 8 << "\" y=\"" << y(v) + 4 << "\" text-anchor=\"end\">"
          << fmt("%.1f", v) << "x</text>\n";
    }
    s << "<line x1=\"" << left << "\" x2=\"" << left + plot_w << "\" y1=\"" << y(1) << "\" y2=\""
      << y(1) << "\" stroke=\"#333\" stroke-dasharray=\"5,4\"/>\n"
      << "<line x1=\"" << left << "\" x2=\"" << left << "\" y1=\"" << top << "\" y2=\""
      << top + plot_h << "\" stroke=\"black\"/>\n"
      << "<line x1=\"" << left << "\" x2=\"" << left + plot_w << "\" y1=\"" << top + plot_h
      << "\" y2=\"" << top + plot_h << "\" stroke=\"black\"/>\n"
      << "<text transform=\"translate(18," << top + plot_h / 2
      << ") rotate(-90)\" text-anchor=\"middle\">speedup over sequential (x)</text>\n";
    for (size_t wi = 0; wi < reports.size(); ++wi) {
        const double gx = left + gap / 2 + group_w * static_cast<double>(wi);
        for (size_t ti = 0; ti < threads.size(); ++ti) {
            for (const auto& r : reports[wi].runs) {
                if (r.threads != threads[ti]) continue;
                const double x = gx + bar_w * static_cast<double>(ti);
                s << "<rect x=\"" << x << "\" y=\"" << y(r.speedup) << "\" width=\"" << bar_w - 2
                  << "\" height=\"" << top + plot_h - y(r.speedup) << "\" fill=\""
                  << palette[ti % 8] << "\"><title>" << xml_escape(reports[wi].name) << ", "
                  << r.threads << " threads: " << fmt("%.2f", r.speedup) << "x</title></rect>\n"
                  << "<text x=\"" << x + (bar_w - 2) / 2 << "\" y=\"" << y(r.speedup) - 3
                  << "\" font-size=\"9\" text-anchor=\"middle\">" << fmt("%.2f", r.speedup)
                  << "</text>\n";
            }
        }
        const double cx = gx + bar_w * static_cast<double>(threads.size()) / 2;
        s << "<text transform=\"translate(" << cx << "," << top + plot_h + 14
          << ") rotate(35)\" text-anchor=\"start\">" << xml_escape(reports[wi].name) << "</text>\n";
    }
    const double lx = left + plot_w + 20;
    s << "<text x=\"" << lx << "\" y=\"" << top << "\" font-weight=\"bold\">threads</text>\n";
    for (size_t ti = 0; ti < threads.size(); ++ti) {
        const double ly = top + 14 + 20 * static_cast<double>(ti);
        s << "<rect x=\"" << lx << "\" y=\"" << ly << "\" width=\"14\" height=\"14\" fill=\""
          << palette[ti % 8] << "\"/>\n<text x=\"" << lx + 20 << "\" y=\"" << ly + 11 << "\">"
          << threads[ti] << (threads[ti] == 1 ? " (sequential)" : " threads") << "</text>\n";
    }
    const double ly = top + 14 + 20 * static_cast<double>(threads.size());
    s << "<line x1=\"" << lx << "\" x2=\"" << lx + 14 << "\" y1=\"" << ly + 7 << "\" y2=\""
      << ly + 7 << "\" stroke=\"#333\" stroke-dasharray=\"5,4\"/>\n<text x=\"" << lx + 20
      << "\" y=\"" << ly + 11 << "\">1x = sequential</text>\n</svg>\n";
    return s.str();
}

/// One timed execution; returns the wall time in ms. `force_parallel`: through Block-STM
/// whatever the entry policy would choose, also on one thread.
double timed(const bench::Workload& w,
             unsigned threads,
             BlockResult& out,
             bool force_parallel = false,
             ExecutionOptions::Executor executor = ExecutionOptions::Executor::block_stm) {
    ExecutionOptions options;
    options.threads = threads;
    options.force_parallel = force_parallel;
    options.executor = executor;
    const auto start = std::chrono::steady_clock::now();
    out = execute_block(w.block, w.pre, options);
    const auto stop = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::milli>(stop - start).count();
}

/// Worker counts to project: 1 and 2 (calibration against the real runs), then the requested.
std::vector<unsigned> projection_workers(const std::vector<unsigned>& requested) {
    std::vector<unsigned> out{1, 2};
    for (unsigned w : requested)
        if (w > 0 && std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
    return out;
}

/// Block-STM itself (forced past the entry policy, also on one thread) timed at each of
/// `threads`, and the sequential executor, in `repeat` rounds: medians in ms, the points the
/// projection is checked against. Each result must equal `reference`; the first difference
/// goes to `difference`.
struct BlockStmTimes {
    double sequential_ms = 0;
    std::map<unsigned, double> forced_ms;  // by thread count
};
BlockStmTimes measure_block_stm(const bench::Workload& w,
                                const std::vector<unsigned>& threads,
                                unsigned repeat,
                                const BlockResult& reference,
                                std::string& difference) {
    std::vector<double> seq;
    std::map<unsigned, std::vector<double>> forced;
    for (unsigned i = 0; i < repeat; ++i) {
        BlockResult result;
        seq.push_back(timed(w, 1, result));
        for (unsigned n : threads) {
            forced[n].push_back(timed(w, n, result, true));
            if (difference.empty()) difference = first_result_difference(reference, result);
        }
    }
    BlockStmTimes out;
    out.sequential_ms = median(seq);
    for (auto& [n, times] : forced) out.forced_ms[n] = median(times);
    return out;
}

/// Profiles the workload on one thread, calibrates the model's costs from that run and
/// simulates Block-STM on each worker count. Block-STM is timed again, forced, at the thread
/// counts of `rep`'s runs, with the sequential baseline (`repeat` rounds): the measured points
/// the projections are compared with.
WorkloadProjection project_workload(const bench::Workload& w,
                                    const std::vector<unsigned>& workers,
                                    const WorkloadReport& rep,
                                    unsigned repeat,
                                    const BlockResult& reference) {
    WorkloadProjection out;
    ExecutionOptions options;
    options.threads = 1;
    const auto start = std::chrono::steady_clock::now();
    const parallel::BlockProfile profile = parallel::profile_block(w.block, w.pre, options);
    out.profile_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const char* fallback = profile.result.stats.fallback ? profile.result.stats.fallback : "";
    if (*fallback != '\0' || profile.txs.size() != w.block.txs.size()) {
        out.unavailable = std::string("the profiled run fell back to sequential: ") + fallback;
        return out;
    }
    for (const auto& t : profile.txs) out.exec_sum_ms += static_cast<double>(t.exec_ns) / 1e6;
    out.finalize_ms = profile.result.stats.finalize_ms;
    out.serial_ms = profile.result.stats.finalize_serial_ms;
    out.costs = parallel::calibrate_costs(profile);
    const auto hints = parallel::sender_hints(w.block);
    std::vector<unsigned> measured_threads;
    for (const Run& r : rep.runs)
        if (std::find(workers.begin(), workers.end(), r.threads) != workers.end())
            measured_threads.push_back(r.threads);
    const BlockStmTimes measured =
        measure_block_stm(w, measured_threads, std::max(1u, repeat), reference, out.difference);
    const double seq_ms = measured.sequential_ms;
    // The cross-core cost: what the real run on the most cores measured took beyond the model.
    if (!measured.forced_ms.empty() && measured.forced_ms.rbegin()->first >= 2) {
        const auto& [n, ms] = *measured.forced_ms.rbegin();
        out.calibrated_at = n;
        out.cross_core_ns = parallel::calibrate_cross_core_ns(
            profile.txs, n, out.costs, hints, parallel::projected_finalize_ms(profile, n), ms);
    }
    for (unsigned n : workers) {
        ProjectionRow row;
        row.p = parallel::project(profile.txs, n, out.costs, hints);
        row.finalize_ms = parallel::projected_finalize_ms(profile, n);
        const double wall_ms = row.p.makespan_ns / 1e6 + row.finalize_ms;
        row.vs_sequential = wall_ms > 0 ? seq_ms / wall_ms : 0;
        if (const auto it = measured.forced_ms.find(n);
            it != measured.forced_ms.end() && it->second > 0)
            row.measured = seq_ms / it->second;
        if (out.cross_core_ns && n >= 2) {
            parallel::ProjectionCosts costs = out.costs;
            costs.exec_overhead_ns += *out.cross_core_ns;
            const double cal_ms =
                parallel::project(profile.txs, n, costs, hints).makespan_ns / 1e6 + row.finalize_ms;
            row.vs_calibrated = cal_ms > 0 ? seq_ms / cal_ms : 0;
        }
        out.rows.push_back(row);
    }
    return out;
}

double wasted_pct(const parallel::Projection& p) {
    return p.sequential_ns > 0 ? 100.0 * p.wasted_ns / p.sequential_ns : 0.0;
}

void print_projection_table(const std::vector<WorkloadReport>& reports, std::ostream& out) {
    out << "\nprojection: Block-STM simulated on W virtual workers from a profiled 1-thread run "
           "(parallel/projection.hpp)\n"
           "  model: sum of transaction times / simulated makespan; vs seq: measured sequential "
           "time / (makespan + finalization: its serial part, and its part split by account "
           "shard at the pace of the busiest worker)\n"
           "  measured: Block-STM run at W threads, forced past the entry policy (also on 1 "
           "thread), over the sequential executor timed in the same rounds; error: (vs seq - "
           "measured) / measured\n"
           "  calibrated: vs seq with the cross-core cost per execution that makes the model "
           "meet the measured run on the most threads (cache lines and locks moving between "
           "real cores, which the model leaves out), assumed the same at every W\n"
           "  wasted: execution time of aborted incarnations / sum of transaction times\n";
    char buf[256];
    std::snprintf(buf, sizeof buf, "%-20s %4s %8s %8s %9s %9s %8s %8s %8s\n", "workload", "W",
                  "model", "vs seq", "measured", "error", "calibr.", "aborts", "wasted");
    out << buf << std::string(90, '-') << "\n";
    for (const auto& w : reports) {
        if (!w.projection) continue;
        const WorkloadProjection& proj = *w.projection;
        if (!proj.unavailable.empty()) {
            std::snprintf(buf, sizeof buf, "%-20s ", w.name.c_str());
            out << buf << "n/a: " << proj.unavailable << "\n";
            continue;
        }
        for (const ProjectionRow& r : proj.rows) {
            const std::string measured = r.measured ? fmt("%.2fx", *r.measured) : "-";
            const std::string error =
                r.measured && *r.measured > 0
                    ? fmt("%+.1f%%", 100.0 * (r.vs_sequential - *r.measured) / *r.measured)
                    : "-";
            const std::string calibrated = r.vs_calibrated ? fmt("%.2fx", *r.vs_calibrated) : "-";
            std::snprintf(buf, sizeof buf, "%-20s %4u %7.2fx %7.2fx %9s %9s %8s %8llu %7.1f%%\n",
                          w.name.c_str(), r.p.workers, r.p.speedup, r.vs_sequential,
                          measured.c_str(), error.c_str(), calibrated.c_str(),
                          static_cast<unsigned long long>(r.p.aborts), wasted_pct(r.p));
            out << buf;
        }
    }
    for (const auto& w : reports) {
        if (!w.projection || !w.projection->unavailable.empty()) continue;
        const WorkloadProjection& proj = *w.projection;
        std::snprintf(buf, sizeof buf,
                      "note: %s: profiled run %.1f ms (transactions %.1f ms, finalization %.1f "
                      "ms of which %.1f ms serial); calibrated overhead %.0f ns per execution",
                      w.name.c_str(), proj.profile_ms, proj.exec_sum_ms, proj.finalize_ms,
                      proj.serial_ms, proj.costs.exec_overhead_ns);
        out << buf;
        if (proj.cross_core_ns)
            out << fmt(", cross-core %+.0f ns", *proj.cross_core_ns) << " (at "
                << proj.calibrated_at << " threads)";
        out << "\n";
    }
}

nlohmann::json projection_json(const WorkloadProjection& proj) {
    if (!proj.unavailable.empty()) return {{"unavailable", proj.unavailable}};
    nlohmann::json j = {{"profile_ms", proj.profile_ms},
                        {"exec_sum_ms", proj.exec_sum_ms},
                        {"finalize_ms", proj.finalize_ms},
                        {"serial_ms", proj.serial_ms},
                        {"costs",
                         {{"exec_overhead_ns", proj.costs.exec_overhead_ns},
                          {"validation_base_ns", proj.costs.validation_base_ns},
                          {"validation_per_read_ns", proj.costs.validation_per_read_ns},
                          {"dependency_ns", proj.costs.dependency_ns},
                          {"poll_ns", proj.costs.poll_ns}}},
                        {"rows", nlohmann::json::array()}};
    if (proj.cross_core_ns) {
        j["cross_core_ns"] = *proj.cross_core_ns;
        j["cross_core_calibrated_at_threads"] = proj.calibrated_at;
    }
    for (const ProjectionRow& r : proj.rows) {
        nlohmann::json jr = {
            {"workers", r.p.workers},       {"makespan_ns", r.p.makespan_ns},
            {"finalize_ms", r.finalize_ms}, {"sequential_ns", r.p.sequential_ns},
            {"speedup", r.p.speedup},       {"speedup_vs_sequential", r.vs_sequential},
            {"executions", r.p.executions}, {"validations", r.p.validations},
            {"aborts", r.p.aborts},         {"dependency_waits", r.p.dependency_waits},
            {"wasted_ns", r.p.wasted_ns},   {"wasted_pct", wasted_pct(r.p)}};
        if (r.vs_calibrated) jr["speedup_vs_sequential_calibrated"] = *r.vs_calibrated;
        if (r.measured) {
            jr["measured_speedup"] = *r.measured;
            jr["error_pct"] =
                *r.measured > 0 ? 100.0 * (r.vs_sequential - *r.measured) / *r.measured : 0.0;
        }
        j["rows"].push_back(jr);
    }
    return j;
}

int run_bench(BenchArgs args) {
    if (args.list) {
        for (const auto& info : bench::workload_list())
            std::printf("%-20s %s%s\n", std::string(info.name).c_str(),
                        std::string(info.description).c_str(),
                        info.in_default_set ? "" : " (not in the default set)");
        return 0;
    }
    if (args.workloads.empty())
        for (const auto& info : bench::workload_list())
            if (info.in_default_set) args.workloads.emplace_back(info.name);
    for (const auto& name : args.workloads) {
        bool known = false;
        for (const auto& info : bench::workload_list()) known |= info.name == name;
        if (!known) {
            std::fprintf(stderr, "parevm bench: unknown workload '%s' (see --list)\n",
                         name.c_str());
            return 2;
        }
    }
    std::optional<uint64_t> gas;
    if (!args.gas.empty()) {
        gas = parse_gas(args.gas);
        if (!gas) {
            std::fprintf(stderr, "parevm bench: bad --gas '%s' (e.g. 30000000, 30M, 1G)\n",
                         args.gas.c_str());
            return 2;
        }
    }
    if (args.repeat == 0) args.repeat = 1;
    // The sequential executor is the baseline of every speedup: always measured, listed first.
    std::vector<unsigned> threads{1};
    for (unsigned t : args.threads)
        if (t > 1 && std::find(threads.begin(), threads.end(), t) == threads.end())
            threads.push_back(t);
    if (args.threads.empty() && std::thread::hardware_concurrency() > 1)
        threads.push_back(std::thread::hardware_concurrency());

    bench::WorkloadParams params;
    params.seed = args.seed;
    params.hot_ratio = args.hot;
    params.pairs = args.pairs;

    const std::vector<unsigned> project_workers =
        args.project.empty() ? std::vector<unsigned>{} : projection_workers(args.project);
    Progress progress(args.workloads.size() *
                      (1 + threads.size() * args.repeat + (project_workers.empty() ? 0 : 1)));
    std::vector<WorkloadReport> reports;
    bool all_identical = true;
    for (const auto& name : args.workloads) {
        WorkloadReport rep;
        rep.name = name;
        rep.peak_rss_per_workload = reset_peak_rss();
        params.txs = args.txs ? args.txs : 2000;
        if (gas) {
            progress.show("sizing " + name + " for " + args.gas + " gas");
            params.txs = bench::txs_for_gas(name, *gas, params);
        }
        progress.show("building " + name + " (" + std::to_string(params.txs) + " txs)");
        const auto build_start = std::chrono::steady_clock::now();
        const auto w = bench::make_workload(name, params);
        rep.build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                 build_start)
                           .count();
        rep.hash = to_hex(w->hash);
        rep.txs = w->block.txs.size();

        // Untimed warm-up: the reference result every timed run must equal.
        BlockResult reference;
        timed(*w, 1, reference);
        progress.step(name + " warm-up");
        if (reference.invalid) {
            progress.finish();
            std::fprintf(stderr, "parevm bench: %s: generated block is invalid at tx %zu\n",
                         name.c_str(), reference.invalid->index);
            return 1;
        }
        rep.gas_used = reference.gas_used;
        for (const auto& r : reference.receipts) rep.failed_txs += r.success ? 0 : 1;

        // Rounds of one run per thread count, so that a slow drift of the machine weighs on
        // every thread count alike (the speedup compares medians taken in the same minutes).
        std::vector<Run> runs(threads.size());
        std::vector<uint64_t> incarnations(threads.size(), 0);
        std::vector<bool> have_stats(threads.size(), true);
        for (unsigned i = 0; i < args.repeat; ++i) {
            for (size_t k = 0; k < threads.size(); ++k) {
                Run& run = runs[k];
                run.threads = threads[k];
                BlockResult result;
                run.times_ms.push_back(timed(*w, threads[k], result, false, args.executor));
                progress.step(name + ", " + std::to_string(threads[k]) + " thread(s), run " +
                              std::to_string(i + 1) + "/" + std::to_string(args.repeat));
                if (run.difference.empty())
                    run.difference = first_result_difference(reference, result);
                incarnations[k] += result.stats.incarnations;
                have_stats[k] = have_stats[k] && (result.stats.incarnations > 0 || rep.txs == 0);
                run.stats = result.stats;
            }
        }
        const double seq_ms = median(runs[0].times_ms);  // threads[0] is 1 (see above)
        for (size_t k = 0; k < threads.size(); ++k) {
            Run& run = runs[k];
            run.median_ms = median(run.times_ms);
            run.speedup = run.median_ms > 0 ? seq_ms / run.median_ms : 0;
            if (have_stats[k] && rep.txs > 0) {
                const double per_run = static_cast<double>(incarnations[k]) / args.repeat;
                run.reexec_pct =
                    100.0 * (per_run - static_cast<double>(rep.txs)) / static_cast<double>(rep.txs);
            }
            all_identical &= run.difference.empty();
            rep.runs.push_back(std::move(run));
        }
        rep.peak_rss_kb = peak_rss_kb();  // of the timed runs, before the profiling run
        if (!project_workers.empty()) {
            progress.show(name + ": profiling and projecting");
            rep.projection = project_workload(*w, project_workers, rep, args.repeat, reference);
            if (!rep.projection->difference.empty()) {
                all_identical = false;
                std::fprintf(stderr, "parevm bench: %s: forced Block-STM run differs: %s\n",
                             name.c_str(), rep.projection->difference.c_str());
            }
            progress.step(name + " projection");
        }
        reports.push_back(std::move(rep));
    }
    progress.finish();

    std::printf("parevm bench: seed %llu, %u run(s) per thread count (median), %u logical cores\n",
                static_cast<unsigned long long>(args.seed), args.repeat,
                std::thread::hardware_concurrency());
    print_table(reports, std::cout);
    for (const auto& w : reports)
        if (w.failed_txs)
            std::printf("note: %s: %zu transaction(s) reverted\n", w.name.c_str(), w.failed_txs);
    std::cout << (all_identical ? "all parallel results identical to sequential\n"
                                : "PARALLEL RESULTS DIFFER FROM SEQUENTIAL\n");
    if (args.stats) {
        std::cout << "statistics of the last run per thread count:\n";
        for (const auto& w : reports)
            for (const auto& r : w.runs)
                std::printf("  %-20s %2u thread(s): %s\n", w.name.c_str(), r.threads,
                            format_stats(r.stats).c_str());
    }
    if (!project_workers.empty()) print_projection_table(reports, std::cout);

    if (!args.json_file.empty()) {
        nlohmann::json j;
        j["machine"] = machine_json();
        j["build"] = build_json();
        j["parameters"] = {{"seed", args.seed},
                           {"repeat", args.repeat},
                           {"hot_ratio", args.hot},
                           {"pairs", args.pairs},
                           {"threads", threads}};
        if (gas) j["parameters"]["gas"] = *gas;
        if (!project_workers.empty()) j["parameters"]["project"] = project_workers;
        j["all_identical"] = all_identical;
        j["workloads"] = nlohmann::json::array();
        for (const auto& w : reports) {
            nlohmann::json jw = {
                {"name", w.name},
                {"block_hash", w.hash},
                {"txs", w.txs},
                {"gas_used", w.gas_used},
                {"failed_txs", w.failed_txs},
                {"build_ms", w.build_ms},
                {"peak_rss_kb", w.peak_rss_kb},
                {"peak_rss_scope", w.peak_rss_per_workload ? "workload" : "process"},
                {"runs", nlohmann::json::array()}};
            for (const auto& r : w.runs) {
                const double secs = r.median_ms / 1e3;
                nlohmann::json jr = {{"threads", r.threads},
                                     {"times_ms", r.times_ms},
                                     {"median_ms", r.median_ms},
                                     {"mgas_per_s", static_cast<double>(w.gas_used) / 1e6 / secs},
                                     {"tx_per_s", static_cast<double>(w.txs) / secs},
                                     {"speedup", r.speedup},
                                     {"parallel_path", r.stats.parallel},
                                     {"fallback", r.stats.fallback},
                                     {"identical", r.difference.empty()}};
                jr["reexecution_pct"] = r.reexec_pct ? nlohmann::json(*r.reexec_pct) : nullptr;
                if (!r.difference.empty()) jr["difference"] = r.difference;
                jr["stats"] = stats_to_json(r.stats);
                jw["runs"].push_back(jr);
            }
            if (w.projection) jw["projection"] = projection_json(*w.projection);
            j["workloads"].push_back(jw);
        }
        std::ofstream out(args.json_file);
        out << j.dump(2) << "\n";
        if (!out) {
            std::fprintf(stderr, "parevm bench: cannot write %s\n", args.json_file.c_str());
            return 1;
        }
    }
    if (!args.chart_file.empty()) {
        std::ofstream out(args.chart_file);
        out << svg_chart(reports, threads,
                         "seed " + std::to_string(args.seed) + ", median of " +
                             std::to_string(args.repeat) + " run(s), " + read_cpu_model() + ", " +
                             std::to_string(std::thread::hardware_concurrency()) +
                             " logical cores");
        if (!out) {
            std::fprintf(stderr, "parevm bench: cannot write %s\n", args.chart_file.c_str());
            return 1;
        }
    }
    return all_identical ? 0 : 1;
}

}  // namespace

void add_bench(CLI::App& app, CommandBody& body) {
    auto args = std::make_shared<BenchArgs>();
    auto* cmd = app.add_subcommand(
        "bench", "Generate workloads, run them sequentially and in parallel, compare and time");
    cmd->add_option("--workload", args->workloads, "Workloads to run (default: the default set)");
    cmd->add_option("--txs", args->txs, "Transactions per block (default 2000)");
    cmd->add_option("--gas", args->gas, "Size each block to about this much gas (30M, 1G, ...)")
        ->excludes(cmd->get_option("--txs"));
    cmd->add_option("--threads", args->threads, "Thread counts, e.g. 1,2,4 (default: 1,cores)")
        ->delimiter(',');
    cmd->add_option("--repeat", args->repeat, "Timed runs per thread count (median)");
    cmd->add_option("--seed", args->seed, "Seed of the generated blocks");
    cmd->add_option("--hot", args->hot, "hybrid: share of transactions on the hot spot")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--pairs", args->pairs, "uniswap_contended: number of pairs")
        ->check(CLI::Range(1, 1000000));
    cmd->add_option("--json", args->json_file, "Write machine, build and every run as JSON");
    cmd->add_option("--chart", args->chart_file, "Write an SVG chart of the speedups");
    add_executor_option(cmd, args->executor);
    cmd->add_flag("--list", args->list, "List the workloads and exit");
    cmd->add_flag("--stats", args->stats,
                  "Print what the parallel executor did in each workload's last run per thread "
                  "count (incarnations, validations, aborts, dependency waits, phase times)");
    cmd->add_option("--project", args->project,
                    "Also project Block-STM's speedup on these worker counts, e.g. 4,8,16,32 "
                    "(simulated from a profiled 1-thread run; W=1,2 are added for calibration)")
        ->delimiter(',')
        ->check(CLI::Range(1u, 4096u));
    cmd->callback([args, &body] { body = [args] { return run_bench(*args); }; });
}

}  // namespace parevm::cli
