// SPDX-License-Identifier: Apache-2.0
// parevm: 256-bit unsigned integer, the EVM word.
#pragma once

#include <parevm/core/bytes.hpp>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace parevm {

/// The EVM word: 256-bit unsigned integer, four 64-bit limbs, least significant first.
/// Trivially copyable; all arithmetic wraps modulo 2^256 as the EVM requires.
struct uint256 {
    uint64_t w[4]{};  // w[0] is the least significant limb

    constexpr uint256() noexcept = default;
    constexpr uint256(uint64_t v) noexcept : w{v, 0, 0, 0} {}  // NOLINT: implicit by design
    constexpr uint256(uint64_t w0, uint64_t w1, uint64_t w2, uint64_t w3) noexcept
        : w{w0, w1, w2, w3} {}

    constexpr explicit operator bool() const noexcept { return (w[0] | w[1] | w[2] | w[3]) != 0; }
    /// The low 64 bits (truncating).
    constexpr uint64_t low64() const noexcept { return w[0]; }
    /// True when the value fits in 64 bits.
    constexpr bool fits_u64() const noexcept { return (w[1] | w[2] | w[3]) == 0; }

    friend constexpr bool operator==(const uint256&, const uint256&) noexcept = default;
};

/// Quotient and remainder of an unsigned division.
struct DivResult {
    uint256 quot;
    uint256 rem;
};

namespace detail {

__extension__ using uint128 = unsigned __int128;

/// x + y + carry_in with the carry out in `carry` (0 or 1). On x86 an add/adc chain: GCC
/// spills __int128 temporaries and turns compare-based carries into setb/branch sequences
/// inside the large interpreter function, but keeps these intrinsics as flag chains.
constexpr uint64_t addc(uint64_t x, uint64_t y, uint64_t& carry) noexcept {
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) {
        unsigned long long r;
        carry = _addcarry_u64(static_cast<unsigned char>(carry), x, y, &r);
        return r;
    }
#endif
    const uint64_t t = x + y;
    const uint64_t r = t + carry;
    carry = static_cast<uint64_t>(t < x) | static_cast<uint64_t>(r < t);
    return r;
}

/// x - y - borrow_in with the borrow out in `borrow` (0 or 1).
constexpr uint64_t subb(uint64_t x, uint64_t y, uint64_t& borrow) noexcept {
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) {
        unsigned long long r;
        borrow = _subborrow_u64(static_cast<unsigned char>(borrow), x, y, &r);
        return r;
    }
#endif
    const uint64_t d = x - y;
    const uint64_t r = d - borrow;
    borrow = static_cast<uint64_t>(x < y) | static_cast<uint64_t>(d < borrow);
    return r;
}

/// The full 128-bit product x * y as (returned low, `hi`); a single mul on x86, where the
/// __int128 form gets its halves spilled to the stack in the interpreter.
constexpr uint64_t umul(uint64_t x, uint64_t y, uint64_t& hi) noexcept {
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) {
        uint64_t lo;
        __asm__("mulq %[y]" : "=a"(lo), "=d"(hi) : "a"(x), [y] "rm"(y) : "cc");
        return lo;
    }
#endif
    const unsigned __int128 p = static_cast<unsigned __int128>(x) * y;
    hi = static_cast<uint64_t>(p >> 64);
    return static_cast<uint64_t>(p);
}

/// Number of limbs up to and including the most significant non-zero one (0 for zero).
constexpr int significant_limbs(const uint64_t* x, int n) noexcept {
    while (n > 0 && x[n - 1] == 0) --n;
    return n;
}

/// 128-by-64 division; requires hi < d so that the quotient fits in 64 bits.
inline uint64_t udiv128(uint64_t hi, uint64_t lo, uint64_t d, uint64_t& rem) noexcept {
#if defined(__x86_64__)
    uint64_t q;
    uint64_t r;
    __asm__("divq %[d]" : "=a"(q), "=d"(r) : [d] "rm"(d), "a"(lo), "d"(hi));
    rem = r;
    return q;
#else
    const uint128 n = (uint128{hi} << 64) | lo;
    rem = static_cast<uint64_t>(n % d);
    return static_cast<uint64_t>(n / d);
#endif
}

/// Divides u (ulen limbs) by the single limb d != 0; writes ulen quotient limbs to q (may be
/// null) and returns the remainder.
inline uint64_t divrem_1(const uint64_t* u, int ulen, uint64_t d, uint64_t* q) noexcept {
    uint64_t rem = 0;
    if (ulen > 0 && u[ulen - 1] < d) {  // the top quotient limb is 0: skip one division
        rem = u[--ulen];
        if (q != nullptr) q[ulen] = 0;
    }
    for (int i = ulen - 1; i >= 0; --i) {
        const uint64_t qi = udiv128(rem, u[i], d, rem);
        if (q != nullptr) q[i] = qi;
    }
    return rem;
}

/// x >> (64 - s) for 0 <= s < 64, giving 0 for s == 0 without a branch (the bits that a
/// left shift by s carries into the next limb).
constexpr uint64_t carry_bits(uint64_t x, unsigned s) noexcept {
    return (x >> 1) >> (63 - s);
}

/// Knuth, TAOCP vol. 2, 4.3.1, algorithm D, for a divisor of exactly V limbs (2 <= V <= 4, so
/// the inner loops unroll). u has ulen <= 8 limbs with ulen >= V, v[V - 1] != 0. Writes
/// ulen - V + 1 quotient limbs to q (may be null) and V remainder limbs to r.
template <int V>
inline void divrem_knuth_n(const uint64_t* u,
                           int ulen,
                           const uint64_t* v,
                           uint64_t* q,
                           uint64_t* r) noexcept {
    // D1: normalize so that the divisor's top bit is set; the dividend grows by one limb.
    const unsigned s = static_cast<unsigned>(__builtin_clzll(v[V - 1]));
    uint64_t vn[V];
    uint64_t un[9];
    for (int i = V - 1; i > 0; --i) vn[i] = (v[i] << s) | carry_bits(v[i - 1], s);
    vn[0] = v[0] << s;
    un[ulen] = carry_bits(u[ulen - 1], s);
    for (int i = ulen - 1; i > 0; --i) un[i] = (u[i] << s) | carry_bits(u[i - 1], s);
    un[0] = u[0] << s;

    const uint64_t vtop = vn[V - 1];
    const uint64_t vsec = vn[V - 2];
    for (int j = ulen - V; j >= 0; --j) {
        uint64_t* uj = un + j;
        // D3: estimate the quotient digit from the top two dividend limbs and the top divisor
        // limb; the estimate is at most 2 too large and the test below fixes almost all cases.
        uint64_t qhat;
        uint64_t rhat;
        bool rhat_overflow = false;
        const uint64_t top = uj[V];
        if (top >= vtop) [[unlikely]] {  // the two-limb quotient would not fit: base - 1
            qhat = ~uint64_t{0};
            rhat = uj[V - 1] + vtop;
            rhat_overflow = rhat < vtop;
        } else {
            qhat = udiv128(top, uj[V - 1], vtop, rhat);
        }
        while (!rhat_overflow && uint128{qhat} * vsec > ((uint128{rhat} << 64) | uj[V - 2])) {
            --qhat;
            rhat += vtop;
            rhat_overflow = rhat < vtop;
        }

        // D4: multiply and subtract.
        uint64_t carry = 0;
        uint64_t borrow = 0;
        for (int i = 0; i < V; ++i) {
            const uint128 p = uint128{qhat} * vn[i] + carry;
            carry = static_cast<uint64_t>(p >> 64);
            const uint64_t plo = static_cast<uint64_t>(p);
            const uint64_t t = uj[i] - plo;
            const uint64_t b1 = uj[i] < plo ? 1 : 0;
            uj[i] = t - borrow;
            borrow = b1 | (t < borrow ? 1 : 0);
        }
        const uint64_t t = top - carry;
        const bool b1 = top < carry;
        uj[V] = t - borrow;
        const bool negative = b1 || t < borrow;

        // D6: the estimate was one too large (rare): add the divisor back.
        if (negative) [[unlikely]] {
            --qhat;
            uint64_t c = 0;
            for (int i = 0; i < V; ++i) {
                const uint128 sum = uint128{uj[i]} + vn[i] + c;
                uj[i] = static_cast<uint64_t>(sum);
                c = static_cast<uint64_t>(sum >> 64);
            }
            uj[V] += c;  // the carry out cancels the borrow
        }
        if (q != nullptr) q[j] = qhat;
    }

    // D8: the remainder is the low V limbs, shifted back.
    for (int i = 0; i < V - 1; ++i) r[i] = (un[i] >> s) | (s != 0 ? un[i + 1] << (64 - s) : 0);
    r[V - 1] = un[V - 1] >> s;
}

/// Knuth's algorithm D for a divisor of 2 <= vlen <= 4 limbs (see divrem_knuth_n).
inline void divrem_knuth(const uint64_t* u,
                         int ulen,
                         const uint64_t* v,
                         int vlen,
                         uint64_t* q,
                         uint64_t* r) noexcept {
    if (vlen == 4) return divrem_knuth_n<4>(u, ulen, v, q, r);
    if (vlen == 3) return divrem_knuth_n<3>(u, ulen, v, q, r);
    divrem_knuth_n<2>(u, ulen, v, q, r);
}

/// Remainder of the ulen-limb number u (ulen <= 8) by m != 0.
inline uint256 mod_limbs(const uint64_t* u, int ulen, const uint256& m) noexcept {
    const int vlen = significant_limbs(m.w, 4);
    ulen = significant_limbs(u, ulen);
    uint256 r;
    if (ulen < vlen) {
        for (int i = 0; i < ulen; ++i) r.w[i] = u[i];
        return r;
    }
    if (vlen == 1) {
        r.w[0] = divrem_1(u, ulen, m.w[0], nullptr);
        return r;
    }
    divrem_knuth(u, ulen, m.w, vlen, nullptr, r.w);
    return r;
}

}  // namespace detail

// --- comparison (unsigned) ---

inline constexpr bool operator<(const uint256& a, const uint256& b) noexcept {
    // a < b exactly when a - b borrows.
    uint64_t borrow = 0;
    detail::subb(a.w[0], b.w[0], borrow);
    detail::subb(a.w[1], b.w[1], borrow);
    detail::subb(a.w[2], b.w[2], borrow);
    detail::subb(a.w[3], b.w[3], borrow);
    return borrow != 0;
}
inline constexpr bool operator>(const uint256& a, const uint256& b) noexcept {
    return b < a;
}
inline constexpr bool operator<=(const uint256& a, const uint256& b) noexcept {
    return !(b < a);
}
inline constexpr bool operator>=(const uint256& a, const uint256& b) noexcept {
    return !(a < b);
}
/// Signed (two's complement) comparison: SLT / SGT.
inline constexpr bool slt(const uint256& a, const uint256& b) noexcept {
    if (a.w[3] != b.w[3]) return static_cast<int64_t>(a.w[3]) < static_cast<int64_t>(b.w[3]);
    return a < b;  // same top limb: the lower limbs compare unsigned
}

// --- arithmetic, wrapping mod 2^256 ---

/// a + b with carry out (used by balance arithmetic to detect overflow).
inline constexpr uint256 add_overflow(const uint256& a, const uint256& b, bool& overflow) noexcept {
    // 64-bit adds with explicit carries rather than 128-bit sums: GCC keeps these in registers
    // (add/adc) where __int128 temporaries get spilled inside the big interpreter function.
    uint64_t carry = 0;
    const uint64_t r0 = detail::addc(a.w[0], b.w[0], carry);
    const uint64_t r1 = detail::addc(a.w[1], b.w[1], carry);
    const uint64_t r2 = detail::addc(a.w[2], b.w[2], carry);
    const uint64_t r3 = detail::addc(a.w[3], b.w[3], carry);
    overflow = carry != 0;
    return {r0, r1, r2, r3};
}
/// a - b with borrow out.
inline constexpr uint256 sub_overflow(const uint256& a, const uint256& b, bool& borrow) noexcept {
    uint64_t br = 0;
    const uint64_t r0 = detail::subb(a.w[0], b.w[0], br);
    const uint64_t r1 = detail::subb(a.w[1], b.w[1], br);
    const uint64_t r2 = detail::subb(a.w[2], b.w[2], br);
    const uint64_t r3 = detail::subb(a.w[3], b.w[3], br);
    borrow = br != 0;
    return {r0, r1, r2, r3};
}
inline constexpr uint256 operator+(const uint256& a, const uint256& b) noexcept {
    bool overflow = false;
    return add_overflow(a, b, overflow);
}
inline constexpr uint256 operator-(const uint256& a, const uint256& b) noexcept {
    bool borrow = false;
    return sub_overflow(a, b, borrow);
}
/// Two's complement negation.
inline constexpr uint256 operator-(const uint256& a) noexcept {
    return uint256{} - a;
}
inline constexpr uint256& operator+=(uint256& a, const uint256& b) noexcept {
    return a = a + b;
}
inline constexpr uint256& operator-=(uint256& a, const uint256& b) noexcept {
    return a = a - b;
}
namespace detail {
#if defined(__x86_64__)
/// a * b mod 2^256 in one asm block: six full products and four low halves, accumulated row by
/// row in four registers. Compiled code of the same schoolbook keeps every partial product
/// live at once (mul ties up rax and rdx) and spills them.
inline uint256 mul_asm(const uint256& a, const uint256& b) noexcept {
    uint64_t r0, r1, r2, r3;
    __asm__(
        "movq %[a0], %%rax\n\t"
        "mulq %[b0]\n\t"
        "movq %%rax, %[r0]\n\t"
        "movq %%rdx, %[r1]\n\t"
        "movq %[a0], %%rax\n\t"
        "mulq %[b1]\n\t"
        "addq %%rax, %[r1]\n\t"
        "adcq $0, %%rdx\n\t"
        "movq %%rdx, %[r2]\n\t"
        "movq %[a0], %%rax\n\t"
        "mulq %[b2]\n\t"
        "addq %%rax, %[r2]\n\t"
        "adcq $0, %%rdx\n\t"
        "movq %%rdx, %[r3]\n\t"
        "movq %[a0], %%rax\n\t"
        "imulq %[b3], %%rax\n\t"
        "addq %%rax, %[r3]\n\t"
        "movq %[a1], %%rax\n\t"
        "mulq %[b0]\n\t"
        "addq %%rax, %[r1]\n\t"
        "adcq %%rdx, %[r2]\n\t"
        "adcq $0, %[r3]\n\t"
        "movq %[a1], %%rax\n\t"
        "mulq %[b1]\n\t"
        "addq %%rax, %[r2]\n\t"
        "adcq %%rdx, %[r3]\n\t"
        "movq %[a1], %%rax\n\t"
        "imulq %[b2], %%rax\n\t"
        "addq %%rax, %[r3]\n\t"
        "movq %[a2], %%rax\n\t"
        "mulq %[b0]\n\t"
        "addq %%rax, %[r2]\n\t"
        "adcq %%rdx, %[r3]\n\t"
        "movq %[a2], %%rax\n\t"
        "imulq %[b1], %%rax\n\t"
        "addq %%rax, %[r3]\n\t"
        "movq %[a3], %%rax\n\t"
        "imulq %[b0], %%rax\n\t"
        "addq %%rax, %[r3]"
        : [r0] "=&r"(r0), [r1] "=&r"(r1), [r2] "=&r"(r2), [r3] "=&r"(r3)
        : [a0] "m"(a.w[0]), [a1] "m"(a.w[1]), [a2] "m"(a.w[2]), [a3] "m"(a.w[3]), [b0] "m"(b.w[0]),
          [b1] "m"(b.w[1]), [b2] "m"(b.w[2]), [b3] "m"(b.w[3])
        : "rax", "rdx", "cc");
    return {r0, r1, r2, r3};
}
#endif
}  // namespace detail

inline constexpr uint256 operator*(const uint256& a, const uint256& b) noexcept {
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) return detail::mul_asm(a, b);
#endif
    // Schoolbook, keeping only the partial products that land below 2^256, row by row on
    // 64-bit halves (see detail::umul, detail::addc).
    using detail::addc;
    using detail::umul;
    uint64_t h00, h01, h02, h10, h11, h20;
    const uint64_t l00 = umul(a.w[0], b.w[0], h00);
    const uint64_t l01 = umul(a.w[0], b.w[1], h01);
    const uint64_t l02 = umul(a.w[0], b.w[2], h02);
    const uint64_t l10 = umul(a.w[1], b.w[0], h10);
    const uint64_t l11 = umul(a.w[1], b.w[1], h11);
    const uint64_t l20 = umul(a.w[2], b.w[0], h20);
    // Row a0: (l00, h00 + l01, h01 + l02, h02 + a0*b3).
    uint64_t c = 0;
    uint64_t r1 = addc(h00, l01, c);
    uint64_t r2 = addc(h01, l02, c);
    uint64_t r3 = h02 + a.w[0] * b.w[3] + c;
    // Row a1, one limb up: (l10, h10 + l11, h11 + a1*b2).
    c = 0;
    const uint64_t s2 = addc(h10, l11, c);
    const uint64_t s3 = h11 + a.w[1] * b.w[2] + c;
    c = 0;
    r1 = addc(r1, l10, c);
    r2 = addc(r2, s2, c);
    r3 += s3 + c;
    // Row a2, two limbs up: (l20, h20 + a2*b1); row a3: a3*b0.
    c = 0;
    r2 = addc(r2, l20, c);
    r3 += h20 + a.w[2] * b.w[1] + a.w[3] * b.w[0] + c;
    return {l00, r1, r2, r3};
}

/// Shifts by any amount; >= 256 gives 0. Branch-free on the limbs: shift every limb by the bit
/// count, then pick each result limb by the limb count with masks, so the result is written
/// limb by limb straight into its destination.
inline constexpr uint256 operator<<(const uint256& a, uint64_t shift) noexcept {
    const unsigned bits = static_cast<unsigned>(shift % 64);
    if (shift < 64)  // the common case: no limb moves
        return {a.w[0] << bits, (a.w[1] << bits) | detail::carry_bits(a.w[0], bits),
                (a.w[2] << bits) | detail::carry_bits(a.w[1], bits),
                (a.w[3] << bits) | detail::carry_bits(a.w[2], bits)};
    const uint64_t l = shift / 64;  // >= 4 selects nothing: zero
    const uint64_t s0 = a.w[0] << bits;
    const uint64_t s1 = (a.w[1] << bits) | detail::carry_bits(a.w[0], bits);
    const uint64_t s2 = (a.w[2] << bits) | detail::carry_bits(a.w[1], bits);
    const uint64_t s3 = (a.w[3] << bits) | detail::carry_bits(a.w[2], bits);
    const uint64_t m0 = -static_cast<uint64_t>(l == 0);
    const uint64_t m1 = -static_cast<uint64_t>(l == 1);
    const uint64_t m2 = -static_cast<uint64_t>(l == 2);
    const uint64_t m3 = -static_cast<uint64_t>(l == 3);
    return {s0 & m0, (s1 & m0) | (s0 & m1), (s2 & m0) | (s1 & m1) | (s0 & m2),
            (s3 & m0) | (s2 & m1) | (s1 & m2) | (s0 & m3)};
}
inline constexpr uint256 operator>>(const uint256& a, uint64_t shift) noexcept {
    const unsigned bits = static_cast<unsigned>(shift % 64);
    const uint64_t l = shift / 64;
    // x << (64 - bits) for the bits that move into the next lower limb; 0 when bits == 0.
    const auto down = [bits](uint64_t x) { return (x << 1) << (63 - bits); };
    if (shift < 64)  // the common case: no limb moves
        return {(a.w[0] >> bits) | down(a.w[1]), (a.w[1] >> bits) | down(a.w[2]),
                (a.w[2] >> bits) | down(a.w[3]), a.w[3] >> bits};
    const uint64_t s0 = (a.w[0] >> bits) | down(a.w[1]);
    const uint64_t s1 = (a.w[1] >> bits) | down(a.w[2]);
    const uint64_t s2 = (a.w[2] >> bits) | down(a.w[3]);
    const uint64_t s3 = a.w[3] >> bits;
    const uint64_t m0 = -static_cast<uint64_t>(l == 0);
    const uint64_t m1 = -static_cast<uint64_t>(l == 1);
    const uint64_t m2 = -static_cast<uint64_t>(l == 2);
    const uint64_t m3 = -static_cast<uint64_t>(l == 3);
    return {(s0 & m0) | (s1 & m1) | (s2 & m2) | (s3 & m3), (s1 & m0) | (s2 & m1) | (s3 & m2),
            (s2 & m0) | (s3 & m1), s3 & m0};
}

namespace detail {
/// The value as four 64-bit loads into general registers. Words arriving here were mostly
/// just written limb by limb; copying them whole lets the vectorizer read them back with
/// 16-byte loads, which cannot be forwarded from the 8-byte stores and stall.
inline uint256 load_limbs(const uint256& x) noexcept {
    uint64_t w0 = x.w[0], w1 = x.w[1], w2 = x.w[2], w3 = x.w[3];
    asm("" : "+r"(w0), "+r"(w1), "+r"(w2), "+r"(w3));
    return {w0, w1, w2, w3};
}
}  // namespace detail

namespace detail {
/// Division by a single limb d != 0 for a dividend of two or more limbs, on named registers:
/// the quotient limbs are built in registers and written out once.
inline DivResult udivrem_1(const uint256& a, uint64_t d) noexcept {
    if ((d & (d - 1)) == 0) {  // a power of two (contracts divide by 2^k to shift)
        const unsigned k = static_cast<unsigned>(__builtin_ctzll(d));
        return {a >> k, uint256{a.w[0] & (d - 1)}};
    }
    uint64_t q0, q1, q2 = 0, q3 = 0;
    uint64_t r;
    if (a.w[3] != 0) {
        if (a.w[3] >= d) {
            q3 = a.w[3] / d;
            r = a.w[3] % d;
        } else {
            r = a.w[3];
        }
        q2 = udiv128(r, a.w[2], d, r);
        q1 = udiv128(r, a.w[1], d, r);
    } else if (a.w[2] != 0) {
        if (a.w[2] >= d) {
            q2 = a.w[2] / d;
            r = a.w[2] % d;
        } else {
            r = a.w[2];
        }
        q1 = udiv128(r, a.w[1], d, r);
    } else if (a.w[1] >= d) {
        q1 = a.w[1] / d;
        r = a.w[1] % d;
    } else {
        q1 = 0;
        r = a.w[1];
    }
    q0 = udiv128(r, a.w[0], d, r);
    return {uint256{q0, q1, q2, q3}, uint256{r}};
}

/// Division by a divisor of two or more limbs; kept out of line (it is large and rarer).
[[gnu::noinline]] inline DivResult udivrem_n(const uint256& a_in, const uint256& b) noexcept {
    const uint256 a = load_limbs(a_in);
    if (a < b) return {uint256{}, a};
    const int vlen = significant_limbs(b.w, 4);
    const uint64_t btop = b.w[vlen - 1];
    if ((btop & (btop - 1)) == 0 && significant_limbs(b.w, vlen - 1) == 0) {
        // A power of two 2^k with k >= 64: shift and mask.
        const unsigned top = static_cast<unsigned>(vlen - 1);
        const unsigned k = 64 * top + static_cast<unsigned>(__builtin_ctzll(btop));
        const auto mask = [top, btop](unsigned i) -> uint64_t {
            return i < top ? ~uint64_t{0} : i == top ? btop - 1 : 0;
        };
        return {a >> k,
                uint256{a.w[0] & mask(0), a.w[1] & mask(1), a.w[2] & mask(2), a.w[3] & mask(3)}};
    }
    const int ulen = significant_limbs(a.w, 4);
    uint64_t q[4]{};
    uint64_t r[4]{};
    divrem_knuth(a.w, ulen, b.w, vlen, q, r);
    // Read the limbs back one by one (see load_limbs): they were just stored one by one.
    uint64_t q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3];
    uint64_t r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3];
    asm("" : "+r"(q0), "+r"(q1), "+r"(q2), "+r"(q3));
    asm("" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3));
    return {uint256{q0, q1, q2, q3}, uint256{r0, r1, r2, r3}};
}
}  // namespace detail

/// Quotient and remainder in one pass; divisor zero gives {0, 0}.
inline DivResult udivrem(const uint256& a, const uint256& b) noexcept {
    if ((b.w[1] | b.w[2] | b.w[3]) == 0) {
        const uint64_t d = b.w[0];
        if (d == 0) return {};  // EVM: x / 0 = x % 0 = 0
        if ((a.w[1] | a.w[2] | a.w[3]) == 0) return {uint256{a.w[0] / d}, uint256{a.w[0] % d}};
        return detail::udivrem_1(a, d);
    }
    return detail::udivrem_n(a, b);
}
/// Division and remainder; by zero they give 0 (EVM semantics).
inline uint256 operator/(const uint256& a, const uint256& b) noexcept {
    return udivrem(a, b).quot;
}
inline uint256 operator%(const uint256& a, const uint256& b) noexcept {
    return udivrem(a, b).rem;
}

namespace detail {
/// x, or -x when `negate`, computed limb by limb without a branch.
constexpr uint256 negate_if(const uint256& x, bool negate) noexcept {
    const uint64_t m = -static_cast<uint64_t>(negate);
    uint256 r;
    uint64_t carry = negate ? 1 : 0;  // -x = ~x + 1
    for (int i = 0; i < 4; ++i) {
        const uint64_t v = (x.w[i] ^ m) + carry;
        carry = v < carry ? 1 : 0;
        r.w[i] = v;
    }
    return r;
}
}  // namespace detail

/// SDIV / SMOD (EVM semantics: x/0 = 0, MIN/-1 = MIN, sign of SMOD follows the dividend).
inline uint256 sdiv(const uint256& a, const uint256& b) noexcept {
    const bool a_neg = (a.w[3] >> 63) != 0;
    const bool b_neg = (b.w[3] >> 63) != 0;
    // |MIN| is 2^255 as an unsigned value, so MIN / -1 = -(2^255) = MIN without a special case.
    const uint256 ua = detail::negate_if(a, a_neg);
    const uint256 ub = detail::negate_if(b, b_neg);
    return detail::negate_if(udivrem(ua, ub).quot, a_neg != b_neg);
}
inline uint256 smod(const uint256& a, const uint256& b) noexcept {
    const bool a_neg = (a.w[3] >> 63) != 0;
    const bool b_neg = (b.w[3] >> 63) != 0;
    const uint256 ua = detail::negate_if(a, a_neg);
    const uint256 ub = detail::negate_if(b, b_neg);
    return detail::negate_if(udivrem(ua, ub).rem, a_neg);
}

namespace detail {
/// (x & y) == 0, and x & y (the operators are defined further down).
constexpr bool and_is_zero(const uint256& x, const uint256& y) noexcept {
    return ((x.w[0] & y.w[0]) | (x.w[1] & y.w[1]) | (x.w[2] & y.w[2]) | (x.w[3] & y.w[3])) == 0;
}
constexpr uint256 and_limbs(const uint256& x, const uint256& y) noexcept {
    return {x.w[0] & y.w[0], x.w[1] & y.w[1], x.w[2] & y.w[2], x.w[3] & y.w[3]};
}
}  // namespace detail

/// ADDMOD / MULMOD with 512-bit intermediates; modulus zero gives 0.
inline uint256 addmod(const uint256& a, const uint256& b, const uint256& m) noexcept {
    if (!m) return {};
    const uint256 mask = m - 1;
    if (detail::and_is_zero(m, mask))  // m = 2^k divides 2^256: wrap, then mask
        return detail::and_limbs(a + b, mask);
    if (a < m && b < m) {  // common case: one conditional subtraction
        bool carry = false;
        const uint256 s = add_overflow(a, b, carry);
        return (carry || s >= m) ? s - m : s;
    }
    bool carry = false;
    const uint256 s = add_overflow(a, b, carry);
    const uint64_t u[5] = {s.w[0], s.w[1], s.w[2], s.w[3], carry ? uint64_t{1} : 0};
    return detail::mod_limbs(u, 5, m);
}
inline uint256 mulmod(const uint256& a, const uint256& b, const uint256& m) noexcept {
    if (!m) return {};
    const uint256 mask = m - 1;
    if (detail::and_is_zero(m, mask))  // m = 2^k divides 2^256: wrap, then mask
        return detail::and_limbs(a * b, mask);
    uint64_t p[8]{};
    for (int i = 0; i < 4; ++i) {
        uint64_t carry = 0;
        for (int j = 0; j < 4; ++j) {
            const detail::uint128 t = detail::uint128{a.w[i]} * b.w[j] + p[i + j] + carry;
            p[i + j] = static_cast<uint64_t>(t);
            carry = static_cast<uint64_t>(t >> 64);
        }
        p[i + 4] = carry;
    }
    return detail::mod_limbs(p, 8, m);
}

// --- bitwise ---

inline constexpr uint256 operator&(const uint256& a, const uint256& b) noexcept {
    return {a.w[0] & b.w[0], a.w[1] & b.w[1], a.w[2] & b.w[2], a.w[3] & b.w[3]};
}
inline constexpr uint256 operator|(const uint256& a, const uint256& b) noexcept {
    return {a.w[0] | b.w[0], a.w[1] | b.w[1], a.w[2] | b.w[2], a.w[3] | b.w[3]};
}
inline constexpr uint256 operator^(const uint256& a, const uint256& b) noexcept {
    return {a.w[0] ^ b.w[0], a.w[1] ^ b.w[1], a.w[2] ^ b.w[2], a.w[3] ^ b.w[3]};
}
inline constexpr uint256 operator~(const uint256& a) noexcept {
    return {~a.w[0], ~a.w[1], ~a.w[2], ~a.w[3]};
}
inline constexpr uint256 operator<<(const uint256& a, const uint256& shift) noexcept {
    return a << (shift.fits_u64() ? shift.w[0] : uint64_t{256});
}
inline constexpr uint256 operator>>(const uint256& a, const uint256& shift) noexcept {
    return a >> (shift.fits_u64() ? shift.w[0] : uint64_t{256});
}
/// SAR: arithmetic shift right; >= 256 gives 0 or all ones by sign.
inline constexpr uint256 sar(const uint256& a, const uint256& shift) noexcept {
    // Negative: shifting the complement in zeros equals shifting the value in ones.
    const uint64_t sign = -(a.w[3] >> 63);
    const uint256 x{a.w[0] ^ sign, a.w[1] ^ sign, a.w[2] ^ sign, a.w[3] ^ sign};
    const uint256 r = x >> shift;
    return {r.w[0] ^ sign, r.w[1] ^ sign, r.w[2] ^ sign, r.w[3] ^ sign};
}
/// BYTE: the index-th byte counting from the most significant; index >= 32 gives 0.
inline constexpr uint256 byte(const uint256& index, const uint256& x) noexcept {
    if (!index.fits_u64() || index.w[0] >= 32) return {};
    const unsigned i = static_cast<unsigned>(index.w[0]);
    return uint256{(x.w[3 - i / 8] >> (56 - 8 * (i % 8))) & 0xff};
}
/// SIGNEXTEND: extends the sign of byte `b` (from the least significant); b >= 31 returns x.
inline constexpr uint256 signextend(const uint256& b, const uint256& x) noexcept {
    if (!b.fits_u64() || b.w[0] >= 31) return x;
    const unsigned bit = static_cast<unsigned>(b.w[0]) * 8 + 7;  // the sign bit
    const unsigned limb = bit / 64;
    const unsigned off = bit % 64;
    const uint64_t mask = (uint64_t{2} << off) - 1;  // bits 0..off of the limb (all for off 63)
    const bool negative = ((x.w[limb] >> off) & 1) != 0;
    uint256 r = x;
    if (negative) {
        r.w[limb] |= ~mask;
        for (unsigned i = limb + 1; i < 4; ++i) r.w[i] = ~uint64_t{0};
    } else {
        r.w[limb] &= mask;
        for (unsigned i = limb + 1; i < 4; ++i) r.w[i] = 0;
    }
    return r;
}
/// Count of leading zero bits; 256 for zero (CLZ, EIP-7939).
inline constexpr unsigned clz(const uint256& x) noexcept {
    for (int i = 3; i >= 0; --i)
        if (x.w[i] != 0) return static_cast<unsigned>(64 * (3 - i) + __builtin_clzll(x.w[i]));
    return 256;
}
/// Number of significant bytes (0 for zero): EXP gas, RLP encoding.
inline constexpr unsigned count_significant_bytes(const uint256& x) noexcept {
    return (256 - clz(x) + 7) / 8;
}

/// EXP: base^exponent mod 2^256, by square-and-multiply over the exponent's bits.
inline constexpr uint256 exp(const uint256& base, const uint256& exponent) noexcept {
    uint256 result{1};
    uint256 power = base;
    const unsigned nbits = 256 - clz(exponent);
    for (unsigned i = 0; i < nbits; ++i) {
        if (((exponent.w[i / 64] >> (i % 64)) & 1) != 0) result = result * power;
        if (i + 1 < nbits) power = power * power;
    }
    return result;
}

// --- conversion ---

/// To 32 big-endian bytes.
inline void be_store(uint8_t out[32], const uint256& x) noexcept {
    for (int i = 0; i < 4; ++i) {
        const uint64_t v = __builtin_bswap64(x.w[3 - i]);
        std::memcpy(out + 8 * i, &v, 8);
    }
}
inline Hash256 be_store(const uint256& x) noexcept {
    Hash256 h;
    be_store(h.data(), x);
    return h;
}
/// From exactly 32 big-endian bytes.
inline uint256 be_load(const Hash256& h) noexcept {
    uint256 r;
    for (int i = 0; i < 4; ++i) {
        uint64_t v;
        std::memcpy(&v, h.data() + 8 * i, 8);
        r.w[3 - i] = __builtin_bswap64(v);
    }
    return r;
}
/// From up to 32 big-endian bytes (shorter input is left-padded with zeros). Longer input keeps
/// its last 32 bytes, i.e. the value modulo 2^256.
inline uint256 be_load(bytes_view be) noexcept {
    if (be.size() > 32) be.remove_prefix(be.size() - 32);
    uint8_t buf[32]{};
    if (!be.empty()) std::memcpy(buf + 32 - be.size(), be.data(), be.size());
    uint256 r;
    for (int i = 0; i < 4; ++i) {
        uint64_t v;
        std::memcpy(&v, buf + 8 * i, 8);
        r.w[3 - i] = __builtin_bswap64(v);
    }
    return r;
}
/// Lowercase hex with 0x prefix and no leading zeros ("0x0" for zero).
std::string to_hex(const uint256& x);
/// Decimal representation.
std::string to_string(const uint256& x);
/// Parses "0x"-prefixed hex (1..64 digits, either case) or decimal digits (no sign); nullopt on
/// any malformed input or overflow.
std::optional<uint256> parse_uint256(std::string_view s) noexcept;

}  // namespace parevm

template <>
struct std::hash<parevm::uint256> {
    size_t operator()(const parevm::uint256& x) const noexcept {
        uint64_t h = x.w[0] * 0x9e3779b97f4a7c15ull;
        h ^= (x.w[1] + 0x632be59bd9b4e019ull) * 0xbf58476d1ce4e5b9ull;
        h ^= (x.w[2] ^ (x.w[3] << 1)) * 0x94d049bb133111ebull;
        return static_cast<size_t>(h ^ (h >> 31));
    }
};
