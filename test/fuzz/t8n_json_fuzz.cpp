// SPDX-License-Identifier: Apache-2.0
// parevm fuzz target: the t8n inputs (alloc, env, txs as JSON or as RLP). Input layout: one byte
// choosing the fork, then alloc, env and txs separated by NUL bytes; txs that do not start with
// '[' are taken as the RLP list of encoded transactions. Bad input must raise T8nError/InputError
// (any other exception escapes and is a finding).

#include "fuzz_check.hpp"

#include <parevm/io/json_util.hpp>
#include <parevm/io/t8n.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace parevm;

namespace {

constexpr std::array<const char*, 16> forks = {
    "Frontier", "Homestead", "EIP150",   "EIP158",     "Byzantium", "ConstantinopleFix",
    "Istanbul", "Berlin",    "London",   "Merge",      "Shanghai",  "Cancun",
    "Prague",   "Osaka",     "NotAFork", "GrayGlacier"};

/// Block gas bounds every transaction's gas: a larger limit is lowered to this so that an
/// execution stays short (transactions above it are then rejected, which is cheap).
constexpr uint64_t max_block_gas = 4'000'000;

std::vector<std::string_view> split(std::string_view s, size_t parts) {
    std::vector<std::string_view> out;
    while (out.size() + 1 < parts) {
        const size_t nul = s.find('\0');
        if (nul == std::string_view::npos) break;
        out.push_back(s.substr(0, nul));
        s.remove_prefix(nul + 1);
    }
    out.push_back(s);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    T8nConfig config;
    config.fork = forks[data[0] % forks.size()];
    config.reward = (data[0] & 0x10) ? -1 : 2'000'000'000'000'000'000;
    const auto parts = split({reinterpret_cast<const char*>(data + 1), size - 1}, 3);
    if (parts.size() < 2) return 0;
    T8nInput input;
    try {
        input.alloc = parse_json_text(parts[0], "alloc");
        input.env = parse_json_text(parts[1], "env");
        if (parts.size() == 3) {
            if (!parts[2].empty() && parts[2][0] == '[') {
                input.txs = parse_json_text(parts[2], "txs");
            } else {
                input.txs_rlp =
                    bytes{reinterpret_cast<const uint8_t*>(parts[2].data()), parts[2].size()};
            }
        }
        if (input.env.is_object() && input.env.contains("currentGasLimit") &&
            read_uint64(input.env["currentGasLimit"], "env.currentGasLimit", true) > max_block_gas)
            input.env["currentGasLimit"] = "0x3d0900";  // max_block_gas
    } catch (const InputError&) {
        return 0;
    }
    try {
        const T8nOutput out = run_t8n(input, config);
        FUZZ_CHECK(out.result.is_object(), "t8n result is not an object");
        (void)out.result.dump();
        (void)out.alloc.dump();
    } catch (const T8nError& e) {
        FUZZ_CHECK(e.exit_code() != 0, "T8nError with exit code 0");
    } catch (const InputError&) {
        // Also accepted: the CLI maps a plain InputError to the JSON-error exit code.
    }
    return 0;
}
