// SPDX-License-Identifier: Apache-2.0
// parevm: Keccak-f[1600] and the Keccak-256 sponge (Keccak reference, FIPS 202 §3 for the steps).
#include <parevm/crypto/keccak.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

namespace parevm {
namespace {

/// Round constants of the iota step, derived from the degree-8 LFSR of FIPS 202 §3.2.5 at
/// compile time instead of a transcribed table.
constexpr std::array<uint64_t, 24> round_constants = [] {
    std::array<uint64_t, 24> rc{};
    uint8_t lfsr = 1;  // rc(t) sequence state: x^8 + x^6 + x^5 + x^4 + 1
    for (size_t round = 0; round < 24; ++round) {
        for (unsigned j = 0; j < 7; ++j) {
            if (lfsr & 1) rc[round] |= uint64_t{1} << ((1u << j) - 1);
            lfsr = static_cast<uint8_t>((lfsr & 0x80) ? (lfsr << 1) ^ 0x71 : lfsr << 1);
        }
    }
    return rc;
}();
static_assert(round_constants[0] == 0x0000000000000001);
static_assert(round_constants[1] == 0x0000000000008082);
static_assert(round_constants[23] == 0x8000000080008008);

/// Rho rotation offsets indexed by lane x + 5y (FIPS 202 §3.2.2).
constexpr std::array<unsigned, 25> rho_offsets = [] {
    std::array<unsigned, 25> r{};
    unsigned x = 1, y = 0;
    for (unsigned t = 0; t < 24; ++t) {
        r[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64;
        const unsigned nx = y, ny = (2 * x + 3 * y) % 5;
        x = nx;
        y = ny;
    }
    return r;
}();
static_assert(rho_offsets[1] == 1 && rho_offsets[2] == 62 && rho_offsets[24] == 14);

/// Pi destination of lane x + 5y: B[y, 2x + 3y] (FIPS 202 §3.2.3).
constexpr std::array<unsigned, 25> pi_destination = [] {
    std::array<unsigned, 25> d{};
    for (unsigned y = 0; y < 5; ++y)
        for (unsigned x = 0; x < 5; ++x) d[x + 5 * y] = y + 5 * ((2 * x + 3 * y) % 5);
    return d;
}();

inline uint64_t load_le64(const uint8_t* p) noexcept {
    uint64_t v;
    std::memcpy(&v, p, 8);
    if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
    return v;
}

inline void store_le64(uint8_t* p, uint64_t v) noexcept {
    if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
    std::memcpy(p, &v, 8);
}

/// Pi source of lane X + 5Y: the inverse of pi_destination.
constexpr std::array<unsigned, 25> pi_source = [] {
    std::array<unsigned, 25> s{};
    for (unsigned i = 0; i < 25; ++i) s[pi_destination[i]] = i;
    return s;
}();

/// One round from `a` into `e`. Chi works row by row, so only the five rho/pi outputs of one
/// row are live at a time; with every index a compile-time constant after unrolling, the
/// compiler keeps most lanes in registers.
[[gnu::always_inline]] inline void keccak_round(const uint64_t a[25], uint64_t e[25],
                                                uint64_t rc) noexcept {
    uint64_t c[5];
#pragma GCC unroll 5
    for (unsigned x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    uint64_t d[5];
#pragma GCC unroll 5
    for (unsigned x = 0; x < 5; ++x) d[x] = c[(x + 4) % 5] ^ std::rotl(c[(x + 1) % 5], 1);

#pragma GCC unroll 5
    for (unsigned row = 0; row < 25; row += 5) {
        uint64_t b[5];
#pragma GCC unroll 5
        for (unsigned x = 0; x < 5; ++x) {  // theta, rho, pi
            const unsigned src = pi_source[row + x];
            b[x] = std::rotl(a[src] ^ d[src % 5], static_cast<int>(rho_offsets[src]));
        }
#pragma GCC unroll 5
        for (unsigned x = 0; x < 5; ++x)  // chi
            e[row + x] = b[x] ^ (~b[(x + 1) % 5] & b[(x + 2) % 5]);
    }
    e[0] ^= rc;  // iota
}

/// XORs `rate` bytes of input into the state and permutes.
inline void absorb_block(uint64_t state[25], const uint8_t* block) noexcept {
#pragma GCC unroll 17
    for (size_t i = 0; i < Keccak256::rate / 8; ++i) state[i] ^= load_le64(block + 8 * i);
    keccak_f1600(state);
}

}  // namespace

void keccak_f1600(uint64_t state[25]) noexcept {
    uint64_t a[25];
    uint64_t e[25];
    std::memcpy(a, state, sizeof(a));
    for (size_t round = 0; round < 24; round += 2) {  // ping-pong between a and e
        keccak_round(a, e, round_constants[round]);
        keccak_round(e, a, round_constants[round + 1]);
    }
    std::memcpy(state, a, sizeof(a));
}

Hash256 keccak256(bytes_view data) noexcept {
    uint64_t state[25] = {};
    const uint8_t* p = data.data();
    size_t n = data.size();
    for (; n >= Keccak256::rate; n -= Keccak256::rate, p += Keccak256::rate) absorb_block(state, p);

    // Keccak pad10*1 with the 0x01 domain byte: last block = tail, 0x01, zeros, 0x80 (or 0x81).
    uint8_t last[Keccak256::rate] = {};
    if (n != 0) std::memcpy(last, p, n);
    last[n] ^= 0x01;
    last[Keccak256::rate - 1] ^= 0x80;
    absorb_block(state, last);

    Hash256 out;
    for (size_t i = 0; i < 4; ++i) store_le64(out.data() + 8 * i, state[i]);
    return out;
}

void Keccak256::reset() noexcept {
    std::memset(state_, 0, sizeof(state_));
    buffered_ = 0;
}

void Keccak256::update(bytes_view data) noexcept {
    const uint8_t* p = data.data();
    size_t n = data.size();
    if (buffered_ != 0) {
        const size_t take = std::min(n, rate - buffered_);
        std::memcpy(buffer_ + buffered_, p, take);
        buffered_ += take;
        p += take;
        n -= take;
        if (buffered_ < rate) return;
        absorb_block(state_, buffer_);
        buffered_ = 0;
    }
    for (; n >= rate; n -= rate, p += rate) absorb_block(state_, p);
    if (n != 0) std::memcpy(buffer_, p, n);
    buffered_ = n;
}

Hash256 Keccak256::finalize() noexcept {
    std::memset(buffer_ + buffered_, 0, rate - buffered_);
    buffer_[buffered_] ^= 0x01;
    buffer_[rate - 1] ^= 0x80;
    absorb_block(state_, buffer_);
    buffered_ = 0;
    Hash256 out;
    for (size_t i = 0; i < 4; ++i) store_le64(out.data() + 8 * i, state_[i]);
    return out;
}

}  // namespace parevm
