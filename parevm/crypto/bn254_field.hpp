// SPDX-License-Identifier: Apache-2.0
// parevm: alt_bn128 (BN254) field tower Fp, Fp2, Fp6, Fp12 for the EIP-196/197 precompiles.
#pragma once

#include <cstdint>
#include <optional>
#include <type_traits>

#if defined(__x86_64__)
#include <cpuid.h>
#include <x86intrin.h>
#endif

namespace parevm::bn254 {

__extension__ using u128 = unsigned __int128;

/// The base field prime p of alt_bn128 (EIP-196), least significant limb first. p < 2^254, so
/// a sum of two reduced values never overflows 256 bits.
inline constexpr uint64_t field_modulus[4] = {0x3c208c16d87cfd47, 0x97816a916871ca8d,
                                              0xb85045b68181585d, 0x30644e72e131a029};
/// The group order r of G1 and G2 (EIP-197), least significant limb first.
inline constexpr uint64_t group_order[4] = {0x43e1f593f0000001, 0x2833e84879b97091,
                                            0xb85045b68181585d, 0x30644e72e131a029};
/// The BN parameter u (p = 36u^4 + 36u^3 + 24u^2 + 6u + 1); positive for alt_bn128.
inline constexpr uint64_t bn_u = 4965661367192848881ull;

namespace detail {

/// -p^-1 mod 2^64 by Newton iteration (each step doubles the number of correct low bits).
constexpr uint64_t compute_n0() noexcept {
    uint64_t inv = 1;
    for (int i = 0; i < 6; ++i) inv *= 2 - field_modulus[0] * inv;
    return ~inv + 1;
}
inline constexpr uint64_t n0 = compute_n0();
static_assert(n0 * field_modulus[0] == ~uint64_t{0}, "n0 * p must be -1 mod 2^64");

/// a - b over 4 limbs; returns the borrow.
constexpr uint64_t sub4(uint64_t r[4], const uint64_t a[4], const uint64_t b[4]) noexcept {
    uint64_t borrow = 0;
    for (int i = 0; i < 4; ++i) {
        const u128 d = u128{a[i]} - b[i] - borrow;
        r[i] = static_cast<uint64_t>(d);
        borrow = static_cast<uint64_t>(d >> 64) & 1;
    }
    return borrow;
}

/// a + b over 4 limbs; returns the carry.
constexpr uint64_t add4(uint64_t r[4], const uint64_t a[4], const uint64_t b[4]) noexcept {
    uint64_t carry = 0;
    for (int i = 0; i < 4; ++i) {
        const u128 s = u128{a[i]} + b[i] + carry;
        r[i] = static_cast<uint64_t>(s);
        carry = static_cast<uint64_t>(s >> 64);
    }
    return carry;
}

/// True when a < p (a canonical field element).
constexpr bool less_than_modulus(const uint64_t a[4]) noexcept {
    for (int i = 3; i >= 0; --i) {
        if (a[i] != field_modulus[i]) return a[i] < field_modulus[i];
    }
    return false;
}

/// 2^k mod p for k >= 0, by doubling: used to derive the Montgomery constants at compile time.
struct Limbs {
    uint64_t v[4];
};
constexpr Limbs pow2_mod_p(int k) noexcept {
    Limbs x{{1, 0, 0, 0}};
    for (int i = 0; i < k; ++i) {
        uint64_t d[4];
        add4(x.v, x.v, x.v);  // x < p < 2^254: no carry out
        if (!less_than_modulus(x.v)) {
            sub4(d, x.v, field_modulus);
            for (int j = 0; j < 4; ++j) x.v[j] = d[j];
        }
    }
    return x;
}
inline constexpr Limbs r1 = pow2_mod_p(256);  // R mod p: Montgomery form of 1
inline constexpr Limbs r2 = pow2_mod_p(512);  // R^2 mod p: converts into Montgomery form

}  // namespace detail

/// An element of Fp in Montgomery form (value * 2^256 mod p), always fully reduced, so equal
/// elements have equal limbs.
struct Fp {
    uint64_t v[4]{};

    static constexpr Fp zero() noexcept { return {}; }
    static constexpr Fp one() noexcept {
        return Fp{{detail::r1.v[0], detail::r1.v[1], detail::r1.v[2], detail::r1.v[3]}};
    }
    /// The field element with the given small value.
    static constexpr Fp from_u64(uint64_t x) noexcept;
    /// Parses a 32-byte big-endian integer; nullopt when it is not below p (EIP-196 rejects
    /// non-canonical coordinates).
    static std::optional<Fp> from_bytes(const uint8_t in[32]) noexcept;
    /// Writes the canonical 32-byte big-endian encoding.
    void to_bytes(uint8_t out[32]) const noexcept;

    constexpr bool is_zero() const noexcept { return (v[0] | v[1] | v[2] | v[3]) == 0; }
    friend constexpr bool operator==(const Fp&, const Fp&) noexcept = default;
};

namespace detail {

#if defined(__x86_64__)
/// Whether the CPU has MULX (BMI2) and ADCX/ADOX (ADX): then Montgomery multiplication runs as
/// inline assembly with two independent carry chains. Read once at start-up.
inline const bool has_adx = [] {
    // CPUID leaf 7 directly: clang 14's __builtin_cpu_supports does not know "adx".
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
    return (ebx & bit_BMI2) != 0 && (ebx & bit_ADX) != 0;
}();

/// p's limbs followed by n0, addressed from one register by the assembly below.
inline constexpr uint64_t mont_constants[5] = {field_modulus[0], field_modulus[1], field_modulus[2],
                                               field_modulus[3], n0};

/// The same no-carry CIOS as the portable code, row by row: t += a * b[i] with the low halves
/// of the products on the OF chain and the high halves on the CF chain, then t += m * p with
/// m = t[0] * n0, after which t[0] is zero and the five accumulator registers rotate. Leaves
/// t < 2p in out; the caller subtracts p once if needed. Few operands and a memory clobber
/// keep the register demand low enough for unoptimised and sanitizer builds.
inline void mont_mul_adx(uint64_t out[4], const uint64_t a[4], const uint64_t b[4]) noexcept {
    uint64_t r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, lo, hi;
    __asm__(
        "movq 0(%[b]), %%rdx\n\t"
        "xorl %%eax, %%eax\n\t"
        "mulxq 0(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r0]\n\t"
        "adcxq %[hi], %[r1]\n\t"
        "mulxq 8(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r1]\n\t"
        "adcxq %[hi], %[r2]\n\t"
        "mulxq 16(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r2]\n\t"
        "adcxq %[hi], %[r3]\n\t"
        "mulxq 24(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r3]\n\t"
        "adcxq %[hi], %[r4]\n\t"
        "adoxq %%rax, %[r4]\n\t"
        "movq %[r0], %%rdx\n\t"
        "imulq 32(%[c]), %%rdx\n\t"
        "xorl %%eax, %%eax\n\t"
        "mulxq 0(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r0]\n\t"
        "adcxq %[hi], %[r1]\n\t"
        "mulxq 8(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r1]\n\t"
        "adcxq %[hi], %[r2]\n\t"
        "mulxq 16(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r2]\n\t"
        "adcxq %[hi], %[r3]\n\t"
        "mulxq 24(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r3]\n\t"
        "adcxq %[hi], %[r4]\n\t"
        "adoxq %%rax, %[r4]\n\t"
        "movq 8(%[b]), %%rdx\n\t"
        "xorl %%eax, %%eax\n\t"
        "mulxq 0(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r1]\n\t"
        "adcxq %[hi], %[r2]\n\t"
        "mulxq 8(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r2]\n\t"
        "adcxq %[hi], %[r3]\n\t"
        "mulxq 16(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r3]\n\t"
        "adcxq %[hi], %[r4]\n\t"
        "mulxq 24(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r4]\n\t"
        "adcxq %[hi], %[r0]\n\t"
        "adoxq %%rax, %[r0]\n\t"
        "movq %[r1], %%rdx\n\t"
        "imulq 32(%[c]), %%rdx\n\t"
        "xorl %%eax, %%eax\n\t"
        "mulxq 0(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r1]\n\t"
        "adcxq %[hi], %[r2]\n\t"
        "mulxq 8(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r2]\n\t"
        "adcxq %[hi], %[r3]\n\t"
        "mulxq 16(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r3]\n\t"
        "adcxq %[hi], %[r4]\n\t"
        "mulxq 24(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r4]\n\t"
        "adcxq %[hi], %[r0]\n\t"
        "adoxq %%rax, %[r0]\n\t"
        "movq 16(%[b]), %%rdx\n\t"
        "xorl %%eax, %%eax\n\t"
        "mulxq 0(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r2]\n\t"
        "adcxq %[hi], %[r3]\n\t"
        "mulxq 8(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r3]\n\t"
        "adcxq %[hi], %[r4]\n\t"
        "mulxq 16(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r4]\n\t"
        "adcxq %[hi], %[r0]\n\t"
        "mulxq 24(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r0]\n\t"
        "adcxq %[hi], %[r1]\n\t"
        "adoxq %%rax, %[r1]\n\t"
        "movq %[r2], %%rdx\n\t"
        "imulq 32(%[c]), %%rdx\n\t"
        "xorl %%eax, %%eax\n\t"
        "mulxq 0(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r2]\n\t"
        "adcxq %[hi], %[r3]\n\t"
        "mulxq 8(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r3]\n\t"
        "adcxq %[hi], %[r4]\n\t"
        "mulxq 16(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r4]\n\t"
        "adcxq %[hi], %[r0]\n\t"
        "mulxq 24(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r0]\n\t"
        "adcxq %[hi], %[r1]\n\t"
        "adoxq %%rax, %[r1]\n\t"
        "movq 24(%[b]), %%rdx\n\t"
        "xorl %%eax, %%eax\n\t"
        "mulxq 0(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r3]\n\t"
        "adcxq %[hi], %[r4]\n\t"
        "mulxq 8(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r4]\n\t"
        "adcxq %[hi], %[r0]\n\t"
        "mulxq 16(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r0]\n\t"
        "adcxq %[hi], %[r1]\n\t"
        "mulxq 24(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r1]\n\t"
        "adcxq %[hi], %[r2]\n\t"
        "adoxq %%rax, %[r2]\n\t"
        "movq %[r3], %%rdx\n\t"
        "imulq 32(%[c]), %%rdx\n\t"
        "xorl %%eax, %%eax\n\t"
        "mulxq 0(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r3]\n\t"
        "adcxq %[hi], %[r4]\n\t"
        "mulxq 8(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r4]\n\t"
        "adcxq %[hi], %[r0]\n\t"
        "mulxq 16(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r0]\n\t"
        "adcxq %[hi], %[r1]\n\t"
        "mulxq 24(%[c]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[r1]\n\t"
        "adcxq %[hi], %[r2]\n\t"
        "adoxq %%rax, %[r2]\n\t"
        : [r0] "+&r"(r0), [r1] "+&r"(r1), [r2] "+&r"(r2), [r3] "+&r"(r3), [r4] "+&r"(r4),
          [lo] "=&r"(lo), [hi] "=&r"(hi)
        : [a] "r"(a), [b] "r"(b), [c] "r"(mont_constants)
        : "rax", "rdx", "cc", "memory");
    // After four rows the accumulator is (r4, r0, r1, r2) and r3 is zero.
    out[0] = r4;
    out[1] = r0;
    out[2] = r1;
    out[3] = r2;
}
#endif

}  // namespace detail

/// CIOS Montgomery multiplication (Koc, Acar, Kaliski 1996): a * b / 2^256 mod p. Because the
/// top limb of p is below 2^62, the running sum never needs a fifth limb (the "no-carry"
/// variant: the two carry chains of a round fold into the top limb without overflow), and
/// inputs below p leave a result below 2p, so one conditional subtraction finishes.
constexpr Fp operator*(const Fp& a, const Fp& b) noexcept {
    static_assert(field_modulus[3] < (~uint64_t{0} >> 1) - 1, "no-carry CIOS needs a spare bit");
    uint64_t t[4] = {0, 0, 0, 0};
#if defined(__x86_64__)
    if (!std::is_constant_evaluated() && detail::has_adx) {
        detail::mont_mul_adx(t, a.v, b.v);
        unsigned long long d[4];
        unsigned char br = _subborrow_u64(0, t[0], field_modulus[0], &d[0]);
        br = _subborrow_u64(br, t[1], field_modulus[1], &d[1]);
        br = _subborrow_u64(br, t[2], field_modulus[2], &d[2]);
        br = _subborrow_u64(br, t[3], field_modulus[3], &d[3]);
        Fp r;
        // The output is below p^2 / 2^256 + p < 1.2 p, so t >= p is rare: a branch predicts well
        // and beats a branch-free select here.
        for (int i = 0; i < 4; ++i) r.v[i] = br ? t[i] : d[i];  // t < p: keep t
        return r;
    }
#endif
    for (int i = 0; i < 4; ++i) {
        u128 s = u128{a.v[0]} * b.v[i] + t[0];
        t[0] = static_cast<uint64_t>(s);
        uint64_t carry_a = static_cast<uint64_t>(s >> 64);
        const uint64_t m = t[0] * detail::n0;
        s = u128{m} * field_modulus[0] + t[0];
        uint64_t carry_m = static_cast<uint64_t>(s >> 64);
        for (int j = 1; j < 4; ++j) {
            s = u128{a.v[j]} * b.v[i] + t[j] + carry_a;
            carry_a = static_cast<uint64_t>(s >> 64);
            s = u128{m} * field_modulus[j] + static_cast<uint64_t>(s) + carry_m;
            t[j - 1] = static_cast<uint64_t>(s);
            carry_m = static_cast<uint64_t>(s >> 64);
        }
        t[3] = carry_a + carry_m;
    }
    Fp r;
    uint64_t d[4];
    const uint64_t borrow = detail::sub4(d, t, field_modulus);
    const uint64_t mask = borrow - 1;  // all ones when t >= p: take t - p
    for (int i = 0; i < 4; ++i) r.v[i] = (d[i] & mask) | (t[i] & ~mask);
    return r;
}

constexpr Fp operator+(const Fp& a, const Fp& b) noexcept {
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) {
        // Explicit carry chains: the compiler's generic code for them is several times slower.
        unsigned long long s[4];
        unsigned long long d[4];
        unsigned char c = _addcarry_u64(0, a.v[0], b.v[0], &s[0]);
        c = _addcarry_u64(c, a.v[1], b.v[1], &s[1]);
        c = _addcarry_u64(c, a.v[2], b.v[2], &s[2]);
        _addcarry_u64(c, a.v[3], b.v[3], &s[3]);  // < 2p < 2^256: no carry out
        unsigned char br = _subborrow_u64(0, s[0], field_modulus[0], &d[0]);
        br = _subborrow_u64(br, s[1], field_modulus[1], &d[1]);
        br = _subborrow_u64(br, s[2], field_modulus[2], &d[2]);
        br = _subborrow_u64(br, s[3], field_modulus[3], &d[3]);
        Fp r;
        // Measured: the compiler's branch here beats a mask select in the tower arithmetic.
        for (int i = 0; i < 4; ++i) r.v[i] = br ? s[i] : d[i];  // s < p: keep s
        return r;
    }
#endif
    uint64_t s[4];
    uint64_t d[4];
    detail::add4(s, a.v, b.v);  // < 2p < 2^256
    const uint64_t borrow = detail::sub4(d, s, field_modulus);
    const uint64_t mask = borrow - 1;
    Fp r;
    for (int i = 0; i < 4; ++i) r.v[i] = (d[i] & mask) | (s[i] & ~mask);
    return r;
}

constexpr Fp operator-(const Fp& a, const Fp& b) noexcept {
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) {
        unsigned long long d[4];
        unsigned char br = _subborrow_u64(0, a.v[0], b.v[0], &d[0]);
        br = _subborrow_u64(br, a.v[1], b.v[1], &d[1]);
        br = _subborrow_u64(br, a.v[2], b.v[2], &d[2]);
        br = _subborrow_u64(br, a.v[3], b.v[3], &d[3]);
        const uint64_t mask = uint64_t{0} - br;  // a < b: add p back
        Fp r;
        unsigned long long out[4];
        unsigned char c = _addcarry_u64(0, d[0], field_modulus[0] & mask, &out[0]);
        c = _addcarry_u64(c, d[1], field_modulus[1] & mask, &out[1]);
        c = _addcarry_u64(c, d[2], field_modulus[2] & mask, &out[2]);
        _addcarry_u64(c, d[3], field_modulus[3] & mask, &out[3]);
        for (int i = 0; i < 4; ++i) r.v[i] = out[i];
        return r;
    }
#endif
    uint64_t d[4];
    uint64_t s[4];
    const uint64_t borrow = detail::sub4(d, a.v, b.v);
    detail::add4(s, d, field_modulus);
    const uint64_t mask = uint64_t{0} - borrow;  // all ones when a < b: add p back
    Fp r;
    for (int i = 0; i < 4; ++i) r.v[i] = (s[i] & mask) | (d[i] & ~mask);
    return r;
}

constexpr Fp operator-(const Fp& a) noexcept {
    return Fp::zero() - a;
}
constexpr Fp& operator+=(Fp& a, const Fp& b) noexcept {
    return a = a + b;
}
constexpr Fp& operator-=(Fp& a, const Fp& b) noexcept {
    return a = a - b;
}
constexpr Fp& operator*=(Fp& a, const Fp& b) noexcept {
    return a = a * b;
}
constexpr Fp sqr(const Fp& a) noexcept {
    return a * a;
}
constexpr Fp dbl(const Fp& a) noexcept {
    return a + a;
}

constexpr Fp Fp::from_u64(uint64_t x) noexcept {
    const Fp raw{{x, 0, 0, 0}};
    return raw * Fp{{detail::r2.v[0], detail::r2.v[1], detail::r2.v[2], detail::r2.v[3]}};
}

/// a^e for an exponent of `n` little-endian limbs.
Fp pow(const Fp& a, const uint64_t* e, int n) noexcept;
/// a^-1 (Fermat: a^(p-2)); zero maps to zero.
Fp inverse(const Fp& a) noexcept;

/// Fp2 = Fp[i] / (i^2 + 1) (EIP-197): c0 + c1 * i.
struct Fp2 {
    Fp c0;
    Fp c1;

    static constexpr Fp2 zero() noexcept { return {}; }
    static constexpr Fp2 one() noexcept { return {Fp::one(), Fp::zero()}; }
    constexpr bool is_zero() const noexcept { return c0.is_zero() && c1.is_zero(); }
    friend constexpr bool operator==(const Fp2&, const Fp2&) noexcept = default;
};

constexpr Fp2 operator+(const Fp2& a, const Fp2& b) noexcept {
    return {a.c0 + b.c0, a.c1 + b.c1};
}
constexpr Fp2 operator-(const Fp2& a, const Fp2& b) noexcept {
    return {a.c0 - b.c0, a.c1 - b.c1};
}
constexpr Fp2 operator-(const Fp2& a) noexcept {
    return {-a.c0, -a.c1};
}
/// Karatsuba: three Fp multiplications.
constexpr Fp2 operator*(const Fp2& a, const Fp2& b) noexcept {
    const Fp t0 = a.c0 * b.c0;
    const Fp t1 = a.c1 * b.c1;
    return {t0 - t1, (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}
constexpr Fp2 operator*(const Fp2& a, const Fp& b) noexcept {
    return {a.c0 * b, a.c1 * b};
}
constexpr Fp2& operator+=(Fp2& a, const Fp2& b) noexcept {
    return a = a + b;
}
constexpr Fp2& operator-=(Fp2& a, const Fp2& b) noexcept {
    return a = a - b;
}
constexpr Fp2& operator*=(Fp2& a, const Fp2& b) noexcept {
    return a = a * b;
}
/// (a + bi)^2 = (a + b)(a - b) + 2ab i.
constexpr Fp2 sqr(const Fp2& a) noexcept {
    const Fp ab = a.c0 * a.c1;
    return {(a.c0 + a.c1) * (a.c0 - a.c1), ab + ab};
}
constexpr Fp2 dbl(const Fp2& a) noexcept {
    return {dbl(a.c0), dbl(a.c1)};
}
/// The p-power Frobenius of Fp2: a - bi.
constexpr Fp2 conj(const Fp2& a) noexcept {
    return {a.c0, -a.c1};
}
/// Multiplication by the non-residue xi = 9 + i that defines Fp6 (EIP-197 twist).
constexpr Fp2 mul_by_xi(const Fp2& a) noexcept {
    const Fp a2 = dbl(a.c0);
    const Fp a8 = dbl(dbl(a2));
    const Fp b2 = dbl(a.c1);
    const Fp b8 = dbl(dbl(b2));
    return {a8 + a.c0 - a.c1, a.c0 + b8 + a.c1};
}
Fp2 inverse(const Fp2& a) noexcept;
/// a^e for an exponent of `n` little-endian limbs.
Fp2 pow(const Fp2& a, const uint64_t* e, int n) noexcept;

/// Fp6 = Fp2[v] / (v^3 - xi): c0 + c1 v + c2 v^2.
struct Fp6 {
    Fp2 c0;
    Fp2 c1;
    Fp2 c2;

    static constexpr Fp6 zero() noexcept { return {}; }
    static constexpr Fp6 one() noexcept { return {Fp2::one(), Fp2::zero(), Fp2::zero()}; }
    constexpr bool is_zero() const noexcept { return c0.is_zero() && c1.is_zero() && c2.is_zero(); }
    friend constexpr bool operator==(const Fp6&, const Fp6&) noexcept = default;
};

constexpr Fp6 operator+(const Fp6& a, const Fp6& b) noexcept {
    return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2};
}
constexpr Fp6 operator-(const Fp6& a, const Fp6& b) noexcept {
    return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2};
}
constexpr Fp6 operator-(const Fp6& a) noexcept {
    return {-a.c0, -a.c1, -a.c2};
}
/// Karatsuba over the cubic extension: six Fp2 multiplications.
constexpr Fp6 operator*(const Fp6& a, const Fp6& b) noexcept {
    const Fp2 t0 = a.c0 * b.c0;
    const Fp2 t1 = a.c1 * b.c1;
    const Fp2 t2 = a.c2 * b.c2;
    return {t0 + mul_by_xi((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2),
            (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + mul_by_xi(t2),
            (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1};
}
constexpr Fp6 operator*(const Fp6& a, const Fp2& b) noexcept {
    return {a.c0 * b, a.c1 * b, a.c2 * b};
}
/// Chung-Hasan SQR2: two multiplications and three squarings in Fp2.
constexpr Fp6 sqr(const Fp6& a) noexcept {
    const Fp2 s0 = sqr(a.c0);
    const Fp2 ab = a.c0 * a.c1;
    const Fp2 s1 = dbl(ab);
    const Fp2 s2 = sqr(a.c0 - a.c1 + a.c2);
    const Fp2 bc = a.c1 * a.c2;
    const Fp2 s3 = dbl(bc);
    const Fp2 s4 = sqr(a.c2);
    return {s0 + mul_by_xi(s3), s1 + mul_by_xi(s4), s1 + s2 + s3 - s0 - s4};
}
/// a * v: the coefficients rotate and the one that wraps past v^3 picks up xi.
constexpr Fp6 mul_by_v(const Fp6& a) noexcept {
    return {mul_by_xi(a.c2), a.c0, a.c1};
}
/// a * (b0 + b1 v): five Fp2 multiplications (the sparse factors of a Miller line).
constexpr Fp6 mul_by_01(const Fp6& a, const Fp2& b0, const Fp2& b1) noexcept {
    const Fp2 t0 = a.c0 * b0;
    const Fp2 t1 = a.c1 * b1;
    return {t0 + mul_by_xi(a.c2 * b1), (a.c0 + a.c1) * (b0 + b1) - t0 - t1, t1 + a.c2 * b0};
}
Fp6 inverse(const Fp6& a) noexcept;

/// Fp12 = Fp6[w] / (w^2 - v): c0 + c1 w. As a vector space over Fp2 the basis is
/// w^0 (c0.c0), w^2 (c0.c1), w^4 (c0.c2), w^1 (c1.c0), w^3 (c1.c1), w^5 (c1.c2); w^6 = xi.
struct Fp12 {
    Fp6 c0;
    Fp6 c1;

    static constexpr Fp12 one() noexcept { return {Fp6::one(), Fp6::zero()}; }
    constexpr bool is_one() const noexcept { return c0 == Fp6::one() && c1.is_zero(); }
    friend constexpr bool operator==(const Fp12&, const Fp12&) noexcept = default;
};

constexpr Fp12 operator*(const Fp12& a, const Fp12& b) noexcept {
    const Fp6 t0 = a.c0 * b.c0;
    const Fp6 t1 = a.c1 * b.c1;
    return {t0 + mul_by_v(t1), (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}
constexpr Fp12& operator*=(Fp12& a, const Fp12& b) noexcept {
    return a = a * b;
}
/// (a + bw)^2 = a^2 + b^2 v + 2ab w with two Fp6 multiplications.
constexpr Fp12 sqr(const Fp12& a) noexcept {
    const Fp6 ab = a.c0 * a.c1;
    const Fp6 c0 = (a.c0 + a.c1) * (a.c0 + mul_by_v(a.c1)) - ab - mul_by_v(ab);
    return {c0, ab + ab};
}
/// The p^6-power Frobenius (w^(p^6) = -w): the inverse of elements of the cyclotomic subgroup.
constexpr Fp12 conj(const Fp12& a) noexcept {
    return {a.c0, -a.c1};
}
/// a * (l0 + l1 w + l3 w^3), the shape of every Miller line: 13 Fp2 multiplications.
constexpr Fp12 mul_by_line(const Fp12& a, const Fp2& l0, const Fp2& l1, const Fp2& l3) noexcept {
    const Fp6 t0 = a.c0 * l0;
    const Fp6 t1 = mul_by_01(a.c1, l1, l3);
    const Fp6 c1 = mul_by_01(a.c0 + a.c1, l0 + l1, l3) - t0 - t1;
    return {t0 + mul_by_v(t1), c1};
}
Fp12 inverse(const Fp12& a) noexcept;
/// a^(p^k) for k in 1..3 (Frobenius, coefficient-wise with the constants xi^(j(p^k-1)/6)).
Fp12 frobenius(const Fp12& a, int k) noexcept;

/// Constants derived once from xi: gamma[k-1][j] = xi^(j (p^k - 1) / 6), j = 0..5, and the
/// twist's curve constant b' = 3 / xi.
struct FieldConstants {
    Fp2 gamma[3][6];
    Fp2 twist_b;
};
const FieldConstants& field_constants() noexcept;

}  // namespace parevm::bn254
