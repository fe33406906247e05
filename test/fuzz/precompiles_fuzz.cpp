// SPDX-License-Identifier: Apache-2.0
// parevm fuzz target: every precompile (and addresses that are not one) with random input, gas
// and revision. Checks: a failure consumes all gas and returns nothing; a success leaves
// 0 <= gas_left <= gas and an output of the size the precompile's EIP fixes; results are
// deterministic.
//
// Input: [address selector][revision][gas: 3 bytes][input...]. Built once for all addresses
// (precompiles_fuzz) and once per precompile with PAREVM_FUZZ_PRECOMPILE fixing the address
// (precompile_<name>_fuzz), all sharing the corpus in corpus/precompiles.

#include "fuzz_check.hpp"

#include <parevm/core/uint256.hpp>
#include <parevm/crypto/kzg.hpp>
#include <parevm/evm/precompiles/precompiles.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

using namespace parevm;

namespace {

#ifndef PAREVM_FUZZ_PRECOMPILE
constexpr std::array<uint64_t, 20> addresses = {0x01, 0x02, 0x03, 0x04,  0x05, 0x06, 0x07,
                                                0x08, 0x09, 0x0a, 0x0b,  0x0c, 0x0d, 0x0e,
                                                0x0f, 0x10, 0x11, 0x100, 0x00, 0x12};
#endif

/// A 32-byte big-endian word of `in` at `offset`, zero-padded past the end.
uint256 word_at(bytes_view in, size_t offset) {
    uint8_t w[32] = {};
    for (size_t i = 0; i < 32; ++i)
        if (offset + i < in.size()) w[i] = in[offset + i];
    return be_load(bytes_view{w, 32});
}

/// The output sizes a successful call may have (nullopt: any).
std::optional<std::array<size_t, 2>> output_sizes(uint64_t addr, bytes_view input) {
    switch (addr) {
        case 0x01:
            return std::array<size_t, 2>{0, 32};  // empty for an invalid signature
        case 0x02:
        case 0x03:
            return std::array<size_t, 2>{32, 32};
        case 0x04:
            return std::array<size_t, 2>{input.size(), input.size()};
        case 0x05: {
            const uint256 mod_len = word_at(input, 64);
            if (mod_len > uint256{1} << 20) return std::nullopt;  // cannot have succeeded anyway
            const auto n = static_cast<size_t>(mod_len.w[0]);
            return std::array<size_t, 2>{n, n};
        }
        case 0x06:
        case 0x07:
        case 0x09:
        case 0x0a:
            return std::array<size_t, 2>{64, 64};
        case 0x08:
        case 0x0f:
            return std::array<size_t, 2>{32, 32};
        case 0x0b:
        case 0x0c:
        case 0x10:
            return std::array<size_t, 2>{128, 128};
        case 0x0d:
        case 0x0e:
        case 0x11:
            return std::array<size_t, 2>{256, 256};
        case 0x100:
            return std::array<size_t, 2>{0, 32};  // empty for an invalid signature
        default:
            return std::nullopt;
    }
}

}  // namespace

// The KZG trusted setup (point evaluation) loads on first use: seconds under ASan, which would
// be charged to whichever input first reaches the precompile (a campaign saw 12 s on a loaded
// machine, past CI's 10 s limit per input). Load it before the first input instead.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    parevm::kzg_trusted_setup_ready();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 5) return 0;
#ifdef PAREVM_FUZZ_PRECOMPILE
    // A per-precompile target (test/CMakeLists.txt): the selector byte is ignored.
    const uint64_t addr_low = PAREVM_FUZZ_PRECOMPILE;
#else
    const uint64_t addr_low = addresses[data[0] % addresses.size()];
#endif
    const Address addr = address_from_u64(addr_low);
    const auto rev = static_cast<Revision>(data[1] % revision_count);
    const int64_t gas = int64_t{data[2]} << 16 | int64_t{data[3]} << 8 | data[4];
    // Large gas reaches the expensive inputs (pairings, big modexp) too; scale by the top bits.
    int64_t scaled_gas = (data[0] & 0x80) ? gas * 16 : gas;
    // BLAKE2F charges one gas per round, far less work per gas than the others: capped so
    // that one input stays well inside the fuzzer's time limit under ASan+UBSan (a campaign
    // found 134M rounds taking over 10 s; 65,536 rounds still cover the parsing and gas rules).
    if (addr_low == 0x09) scaled_gas = std::min<int64_t>(scaled_gas, int64_t{1} << 16);
    const bytes_view input{data + 5, size - 5};

    const Result r = call_precompile(rev, addr, input, scaled_gas);
    const std::string what = "precompile " + std::to_string(addr_low) + " rev " +
                             std::to_string(static_cast<int>(rev)) + ": ";
    if (!is_precompile(rev, addr)) {
        FUZZ_CHECK(r.status == StatusCode::precompile_failure, what + "not a precompile ran");
    }
    if (r.status == StatusCode::success) {
        FUZZ_CHECK(r.gas_left >= 0 && r.gas_left <= scaled_gas, what + "gas_left out of range");
        if (const auto sizes = output_sizes(addr_low, input)) {
            FUZZ_CHECK(r.output.size() == (*sizes)[0] || r.output.size() == (*sizes)[1],
                       what + "output size " + std::to_string(r.output.size()));
        }
    } else {
        FUZZ_CHECK(r.status == StatusCode::out_of_gas || r.status == StatusCode::precompile_failure,
                   what + "unexpected status " + std::to_string(static_cast<int>(r.status)));
        FUZZ_CHECK(r.gas_left == 0, what + "a failure left gas");
        FUZZ_CHECK(r.output.empty(), what + "a failure returned data");
    }
    const Result again = call_precompile(rev, addr, input, scaled_gas);
    FUZZ_CHECK(again.status == r.status && again.gas_left == r.gas_left && again.output == r.output,
               what + "not deterministic");
    return 0;
}
