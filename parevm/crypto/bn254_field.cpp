// SPDX-License-Identifier: Apache-2.0
// parevm: BN254 field tower: inversions, exponentiation, Frobenius maps and derived constants.
#include <parevm/crypto/bn254_field.hpp>

#include <gmp.h>

namespace parevm::bn254 {

std::optional<Fp> Fp::from_bytes(const uint8_t in[32]) noexcept {
    Fp raw;
    for (int i = 0; i < 4; ++i) {
        uint64_t limb = 0;
        for (int j = 0; j < 8; ++j) limb = limb << 8 | in[(3 - i) * 8 + j];
        raw.v[i] = limb;
    }
    if (!detail::less_than_modulus(raw.v)) return std::nullopt;
    return raw * Fp{{detail::r2.v[0], detail::r2.v[1], detail::r2.v[2], detail::r2.v[3]}};
}

void Fp::to_bytes(uint8_t out[32]) const noexcept {
    const Fp raw = *this * Fp{{1, 0, 0, 0}};  // leaves Montgomery form
    for (int i = 0; i < 4; ++i) {
        for (int j = 0; j < 8; ++j)
            out[(3 - i) * 8 + j] = static_cast<uint8_t>(raw.v[i] >> (56 - 8 * j));
    }
}

namespace {

template <typename F>
F pow_generic(const F& a, const uint64_t* e, int n) noexcept {
    F result = F::one();
    bool started = false;
    for (int i = n - 1; i >= 0; --i) {
        for (int bit = 63; bit >= 0; --bit) {
            if (started) result = sqr(result);
            if ((e[i] >> bit) & 1) {
                result = started ? result * a : a;
                started = true;
            }
        }
    }
    return result;
}

/// x / d for a little-endian limb array (exact divisions of p-related constants).
void div_small(uint64_t* x, int n, uint64_t d) noexcept {
    u128 rem = 0;
    for (int i = n - 1; i >= 0; --i) {
        const u128 cur = rem << 64 | x[i];
        x[i] = static_cast<uint64_t>(cur / d);
        rem = cur % d;
    }
}

}  // namespace

Fp pow(const Fp& a, const uint64_t* e, int n) noexcept {
    return pow_generic(a, e, n);
}

// GMP's extended gcd takes about a tenth of the time of Fermat's a^(p-2), which dominates
// ECADD. In Montgomery form the limbs hold A = a R; gcd inverts A, giving a^-1 R^-1, and a
// Montgomery multiplication by R^3 turns that into a^-1 R.
Fp inverse(const Fp& a) noexcept {
    static_assert(sizeof(mp_limb_t) == sizeof(uint64_t) && GMP_NUMB_BITS == 64);
    if (a.is_zero()) return Fp::zero();
    static constexpr detail::Limbs r3 = detail::pow2_mod_p(768);
    mpz_t x;
    mpz_t m;
    mpz_t inv;
    mpz_roinit_n(x, reinterpret_cast<const mp_limb_t*>(a.v), 4);
    mpz_roinit_n(m, reinterpret_cast<const mp_limb_t*>(field_modulus), 4);
    mpz_init2(inv, 256);
    mpz_invert(inv, x, m);  // p is prime and a != 0: always invertible
    Fp raw;
    size_t count = 0;
    mpz_export(raw.v, &count, -1, sizeof(uint64_t), 0, 0, inv);
    mpz_clear(inv);
    return raw * Fp{{r3.v[0], r3.v[1], r3.v[2], r3.v[3]}};
}

Fp2 pow(const Fp2& a, const uint64_t* e, int n) noexcept {
    return pow_generic(a, e, n);
}

// (a + bi)^-1 = (a - bi) / (a^2 + b^2).
Fp2 inverse(const Fp2& a) noexcept {
    const Fp t = inverse(sqr(a.c0) + sqr(a.c1));
    return {a.c0 * t, -(a.c1 * t)};
}

// The adjugate of multiplication by a in the basis (1, v, v^2), divided by the norm.
Fp6 inverse(const Fp6& a) noexcept {
    const Fp2 t0 = sqr(a.c0) - mul_by_xi(a.c1 * a.c2);
    const Fp2 t1 = mul_by_xi(sqr(a.c2)) - a.c0 * a.c1;
    const Fp2 t2 = sqr(a.c1) - a.c0 * a.c2;
    const Fp2 norm = a.c0 * t0 + mul_by_xi(a.c2 * t1 + a.c1 * t2);
    const Fp2 inv = inverse(norm);
    return {t0 * inv, t1 * inv, t2 * inv};
}

// (a + bw)^-1 = (a - bw) / (a^2 - b^2 v).
Fp12 inverse(const Fp12& a) noexcept {
    const Fp6 inv = inverse(sqr(a.c0) - mul_by_v(sqr(a.c1)));
    return {a.c0 * inv, -(a.c1 * inv)};
}

Fp12 frobenius(const Fp12& a, int k) noexcept {
    const Fp2* g = field_constants().gamma[k - 1];
    // (c w^j)^(p^k) = c^(p^k) w^j xi^(j (p^k - 1) / 6); c^(p^k) is conj(c) for odd k.
    auto f = [k](const Fp2& c) { return (k & 1) ? conj(c) : c; };
    return {{f(a.c0.c0), f(a.c0.c1) * g[2], f(a.c0.c2) * g[4]},
            {f(a.c1.c0) * g[1], f(a.c1.c1) * g[3], f(a.c1.c2) * g[5]}};
}

const FieldConstants& field_constants() noexcept {
    static const FieldConstants constants = [] {
        FieldConstants c;
        const Fp2 xi{Fp::from_u64(9), Fp::one()};
        uint64_t e[4] = {field_modulus[0] - 1, field_modulus[1], field_modulus[2],
                         field_modulus[3]};
        div_small(e, 4, 6);  // (p - 1) / 6: exact since p = 1 mod 6
        const Fp2 g1 = pow(xi, e, 4);
        // xi^((p^2 - 1) / 6) = g1^(p + 1) and xi^((p^3 - 1) / 6) = g1^(p^2 + p + 1), with
        // g1^p = conj(g1) and g1^(p^2) = g1.
        const Fp2 g2 = conj(g1) * g1;
        const Fp2 g3 = g2 * g1;
        const Fp2 base[3] = {g1, g2, g3};
        for (int k = 0; k < 3; ++k) {
            c.gamma[k][0] = Fp2::one();
            for (int j = 1; j < 6; ++j) c.gamma[k][j] = c.gamma[k][j - 1] * base[k];
        }
        c.twist_b = Fp2{Fp::from_u64(3), Fp::zero()} * inverse(xi);
        return c;
    }();
    return constants;
}

}  // namespace parevm::bn254
