// SPDX-License-Identifier: Apache-2.0
// parevm: the optimal ate pairing on BN254: Miller loop over 6u+2 and final exponentiation.
//
// G2 points live on the sextic twist E': y^2 = x^3 + b' (b' = 3 / xi) over Fp2 and map into
// E(Fp12) by the untwisting map (x, y) -> (x w^2, y w^3). A line through images of twist points,
// evaluated at P = (xP, yP) in E(Fp), is then l0 + l1 w + l3 w^3 with l0, l1, l3 in Fp2: every
// line is a sparse Fp12 element. Lines are scaled by Fp2 factors where convenient; the final
// exponentiation maps every element of a proper subfield to 1, so such factors do not matter.
#include <parevm/crypto/bn254.hpp>

#include <vector>

namespace parevm::bn254 {
namespace {

/// The Miller loop runs over 6u+2 = 0x1_9d797039be763ba8 (65 bits) in non-adjacent form: 22
/// non-zero digits instead of 37 set bits, so 15 fewer addition steps. The top digit is the
/// starting point T = Q.
constexpr detail::Naf ate_naf = detail::naf_of(u128{6} * bn_u + 2);
static_assert(ate_naf.length == 66 && ate_naf.digits[65] == 1, "6u+2 has a 66-digit NAF");

/// A G2 point in homogeneous projective coordinates (x = X / Z, y = Y / Z) for the Miller loop.
struct G2Proj {
    Fp2 x;
    Fp2 y;
    Fp2 z;
};

struct Line {
    Fp2 l0;
    Fp2 l1;
    Fp2 l3;
};

/// Doubles T and returns the tangent line at T evaluated at P. With lambda = 3x^2 / 2y the
/// tangent is yP - lambda xP w + (lambda x - y) w^3; scaled by -2YZ^2, simplified with the
/// curve equation and divided by Z it becomes -2YZ yP + 3X^2 xP w + (3b'Z^2 - Y^2) w^3. The doubled
/// point, from the affine formulas and scaled by 4 to avoid halving:
///   X3 = 2XY (Y^2 - 9b'Z^2), Y3 = (Y^2 + 9b'Z^2)^2 - 108 b'^2 Z^4, Z3 = 8 Y^3 Z.
Line double_step(G2Proj& t, const Fp& xp, const Fp& yp, const Fp2& b3) noexcept {
    const Fp2 xx = sqr(t.x);
    const Fp2 yy = sqr(t.y);
    const Fp2 zz = sqr(t.z);
    const Fp2 e = b3 * zz;     // 3b'Z^2
    const Fp2 f = dbl(e) + e;  // 9b'Z^2
    const Fp2 yz = t.y * t.z;
    Line line{-(dbl(yz) * yp), (dbl(xx) + xx) * xp, e - yy};
    const Fp2 e2 = sqr(e);
    const Fp2 e4 = dbl(dbl(e2));
    t.x = dbl(t.x * t.y * (yy - f));
    t.y = sqr(yy + f) - (dbl(e4) + e4);  // 108 b'^2 Z^4 = 12 (3b'Z^2)^2
    t.z = dbl(dbl(dbl(yy * yz)));
    return line;
}

/// Adds the affine point Q = (x2, y2) to T and returns the line through T and Q evaluated at P.
/// With theta = Y - y2 Z and Lambda = X - x2 Z the slope is theta / Lambda; the line scaled by
/// Lambda is Lambda yP - theta xP w + (theta x2 - Lambda y2) w^3, and the sum is
///   X3 = Lambda H, Y3 = theta (Lambda^2 X - H) - Lambda^3 Y, Z3 = Lambda^3 Z,
///   H = theta^2 Z + Lambda^3 - 2 Lambda^2 X.
Line add_step(G2Proj& t, const G2& q, const Fp& xp, const Fp& yp) noexcept {
    const Fp2 theta = t.y - q.y * t.z;
    const Fp2 lambda = t.x - q.x * t.z;
    const Fp2 c = sqr(theta);
    const Fp2 d = sqr(lambda);
    const Fp2 e = d * lambda;
    const Fp2 f = d * t.x;
    const Fp2 h = c * t.z + e - dbl(f);
    Line line{lambda * yp, -(theta * xp), theta * q.x - lambda * q.y};
    t.x = lambda * h;
    t.y = theta * (f - h) - e * t.y;
    t.z = e * t.z;
    return line;
}

/// -psi^2(Q) = (x xi^((p^2-1)/3), -y xi^((p^2-1)/2)).
G2 neg_frobenius2_twist(const G2& q) noexcept {
    const auto& g = field_constants().gamma[1];
    return {q.x * g[2], -(q.y * g[3]), q.infinity};
}

/// (a + b s)^2 in Fp4 = Fp2[s] / (s^2 - xi): (a^2 + xi b^2) + ((a + b)^2 - a^2 - b^2) s.
inline void fp4_sqr(const Fp2& a, const Fp2& b, Fp2& c0, Fp2& c1) noexcept {
    const Fp2 aa = sqr(a);
    const Fp2 bb = sqr(b);
    c0 = mul_by_xi(bb) + aa;
    c1 = sqr(a + b) - aa - bb;
}

/// Squaring in the cyclotomic subgroup (Granger and Scott, "Faster squaring in the cyclotomic
/// subgroup of sixth degree extensions", 2010): with Fp12 = Fp4[Z] / (Z^3 - s), s = w^3,
/// Z = w, an element A + B Z + C Z^2 of the subgroup squares to
///   (3 A^2 - 2 conj(A)) + (3 s C^2 + 2 conj(B)) Z + (3 B^2 - 2 conj(C)) Z^2,
/// where conj negates s. A = c0.c0 + c1.c1 s, B = c1.c0 + c0.c2 s, C = c0.c1 + c1.c2 s.
/// Nine Fp2 squarings instead of the twelve Fp2 multiplications of a general squaring.
}  // namespace

Fp12 cyclotomic_sqr(const Fp12& f) noexcept {
    Fp2 a0, a1, b0, b1, c0, c1;
    fp4_sqr(f.c0.c0, f.c1.c1, a0, a1);  // A^2
    fp4_sqr(f.c1.c0, f.c0.c2, b0, b1);  // B^2
    fp4_sqr(f.c0.c1, f.c1.c2, c0, c1);  // C^2
    Fp12 r;
    r.c0.c0 = dbl(a0 - f.c0.c0) + a0;  // 3 A^2 - 2 conj(A)
    r.c1.c1 = dbl(a1 + f.c1.c1) + a1;
    r.c0.c1 = dbl(b0 - f.c0.c1) + b0;  // 3 B^2 - 2 conj(C)
    r.c1.c2 = dbl(b1 + f.c1.c2) + b1;
    const Fp2 s_c1 = mul_by_xi(c1);        // s C^2 = xi c1 + c0 s
    r.c1.c0 = dbl(s_c1 + f.c1.c0) + s_c1;  // 3 s C^2 + 2 conj(B)
    r.c0.c2 = dbl(c0 - f.c0.c2) + c0;
    return r;
}

namespace {

/// f^u for f in the cyclotomic subgroup, over the NAF of u; there f^-1 is conj(f).
Fp12 pow_u(const Fp12& f) noexcept {
    const Fp12 f_inv = conj(f);
    Fp12 r = f;
    for (int i = detail::u_naf.length - 2; i >= 0; --i) {
        r = cyclotomic_sqr(r);
        if (detail::u_naf.digits[i] > 0) r *= f;
        if (detail::u_naf.digits[i] < 0) r *= f_inv;
    }
    return r;
}

}  // namespace

G2 psi(const G2& q) noexcept {
    const auto& g = field_constants().gamma[0];
    return {conj(q.x) * g[2], conj(q.y) * g[3], q.infinity};
}

Fp12 miller_loop(std::span<const G1> ps, std::span<const G2> qs) noexcept {
    const Fp2 b3 = dbl(curve_b<Fp2>()) + curve_b<Fp2>();
    struct Pair {
        Fp xp;
        Fp yp;
        G2 q;
        G2 neg_q;
        G2Proj t;
    };
    std::vector<Pair> pairs;
    pairs.reserve(ps.size());
    for (size_t i = 0; i < ps.size() && i < qs.size(); ++i) {
        if (ps[i].infinity || qs[i].infinity) continue;  // e(O, Q) = e(P, O) = 1
        const G2& q = qs[i];
        pairs.push_back({ps[i].x, ps[i].y, q, {q.x, -q.y, false}, {q.x, q.y, Fp2::one()}});
    }
    Fp12 f = Fp12::one();
    if (pairs.empty()) return f;
    for (int i = ate_naf.length - 2; i >= 0; --i) {
        if (i != ate_naf.length - 2) f = sqr(f);  // f is still 1 in the first round
        for (auto& pr : pairs) {
            const Line l = double_step(pr.t, pr.xp, pr.yp, b3);
            f = mul_by_line(f, l.l0, l.l1, l.l3);
        }
        if (ate_naf.digits[i] != 0) {
            for (auto& pr : pairs) {
                const G2& q = ate_naf.digits[i] > 0 ? pr.q : pr.neg_q;
                const Line l = add_step(pr.t, q, pr.xp, pr.yp);
                f = mul_by_line(f, l.l0, l.l1, l.l3);
            }
        }
    }
    // Optimal ate for BN: two more lines, through [6u+2]Q and psi(Q), then through the sum and
    // -psi^2(Q) (Vercauteren, "Optimal pairings", 2010).
    for (auto& pr : pairs) {
        const G2 q1 = psi(pr.q);
        const G2 q2 = neg_frobenius2_twist(pr.q);
        Line l = add_step(pr.t, q1, pr.xp, pr.yp);
        f = mul_by_line(f, l.l0, l.l1, l.l3);
        l = add_step(pr.t, q2, pr.xp, pr.yp);
        f = mul_by_line(f, l.l0, l.l1, l.l3);
    }
    return f;
}

Fp12 final_exponentiation(const Fp12& f) noexcept {
    // Easy part: f^((p^6 - 1)(p^2 + 1)); the result lies in the cyclotomic subgroup, where the
    // inverse is the conjugate.
    Fp12 t = conj(f) * inverse(f);
    t = frobenius(t, 2) * t;

    // Hard part: (p^4 - p^2 + 1) / r = l0 + l1 p + l2 p^2 + l3 p^3 with, in terms of u,
    //   l3 = 1, l2 = 6u^2 + 1, l1 = -36u^3 - 18u^2 - 12u + 1, l0 = -36u^3 - 30u^2 - 18u - 2
    // (Scott et al., "On the final exponentiation for calculating pairings on ordinary
    // elliptic curves", 2009; the identity is checked in the unit tests).
    const Fp12 a = pow_u(t);  // t^u
    const Fp12 b = pow_u(a);  // t^(u^2)
    const Fp12 c = pow_u(b);  // t^(u^3)

    const Fp12 a2 = cyclotomic_sqr(a);
    const Fp12 a4 = cyclotomic_sqr(a2);
    const Fp12 a6 = a4 * a2;
    const Fp12 a12 = cyclotomic_sqr(a6);
    const Fp12 b2 = cyclotomic_sqr(b);
    const Fp12 b4 = cyclotomic_sqr(b2);
    const Fp12 b6 = b4 * b2;
    const Fp12 b12 = cyclotomic_sqr(b6);
    const Fp12 b18 = b12 * b6;
    const Fp12 c4 = cyclotomic_sqr(cyclotomic_sqr(c));
    const Fp12 c36 =
        cyclotomic_sqr(cyclotomic_sqr(cyclotomic_sqr(c4) * c));  // ((c^4)^2 c)^4 = c^36

    const Fp12 x1 = c36 * b18 * a12;                    // t^(36u^3 + 18u^2 + 12u)
    const Fp12 x0 = x1 * b12 * a6 * cyclotomic_sqr(t);  // t^(36u^3 + 30u^2 + 18u + 2)
    const Fp12 f0 = conj(x0);                           // t^l0
    const Fp12 f1 = conj(x1) * t;                       // t^l1
    const Fp12 f2 = b6 * t;                             // t^l2
    return f0 * frobenius(f1, 1) * frobenius(f2, 2) * frobenius(t, 3);
}

Fp12 pairing(const G1& p, const G2& q) noexcept {
    return final_exponentiation(miller_loop({&p, 1}, {&q, 1}));
}

}  // namespace parevm::bn254
