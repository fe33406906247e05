// SPDX-License-Identifier: Apache-2.0
// parevm fuzz target: the mainnet block fixture loader (block.json + pre_state.json, here
// separated by a NUL byte and written to a scratch directory). Malformed input must raise
// InputError; a block that loads is executed (when its gas limit is small) and checked against
// its header without crashing, and the parallel executor must agree with the sequential one.

#include "fuzz_check.hpp"

#include <parevm/io/json_util.hpp>
#include <parevm/io/mainnet_block.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

using namespace parevm;
namespace fs = std::filesystem;

namespace {

/// Executions are bounded by the transactions' gas; more only slows the fuzzer down.
constexpr uint64_t max_txs_gas = 8'000'000;

const fs::path& scratch_dir() {
    static const fs::path dir = [] {
        fs::path d = fs::temp_directory_path() /
                     ("parevm_fuzz_mainnet_" + std::to_string(static_cast<long>(::getpid())));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

void write_file(const fs::path& p, std::string_view text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    FUZZ_CHECK(out.good(), "cannot write " + p.string());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in{reinterpret_cast<const char*>(data), size};
    const size_t nul = in.find('\0');
    if (nul == std::string_view::npos) return 0;
    const fs::path& dir = scratch_dir();
    write_file(dir / "block.json", in.substr(0, nul));
    write_file(dir / "pre_state.json", in.substr(nul + 1));

    // No bytecodes and no block hashes: a code hash in the pre-state must be rejected cleanly.
    static const MainnetShared shared;
    MainnetBlock mb;
    try {
        mb = load_mainnet_block(dir, shared);
    } catch (const InputError&) {
        return 0;
    }
    uint64_t txs_gas = 0;
    for (const auto& tx : mb.block.txs)
        txs_gas += std::min<uint64_t>(tx.gas_limit, max_txs_gas + 1);
    if (txs_gas > max_txs_gas) return 0;
    ExecutionOptions seq_options;
    const BlockResult seq = execute_block(mb.block, mb.pre, seq_options);
    (void)check_against_header(mb, seq);
    ExecutionOptions par_options;
    par_options.threads = 2;
    const BlockResult par = execute_block(mb.block, mb.pre, par_options);
    const std::string diff = first_result_difference(seq, par);
    FUZZ_CHECK(diff.empty(), "parallel result differs from sequential: " + diff);
    return 0;
}
