// SPDX-License-Identifier: Apache-2.0
// parevm: alt_bn128 tower vs GMP, group laws, pairing bilinearity, precompiles 0x06-0x08.
#include <parevm/crypto/bn254.hpp>
#include <parevm/evm/precompiles/precompiles.hpp>

#include <gmp.h>
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace parevm;
using namespace parevm::bn254;

namespace {

bytes from_hex(std::string_view hex) {
    if (hex.starts_with("0x")) hex.remove_prefix(2);
    bytes out;
    auto nibble = [](char c) -> uint8_t {
        if (c >= '0' && c <= '9') return static_cast<uint8_t>(c - '0');
        if (c >= 'a' && c <= 'f') return static_cast<uint8_t>(c - 'a' + 10);
        return static_cast<uint8_t>(c - 'A' + 10);
    };
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<uint8_t>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
    return out;
}

std::string to_hex(bytes_view b) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s;
    for (uint8_t x : b) {
        s.push_back(digits[x >> 4]);
        s.push_back(digits[x & 0xf]);
    }
    return s;
}

/// An mpz_t with RAII, for independent big-integer checks.
struct Mpz {
    mpz_t v;
    Mpz() { mpz_init(v); }
    explicit Mpz(const char* hex) { mpz_init_set_str(v, hex, 16); }
    Mpz(const Mpz&) = delete;
    Mpz& operator=(const Mpz&) = delete;
    ~Mpz() { mpz_clear(v); }
};

const char* const p_hex = "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47";
const char* const r_hex = "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001";

void to_mpz(const Fp& a, Mpz& out) {
    uint8_t buf[32];
    a.to_bytes(buf);
    mpz_import(out.v, 32, 1, 1, 1, 0, buf);
}

Fp from_mpz(const Mpz& a) {
    uint8_t buf[32] = {};
    size_t count = 0;
    uint8_t tmp[32];
    mpz_export(tmp, &count, 1, 1, 1, 0, a.v);
    std::memcpy(buf + 32 - count, tmp, count);
    return *Fp::from_bytes(buf);
}

std::mt19937_64& rng() {
    static std::mt19937_64 gen{0xb254};
    return gen;
}

Fp random_fp() {
    uint8_t buf[32];
    for (;;) {
        for (auto& b : buf) b = static_cast<uint8_t>(rng()());
        buf[0] &= 0x3f;
        if (auto f = Fp::from_bytes(buf)) return *f;
    }
}
Fp2 random_fp2() {
    return {random_fp(), random_fp()};
}
Fp6 random_fp6() {
    return {random_fp2(), random_fp2(), random_fp2()};
}
Fp12 random_fp12() {
    return {random_fp6(), random_fp6()};
}

/// A random scalar below r, as limbs and as a GMP integer.
struct Scalar {
    uint64_t limbs[4];
};
Scalar random_scalar() {
    Scalar s;
    for (;;) {
        for (auto& l : s.limbs) l = rng()();
        s.limbs[3] &= 0x3fffffffffffffffull;
        for (int i = 3; i >= 0; --i) {
            if (s.limbs[i] != group_order[i]) {
                if (s.limbs[i] < group_order[i]) return s;
                break;
            }
        }
    }
}
void scalar_to_mpz(const Scalar& s, Mpz& out) {
    mpz_import(out.v, 4, -1, 8, 0, 0, s.limbs);
}
Scalar scalar_from_mpz(const Mpz& m) {
    Scalar s{};
    size_t count = 0;
    mpz_export(s.limbs, &count, -1, 8, 0, 0, m.v);
    return s;
}

template <typename F>
Affine<F> mul_affine(const Affine<F>& p, const Scalar& k) {
    return to_affine(mul(to_jacobian(p), k.limbs));
}

Fp12 pow_big(const Fp12& a, const Mpz& e) {
    Fp12 r = Fp12::one();
    for (long bit = static_cast<long>(mpz_sizeinbase(e.v, 2)) - 1; bit >= 0; --bit) {
        r = sqr(r);
        if (mpz_tstbit(e.v, static_cast<mp_bitcnt_t>(bit))) r = r * a;
    }
    return r;
}

bytes encode_g1(const G1& p) {
    uint8_t buf[64] = {};
    if (!p.infinity) {
        p.x.to_bytes(buf);
        p.y.to_bytes(buf + 32);
    }
    return bytes(buf, 64);
}

bytes encode_g2(const G2& q) {
    uint8_t buf[128] = {};
    if (!q.infinity) {
        q.x.c1.to_bytes(buf);
        q.x.c0.to_bytes(buf + 32);
        q.y.c1.to_bytes(buf + 64);
        q.y.c0.to_bytes(buf + 96);
    }
    return bytes(buf, 128);
}

/// sqrt in Fp for p = 3 mod 4: a^((p+1)/4), checked.
std::optional<Fp> sqrt_fp(const Fp& a) {
    Mpz e(p_hex);
    mpz_add_ui(e.v, e.v, 1);
    mpz_fdiv_q_2exp(e.v, e.v, 2);
    uint64_t limbs[4] = {};
    size_t count = 0;
    mpz_export(limbs, &count, -1, 8, 0, 0, e.v);
    const Fp s = pow(a, limbs, 4);
    if (sqr(s) != a) return std::nullopt;
    return s;
}

/// sqrt in Fp2 through the norm: with n = sqrt(a0^2 + a1^2), x0^2 = (a0 +- n) / 2 and
/// x1 = a1 / (2 x0).
std::optional<Fp2> sqrt_fp2(const Fp2& a) {
    const auto n = sqrt_fp(sqr(a.c0) + sqr(a.c1));
    if (!n) return std::nullopt;
    const Fp half = inverse(Fp::from_u64(2));
    for (const Fp& cand : {(a.c0 + *n) * half, (a.c0 - *n) * half}) {
        const auto x0 = sqrt_fp(cand);
        if (!x0 || x0->is_zero()) continue;
        const Fp2 x{*x0, a.c1 * inverse(dbl(*x0))};
        if (sqr(x) == a) return x;
    }
    return std::nullopt;
}

/// A point on the twist E'(Fp2) that is (with overwhelming probability) outside G2.
G2 twist_point_outside_g2() {
    for (uint64_t i = 1;; ++i) {
        const Fp2 x{Fp::from_u64(i), Fp::one()};
        const auto y = sqrt_fp2(sqr(x) * x + curve_b<Fp2>());
        if (y) return {x, *y, false};
    }
}

Result call(Revision rev, uint64_t n, bytes_view input, int64_t gas = 10'000'000) {
    return call_precompile(rev, address_from_u64(n), input, gas);
}

const std::string g1_hex =
    "0000000000000000000000000000000000000000000000000000000000000001"
    "0000000000000000000000000000000000000000000000000000000000000002";
const std::string two_g1_hex =
    "030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3"
    "15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4";
// EIP-197's G2 generator, imaginary part first.
const std::string g2_hex =
    "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
    "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
    "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
    "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";

// go-ethereum's published pairing vectors (core/vm/testdata/precompiles/bn256Pairing.json).
const std::string jeff1_hex =
    "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f59"
    "3034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41"
    "209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf7"
    "04bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a41678"
    "2bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d"
    "120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550"
    "111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c"
    "2032c61a830e3c17286de9462bf242fca2883585b93870a73853face6a6bf411" +
    g2_hex;
// jeff1 with the second G1 point's y changed: a valid point, but the product is not 1.
const std::string jeff6_hex = jeff1_hex.substr(0, 7 * 64) +
                              "103188585e2364128fe25c70558f1560f4f9350baf3959e603cc91486e110936" +
                              g2_hex;
const std::string two_point_match_4_hex =
    "105456a333e6d636854f987ea7bb713dfd0ae8371a72aea313ae0c32c0bf1016"
    "0cf031d41b41557f3e7e3ba0c51bebe5da8e6ecd855ec50fc87efcdeac168bcc"
    "0476be093a6d2b4bbf907172049874af11e1b6267606e00804d3ff0037ec57fd"
    "3010c68cb50161b7d1d96bb71edfec9880171954e56871abf3d93cc94d745fa1"
    "14c059d74e5b6c4ec14ae5864ebe23a71781d86c29fb8fb6cce94f70d3de7a21"
    "01b33461f39d9e887dbb100f170a2345dde3c07e256d1dfa2b657ba5cd030427" +
    g1_hex +
    "1a2c3013d2ea92e13c800cde68ef56a294b883f6ac35d25f587c09b1b3c635f7"
    "290158a80cd3d66530f74dc94c94adb88f5cdb481acca997b6e60071f08a115f"
    "2f997f3dbd66a7afe07fe7862ce239edba9e05c5afff7f8a1259c9733b2dfbb9"
    "29d1691530ca701b4a106054688728c9972c8512e9789e9567aae23e302ccd75";

}  // namespace

TEST(Bn254Field, MontgomeryArithmeticMatchesGmp) {
    Mpz p(p_hex);
    for (int i = 0; i < 200; ++i) {
        const Fp a = random_fp();
        const Fp b = random_fp();
        Mpz ma, mb, expect, got;
        to_mpz(a, ma);
        to_mpz(b, mb);
        mpz_mul(expect.v, ma.v, mb.v);
        mpz_mod(expect.v, expect.v, p.v);
        to_mpz(a * b, got);
        ASSERT_EQ(mpz_cmp(expect.v, got.v), 0);
        mpz_add(expect.v, ma.v, mb.v);
        mpz_mod(expect.v, expect.v, p.v);
        to_mpz(a + b, got);
        ASSERT_EQ(mpz_cmp(expect.v, got.v), 0);
        mpz_sub(expect.v, ma.v, mb.v);
        mpz_mod(expect.v, expect.v, p.v);
        to_mpz(a - b, got);
        ASSERT_EQ(mpz_cmp(expect.v, got.v), 0);
        if (!a.is_zero()) {
            mpz_invert(expect.v, ma.v, p.v);
            to_mpz(inverse(a), got);
            ASSERT_EQ(mpz_cmp(expect.v, got.v), 0);
        }
    }
    // Edge values: p - 1 squared is 1, and -(p - 1) is 1.
    Mpz pm1(p_hex);
    mpz_sub_ui(pm1.v, pm1.v, 1);
    const Fp m1 = from_mpz(pm1);
    EXPECT_EQ(m1 * m1, Fp::one());
    EXPECT_EQ(-m1, Fp::one());
    EXPECT_EQ(m1 + Fp::one(), Fp::zero());
}

TEST(Bn254Field, CanonicalEncodingOnly) {
    bytes p = from_hex(p_hex);
    EXPECT_FALSE(Fp::from_bytes(p.data()));  // p itself is not canonical
    p[31] -= 1;
    const auto pm1 = Fp::from_bytes(p.data());
    ASSERT_TRUE(pm1);
    uint8_t out[32];
    pm1->to_bytes(out);
    EXPECT_EQ(to_hex({out, 32}), to_hex(p));
    bytes all_ones(32, 0xff);
    EXPECT_FALSE(Fp::from_bytes(all_ones.data()));
}

TEST(Bn254Field, TowerIdentities) {
    for (int i = 0; i < 20; ++i) {
        const Fp2 a2 = random_fp2();
        EXPECT_EQ(sqr(a2), a2 * a2);
        EXPECT_EQ(a2 * inverse(a2), Fp2::one());
        const Fp2 xi{Fp::from_u64(9), Fp::one()};
        EXPECT_EQ(mul_by_xi(a2), a2 * xi);

        const Fp6 a6 = random_fp6();
        const Fp6 b6 = random_fp6();
        EXPECT_EQ(sqr(a6), a6 * a6);
        EXPECT_EQ(a6 * inverse(a6), Fp6::one());
        const Fp6 v{Fp2::zero(), Fp2::one(), Fp2::zero()};
        EXPECT_EQ(mul_by_v(a6), a6 * v);
        const Fp2 l0 = random_fp2();
        const Fp2 l1 = random_fp2();
        const Fp6 sparse{l0, l1, Fp2::zero()};
        EXPECT_EQ(mul_by_01(a6, l0, l1), a6 * sparse);
        EXPECT_EQ((a6 * b6) * a6, a6 * (b6 * a6));

        const Fp12 a12 = random_fp12();
        const Fp12 b12 = random_fp12();
        EXPECT_EQ(sqr(a12), a12 * a12);
        EXPECT_EQ(a12 * inverse(a12), Fp12::one());
        EXPECT_EQ((a12 * b12) * a12, a12 * (b12 * a12));
        const Fp2 l3 = random_fp2();
        const Fp12 line{{l0, Fp2::zero(), Fp2::zero()}, {l1, l3, Fp2::zero()}};
        EXPECT_EQ(mul_by_line(a12, l0, l1, l3), a12 * line);
    }
}

TEST(Bn254Field, FrobeniusIsPowerOfP) {
    Mpz p(p_hex);
    const Fp12 a = random_fp12();
    const Fp12 ap = pow_big(a, p);
    EXPECT_EQ(frobenius(a, 1), ap);
    EXPECT_EQ(frobenius(a, 2), frobenius(ap, 1));
    EXPECT_EQ(frobenius(a, 3), frobenius(frobenius(ap, 1), 1));
    // w^(p^6) = -w: the p^6 Frobenius is the conjugation.
    Fp12 x = a;
    for (int i = 0; i < 2; ++i) x = frobenius(x, 3);
    EXPECT_EQ(x, conj(a));
}

TEST(Bn254Field, FinalExponentDecomposition) {
    // (p^4 - p^2 + 1) / r = l0 + l1 p + l2 p^2 + p^3 with the BN polynomials in u.
    Mpz p(p_hex), r(r_hex), u, e, t, sum, l;
    mpz_set_ui(u.v, 4965661367192848881ull);
    mpz_pow_ui(e.v, p.v, 4);
    mpz_pow_ui(t.v, p.v, 2);
    mpz_sub(e.v, e.v, t.v);
    mpz_add_ui(e.v, e.v, 1);
    ASSERT_TRUE(mpz_divisible_p(e.v, r.v));
    mpz_divexact(e.v, e.v, r.v);
    auto poly = [&](long c3, long c2, long c1, long c0, Mpz& out) {
        mpz_set_si(out.v, c3);
        mpz_mul(out.v, out.v, u.v);
        Mpz c;
        mpz_set_si(c.v, c2);
        mpz_add(out.v, out.v, c.v);
        mpz_mul(out.v, out.v, u.v);
        mpz_set_si(c.v, c1);
        mpz_add(out.v, out.v, c.v);
        mpz_mul(out.v, out.v, u.v);
        mpz_set_si(c.v, c0);
        mpz_add(out.v, out.v, c.v);
    };
    poly(-36, -30, -18, -2, l);  // l0
    mpz_set(sum.v, l.v);
    poly(-36, -18, -12, 1, l);  // l1
    mpz_mul(l.v, l.v, p.v);
    mpz_add(sum.v, sum.v, l.v);
    poly(0, 6, 0, 1, l);  // l2
    mpz_mul(l.v, l.v, t.v);
    mpz_add(sum.v, sum.v, l.v);
    mpz_pow_ui(t.v, p.v, 3);
    mpz_add(sum.v, sum.v, t.v);  // l3 = 1
    EXPECT_EQ(mpz_cmp(sum.v, e.v), 0);
}

TEST(Bn254Group, GeneratorsAndOrder) {
    const G1 g1 = g1_generator();
    const G2 g2 = g2_generator();
    EXPECT_TRUE(on_curve(g1));
    EXPECT_TRUE(on_curve(g2));
    EXPECT_TRUE(in_g2_subgroup(g2));
    EXPECT_TRUE(mul(to_jacobian(g1), group_order).z.is_zero());
    // Doubling, adding to itself and multiplying by 2 agree with the published 2 * G1.
    const G1 two = to_affine(dbl(to_jacobian(g1)));
    EXPECT_EQ(to_hex(encode_g1(two)), two_g1_hex);
    EXPECT_EQ(to_affine(add(to_jacobian(g1), to_jacobian(g1))), two);
    EXPECT_EQ(mul_affine(g1, Scalar{{2, 0, 0, 0}}), two);
    EXPECT_EQ(to_affine(add(to_jacobian(two), neg(to_jacobian(g1)))), g1);
    // G2 group law: (a + b) Q = aQ + bQ.
    const Scalar a = random_scalar();
    const Scalar b = random_scalar();
    Mpz ma, mb, r(r_hex);
    scalar_to_mpz(a, ma);
    scalar_to_mpz(b, mb);
    mpz_add(ma.v, ma.v, mb.v);
    mpz_mod(ma.v, ma.v, r.v);
    const Scalar sum = scalar_from_mpz(ma);
    EXPECT_EQ(mul_affine(g2, sum),
              to_affine(add(mul(to_jacobian(g2), a.limbs), mul(to_jacobian(g2), b.limbs))));
    EXPECT_EQ(mul_affine(g1, sum),
              to_affine(add(mul(to_jacobian(g1), a.limbs), mul(to_jacobian(g1), b.limbs))));
}

TEST(Bn254Group, GlvMultiplicationMatchesDoubleAndAdd) {
    const G1 g = g1_generator();
    std::vector<Scalar> scalars;
    for (int i = 0; i < 40; ++i) {
        Scalar s;
        for (auto& l : s.limbs) l = rng()();  // full 256-bit range, not reduced
        scalars.push_back(s);
        scalars.push_back(random_scalar());
    }
    Mpz r(r_hex), m;
    for (long delta : {-1L, 0L, 1L, 2L}) {
        mpz_set(m.v, r.v);
        if (delta < 0)
            mpz_sub_ui(m.v, m.v, 1);
        else
            mpz_add_ui(m.v, m.v, static_cast<unsigned long>(delta));
        scalars.push_back(scalar_from_mpz(m));
    }
    scalars.push_back(Scalar{{0, 0, 0, 0}});
    scalars.push_back(Scalar{{1, 0, 0, 0}});
    scalars.push_back(Scalar{{~0ull, ~0ull, ~0ull, ~0ull}});
    const G1 p = mul_affine(g, random_scalar());
    for (const Scalar& k : scalars) {
        EXPECT_EQ(to_affine(g1_mul(p, k.limbs)), mul_affine(p, k));
        EXPECT_EQ(to_affine(g1_mul(g, k.limbs)), mul_affine(g, k));
    }
    EXPECT_TRUE(g1_mul(G1{}, scalars[0].limbs).z.is_zero());
}

TEST(Bn254Group, TwistPointOutsideSubgroup) {
    const G2 q = twist_point_outside_g2();
    EXPECT_TRUE(on_curve(q));
    EXPECT_FALSE(in_g2_subgroup(q));
    EXPECT_FALSE(mul(to_jacobian(q), group_order).z.is_zero());
}

TEST(Bn254Group, SubgroupCheckByEndomorphism) {
    // The check f(psi) Q = 0, f(X) = (u + 1) + u X + u X^2 - 2u X^3, is exact when f(p) = 0
    // mod r (G2 points pass) and Res(f, X^2 - t X + p) is coprime to the twist cofactor
    // c = 2p - r (nothing else passes), with t = p + 1 - r.
    Mpz p(p_hex), r(r_hex), u, t, c, v, g, A, B, xa, xb, tmp, res;
    mpz_set_ui(u.v, 4965661367192848881ull);
    mpz_add_ui(t.v, p.v, 1);
    mpz_sub(t.v, t.v, r.v);
    mpz_mul_ui(c.v, p.v, 2);
    mpz_sub(c.v, c.v, r.v);
    // f(p) mod r.
    Mpz coef[4];
    mpz_add_ui(coef[0].v, u.v, 1);
    mpz_set(coef[1].v, u.v);
    mpz_set(coef[2].v, u.v);
    mpz_mul_si(coef[3].v, u.v, -2);
    mpz_set_ui(v.v, 0);
    for (int i = 3; i >= 0; --i) {
        mpz_mul(v.v, v.v, p.v);
        mpz_add(v.v, v.v, coef[i].v);
    }
    mpz_mod(v.v, v.v, r.v);
    EXPECT_EQ(mpz_sgn(v.v), 0);
    // f mod g = A + B X (X^2 = t X - p), then Res(f, g) = (A + B x1)(A + B x2) over the roots
    // x1, x2 of g: A^2 + A B t + B^2 p.
    mpz_set_ui(xa.v, 1);  // X^i mod g = xa + xb X
    mpz_set_ui(xb.v, 0);
    for (int i = 0; i < 4; ++i) {
        mpz_addmul(A.v, coef[i].v, xa.v);
        mpz_addmul(B.v, coef[i].v, xb.v);
        // (xa + xb X) X = -xb p + (xa + xb t) X
        mpz_mul(tmp.v, xb.v, p.v);
        mpz_addmul(xa.v, xb.v, t.v);
        mpz_swap(xa.v, xb.v);
        mpz_neg(xa.v, tmp.v);
    }
    mpz_mul(res.v, A.v, A.v);
    mpz_mul(tmp.v, A.v, B.v);
    mpz_addmul(res.v, tmp.v, t.v);
    mpz_mul(tmp.v, B.v, B.v);
    mpz_addmul(res.v, tmp.v, p.v);
    EXPECT_NE(mpz_sgn(res.v), 0);
    mpz_gcd(g.v, res.v, c.v);
    EXPECT_EQ(mpz_cmp_ui(g.v, 1), 0);

    // Random G2 points pass; adding a point of small order (c has the factor 10069) or any
    // twist point outside G2 makes them fail, as does the full [r] Q test.
    const G2 outside = twist_point_outside_g2();
    Mpz k;
    mpz_divexact_ui(k.v, c.v, 10069);
    mpz_mul(k.v, k.v, r.v);  // [r c / 10069] kills everything but the order-10069 part
    uint64_t limbs[8] = {};
    size_t count = 0;
    mpz_export(limbs, &count, -1, 8, 0, 0, k.v);
    ASSERT_LE(count, 8u);
    Jacobian<Fp2> small = to_jacobian(outside);
    Jacobian<Fp2> acc;  // [k] outside via two 256-bit halves: k = hi 2^256 + lo
    acc = mul(small, limbs + 4);
    for (int i = 0; i < 256; ++i) acc = dbl(acc);
    acc = add(acc, mul(small, limbs));
    ASSERT_FALSE(acc.z.is_zero());
    const uint64_t order_small[4] = {10069, 0, 0, 0};
    EXPECT_TRUE(mul(acc, order_small).z.is_zero());
    const G2 t_small = to_affine(acc);
    EXPECT_TRUE(on_curve(t_small));
    EXPECT_FALSE(in_g2_subgroup(t_small));
    for (int i = 0; i < 5; ++i) {
        const G2 q = mul_affine(g2_generator(), random_scalar());
        EXPECT_TRUE(in_g2_subgroup(q));
        const G2 mixed = to_affine(add(to_jacobian(q), acc));
        EXPECT_TRUE(on_curve(mixed));
        EXPECT_FALSE(in_g2_subgroup(mixed));
        EXPECT_FALSE(mul(to_jacobian(mixed), group_order).z.is_zero());
        const G2 mixed2 = to_affine(add(to_jacobian(q), to_jacobian(outside)));
        EXPECT_FALSE(in_g2_subgroup(mixed2));
    }
}

TEST(Bn254Pairing, CyclotomicSquaring) {
    for (int i = 0; i < 5; ++i) {
        const Fp12 a = random_fp12();
        // The easy part of the final exponentiation lands in the cyclotomic subgroup.
        Fp12 t = conj(a) * inverse(a);
        t = frobenius(t, 2) * t;
        EXPECT_EQ(cyclotomic_sqr(t), sqr(t));
        EXPECT_EQ(cyclotomic_sqr(cyclotomic_sqr(t)), sqr(sqr(t)));
        EXPECT_NE(cyclotomic_sqr(a), sqr(a));  // only valid inside the subgroup
    }
}

TEST(Bn254Pairing, NonDegenerateOfOrderR) {
    const Fp12 e = pairing(g1_generator(), g2_generator());
    EXPECT_FALSE(e.is_one());
    Mpz r(r_hex);
    EXPECT_TRUE(pow_big(e, r).is_one());
}

TEST(Bn254Pairing, Bilinearity) {
    const G1 p = g1_generator();
    const G2 q = g2_generator();
    Mpz r(r_hex);
    for (int i = 0; i < 3; ++i) {
        const Scalar a = random_scalar();
        const Scalar b = random_scalar();
        Mpz ma, mb;
        scalar_to_mpz(a, ma);
        scalar_to_mpz(b, mb);
        mpz_mul(ma.v, ma.v, mb.v);
        mpz_mod(ma.v, ma.v, r.v);
        const Scalar ab = scalar_from_mpz(ma);
        const Fp12 e1 = pairing(mul_affine(p, a), mul_affine(q, b));
        const Fp12 e2 = pairing(mul_affine(p, ab), q);
        const Fp12 e3 = pairing(p, mul_affine(q, ab));
        EXPECT_EQ(e1, e2);
        EXPECT_EQ(e1, e3);
        // e(P, Q)^ab as well.
        Mpz mab;
        scalar_to_mpz(ab, mab);
        EXPECT_EQ(e1, pow_big(pairing(p, q), mab));
    }
}

TEST(Bn254Precompile, EcAddVectors) {
    // G1 + G1 = 2 G1.
    Result res = call(Revision::cancun, 6, from_hex(g1_hex + g1_hex));
    ASSERT_EQ(res.status, StatusCode::success);
    EXPECT_EQ(to_hex(res.output), two_g1_hex);
    EXPECT_EQ(res.gas_left, 10'000'000 - 150);
    // P + (-P) = infinity, encoded as 64 zero bytes.
    const G1 p = g1_generator();
    const G1 minus_p{p.x, -p.y, false};
    res = call(Revision::cancun, 6, encode_g1(p) + encode_g1(minus_p));
    ASSERT_EQ(res.status, StatusCode::success);
    EXPECT_EQ(res.output, bytes(64, 0));
    // Infinity is the identity; empty input pads to O + O = O.
    res = call(Revision::cancun, 6, from_hex(g1_hex));
    ASSERT_EQ(res.status, StatusCode::success);
    EXPECT_EQ(to_hex(res.output), g1_hex);
    res = call(Revision::cancun, 6, bytes{});
    ASSERT_EQ(res.status, StatusCode::success);
    EXPECT_EQ(res.output, bytes(64, 0));
    // Extra input beyond 128 bytes is ignored.
    res = call(Revision::cancun, 6, from_hex(g1_hex + g1_hex + "ffff"));
    EXPECT_EQ(to_hex(res.output), two_g1_hex);
    // Byzantium price.
    res = call(Revision::byzantium, 6, from_hex(g1_hex + g1_hex));
    EXPECT_EQ(res.gas_left, 10'000'000 - 500);
    res = call(Revision::petersburg, 6, from_hex(g1_hex), 499);
    EXPECT_EQ(res.status, StatusCode::out_of_gas);
    EXPECT_EQ(res.gas_left, 0);
}

TEST(Bn254Precompile, EcAddInvalid) {
    // (1, 3) is not on y^2 = x^3 + 3.
    bytes bad = from_hex(g1_hex);
    bad[63] = 3;
    Result res = call(Revision::cancun, 6, bad + from_hex(g1_hex), 100000);
    EXPECT_EQ(res.status, StatusCode::precompile_failure);
    EXPECT_EQ(res.gas_left, 0);
    // x = p + 1 is 1 mod p, but not canonical.
    bytes noncanon = from_hex(p_hex);
    noncanon[31] += 1;
    noncanon += from_hex(g1_hex).substr(32);
    res = call(Revision::cancun, 6, from_hex(g1_hex) + noncanon);
    EXPECT_EQ(res.status, StatusCode::precompile_failure);
    // y = p + 2 likewise.
    bytes noncanon_y = from_hex(g1_hex).substr(0, 32) + from_hex(p_hex);
    noncanon_y[63] += 2;
    res = call(Revision::cancun, 6, noncanon_y);
    EXPECT_EQ(res.status, StatusCode::precompile_failure);
}

TEST(Bn254Precompile, EcMulVectors) {
    auto word = [](uint64_t v) {
        bytes w(32, 0);
        for (int i = 0; i < 8; ++i) w[31 - i] = static_cast<uint8_t>(v >> (8 * i));
        return w;
    };
    Result res = call(Revision::cancun, 7, from_hex(g1_hex) + word(2));
    ASSERT_EQ(res.status, StatusCode::success);
    EXPECT_EQ(to_hex(res.output), two_g1_hex);
    EXPECT_EQ(res.gas_left, 10'000'000 - 6000);
    // Multiplying by the group order, by 0 and the infinity by anything gives infinity.
    res = call(Revision::cancun, 7, from_hex(g1_hex) + from_hex(r_hex));
    ASSERT_EQ(res.status, StatusCode::success);
    EXPECT_EQ(res.output, bytes(64, 0));
    res = call(Revision::cancun, 7, from_hex(g1_hex));  // scalar padded to 0
    ASSERT_EQ(res.status, StatusCode::success);
    EXPECT_EQ(res.output, bytes(64, 0));
    res = call(Revision::cancun, 7, bytes(64, 0) + word(12345));
    ASSERT_EQ(res.status, StatusCode::success);
    EXPECT_EQ(res.output, bytes(64, 0));
    // The scalar is not reduced first: r + 2 and 2^256 - 1 act as their values mod r.
    bytes r_plus_2 = from_hex(r_hex);
    r_plus_2[31] += 2;
    res = call(Revision::cancun, 7, from_hex(g1_hex) + r_plus_2);
    EXPECT_EQ(to_hex(res.output), two_g1_hex);
    const G1 g = g1_generator();
    Mpz r(r_hex), m;
    mpz_ui_pow_ui(m.v, 2, 256);
    mpz_sub_ui(m.v, m.v, 1);
    mpz_mod(m.v, m.v, r.v);
    res = call(Revision::cancun, 7, from_hex(g1_hex) + bytes(32, 0xff));
    EXPECT_EQ(res.output, encode_g1(mul_affine(g, scalar_from_mpz(m))));
    // Compare with repeated addition for a small scalar.
    Jacobian<Fp> acc;
    for (int i = 0; i < 37; ++i) acc = add(acc, to_jacobian(g));
    res = call(Revision::cancun, 7, from_hex(g1_hex) + word(37));
    EXPECT_EQ(res.output, encode_g1(to_affine(acc)));
    // Prices: 40000 before Istanbul; invalid point fails.
    res = call(Revision::byzantium, 7, from_hex(g1_hex) + word(2));
    EXPECT_EQ(res.gas_left, 10'000'000 - 40000);
    res = call(Revision::istanbul, 7, from_hex(g1_hex) + word(2), 5999);
    EXPECT_EQ(res.status, StatusCode::out_of_gas);
    bytes bad = from_hex(g1_hex);
    bad[31] = 2;
    res = call(Revision::cancun, 7, bad + word(2));
    EXPECT_EQ(res.status, StatusCode::precompile_failure);
    EXPECT_EQ(res.gas_left, 0);
}

TEST(Bn254Precompile, PairingChecks) {
    const G1 p = g1_generator();
    const G1 minus_p{p.x, -p.y, false};
    const G2 q = g2_generator();
    auto check = [](Revision rev, const bytes& in, int64_t gas = 10'000'000) {
        return call(rev, 8, in, gas);
    };
    // e(P, Q) e(-P, Q) = 1.
    bytes in = encode_g1(p) + encode_g2(q) + encode_g1(minus_p) + encode_g2(q);
    Result res = check(Revision::cancun, in);
    ASSERT_EQ(res.status, StatusCode::success);
    EXPECT_EQ(to_hex(res.output), std::string(63, '0') + "1");
    EXPECT_EQ(res.gas_left, 10'000'000 - (45000 + 2 * 34000));
    res = check(Revision::byzantium, in);
    EXPECT_EQ(res.gas_left, 10'000'000 - (100000 + 2 * 80000));
    res = check(Revision::istanbul, in, 45000 + 2 * 34000 - 1);
    EXPECT_EQ(res.status, StatusCode::out_of_gas);
    // e(P, Q) e(P, Q) != 1.
    res = check(Revision::cancun, encode_g1(p) + encode_g2(q) + encode_g1(p) + encode_g2(q));
    ASSERT_EQ(res.status, StatusCode::success);
    EXPECT_EQ(res.output, bytes(32, 0));
    // e(aP, bQ) e(-abP, Q) = 1 with random a, b.
    const Scalar a = random_scalar();
    const Scalar b = random_scalar();
    Mpz ma, mb, r(r_hex);
    scalar_to_mpz(a, ma);
    scalar_to_mpz(b, mb);
    mpz_mul(ma.v, ma.v, mb.v);
    mpz_mod(ma.v, ma.v, r.v);
    const G1 ab = mul_affine(p, scalar_from_mpz(ma));
    in = encode_g1(mul_affine(p, a)) + encode_g2(mul_affine(q, b)) +
         encode_g1(G1{ab.x, -ab.y, false}) + encode_g2(q);
    res = check(Revision::cancun, in);
    EXPECT_EQ(res.output[31], 1);
    // A single pair with a point at infinity pairs to 1; a single real pair does not.
    res = check(Revision::cancun, bytes(64, 0) + encode_g2(q));
    EXPECT_EQ(res.output[31], 1);
    res = check(Revision::cancun, encode_g1(p) + bytes(128, 0));
    EXPECT_EQ(res.output[31], 1);
    res = check(Revision::cancun, encode_g1(p) + encode_g2(q));
    EXPECT_EQ(res.output, bytes(32, 0));
    // Empty input returns 1 for the base price.
    res = check(Revision::cancun, bytes{});
    ASSERT_EQ(res.status, StatusCode::success);
    EXPECT_EQ(res.output[31], 1);
    EXPECT_EQ(res.gas_left, 10'000'000 - 45000);
    // EIP-197's G2 encoding is imaginary part first: the generator bytes decode to it.
    EXPECT_EQ(to_hex(encode_g2(q)), g2_hex);
}

TEST(Bn254Precompile, PairingInvalidInputs) {
    const bytes g1 = from_hex(g1_hex);
    const bytes g2 = from_hex(g2_hex);
    auto expect_failure = [](const bytes& in) {
        const Result res = call(Revision::cancun, 8, in);
        EXPECT_EQ(res.status, StatusCode::precompile_failure);
        EXPECT_EQ(res.gas_left, 0);
    };
    // Length not a multiple of 192.
    expect_failure(g1 + g2 + bytes(1, 0));
    expect_failure(g1);
    // G1 point off the curve.
    bytes bad_g1 = g1;
    bad_g1[63] = 3;
    expect_failure(bad_g1 + g2);
    // G2 point off the twist.
    bytes bad_g2 = g2;
    bad_g2[127] ^= 1;
    expect_failure(g1 + bad_g2);
    // Non-canonical G2 coordinates: each of the four words set to p.
    for (int word = 0; word < 4; ++word) {
        bytes nc = g2;
        const bytes p = from_hex(p_hex);
        std::copy(p.begin(), p.end(), nc.begin() + 32 * word);
        expect_failure(g1 + nc);
    }
    // On the twist but outside the order-r subgroup.
    expect_failure(g1 + encode_g2(twist_point_outside_g2()));
    // Swapping real and imaginary parts gives a point that is not on the twist.
    bytes swapped = g2.substr(32, 32) + g2.substr(0, 32) + g2.substr(96, 32) + g2.substr(64, 32);
    expect_failure(g1 + swapped);
    // A valid first pair does not rescue an invalid second one.
    expect_failure(g1 + g2 + g1 + encode_g2(twist_point_outside_g2()));
}

TEST(Bn254Precompile, PublishedPairingVectors) {
    struct Vector {
        const std::string* input;
        uint8_t expected;
    };
    for (const Vector& v :
         {Vector{&jeff1_hex, 1}, Vector{&jeff6_hex, 0}, Vector{&two_point_match_4_hex, 1}}) {
        const bytes in = from_hex(*v.input);
        ASSERT_EQ(in.size(), 384u);
        const Result res = call(Revision::istanbul, 8, in, 113000);
        ASSERT_EQ(res.status, StatusCode::success);
        EXPECT_EQ(res.gas_left, 0);  // 45000 + 2 * 34000
        EXPECT_EQ(res.output, bytes(31, 0) + bytes(1, v.expected));
    }
}

TEST(Bn254Precompile, PairingThreeRandomPairs) {
    // e(a1 P, b1 Q) e(a2 P, b2 Q) e(-(a1 b1 + a2 b2) P, Q) = 1, and changing any one scalar
    // breaks the product.
    const G1 p = g1_generator();
    const G2 q = g2_generator();
    Mpz r(r_hex);
    for (int round = 0; round < 2; ++round) {
        const Scalar a1 = random_scalar(), b1 = random_scalar();
        const Scalar a2 = random_scalar(), b2 = random_scalar();
        Mpz ma1, mb1, ma2, mb2, sum;
        scalar_to_mpz(a1, ma1);
        scalar_to_mpz(b1, mb1);
        scalar_to_mpz(a2, ma2);
        scalar_to_mpz(b2, mb2);
        mpz_mul(sum.v, ma1.v, mb1.v);
        mpz_addmul(sum.v, ma2.v, mb2.v);
        mpz_neg(sum.v, sum.v);
        mpz_mod(sum.v, sum.v, r.v);
        const bytes prefix = encode_g1(mul_affine(p, a1)) + encode_g2(mul_affine(q, b1)) +
                             encode_g1(mul_affine(p, a2)) + encode_g2(mul_affine(q, b2));
        Result res = call(Revision::cancun, 8,
                          prefix + encode_g1(mul_affine(p, scalar_from_mpz(sum))) + encode_g2(q));
        ASSERT_EQ(res.status, StatusCode::success);
        EXPECT_EQ(res.output[31], 1);
        mpz_add_ui(sum.v, sum.v, 1);
        res = call(Revision::cancun, 8,
                   prefix + encode_g1(mul_affine(p, scalar_from_mpz(sum))) + encode_g2(q));
        ASSERT_EQ(res.status, StatusCode::success);
        EXPECT_EQ(res.output[31], 0);
    }
    // A non-canonical G1 coordinate in a pairing input fails too.
    bytes nc = from_hex(p_hex);
    nc[31] += 1;  // p + 1 = 1 mod p
    const Result res =
        call(Revision::cancun, 8, nc + from_hex(g1_hex).substr(32) + from_hex(g2_hex));
    EXPECT_EQ(res.status, StatusCode::precompile_failure);
}
