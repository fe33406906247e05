// SPDX-License-Identifier: Apache-2.0
// parevm: alt_bn128 (BN254) groups G1, G2 and the optimal ate pairing (EIP-196, EIP-197).
#pragma once

#include <parevm/crypto/bn254_field.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace parevm::bn254 {

namespace detail {

/// Non-adjacent form of k, least significant digit first: digits in {-1, 0, 1}, no two adjacent
/// non-zero, so a double-and-add over it needs fewer additions than over the binary digits.
struct Naf {
    int8_t digits[72];
    int length;
};
constexpr Naf naf_of(u128 k) noexcept {
    Naf naf{};
    while (k != 0) {
        int8_t d = 0;
        if (k & 1) {
            d = (k & 3) == 1 ? 1 : -1;  // k - d is divisible by 4
            k = d == 1 ? k - 1 : k + 1;
        }
        naf.digits[naf.length++] = d;
        k >>= 1;
    }
    return naf;
}
/// u has 63 digits, 24 of them non-zero (28 set bits).
inline constexpr Naf u_naf = naf_of(bn_u);
static_assert(u_naf.length == 63 && u_naf.digits[62] == 1);

}  // namespace detail

/// The curve constant b of y^2 = x^3 + b: 3 for G1 over Fp (EIP-196), 3 / xi for the sextic
/// twist carrying G2 over Fp2 (EIP-197).
template <typename F>
F curve_b() noexcept;
template <>
inline Fp curve_b<Fp>() noexcept {
    return Fp::from_u64(3);
}
template <>
inline Fp2 curve_b<Fp2>() noexcept {
    return field_constants().twist_b;
}

/// A point in affine coordinates; the point at infinity is a flag (EIP-196 encodes it (0, 0)).
template <typename F>
struct Affine {
    F x;
    F y;
    bool infinity = true;

    friend bool operator==(const Affine& a, const Affine& b) noexcept {
        if (a.infinity || b.infinity) return a.infinity == b.infinity;
        return a.x == b.x && a.y == b.y;
    }
};

/// A point in Jacobian coordinates (x = X / Z^2, y = Y / Z^3); Z = 0 is the point at infinity.
/// Additions and doublings need no inversion.
template <typename F>
struct Jacobian {
    F x;
    F y;
    F z;  // zero-initialised: the point at infinity
};

using G1 = Affine<Fp>;
using G2 = Affine<Fp2>;

/// True when the affine point satisfies y^2 = x^3 + b (the point at infinity counts).
template <typename F>
bool on_curve(const Affine<F>& p) noexcept {
    if (p.infinity) return true;
    return sqr(p.y) == sqr(p.x) * p.x + curve_b<F>();
}

template <typename F>
Jacobian<F> to_jacobian(const Affine<F>& p) noexcept {
    if (p.infinity) return {};
    return {p.x, p.y, F::one()};
}

template <typename F>
Affine<F> to_affine(const Jacobian<F>& p) noexcept {
    if (p.z.is_zero()) return {};
    const F zi = inverse(p.z);
    const F zi2 = sqr(zi);
    return {p.x * zi2, p.y * zi2 * zi, false};
}

/// Doubling for a = 0 (EFD dbl-2009-l); infinity doubles to infinity through Z3 = 2 Y Z.
template <typename F>
Jacobian<F> dbl(const Jacobian<F>& p) noexcept {
    const F a = sqr(p.x);
    const F b = sqr(p.y);
    const F c = sqr(b);
    const F d = dbl(sqr(p.x + b) - a - c);
    const F e = dbl(a) + a;
    const F f = sqr(e);
    Jacobian<F> r;
    r.x = f - dbl(d);
    r.y = e * (d - r.x) - dbl(dbl(dbl(c)));
    r.z = dbl(p.y * p.z);
    return r;
}

/// General addition (EFD add-2007-bl) with the exceptional cases: either operand at infinity,
/// P == Q (doubles) and P == -Q (infinity).
template <typename F>
Jacobian<F> add(const Jacobian<F>& p, const Jacobian<F>& q) noexcept {
    if (p.z.is_zero()) return q;
    if (q.z.is_zero()) return p;
    const F z1z1 = sqr(p.z);
    const F z2z2 = sqr(q.z);
    const F u1 = p.x * z2z2;
    const F u2 = q.x * z1z1;
    const F s1 = p.y * q.z * z2z2;
    const F s2 = q.y * p.z * z1z1;
    const F h = u2 - u1;
    const F rr = dbl(s2 - s1);
    if (h.is_zero()) {
        if (rr.is_zero()) return dbl(p);
        return {};
    }
    const F i = sqr(dbl(h));
    const F j = h * i;
    const F v = u1 * i;
    Jacobian<F> r;
    r.x = sqr(rr) - j - dbl(v);
    r.y = rr * (v - r.x) - dbl(s1 * j);
    r.z = (sqr(p.z + q.z) - z1z1 - z2z2) * h;
    return r;
}

template <typename F>
Jacobian<F> neg(const Jacobian<F>& p) noexcept {
    return {p.x, F::zero() - p.y, p.z};
}

/// k * P for a 256-bit scalar k (little-endian limbs, any value: EIP-196 does not reduce it),
/// with a fixed 4-bit window.
template <typename F>
Jacobian<F> mul(const Jacobian<F>& p, const uint64_t k[4]) noexcept {
    Jacobian<F> table[16];
    table[1] = p;
    for (int i = 2; i < 16; ++i) table[i] = (i % 2 == 0) ? dbl(table[i / 2]) : add(table[i - 1], p);
    Jacobian<F> r;
    bool started = false;
    for (int limb = 3; limb >= 0; --limb) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            if (started) r = dbl(dbl(dbl(dbl(r))));
            const unsigned nibble = (k[limb] >> shift) & 0xf;
            if (nibble != 0) {
                r = started ? add(r, table[nibble]) : table[nibble];
                started = true;
            }
        }
    }
    return r;
}

/// Projective equality: X1 Z2^2 == X2 Z1^2 and Y1 Z2^3 == Y2 Z1^3 (no inversion).
template <typename F>
bool equal(const Jacobian<F>& p, const Jacobian<F>& q) noexcept {
    const bool p_inf = p.z.is_zero();
    const bool q_inf = q.z.is_zero();
    if (p_inf || q_inf) return p_inf == q_inf;
    const F z1z1 = sqr(p.z);
    const F z2z2 = sqr(q.z);
    return p.x * z2z2 == q.x * z1z1 && p.y * z2z2 * q.z == q.y * z1z1 * p.z;
}

/// psi(Q) = (conj(x) xi^((p-1)/3), conj(y) xi^((p-1)/2)): the p-power Frobenius of E(Fp12)
/// carried to the twist. An endomorphism of E'(Fp2); on G2 it is multiplication by p.
G2 psi(const G2& q) noexcept;

/// The G1 generator (1, 2) (EIP-196).
G1 g1_generator() noexcept;
/// The G2 generator given in EIP-197.
G2 g2_generator() noexcept;

/// k * P on G1 for any 256-bit k, with the GLV endomorphism: two 128-bit halves share one
/// chain of doublings. Same result as mul(to_jacobian(p), k).
Jacobian<Fp> g1_mul(const G1& p, const uint64_t k[4]) noexcept;

/// True when Q lies in the order-r subgroup G2 (EIP-197 requires this; the twist has a large
/// cofactor, unlike G1 whose cofactor is 1).
bool in_g2_subgroup(const G2& q) noexcept;

/// The Miller loop of the optimal ate pairing over 6u+2 for a product of pairs, without the
/// final exponentiation; pairs with a point at infinity contribute 1.
Fp12 miller_loop(std::span<const G1> ps, std::span<const G2> qs) noexcept;
/// f^2 for f in the cyclotomic subgroup of Fp12 (any output of the easy part of the final
/// exponentiation); about half the cost of a general squaring. Wrong for other elements.
Fp12 cyclotomic_sqr(const Fp12& f) noexcept;
/// Raises to (p^12 - 1) / r, mapping a Miller loop value to the r-th roots of unity.
Fp12 final_exponentiation(const Fp12& f) noexcept;
/// The reduced optimal ate pairing e(P, Q); P in G1 and Q in G2 (not checked here).
Fp12 pairing(const G1& p, const G2& q) noexcept;

/// Precompile 0x06 ECADD on its 128-byte input (EIP-196); false for a coordinate >= p or a
/// point not on the curve.
bool ec_add(const uint8_t in[128], uint8_t out[64]) noexcept;
/// Precompile 0x07 ECMUL on its 96-byte input (EIP-196); false for an invalid point.
bool ec_mul(const uint8_t in[96], uint8_t out[64]) noexcept;
/// Precompile 0x08 ECPAIRING (EIP-197): whether prod e(P_i, Q_i) == 1 over the 192-byte pairs
/// of `in`. nullopt for a length that is not a multiple of 192, a coordinate >= p, a point not
/// on its curve or a G2 point outside the order-r subgroup. An empty input yields true.
std::optional<bool> pairing_check(const uint8_t* in, size_t size) noexcept;

}  // namespace parevm::bn254
