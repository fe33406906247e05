// SPDX-License-Identifier: Apache-2.0
// parevm: Keccak-f[1600] and the Keccak-256 sponge (Keccak reference, FIPS 202 §3 for the steps).
#include <parevm/crypto/keccak.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <utility>

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

/// Lanes held inverted during the permutation: (1,0), (2,0), (3,1), (2,2), (2,3), (0,4). This is
/// the lane-complementing transform of the Keccak implementation overview (§2.2): with these
/// lanes stored inverted, chi needs only a few NOTs per round instead of one per lane.
constexpr std::array<unsigned, 6> complemented_lanes = {1, 2, 8, 12, 17, 20};

/// How chi computes one output lane on complemented storage: which of the two other inputs to
/// invert, OR instead of AND, and whether to invert the result.
struct ChiVariant {
    bool not_b1 = false;   // invert b[x + 1]
    bool not_b2 = false;   // invert b[x + 2]
    bool use_or = false;   // b[x] ^ (b1 | b2) instead of b[x] ^ (b1 & b2)
    bool not_out = false;  // invert the result
};

/// For each lane, the cheapest variant that turns inputs stored as they arrive from theta/rho/pi
/// into chi's output stored with complemented_lanes inverted, found at compile time by checking
/// every variant against chi's truth table (so nothing here is transcribed by hand).
struct ChiTable {
    std::array<ChiVariant, 25> lanes{};
    bool complete = true;  // every lane has a variant
};
constexpr ChiTable chi_table = [] {
    bool stored_inverted[25] = {};
    for (unsigned i : complemented_lanes) stored_inverted[i] = true;
    // Theta xors each lane with two column parities: an odd number of inverted lanes in a
    // column inverts its parity, and so every lane that parity reaches.
    bool column_inverted[5] = {};
    for (unsigned i = 0; i < 25; ++i) column_inverted[i % 5] ^= stored_inverted[i];
    bool input_inverted[25] = {};  // of b[j], the rho/pi output at position j
    for (unsigned j = 0; j < 25; ++j) {
        const unsigned src = pi_source[j], x = src % 5;
        input_inverted[j] =
            stored_inverted[src] ^ column_inverted[(x + 4) % 5] ^ column_inverted[(x + 1) % 5];
    }

    ChiTable table;
    for (unsigned j = 0; j < 25; ++j) {
        const unsigned row = j - j % 5, x = j % 5;
        const bool in0 = input_inverted[j];
        const bool in1 = input_inverted[row + (x + 1) % 5];
        const bool in2 = input_inverted[row + (x + 2) % 5];
        int best_cost = 4;
        for (unsigned bits = 0; bits < 16; ++bits) {
            const ChiVariant v{(bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0};
            bool matches = true;
            for (unsigned a = 0; a < 8; ++a) {
                const bool a0 = a & 1, a1 = a & 2, a2 = a & 4;
                const bool real = a0 ^ (!a1 && a2);  // chi on the true values
                const bool s0 = a0 ^ in0, b1 = a1 ^ in1 ^ v.not_b1, b2 = a2 ^ in2 ^ v.not_b2;
                const bool out = (s0 ^ (v.use_or ? (b1 || b2) : (b1 && b2))) ^ v.not_out;
                if (out != (real ^ stored_inverted[j])) matches = false;
            }
            const int cost = v.not_b1 + v.not_b2 + v.not_out;
            if (matches && cost < best_cost) {
                best_cost = cost;
                table.lanes[j] = v;
            }
        }
        if (best_cost == 4) table.complete = false;
    }
    return table;
}();
static_assert(chi_table.complete, "every lane of chi needs a complemented variant");
constexpr const std::array<ChiVariant, 25>& chi_variants = chi_table.lanes;
static_assert(
    [] {
        int nots = 0;
        for (const ChiVariant& v : chi_variants) nots += v.not_b1 + v.not_b2 + v.not_out;
        return nots;
    }() <= 10,
    "lane complementing should leave few NOTs in chi");

/// One output lane of chi in its complemented-lane variant; the template parameters make every
/// choice a compile-time one.
template <unsigned Row, unsigned X>
[[gnu::always_inline]] inline void chi_lane(const uint64_t b[5], uint64_t e[25]) noexcept {
    constexpr ChiVariant v = chi_variants[Row * 5 + X];
    uint64_t b1 = b[(X + 1) % 5];
    uint64_t b2 = b[(X + 2) % 5];
    if constexpr (v.not_b1) b1 = ~b1;
    if constexpr (v.not_b2) b2 = ~b2;
    uint64_t out;
    if constexpr (v.use_or)
        out = b[X] ^ (b1 | b2);
    else
        out = b[X] ^ (b1 & b2);
    if constexpr (v.not_out) out = ~out;
    e[Row * 5 + X] = out;
}

/// Theta (with the column parities' effect `d`), rho and pi for the five lanes that land in
/// output row `Row`, then chi on them: only five intermediate lanes are live at a time.
template <unsigned Row>
[[gnu::always_inline]] inline void round_row(const uint64_t a[25],
                                             const uint64_t d[5],
                                             uint64_t e[25]) noexcept {
    uint64_t b[5];
#pragma GCC unroll 5
    for (unsigned x = 0; x < 5; ++x) {
        const unsigned src = pi_source[Row * 5 + x];
        b[x] = std::rotl(a[src] ^ d[src % 5], static_cast<int>(rho_offsets[src]));
    }
    [&]<unsigned... X>(std::integer_sequence<unsigned, X...>) {
        (chi_lane<Row, X>(b, e), ...);
    }
    (std::make_integer_sequence<unsigned, 5>{});
}

/// One round from `a` into `e` (lanes of complemented_lanes held inverted).
[[gnu::always_inline]] inline void keccak_round(const uint64_t a[25],
                                                uint64_t e[25],
                                                uint64_t rc) noexcept {
    uint64_t c[5];
#pragma GCC unroll 5
    for (unsigned x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    uint64_t d[5];
#pragma GCC unroll 5
    for (unsigned x = 0; x < 5; ++x) d[x] = c[(x + 4) % 5] ^ std::rotl(c[(x + 1) % 5], 1);
    round_row<0>(a, d, e);
    round_row<1>(a, d, e);
    round_row<2>(a, d, e);
    round_row<3>(a, d, e);
    round_row<4>(a, d, e);
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
    // Rounds ping-pong between the caller's lanes and one scratch copy, both left in memory:
    // x86-64 has too few registers for 25 lanes, and memory operands beat register spills.
    uint64_t e[25];
    for (unsigned i : complemented_lanes) state[i] = ~state[i];
    for (size_t round = 0; round < 24; round += 2) {
        keccak_round(state, e, round_constants[round]);
        keccak_round(e, state, round_constants[round + 1]);
    }
    for (unsigned i : complemented_lanes) state[i] = ~state[i];
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
