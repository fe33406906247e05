// SPDX-License-Identifier: Apache-2.0
// parevm: interpreter throughput on the evmone benchmark contracts (gas per second).
#include <parevm/core/hex.hpp>
#include <parevm/evm/host.hpp>
#include <parevm/evm/interpreter.hpp>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

using namespace parevm;

/// Just enough world for self-contained contracts: one account's storage, no nested calls.
/// Storage is cleared before each run so every iteration does the same work.
class BenchHost final : public Host {
public:
    std::unordered_map<uint256, uint256> storage;
    std::unordered_map<uint256, uint256> original;
    TxContext tx;

    bool account_exists(const Address&) const noexcept override { return true; }
    uint256 get_storage(const Address&, const uint256& key) const noexcept override {
        const auto it = storage.find(key);
        return it == storage.end() ? uint256{} : it->second;
    }
    StorageStatus set_storage(const Address&,
                              const uint256& key,
                              const uint256& value) noexcept override {
        uint256& cur = storage[key];
        const uint256 orig = original.contains(key) ? original[key] : uint256{};
        const uint256 old = cur;
        cur = value;
        if (old == value) return StorageStatus::assigned;
        if (orig == old) {
            if (!orig) return StorageStatus::added;
            return value ? StorageStatus::modified : StorageStatus::deleted;
        }
        return StorageStatus::assigned;
    }
    uint256 get_balance(const Address&) const noexcept override { return {}; }
    size_t get_code_size(const Address&) const noexcept override { return 0; }
    Hash256 get_code_hash(const Address&) const noexcept override { return {}; }
    size_t copy_code(const Address&, size_t, uint8_t*, size_t) const noexcept override { return 0; }
    bool selfdestruct(const Address&, const Address&) noexcept override { return false; }
    Result call(const Message& msg) noexcept override {
        Result r;
        r.status = StatusCode::revert;
        r.gas_left = msg.gas;
        return r;
    }
    const TxContext& get_tx_context() const noexcept override { return tx; }
    Hash256 get_block_hash(int64_t) const noexcept override { return {}; }
    void emit_log(const Address&, bytes_view, std::span<const Hash256>) noexcept override {}
    AccessStatus access_account(const Address&) noexcept override { return AccessStatus::warm; }
    AccessStatus access_storage(const Address&, const uint256&) noexcept override {
        return AccessStatus::warm;
    }
    uint256 get_transient_storage(const Address&, const uint256&) const noexcept override {
        return {};
    }
    void set_transient_storage(const Address&, const uint256&, const uint256&) noexcept override {}
};

struct Case {
    std::string name;
    Revision rev = Revision::london;
    Address to;
    Address sender;
    std::shared_ptr<const CodeAnalysis> code;
    bytes input;
    int64_t gas = 0;
};

void run_case(benchmark::State& state, const Case& c) {
    BenchHost host;
    Message msg;
    msg.recipient = c.to;
    msg.code_address = c.to;
    msg.sender = c.sender;
    msg.input = c.input;
    msg.gas = c.gas;
    int64_t total_gas = 0;
    for (auto _ : state) {
        host.storage.clear();
        const Result r = execute(host, c.rev, msg, *c.code);
        benchmark::DoNotOptimize(r.gas_left);
        if (r.status != StatusCode::success) {
            state.SkipWithError("execution failed");
            break;
        }
        total_gas += c.gas - r.gas_left;
    }
    state.counters["gas_rate"] =
        benchmark::Counter(static_cast<double>(total_gas), benchmark::Counter::kIsRate);
}

std::string fixtures_dir() {
    if (const char* env = std::getenv("PAREVM_FIXTURES"))
        return std::string(env) + "/evm-benchmarks";
    return std::string(PAREVM_FIXTURES_DEFAULT) + "/evm-benchmarks";
}

/// Reads every state test in `dir`: the `to` account's code run with each tx data entry.
void load_dir(const std::filesystem::path& dir, const std::string& prefix, std::vector<Case>& out) {
    namespace fs = std::filesystem;
    if (!fs::is_directory(dir)) {
        std::cerr << "no benchmark fixtures at " << dir << "\n";
        return;
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::ifstream in(file);
        const auto doc = nlohmann::json::parse(in, nullptr, false);
        if (doc.is_discarded()) continue;
        for (const auto& [test_name, test] : doc.items()) {
            const auto& tx = test["transaction"];
            const auto to = parse_address(tx["to"].get<std::string>());
            const auto sender = parse_address(tx["sender"].get<std::string>());
            if (!to || !sender) continue;
            const auto& acc = test["pre"][tx["to"].get<std::string>()];
            const auto code = from_hex(acc["code"].get<std::string>());
            if (!code) continue;
            auto analysis = analyze(*code);
            Revision rev = Revision::london;
            for (const auto& [fork, _] : test["post"].items())
                if (const auto r = parse_revision(fork)) rev = *r;
            const auto gas =
                std::strtoll(tx["gasLimit"][0].get<std::string>().c_str(), nullptr, 16);
            const auto& data = tx["data"];
            for (size_t i = 0; i < data.size(); ++i) {
                const auto input = from_hex(data[i].get<std::string>());
                if (!input) continue;
                Case c;
                c.name = prefix + test_name + "/" + std::to_string(i);
                c.rev = rev;
                c.to = *to;
                c.sender = *sender;
                c.code = analysis;
                c.input = *input;
                // The intrinsic cost is not the interpreter's: give the frame the full limit.
                c.gas = static_cast<int64_t>(gas);
                out.push_back(std::move(c));
            }
        }
    }
}

std::vector<Case> load_cases() {
    const std::filesystem::path root = std::filesystem::path(fixtures_dir()) / "benchmarks";
    std::vector<Case> cases;
    load_dir(root / "main", "main/", cases);
    load_dir(root / "micro", "micro/", cases);
    return cases;
}

}  // namespace

/// `--once=SUBSTRING`: runs each matching case once outside Google Benchmark and prints the gas
/// used, so that instruction counters (callgrind, perf stat) see a fixed amount of work.
int run_once(const std::vector<Case>& cases, const std::string& filter) {
    for (const auto& c : cases) {
        if (c.name.find(filter) == std::string::npos) continue;
        BenchHost host;
        Message msg;
        msg.recipient = c.to;
        msg.code_address = c.to;
        msg.sender = c.sender;
        msg.input = c.input;
        msg.gas = c.gas;
        const Result r = execute(host, c.rev, msg, *c.code);
        std::cout << c.name << ": status " << static_cast<int>(r.status) << ", gas used "
                  << c.gas - r.gas_left << "\n";
    }
    return 0;
}

int main(int argc, char** argv) {
    static const std::vector<Case> cases = load_cases();
    if (argc == 2 && std::string_view(argv[1]).starts_with("--once="))
        return run_once(cases, std::string(argv[1] + 7));
    for (const auto& c : cases)
        benchmark::RegisterBenchmark(("interpreter/" + c.name).c_str(), [&c](benchmark::State& s) {
            run_case(s, c);
        })->Unit(benchmark::kMicrosecond);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
