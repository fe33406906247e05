// SPDX-License-Identifier: Apache-2.0
// parevm: precompile availability per revision and dispatch.
#include <parevm/evm/precompiles/precompiles.hpp>

#include <limits>

namespace parevm {
namespace {

/// The precompile number when the first 18 bytes are zero (all precompiles fit in 16 bits).
int precompile_number(const Address& addr) noexcept {
    for (size_t i = 0; i < 18; ++i)
        if (addr.bytes[i] != 0) return 0;
    return addr.bytes[18] << 8 | addr.bytes[19];
}

Result failure() noexcept {
    Result r;
    r.status = StatusCode::precompile_failure;
    r.gas_left = 0;
    return r;
}

}  // namespace

bool is_precompile(Revision rev, const Address& addr) noexcept {
    const int n = precompile_number(addr);
    if (n >= 0x01 && n <= 0x04) return true;                        // Frontier
    if (n >= 0x05 && n <= 0x08) return rev >= Revision::byzantium;  // EIP-198, 196, 197
    if (n == 0x09) return rev >= Revision::istanbul;                // EIP-152 BLAKE2F
    if (n == 0x0a) return rev >= Revision::cancun;                  // EIP-4844 point evaluation
    if (n >= 0x0b && n <= 0x11) return rev >= Revision::prague;     // EIP-2537 BLS12-381
    if (n == 0x100) return rev >= Revision::osaka;                  // EIP-7951 P256VERIFY
    return false;
}

Result call_precompile(Revision rev, const Address& addr, bytes_view input, int64_t gas) noexcept {
    if (!is_precompile(rev, addr)) return failure();
    switch (precompile_number(addr)) {
        case 0x01:
            return precompile::ecrecover(input, gas);
        case 0x02:
            return precompile::sha256(input, gas);
        case 0x03:
            return precompile::ripemd160(input, gas);
        case 0x04:
            return precompile::identity(input, gas);
        case 0x05:
            return precompile::modexp(rev, input, gas);
        case 0x06:
            return precompile::bn254_add(rev, input, gas);
        case 0x07:
            return precompile::bn254_mul(rev, input, gas);
        case 0x08:
            return precompile::bn254_pairing(rev, input, gas);
        case 0x09:
            return precompile::blake2f(input, gas);
        case 0x100:
            return precompile::p256verify(input, gas);
        case 0x0a:
            return precompile::point_evaluation(input, gas);
        case 0x0b:
            return precompile::bls12_g1add(input, gas);
        case 0x0c:
            return precompile::bls12_g1msm(input, gas);
        case 0x0d:
            return precompile::bls12_g2add(input, gas);
        case 0x0e:
            return precompile::bls12_g2msm(input, gas);
        case 0x0f:
            return precompile::bls12_pairing_check(input, gas);
        case 0x10:
            return precompile::bls12_map_fp_to_g1(input, gas);
        case 0x11:
            return precompile::bls12_map_fp2_to_g2(input, gas);
        default:
            return failure();  // not implemented yet
    }
}

namespace precompile {

int64_t word_priced_gas(int64_t base, int64_t per_word, size_t input_size) noexcept {
    constexpr int64_t max = std::numeric_limits<int64_t>::max();
    const uint64_t words = input_size / 32 + (input_size % 32 != 0);
    if (words > static_cast<uint64_t>((max - base) / per_word)) return max;
    return base + per_word * static_cast<int64_t>(words);
}

}  // namespace precompile
}  // namespace parevm
