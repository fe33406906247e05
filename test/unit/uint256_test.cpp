// SPDX-License-Identifier: Apache-2.0
// parevm: uint256 against GMP on edge-heavy random operands, plus hand-written EVM edge cases.
#include <parevm/core/uint256.hpp>

#include <gmp.h>
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <string>

using namespace parevm;

namespace {

constexpr uint64_t kOnes = ~uint64_t{0};
constexpr uint256 kMax{kOnes, kOnes, kOnes, kOnes};
constexpr uint256 kMin{0, 0, 0, uint64_t{1} << 63};  // 2^255: the most negative signed value
constexpr uint256 kMinusOne = kMax;

// Compile-time use: the hot-path operations are constexpr.
static_assert((uint256{1} << 255) == kMin);
static_assert(uint256{kOnes} + 1 == uint256{0, 1, 0, 0});
static_assert(uint256{0} - 1 == kMax);
static_assert(clz(uint256{}) == 256 && clz(uint256{1}) == 255);
static_assert(exp(uint256{2}, uint256{255}) == kMin);
static_assert(slt(kMinusOne, uint256{0}) && !slt(uint256{0}, kMinusOne));

/// Owning wrapper for a GMP integer.
struct Mpz {
    mpz_t v;
    Mpz() { mpz_init(v); }
    explicit Mpz(const uint256& x) {
        mpz_init(v);
        mpz_import(v, 4, -1, sizeof(uint64_t), 0, 0, x.w);
    }
    ~Mpz() { mpz_clear(v); }
    Mpz(const Mpz&) = delete;
    Mpz& operator=(const Mpz&) = delete;
};

/// The value reduced modulo 2^256 (non-negative, so negative results wrap as two's complement).
uint256 from_mpz(const mpz_t x) {
    Mpz r;
    mpz_fdiv_r_2exp(r.v, x, 256);
    uint256 out;
    size_t count = 0;
    mpz_export(out.w, &count, -1, sizeof(uint64_t), 0, 0, r.v);
    return out;
}

/// Two's complement interpretation of the 256 bits.
void to_signed(mpz_t out, const uint256& x) {
    Mpz m{x};
    mpz_set(out, m.v);
    if ((x.w[3] >> 63) != 0) {
        Mpz p;
        mpz_ui_pow_ui(p.v, 2, 256);
        mpz_sub(out, out, p.v);
    }
}

/// splitmix64: a small fixed-seed PRNG, so every failure reproduces.
struct Rng {
    uint64_t state;
    uint64_t next() {
        uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    uint64_t below(uint64_t n) { return next() % n; }

    /// Edge-heavy operand: special constants, limbs that are zero or all ones, random widths.
    uint256 value() {
        switch (below(8)) {
            case 0: {
                static const uint256 specials[] = {
                    0,
                    1,
                    2,
                    3,
                    kOnes,
                    uint256{0, 1, 0, 0},
                    uint256{0, 0, 1, 0},
                    uint256{0, 0, 0, 1},
                    kMin,
                    kMin - 1,
                    kMin + 1,
                    kMax,
                    kMax - 1,
                    uint256{kOnes, kOnes, 0, 0},
                    uint256{0, 0, kOnes, kOnes},
                    uint256{0, uint64_t{1} << 63, 0, 0},
                    uint256{uint64_t{1} << 63, 0, 0, 0},
                };
                return specials[below(std::size(specials))];
            }
            case 1:
            case 2: {  // each limb zero, all ones, small, top bit, or random
                uint256 x;
                for (auto& limb : x.w) {
                    switch (below(5)) {
                        case 0:
                            limb = 0;
                            break;
                        case 1:
                            limb = kOnes;
                            break;
                        case 2:
                            limb = below(16);
                            break;
                        case 3:
                            limb = (uint64_t{1} << 63) | below(4);
                            break;
                        default:
                            limb = next();
                            break;
                    }
                }
                return x;
            }
            case 3:
            case 4: {  // random value of random bit width
                const uint256 x{next(), next(), next(), next()};
                const uint64_t width = below(257);
                return width == 256 ? x : x & ((uint256{1} << width) - 1);
            }
            case 5: {  // near a power of two
                const uint256 p = uint256{1} << below(256);
                const uint256 d = below(3);
                return below(2) != 0 ? p + d : p - d;
            }
            default:
                return uint256{next(), next(), next(), next()};
        }
    }

    /// Shift amounts, byte indices, sign-extension positions: mostly small, sometimes huge.
    uint256 small_or_any() {
        switch (below(4)) {
            case 0:
                return value();
            case 1:
                return below(40);
            default:
                return below(300);
        }
    }
};

std::string show(const uint256& x) {
    return to_hex(x);
}

/// Compares `ours(a, b)` with GMP's `ref(out, a, b)` (reduced mod 2^256) on n operand pairs.
void check_binary(const char* name,
                  uint64_t seed,
                  int n,
                  const std::function<uint256(Rng&)>& gen_b,
                  const std::function<uint256(const uint256&, const uint256&)>& ours,
                  const std::function<void(mpz_t, const uint256&, const uint256&)>& ref) {
    Rng rng{seed};
    int failures = 0;
    Mpz expected;
    for (int i = 0; i < n && failures < 10; ++i) {
        const uint256 a = rng.value();
        const uint256 b = gen_b(rng);
        ref(expected.v, a, b);
        const uint256 want = from_mpz(expected.v);
        const uint256 got = ours(a, b);
        if (got != want) {
            ++failures;
            ADD_FAILURE() << name << "(" << show(a) << ", " << show(b) << ") = " << show(got)
                          << ", GMP says " << show(want);
        }
    }
}

uint256 any(Rng& r) {
    return r.value();
}
uint256 small_or_any(Rng& r) {
    return r.small_or_any();
}
/// The shift amount as an int when below 256, else 256 (all larger shifts behave alike).
unsigned capped(const uint256& s) {
    return s < 256 ? static_cast<unsigned>(s.low64()) : 256;
}

constexpr int kPairs = 100'000;

}  // namespace

TEST(Uint256Property, AddSubMul) {
    check_binary(
        "add", 1, kPairs, any, [](auto& a, auto& b) { return a + b; },
        [](mpz_t o, auto& a, auto& b) { mpz_add(o, Mpz{a}.v, Mpz{b}.v); });
    check_binary(
        "sub", 2, kPairs, any, [](auto& a, auto& b) { return a - b; },
        [](mpz_t o, auto& a, auto& b) { mpz_sub(o, Mpz{a}.v, Mpz{b}.v); });
    check_binary(
        "mul", 3, kPairs, any, [](auto& a, auto& b) { return a * b; },
        [](mpz_t o, auto& a, auto& b) { mpz_mul(o, Mpz{a}.v, Mpz{b}.v); });
    check_binary(
        "neg", 4, kPairs / 10, any, [](auto& a, auto&) { return -a; },
        [](mpz_t o, auto& a, auto&) { mpz_neg(o, Mpz{a}.v); });
}

TEST(Uint256Property, Overflow) {
    Rng rng{5};
    Mpz sum;
    Mpz limit;
    mpz_ui_pow_ui(limit.v, 2, 256);
    for (int i = 0; i < kPairs; ++i) {
        const uint256 a = rng.value();
        const uint256 b = rng.value();
        bool carry = false;
        bool borrow = false;
        const uint256 s = add_overflow(a, b, carry);
        const uint256 d = sub_overflow(a, b, borrow);
        mpz_add(sum.v, Mpz{a}.v, Mpz{b}.v);
        ASSERT_EQ(carry, mpz_cmp(sum.v, limit.v) >= 0) << show(a) << " + " << show(b);
        ASSERT_EQ(borrow, mpz_cmp(Mpz{a}.v, Mpz{b}.v) < 0) << show(a) << " - " << show(b);
        ASSERT_EQ(s, a + b);
        ASSERT_EQ(d, a - b);
    }
}

TEST(Uint256Property, DivMod) {
    const auto ref_div = [](mpz_t o, auto& a, auto& b) {
        if (!b) return mpz_set_ui(o, 0);
        mpz_fdiv_q(o, Mpz{a}.v, Mpz{b}.v);
    };
    const auto ref_mod = [](mpz_t o, auto& a, auto& b) {
        if (!b) return mpz_set_ui(o, 0);
        mpz_fdiv_r(o, Mpz{a}.v, Mpz{b}.v);
    };
    check_binary(
        "div", 10, kPairs, any, [](auto& a, auto& b) { return a / b; }, ref_div);
    check_binary(
        "mod", 11, kPairs, any, [](auto& a, auto& b) { return a % b; }, ref_mod);
    // Divisors of every limb count against full-width dividends.
    const auto narrow = [](Rng& r) { return r.value() >> (64 * r.below(4)); };
    check_binary(
        "udivrem.quot", 12, kPairs, narrow, [](auto& a, auto& b) { return udivrem(a, b).quot; },
        ref_div);
    check_binary(
        "udivrem.rem", 12, kPairs, narrow, [](auto& a, auto& b) { return udivrem(a, b).rem; },
        ref_mod);
}

TEST(Uint256Property, SignedDivMod) {
    check_binary(
        "sdiv", 20, kPairs, any, [](auto& a, auto& b) { return sdiv(a, b); },
        [](mpz_t o, auto& a, auto& b) {
            if (!b) return mpz_set_ui(o, 0);
            Mpz sa;
            Mpz sb;
            to_signed(sa.v, a);
            to_signed(sb.v, b);
            mpz_tdiv_q(o, sa.v, sb.v);  // EVM SDIV truncates toward zero
        });
    check_binary(
        "smod", 21, kPairs, any, [](auto& a, auto& b) { return smod(a, b); },
        [](mpz_t o, auto& a, auto& b) {
            if (!b) return mpz_set_ui(o, 0);
            Mpz sa;
            Mpz sb;
            to_signed(sa.v, a);
            to_signed(sb.v, b);
            mpz_tdiv_r(o, sa.v, sb.v);  // the remainder takes the dividend's sign
        });
}

TEST(Uint256Property, AddModMulMod) {
    Rng rng{30};
    Mpz t;
    int failures = 0;
    for (int i = 0; i < kPairs && failures < 10; ++i) {
        const uint256 a = rng.value();
        const uint256 b = rng.value();
        const uint256 m = rng.value();
        uint256 want_add;
        uint256 want_mul;
        if (m) {
            mpz_add(t.v, Mpz{a}.v, Mpz{b}.v);
            mpz_fdiv_r(t.v, t.v, Mpz{m}.v);
            want_add = from_mpz(t.v);
            mpz_mul(t.v, Mpz{a}.v, Mpz{b}.v);
            mpz_fdiv_r(t.v, t.v, Mpz{m}.v);
            want_mul = from_mpz(t.v);
        }
        if (addmod(a, b, m) != want_add) {
            ++failures;
            ADD_FAILURE() << "addmod(" << show(a) << ", " << show(b) << ", " << show(m) << ")";
        }
        if (mulmod(a, b, m) != want_mul) {
            ++failures;
            ADD_FAILURE() << "mulmod(" << show(a) << ", " << show(b) << ", " << show(m) << ")";
        }
    }
}

TEST(Uint256Property, Exp) {
    Mpz modulus;
    mpz_ui_pow_ui(modulus.v, 2, 256);
    const auto ref = [&](mpz_t o, auto& a, auto& b) { mpz_powm(o, Mpz{a}.v, Mpz{b}.v, modulus.v); };
    check_binary(
        "exp", 40, kPairs / 5, any, [](auto& a, auto& b) { return exp(a, b); }, ref);
    check_binary(
        "exp small", 41, kPairs / 5, small_or_any, [](auto& a, auto& b) { return exp(a, b); }, ref);
}

TEST(Uint256Property, Bitwise) {
    check_binary(
        "and", 50, kPairs / 2, any, [](auto& a, auto& b) { return a & b; },
        [](mpz_t o, auto& a, auto& b) { mpz_and(o, Mpz{a}.v, Mpz{b}.v); });
    check_binary(
        "or", 51, kPairs / 2, any, [](auto& a, auto& b) { return a | b; },
        [](mpz_t o, auto& a, auto& b) { mpz_ior(o, Mpz{a}.v, Mpz{b}.v); });
    check_binary(
        "xor", 52, kPairs / 2, any, [](auto& a, auto& b) { return a ^ b; },
        [](mpz_t o, auto& a, auto& b) { mpz_xor(o, Mpz{a}.v, Mpz{b}.v); });
    check_binary(
        "not", 53, kPairs / 10, any, [](auto& a, auto&) { return ~a; },
        [](mpz_t o, auto& a, auto&) { mpz_com(o, Mpz{a}.v); });
}

TEST(Uint256Property, Shifts) {
    check_binary(
        "shl", 60, kPairs, small_or_any, [](auto& a, auto& s) { return a << s; },
        [](mpz_t o, auto& a, auto& s) { mpz_mul_2exp(o, Mpz{a}.v, capped(s)); });
    check_binary(
        "shr", 61, kPairs, small_or_any, [](auto& a, auto& s) { return a >> s; },
        [](mpz_t o, auto& a, auto& s) { mpz_fdiv_q_2exp(o, Mpz{a}.v, capped(s)); });
    check_binary(
        "shl u64", 62, kPairs / 5, [](Rng& r) { return uint256{r.below(300)}; },
        [](auto& a, auto& s) { return a << s.low64(); },
        [](mpz_t o, auto& a, auto& s) { mpz_mul_2exp(o, Mpz{a}.v, capped(s)); });
    check_binary(
        "shr u64", 63, kPairs / 5, [](Rng& r) { return uint256{r.below(300)}; },
        [](auto& a, auto& s) { return a >> s.low64(); },
        [](mpz_t o, auto& a, auto& s) { mpz_fdiv_q_2exp(o, Mpz{a}.v, capped(s)); });
    check_binary(
        "sar", 64, kPairs, small_or_any, [](auto& a, auto& s) { return sar(a, s); },
        [](mpz_t o, auto& a, auto& s) {
            Mpz sa;
            to_signed(sa.v, a);
            mpz_fdiv_q_2exp(o, sa.v, capped(s));  // floor division: rounds toward -infinity
        });
}

TEST(Uint256Property, ByteSignextend) {
    check_binary(
        "byte", 70, kPairs, small_or_any, [](auto& a, auto& i) { return byte(i, a); },
        [](mpz_t o, auto& a, auto& i) {
            if (i >= 32) return mpz_set_ui(o, 0);
            mpz_fdiv_q_2exp(o, Mpz{a}.v, 248 - 8 * static_cast<unsigned>(i.low64()));
            mpz_fdiv_r_2exp(o, o, 8);
        });
    check_binary(
        "signextend", 71, kPairs, small_or_any, [](auto& x, auto& b) { return signextend(b, x); },
        [](mpz_t o, auto& x, auto& b) {
            if (b >= 31) return mpz_set(o, Mpz{x}.v);
            const unsigned bits = 8 * (static_cast<unsigned>(b.low64()) + 1);
            mpz_fdiv_r_2exp(o, Mpz{x}.v, bits);
            if (mpz_tstbit(o, bits - 1) != 0) {
                Mpz p;
                mpz_ui_pow_ui(p.v, 2, bits);
                mpz_sub(o, o, p.v);
            }
        });
}

TEST(Uint256Property, CompareCountText) {
    Rng rng{80};
    Mpz sa;
    Mpz sb;
    for (int i = 0; i < kPairs; ++i) {
        const uint256 a = rng.value();
        const uint256 b = rng.below(4) == 0 ? a : rng.value();
        const int c = mpz_cmp(Mpz{a}.v, Mpz{b}.v);
        ASSERT_EQ(a < b, c < 0) << show(a) << " " << show(b);
        ASSERT_EQ(a > b, c > 0) << show(a) << " " << show(b);
        ASSERT_EQ(a <= b, c <= 0) << show(a) << " " << show(b);
        ASSERT_EQ(a >= b, c >= 0) << show(a) << " " << show(b);
        ASSERT_EQ(a == b, c == 0) << show(a) << " " << show(b);
        to_signed(sa.v, a);
        to_signed(sb.v, b);
        ASSERT_EQ(slt(a, b), mpz_cmp(sa.v, sb.v) < 0) << show(a) << " " << show(b);

        const Mpz ma{a};
        const size_t bits = a ? mpz_sizeinbase(ma.v, 2) : 0;
        ASSERT_EQ(clz(a), 256 - bits) << show(a);
        ASSERT_EQ(count_significant_bytes(a), (bits + 7) / 8) << show(a);

        char* dec = mpz_get_str(nullptr, 10, ma.v);
        char* hex = mpz_get_str(nullptr, 16, ma.v);
        ASSERT_EQ(to_string(a), dec);
        ASSERT_EQ(to_hex(a), std::string("0x") + hex);
        ASSERT_EQ(parse_uint256(dec), a) << dec;
        ASSERT_EQ(parse_uint256(std::string("0x") + hex), a) << hex;
        void (*freefunc)(void*, size_t) = nullptr;
        mp_get_memory_functions(nullptr, nullptr, &freefunc);
        freefunc(dec, std::strlen(dec) + 1);
        freefunc(hex, std::strlen(hex) + 1);

        ASSERT_EQ(be_load(be_store(a)), a);
    }
}

// --- hand-written EVM edge cases ---

TEST(Uint256, DivisionByZeroIsZero) {
    EXPECT_EQ(uint256{5} / 0, uint256{0});
    EXPECT_EQ(uint256{5} % 0, uint256{0});
    EXPECT_EQ(kMax / 0, uint256{0});
    EXPECT_EQ(sdiv(kMinusOne, 0), uint256{0});
    EXPECT_EQ(smod(kMinusOne, 0), uint256{0});
    const DivResult r = udivrem(kMax, 0);
    EXPECT_EQ(r.quot, uint256{0});
    EXPECT_EQ(r.rem, uint256{0});
}

TEST(Uint256, KnuthAddBack) {
    // Operands chosen so that the first quotient digit estimate survives the two-limb test and
    // is still one too large (Knuth's step D6), at 64-bit limbs.
    const uint256 u{0, 0, uint64_t{1} << 63, kOnes >> 1};
    const uint256 v{1, 0, uint64_t{1} << 63, 0};
    const DivResult r = udivrem(u, v);
    Mpz q;
    Mpz rem;
    mpz_fdiv_qr(q.v, rem.v, Mpz{u}.v, Mpz{v}.v);
    EXPECT_EQ(r.quot, from_mpz(q.v));
    EXPECT_EQ(r.rem, from_mpz(rem.v));
}

TEST(Uint256, SignedDivision) {
    const uint256 minus_seven = -uint256{7};
    EXPECT_EQ(sdiv(minus_seven, 2), -uint256{3});  // truncation toward zero
    EXPECT_EQ(sdiv(7, -uint256{2}), -uint256{3});
    EXPECT_EQ(sdiv(minus_seven, -uint256{2}), uint256{3});
    EXPECT_EQ(sdiv(kMin, kMinusOne), kMin);  // the one overflowing case wraps to MIN
    EXPECT_EQ(sdiv(kMin, 1), kMin);
    EXPECT_EQ(sdiv(kMin, kMin), uint256{1});
    EXPECT_EQ(smod(minus_seven, 2), kMinusOne);  // sign follows the dividend
    EXPECT_EQ(smod(7, -uint256{2}), uint256{1});
    EXPECT_EQ(smod(minus_seven, -uint256{2}), kMinusOne);
    EXPECT_EQ(smod(kMin, kMinusOne), uint256{0});
    EXPECT_EQ(smod(kMin, 3), -uint256{2});  // -(2^255 mod 3) = -2
}

TEST(Uint256, SignedComparison) {
    EXPECT_TRUE(slt(kMin, 0));
    EXPECT_TRUE(slt(kMin, kMax));
    EXPECT_TRUE(slt(kMinusOne, 0));
    EXPECT_FALSE(slt(0, kMinusOne));
    EXPECT_TRUE(slt(0, kMin - 1));  // 2^255 - 1 is the largest positive value
    EXPECT_FALSE(slt(5, 5));
}

TEST(Uint256, Shifts) {
    EXPECT_EQ(uint256{1} << 255, kMin);
    EXPECT_EQ(uint256{1} << 256, uint256{0});
    EXPECT_EQ(uint256{1} << uint256(0, 1, 0, 0), uint256{0});  // 2^64: far above 256
    EXPECT_EQ(kMax >> 255, uint256{1});
    EXPECT_EQ(kMax >> 256, uint256{0});
    EXPECT_EQ(kMax >> uint256{256}, uint256{0});
    EXPECT_EQ(kMax << uint64_t{0}, kMax);
    EXPECT_EQ(uint256{0xff} << 60, uint256(uint64_t{0xf} << 60, 0xf, 0, 0));
    EXPECT_EQ(sar(kMinusOne, 256), kMinusOne);
    EXPECT_EQ(sar(kMin, uint256{0, 0, 0, 1}), kMinusOne);
    EXPECT_EQ(sar(kMin, 255), kMinusOne);
    EXPECT_EQ(sar(kMin, 254), -uint256{2});
    EXPECT_EQ(sar(kMin - 1, 256), uint256{0});
    EXPECT_EQ(sar(kMin - 1, 254), uint256{1});
    EXPECT_EQ(sar(-uint256{16}, 2), -uint256{4});
    EXPECT_EQ(sar(-uint256{1}, 0), kMinusOne);
}

TEST(Uint256, ByteAndSignextend) {
    const uint256 x{0x0706050403020100, 0x0f0e0d0c0b0a0908, 0x1716151413121110, 0x1f1e1d1c1b1a1918};
    for (unsigned i = 0; i < 32; ++i) EXPECT_EQ(byte(i, x), uint256{31 - i}) << i;
    EXPECT_EQ(byte(32, x), uint256{0});
    EXPECT_EQ(byte(uint256{0, 0, 0, 1}, kMax), uint256{0});
    EXPECT_EQ(byte(31, kMax), uint256{0xff});

    EXPECT_EQ(signextend(0, 0x7f), uint256{0x7f});
    EXPECT_EQ(signextend(0, 0x80), -uint256{0x80});
    EXPECT_EQ(signextend(0, 0x1ff), kMinusOne);
    EXPECT_EQ(signextend(1, 0xff7f), -uint256{0x81});
    EXPECT_EQ(signextend(7, 0x80ull << 56), uint256(0x80ull << 56, kOnes, kOnes, kOnes));
    EXPECT_EQ(signextend(7, uint256(0x7f00000000000000, 0x40, 0, 0)), uint256{0x7f00000000000000});
    EXPECT_EQ(signextend(30, kMin >> 8), uint256(0, 0, 0, 0xff80000000000000ull));
    EXPECT_EQ(signextend(30, kMax >> 9), kMax >> 9);
    EXPECT_EQ(signextend(31, 0x80), uint256{0x80});
    EXPECT_EQ(signextend(uint256{0, 1, 0, 0}, 0x80), uint256{0x80});
}

TEST(Uint256, Clz) {
    EXPECT_EQ(clz(uint256{}), 256u);
    EXPECT_EQ(clz(uint256{1}), 255u);
    EXPECT_EQ(clz(kMin), 0u);
    EXPECT_EQ(clz(uint256{0, 1, 0, 0}), 191u);
    EXPECT_EQ(count_significant_bytes(uint256{}), 0u);
    EXPECT_EQ(count_significant_bytes(uint256{0xff}), 1u);
    EXPECT_EQ(count_significant_bytes(uint256{0x100}), 2u);
    EXPECT_EQ(count_significant_bytes(kMax), 32u);
}

TEST(Uint256, AddModMulModEdgeModuli) {
    EXPECT_EQ(addmod(kMax, kMax, 0), uint256{0});
    EXPECT_EQ(mulmod(kMax, kMax, 0), uint256{0});
    EXPECT_EQ(addmod(kMax, kMax, 1), uint256{0});
    EXPECT_EQ(mulmod(kMax, kMax, 1), uint256{0});
    // (2^256 - 1) * 2 = 2^257 - 2 = 2 * (2^256 - 1) + 0 and (M + M) mod M = 0.
    EXPECT_EQ(addmod(kMax, kMax, kMax), uint256{0});
    EXPECT_EQ(addmod(kMax, 1, kMax), uint256{1});
    EXPECT_EQ(addmod(kMax, 2, kMax), uint256{2});
    EXPECT_EQ(mulmod(kMax, kMax, kMax), uint256{0});
    EXPECT_EQ(mulmod(kMax - 1, kMax - 1, kMax), uint256{1});  // (-1)^2
    // The 257-bit sum is reduced correctly: (2^256 - 1 + 2^256 - 1) mod 10.
    EXPECT_EQ(addmod(kMax, kMax, 10), uint256{0});  // 2^257 - 2 = ...070 (ends in 0)
    EXPECT_EQ(mulmod(kMax, kMax, 12), uint256{9});  // (2^256-1) = 3 mod 12, squared 9
    EXPECT_EQ(addmod(1, 2, 5), uint256{3});
    EXPECT_EQ(mulmod(3, 4, 5), uint256{2});
}

TEST(Uint256, ExpEdges) {
    EXPECT_EQ(exp(0, 0), uint256{1});  // EVM: 0^0 = 1
    EXPECT_EQ(exp(0, 1), uint256{0});
    EXPECT_EQ(exp(kMax, 0), uint256{1});
    EXPECT_EQ(exp(2, 255), kMin);
    EXPECT_EQ(exp(2, 256), uint256{0});
    EXPECT_EQ(exp(2, kMax), uint256{0});
    EXPECT_EQ(exp(kMinusOne, kMax), kMinusOne);  // odd power of -1
    EXPECT_EQ(exp(kMinusOne, kMax - 1), uint256{1});
    EXPECT_EQ(exp(3, 5), uint256{243});
    EXPECT_EQ(exp(10, 18), uint256{1'000'000'000'000'000'000ull});
}

TEST(Uint256, BigEndian) {
    uint8_t raw[32];
    for (int i = 0; i < 32; ++i) raw[i] = static_cast<uint8_t>(i + 1);
    const uint256 x = be_load(bytes_view{raw, 32});
    EXPECT_EQ(x.w[3], 0x0102030405060708ull);
    EXPECT_EQ(x.w[0], 0x191a1b1c1d1e1f20ull);
    uint8_t back[32];
    be_store(back, x);
    EXPECT_EQ(std::memcmp(raw, back, 32), 0);
    EXPECT_EQ(be_load(be_store(x)), x);
    EXPECT_EQ(be_store(x).view(), (bytes_view{raw, 32}));
    // Short input is left-padded.
    EXPECT_EQ(be_load(bytes_view{raw, 2}), uint256{0x0102});
    EXPECT_EQ(be_load(bytes_view{}), uint256{0});
    EXPECT_EQ(be_load(bytes_view{raw + 24, 8}), uint256{0x191a1b1c1d1e1f20ull});
    EXPECT_EQ(be_load(bytes_view{raw + 23, 9}), uint256(0x191a1b1c1d1e1f20ull, 0x18, 0, 0));
}

TEST(Uint256, TextConversions) {
    EXPECT_EQ(to_hex(uint256{}), "0x0");
    EXPECT_EQ(to_hex(uint256{0xabc}), "0xabc");
    EXPECT_EQ(to_hex(kMax), "0x" + std::string(64, 'f'));
    EXPECT_EQ(to_string(uint256{}), "0");
    EXPECT_EQ(to_string(uint256{10'000'000'000'000'000'000ull}), "10000000000000000000");
    EXPECT_EQ(to_string(kMax),
              "115792089237316195423570985008687907853269984665640564039457584007913129639935");

    EXPECT_EQ(parse_uint256("0x0"), uint256{0});
    EXPECT_EQ(parse_uint256("0xABCdef"), uint256{0xabcdef});
    EXPECT_EQ(parse_uint256("0x" + std::string(64, 'F')), kMax);
    EXPECT_EQ(parse_uint256("0x" + std::string(63, '0') + "1"), uint256{1});
    EXPECT_EQ(parse_uint256("0"), uint256{0});
    EXPECT_EQ(parse_uint256("007"), uint256{7});
    EXPECT_EQ(parse_uint256("18446744073709551616"), uint256(0, 1, 0, 0));
    EXPECT_EQ(parse_uint256(
                  "115792089237316195423570985008687907853269984665640564039457584007913129639935"),
              kMax);

    // Rejections.
    EXPECT_EQ(parse_uint256(""), std::nullopt);
    EXPECT_EQ(parse_uint256("0x"), std::nullopt);
    EXPECT_EQ(parse_uint256("0x" + std::string(65, '0')), std::nullopt);
    EXPECT_EQ(parse_uint256("0xg"), std::nullopt);
    EXPECT_EQ(parse_uint256("0x 1"), std::nullopt);
    EXPECT_EQ(parse_uint256(" 1"), std::nullopt);
    EXPECT_EQ(parse_uint256("1 "), std::nullopt);
    EXPECT_EQ(parse_uint256("-1"), std::nullopt);
    EXPECT_EQ(parse_uint256("+1"), std::nullopt);
    EXPECT_EQ(parse_uint256("12a"), std::nullopt);
    EXPECT_EQ(parse_uint256("ff"), std::nullopt);
    EXPECT_EQ(parse_uint256("1e5"), std::nullopt);
    EXPECT_EQ(parse_uint256("0x1.0"), std::nullopt);
    EXPECT_EQ(parse_uint256(
                  "115792089237316195423570985008687907853269984665640564039457584007913129639936"),
              std::nullopt);  // 2^256
    EXPECT_EQ(parse_uint256(std::string(100, '9')), std::nullopt);
}
