// SPDX-License-Identifier: Apache-2.0
// parevm: BN254 point encoding and validation, and the EIP-196/197 operations on bytes.
#include <parevm/crypto/bn254.hpp>

#include <parevm/core/assert.hpp>

#include <gmp.h>

#include <vector>

namespace parevm::bn254 {
namespace {

Fp fp_from_hex_limbs(uint64_t w3, uint64_t w2, uint64_t w1, uint64_t w0) noexcept {
    const Fp raw{{w0, w1, w2, w3}};
    return raw * Fp{{detail::r2.v[0], detail::r2.v[1], detail::r2.v[2], detail::r2.v[3]}};
}

/// Decodes (x, y) from 64 bytes; (0, 0) is the point at infinity (EIP-196). nullopt for a
/// coordinate >= p or a point off the curve.
std::optional<G1> decode_g1(const uint8_t* in) noexcept {
    const auto x = Fp::from_bytes(in);
    const auto y = Fp::from_bytes(in + 32);
    if (!x || !y) return std::nullopt;
    if (x->is_zero() && y->is_zero()) return G1{};
    const G1 p{*x, *y, false};
    if (!on_curve(p)) return std::nullopt;
    return p;
}

/// Decodes a G2 point from 128 bytes: x_imaginary, x_real, y_imaginary, y_real (EIP-197 writes
/// a * i + b as (a, b)). nullopt for a non-canonical coordinate, a point off the twist or a
/// point outside the order-r subgroup.
std::optional<G2> decode_g2(const uint8_t* in) noexcept {
    const auto x1 = Fp::from_bytes(in);
    const auto x0 = Fp::from_bytes(in + 32);
    const auto y1 = Fp::from_bytes(in + 64);
    const auto y0 = Fp::from_bytes(in + 96);
    if (!x0 || !x1 || !y0 || !y1) return std::nullopt;
    const Fp2 x{*x0, *x1};
    const Fp2 y{*y0, *y1};
    if (x.is_zero() && y.is_zero()) return G2{};
    const G2 q{x, y, false};
    if (!on_curve(q) || !in_g2_subgroup(q)) return std::nullopt;
    return q;
}

void encode_g1(const G1& p, uint8_t out[64]) noexcept {
    if (p.infinity) {
        for (int i = 0; i < 64; ++i) out[i] = 0;
        return;
    }
    p.x.to_bytes(out);
    p.y.to_bytes(out + 32);
}

}  // namespace

G1 g1_generator() noexcept {
    return {Fp::from_u64(1), Fp::from_u64(2), false};
}

G2 g2_generator() noexcept {
    const Fp x0 = fp_from_hex_limbs(0x1800deef121f1e76, 0x426a00665e5c4479, 0x674322d4f75edadd,
                                    0x46debd5cd992f6ed);
    const Fp x1 = fp_from_hex_limbs(0x198e9393920d483a, 0x7260bfb731fb5d25, 0xf1aa493335a9e712,
                                    0x97e485b7aef312c2);
    const Fp y0 = fp_from_hex_limbs(0x12c85ea5db8c6deb, 0x4aab71808dcb408f, 0xe3d1e7690c43d37b,
                                    0x4ce6cc0166fa7daa);
    const Fp y1 = fp_from_hex_limbs(0x090689d0585ff075, 0xec9e99ad690c3395, 0xbc4b313370b38ef3,
                                    0x55acdadcd122975b);
    return {{x0, x1}, {y0, y1}, false};
}

namespace {

Jacobian<Fp2> mul_by_u(const Jacobian<Fp2>& q) noexcept {
    const Jacobian<Fp2> neg_q = neg(q);
    Jacobian<Fp2> acc = q;  // the top digit is 1
    for (int i = detail::u_naf.length - 2; i >= 0; --i) {
        acc = dbl(acc);
        if (detail::u_naf.digits[i] > 0) acc = add(acc, q);
        if (detail::u_naf.digits[i] < 0) acc = add(acc, neg_q);
    }
    return acc;
}

/// psi on Jacobian coordinates: conjugation commutes with the division by Z^2 and Z^3.
Jacobian<Fp2> psi(const Jacobian<Fp2>& q) noexcept {
    const auto& g = field_constants().gamma[0];
    return {conj(q.x) * g[2], conj(q.y) * g[3], conj(q.z)};
}

}  // namespace

// Subgroup test of Dai, Lin, Zhao and Zhou ("Fast subgroup membership testings for G1, G2 and
// GT on pairing-friendly curves", 2022): Q is in G2 iff f(psi) Q = 0 with
// f(X) = (u + 1) + u X + u X^2 - 2u X^3, i.e. [u+1]Q + psi([u]Q) + psi^2([u]Q) = psi^3([2u]Q).
// Why it is exact: psi, the p-power Frobenius moved to the twist, satisfies g(psi) = 0 with
// g(X) = X^2 - t X + p, and acts on G2 as multiplication by p. #E'(Fp2) = r c with gcd(r, c) = 1,
// so Q = Q_r + Q_c, Q_r in G2. f(p) = 0 mod r, so every G2 point passes. Conversely, with
// integer polynomials a, b such that a f + b g = Res(f, g), f(psi) Q_c = 0 implies
// Res(f, g) Q_c = 0, and Res(f, g) is coprime to c, so Q_c = 0. (Both facts are checked in the
// unit tests.) Cost: one 63-bit multiplication instead of a 254-bit one by r.
bool in_g2_subgroup(const G2& q) noexcept {
    if (q.infinity) return true;
    const Jacobian<Fp2> qj = to_jacobian(q);
    const Jacobian<Fp2> uq = mul_by_u(qj);
    const Jacobian<Fp2> psi_uq = psi(uq);
    const Jacobian<Fp2> lhs = add(add(add(qj, uq), psi_uq), psi(psi_uq));
    const Jacobian<Fp2> rhs = psi(psi(psi(dbl(uq))));
    return equal(lhs, rhs);
}

// GLV (Gallant, Lambert, Vanstone 2001): phi(x, y) = (beta x, y) with beta a cube root of unity
// in Fp is [lambda] on G1, lambda a cube root of unity mod r. k = k1 + k2 lambda (mod r) with
// |k1|, |k2| < 2^128 from Babai rounding against the short basis (a1, b1), (a2, b2) of the
// lattice {(a, b) : a + b lambda = 0 mod r}, found with the extended Euclidean algorithm. The
// unit tests compare the result with plain double-and-add over the whole scalar range.
Jacobian<Fp> g1_mul(const G1& p, const uint64_t k[4]) noexcept {
    if (p.infinity) return {};
    static_assert(sizeof(mp_limb_t) == sizeof(uint64_t) && GMP_NUMB_BITS == 64);
    static constexpr uint64_t beta_raw[4] = {0x5763473177fffffe, 0xd4f263f1acdb5c4f,
                                             0x59e26bcea0d48bac, 0};
    static constexpr uint64_t a1[1] = {0x89d3256894d213e3};                            // a1 = b2
    static constexpr uint64_t minus_b1[2] = {0x8211bbeb7d4f1128, 0x6f4d8248eeb859fc};  // -b1
    static constexpr uint64_t a2[2] = {0x0be4e1541221250b, 0x6f4d8248eeb859fd};

    mpz_t kk, c1, c2, k1, k2, t;
    for (mpz_ptr z : {kk, c1, c2, k1, k2, t}) mpz_init2(z, 512);
    mpz_t r;
    mpz_t va1, vmb1, va2;
    mpz_roinit_n(r, reinterpret_cast<const mp_limb_t*>(group_order), 4);
    mpz_roinit_n(va1, reinterpret_cast<const mp_limb_t*>(a1), 1);
    mpz_roinit_n(vmb1, reinterpret_cast<const mp_limb_t*>(minus_b1), 2);
    mpz_roinit_n(va2, reinterpret_cast<const mp_limb_t*>(a2), 2);
    mpz_import(kk, 4, -1, sizeof(uint64_t), 0, 0, k);
    mpz_mod(kk, kk, r);  // G1 has prime order r: the scalar acts modulo r
    // c1 = round(b2 k / r), c2 = round(-b1 k / r), both non-negative.
    auto round_div = [&](mpz_ptr out, mpz_srcptr num_factor) {
        mpz_mul(t, kk, num_factor);
        mpz_mul_2exp(t, t, 1);
        mpz_add(t, t, r);
        mpz_mul_2exp(out, r, 1);
        mpz_fdiv_q(out, t, out);
    };
    round_div(c1, va1);
    round_div(c2, vmb1);
    // k1 = k - c1 a1 - c2 a2, k2 = -c1 b1 - c2 b2 = c1 (-b1) - c2 a1.
    mpz_mul(t, c1, va1);
    mpz_sub(k1, kk, t);
    mpz_mul(t, c2, va2);
    mpz_sub(k1, k1, t);
    mpz_mul(k2, c1, vmb1);
    mpz_mul(t, c2, va1);
    mpz_sub(k2, k2, t);
    const bool neg1 = mpz_sgn(k1) < 0;
    const bool neg2 = mpz_sgn(k2) < 0;
    uint64_t e1[2] = {0, 0};
    uint64_t e2[2] = {0, 0};
    size_t count = 0;
    PAREVM_ASSERT(mpz_sizeinbase(k1, 2) <= 128 && mpz_sizeinbase(k2, 2) <= 128);
    mpz_export(e1, &count, -1, sizeof(uint64_t), 0, 0, k1);  // magnitude
    mpz_export(e2, &count, -1, sizeof(uint64_t), 0, 0, k2);
    for (mpz_ptr z : {kk, c1, c2, k1, k2, t}) mpz_clear(z);

    // Tables of i * (+-P) and i * (+-phi(P)), i < 16; phi of a Jacobian point scales X by beta.
    const Fp beta = Fp{{beta_raw[0], beta_raw[1], beta_raw[2], beta_raw[3]}} *
                    Fp{{detail::r2.v[0], detail::r2.v[1], detail::r2.v[2], detail::r2.v[3]}};
    Jacobian<Fp> t1[16];
    Jacobian<Fp> t2[16];
    const Jacobian<Fp> base = to_jacobian(p);
    t1[1] = neg1 ? neg(base) : base;
    for (int i = 2; i < 16; ++i) t1[i] = (i % 2 == 0) ? dbl(t1[i / 2]) : add(t1[i - 1], t1[1]);
    for (int i = 1; i < 16; ++i) {
        t2[i] = {t1[i].x * beta, t1[i].y, t1[i].z};
        if (neg1 != neg2) t2[i] = neg(t2[i]);
    }
    Jacobian<Fp> acc;
    for (int limb = 1; limb >= 0; --limb) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            acc = dbl(dbl(dbl(dbl(acc))));  // doubling infinity is free of side effects
            const unsigned n1 = (e1[limb] >> shift) & 0xf;
            const unsigned n2 = (e2[limb] >> shift) & 0xf;
            if (n1 != 0) acc = add(acc, t1[n1]);
            if (n2 != 0) acc = add(acc, t2[n2]);
        }
    }
    return acc;
}

bool ec_add(const uint8_t in[128], uint8_t out[64]) noexcept {
    const auto a = decode_g1(in);
    const auto b = decode_g1(in + 64);
    if (!a || !b) return false;
    encode_g1(to_affine(add(to_jacobian(*a), to_jacobian(*b))), out);
    return true;
}

bool ec_mul(const uint8_t in[96], uint8_t out[64]) noexcept {
    const auto a = decode_g1(in);
    if (!a) return false;
    uint64_t k[4];
    for (int i = 0; i < 4; ++i) {
        uint64_t limb = 0;
        for (int j = 0; j < 8; ++j) limb = limb << 8 | in[64 + (3 - i) * 8 + j];
        k[i] = limb;
    }
    encode_g1(to_affine(g1_mul(*a, k)), out);
    return true;
}

std::optional<bool> pairing_check(const uint8_t* in, size_t size) noexcept {
    constexpr size_t pair_size = 192;
    if (size % pair_size != 0) return std::nullopt;
    const size_t k = size / pair_size;
    std::vector<G1> ps;
    std::vector<G2> qs;
    ps.reserve(k);
    qs.reserve(k);
    for (size_t i = 0; i < k; ++i) {
        const uint8_t* pair = in + i * pair_size;
        const auto p = decode_g1(pair);
        if (!p) return std::nullopt;
        const auto q = decode_g2(pair + 64);
        if (!q) return std::nullopt;
        ps.push_back(*p);
        qs.push_back(*q);
    }
    return final_exponentiation(miller_loop(ps, qs)).is_one();
}

}  // namespace parevm::bn254
