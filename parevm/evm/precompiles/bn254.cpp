// SPDX-License-Identifier: Apache-2.0
// parevm: precompiles 0x06 ECADD, 0x07 ECMUL, 0x08 ECPAIRING on alt_bn128 (EIP-196, EIP-197).
#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/crypto/bn254.hpp>

#include <algorithm>
#include <cstring>
#include <limits>

namespace parevm::precompile {
namespace {

Result failure() noexcept {
    Result r;
    r.status = StatusCode::precompile_failure;
    r.gas_left = 0;
    return r;
}

Result out_of_gas() noexcept {
    Result r;
    r.status = StatusCode::out_of_gas;
    r.gas_left = 0;
    return r;
}

/// Copies the input into a zero-filled buffer of N bytes: shorter input reads as right-padded
/// with zeros, longer input is truncated (EIP-196).
template <size_t N>
void pad_input(bytes_view input, uint8_t (&buf)[N]) noexcept {
    std::memset(buf, 0, N);
    if (!input.empty()) std::memcpy(buf, input.data(), std::min(input.size(), N));
}

}  // namespace

Result bn254_add(Revision rev, bytes_view input, int64_t gas) noexcept {
    const int64_t cost = rev >= Revision::istanbul ? 150 : 500;  // EIP-1108 : EIP-196
    if (gas < cost) return out_of_gas();
    uint8_t in[128];
    pad_input(input, in);
    uint8_t out[64];
    if (!bn254::ec_add(in, out)) return failure();
    Result r;
    r.gas_left = gas - cost;
    r.output.assign(out, sizeof(out));
    return r;
}

Result bn254_mul(Revision rev, bytes_view input, int64_t gas) noexcept {
    const int64_t cost = rev >= Revision::istanbul ? 6000 : 40000;  // EIP-1108 : EIP-196
    if (gas < cost) return out_of_gas();
    uint8_t in[96];
    pad_input(input, in);
    uint8_t out[64];
    if (!bn254::ec_mul(in, out)) return failure();
    Result r;
    r.gas_left = gas - cost;
    r.output.assign(out, sizeof(out));
    return r;
}

Result bn254_pairing(Revision rev, bytes_view input, int64_t gas) noexcept {
    // EIP-1108: 45000 + 34000 k from Istanbul; EIP-197: 100000 + 80000 k before.
    const bool istanbul = rev >= Revision::istanbul;
    const int64_t base = istanbul ? 45000 : 100000;
    const int64_t per_pair = istanbul ? 34000 : 80000;
    const uint64_t pairs = input.size() / 192;
    if (pairs > static_cast<uint64_t>((std::numeric_limits<int64_t>::max() - base) / per_pair))
        return out_of_gas();
    const int64_t cost = base + per_pair * static_cast<int64_t>(pairs);
    if (gas < cost) return out_of_gas();
    const auto ok = bn254::pairing_check(input.data(), input.size());
    if (!ok) return failure();
    Result r;
    r.gas_left = gas - cost;
    r.output.assign(32, 0);
    r.output[31] = *ok ? 1 : 0;
    return r;
}

}  // namespace parevm::precompile
