// SPDX-License-Identifier: Apache-2.0
// parevm fuzz target: uint256 arithmetic against GMP on three operands taken from the input
// (zero-padded 32-byte big-endian words). Every EVM word operation, comparisons, shifts, and
// the decimal/hex conversions are checked; EVM semantics for zero divisors and moduli.

#include "fuzz_check.hpp"

#include <parevm/core/uint256.hpp>

#include <gmp.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

using namespace parevm;

namespace {

/// An mpz_t with RAII.
struct Z {
    mpz_t v;
    Z() { mpz_init(v); }
    explicit Z(const uint256& x) {
        mpz_init(v);
        mpz_import(v, 4, -1, sizeof(uint64_t), 0, 0, x.w);
    }
    Z(const Z&) = delete;
    Z& operator=(const Z&) = delete;
    ~Z() { mpz_clear(v); }
};

/// x mod 2^256 as a uint256 (x may be negative: two's complement).
uint256 to_u256(const Z& x) {
    Z m;
    mpz_fdiv_r_2exp(m.v, x.v, 256);
    uint256 r;
    size_t count = 0;
    mpz_export(r.w, &count, -1, sizeof(uint64_t), 0, 0, m.v);
    return r;
}

/// The signed value of a 256-bit two's complement word.
void to_signed(Z& out, const uint256& x) {
    Z u{x};
    mpz_set(out.v, u.v);
    if (x.w[3] >> 63) {
        Z two256;
        mpz_ui_pow_ui(two256.v, 2, 256);
        mpz_sub(out.v, out.v, two256.v);
    }
}

std::string hex(const uint256& x) {
    return to_hex(x);
}

uint256 load_word(const uint8_t* data, size_t size, size_t index) {
    uint8_t w[32] = {};
    for (size_t i = 0; i < 32 && 32 * index + i < size; ++i) w[i] = data[32 * index + i];
    return be_load(bytes_view{w, 32});
}

#define EXPECT_U256(op, got, want)                                                               \
    FUZZ_CHECK((got) == (want), std::string{op} + "(" + hex(a) + ", " + hex(b) + ", " + hex(c) + \
                                    "): got " + hex(got) + ", GMP " + hex(want))

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const uint256 a = load_word(data, size, 0);
    const uint256 b = load_word(data, size, 1);
    const uint256 c = load_word(data, size, 2);
    const Z za{a}, zb{b}, zc{c};
    Z t;

    mpz_add(t.v, za.v, zb.v);
    EXPECT_U256("add", a + b, to_u256(t));
    mpz_sub(t.v, za.v, zb.v);
    EXPECT_U256("sub", a - b, to_u256(t));
    mpz_mul(t.v, za.v, zb.v);
    EXPECT_U256("mul", a * b, to_u256(t));

    if (b) {
        mpz_tdiv_q(t.v, za.v, zb.v);
        EXPECT_U256("div", a / b, to_u256(t));
        mpz_tdiv_r(t.v, za.v, zb.v);
        EXPECT_U256("mod", a % b, to_u256(t));
        Z sa, sb;
        to_signed(sa, a);
        to_signed(sb, b);
        mpz_tdiv_q(t.v, sa.v, sb.v);  // truncation toward zero, as SDIV
        EXPECT_U256("sdiv", sdiv(a, b), to_u256(t));
        mpz_tdiv_r(t.v, sa.v, sb.v);  // sign of the dividend, as SMOD
        EXPECT_U256("smod", smod(a, b), to_u256(t));
    } else {
        EXPECT_U256("div0", a / b, uint256{});
        EXPECT_U256("mod0", a % b, uint256{});
        EXPECT_U256("sdiv0", sdiv(a, b), uint256{});
        EXPECT_U256("smod0", smod(a, b), uint256{});
    }
    if (c) {
        mpz_add(t.v, za.v, zb.v);
        mpz_mod(t.v, t.v, zc.v);
        EXPECT_U256("addmod", addmod(a, b, c), to_u256(t));
        mpz_mul(t.v, za.v, zb.v);
        mpz_mod(t.v, t.v, zc.v);
        EXPECT_U256("mulmod", mulmod(a, b, c), to_u256(t));
    } else {
        EXPECT_U256("addmod0", addmod(a, b, c), uint256{});
        EXPECT_U256("mulmod0", mulmod(a, b, c), uint256{});
    }
    {
        Z two256;
        mpz_ui_pow_ui(two256.v, 2, 256);
        mpz_powm(t.v, za.v, zb.v, two256.v);
        EXPECT_U256("exp", exp(a, b), to_u256(t));
    }

    // Comparisons.
    FUZZ_CHECK((a < b) == (mpz_cmp(za.v, zb.v) < 0), "lt");
    FUZZ_CHECK((a > b) == (mpz_cmp(za.v, zb.v) > 0), "gt");
    FUZZ_CHECK((a == b) == (mpz_cmp(za.v, zb.v) == 0), "eq");
    {
        Z sa, sb;
        to_signed(sa, a);
        to_signed(sb, b);
        FUZZ_CHECK(slt(a, b) == (mpz_cmp(sa.v, sb.v) < 0), "slt");
    }

    // Bitwise.
    mpz_and(t.v, za.v, zb.v);
    EXPECT_U256("and", a & b, to_u256(t));
    mpz_ior(t.v, za.v, zb.v);
    EXPECT_U256("or", a | b, to_u256(t));
    mpz_xor(t.v, za.v, zb.v);
    EXPECT_U256("xor", a ^ b, to_u256(t));
    mpz_com(t.v, za.v);
    EXPECT_U256("not", ~a, to_u256(t));

    // Shifts: a small count from c, and c itself as the EVM operand (>= 256 gives 0 / sign).
    for (const uint256& shift : {uint256{c.w[0] % 300}, c}) {
        const bool big = !shift.fits_u64() || shift.w[0] >= 256;
        const unsigned long s = big ? 256 : static_cast<unsigned long>(shift.w[0]);
        mpz_mul_2exp(t.v, za.v, s);
        EXPECT_U256("shl", a << shift, to_u256(t));
        mpz_fdiv_q_2exp(t.v, za.v, s);
        EXPECT_U256("shr", a >> shift, to_u256(t));
        Z sa;
        to_signed(sa, a);
        mpz_fdiv_q_2exp(t.v, sa.v, s);  // arithmetic shift = floor division
        EXPECT_U256("sar", sar(a, shift), to_u256(t));
    }

    // BYTE and SIGNEXTEND.
    {
        const uint256 idx{b.w[0] % 40};
        uint256 want;
        if (idx.w[0] < 32) {
            mpz_fdiv_q_2exp(t.v, za.v, 8 * (31 - idx.w[0]));
            want = uint256{mpz_fdiv_ui(t.v, 256)};
        }
        EXPECT_U256("byte", byte(idx, a), want);
        EXPECT_U256("byte(b)", byte(b, a),
                    b.fits_u64() && b.w[0] < 32 ? byte(uint256{b.w[0]}, a) : uint256{});
    }
    {
        const uint256 k{b.w[0] % 40};
        uint256 want = a;
        if (k.w[0] < 31) {
            const unsigned long bits = 8 * (static_cast<unsigned long>(k.w[0]) + 1);
            mpz_fdiv_r_2exp(t.v, za.v, bits);
            if (mpz_tstbit(t.v, bits - 1)) {
                Z p;
                mpz_ui_pow_ui(p.v, 2, bits);
                mpz_sub(t.v, t.v, p.v);
            }
            want = to_u256(t);
        }
        EXPECT_U256("signextend", signextend(k, a), want);
    }

    // Bit counts.
    const unsigned bits = a ? static_cast<unsigned>(mpz_sizeinbase(za.v, 2)) : 0;
    FUZZ_CHECK(clz(a) == 256 - bits, "clz of " + hex(a));
    FUZZ_CHECK(count_significant_bytes(a) == (bits + 7) / 8, "count_significant_bytes");

    // Conversions.
    {
        char* dec = mpz_get_str(nullptr, 10, za.v);
        char* hx = mpz_get_str(nullptr, 16, za.v);
        FUZZ_CHECK(to_string(a) == dec, "to_string " + to_string(a) + " vs " + dec);
        FUZZ_CHECK(to_hex(a) == std::string{"0x"} + hx, "to_hex " + to_hex(a));
        void (*gmp_free)(void*, size_t) = nullptr;
        mp_get_memory_functions(nullptr, nullptr, &gmp_free);
        gmp_free(dec, std::char_traits<char>::length(dec) + 1);
        gmp_free(hx, std::char_traits<char>::length(hx) + 1);
    }
    FUZZ_CHECK(parse_uint256(to_string(a)) == a, "parse decimal round trip");
    FUZZ_CHECK(parse_uint256(to_hex(a)) == a, "parse hex round trip");
    FUZZ_CHECK(be_load(be_store(a)) == a, "be_store/be_load round trip");
    // Arbitrary text never crashes the parser; what it accepts prints back to the same value.
    const std::string text{reinterpret_cast<const char*>(data), std::min<size_t>(size, 80)};
    if (const auto parsed = parse_uint256(text)) {
        FUZZ_CHECK(parse_uint256(to_string(*parsed)) == parsed, "parsed text round trip");
    }
    return 0;
}
