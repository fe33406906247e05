// SPDX-License-Identifier: Apache-2.0
// parevm: precompile 0x09 BLAKE2F (EIP-152).
#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/crypto/blake2b.hpp>

#include <cstring>

namespace parevm::precompile {
namespace {

uint64_t load_le64(const uint8_t* p) noexcept {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = v << 8 | p[i];
    return v;
}

void store_le64(uint8_t* p, uint64_t v) noexcept {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

Result failure() noexcept {
    Result r;
    r.status = StatusCode::precompile_failure;
    return r;
}

}  // namespace

Result blake2f(bytes_view input, int64_t gas) noexcept {
    // EIP-152: exactly 213 bytes = rounds (4, BE) | h (64) | m (128) | t (16) | f (1).
    if (input.size() != 213) return failure();
    const uint8_t* p = input.data();
    const uint32_t rounds = static_cast<uint32_t>(p[0]) << 24 | static_cast<uint32_t>(p[1]) << 16 |
                            static_cast<uint32_t>(p[2]) << 8 | p[3];
    // EIP-152: GFROUND = 1 gas per round.
    const int64_t cost = rounds;
    Result result;
    if (gas < cost) {
        result.status = StatusCode::out_of_gas;
        return result;
    }
    const uint8_t flag = p[212];
    if (flag > 1) return failure();  // EIP-152: any flag other than 0 or 1 is invalid

    uint64_t h[8], m[16], t[2];
    for (int i = 0; i < 8; ++i) h[i] = load_le64(p + 4 + 8 * i);
    for (int i = 0; i < 16; ++i) m[i] = load_le64(p + 68 + 8 * i);
    t[0] = load_le64(p + 196);
    t[1] = load_le64(p + 204);
    blake2b_compress(rounds, h, m, t, flag == 1);

    result.gas_left = gas - cost;
    result.output.resize(64);
    for (int i = 0; i < 8; ++i) store_le64(result.output.data() + 8 * i, h[i]);
    return result;
}

}  // namespace parevm::precompile
