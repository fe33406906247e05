// SPDX-License-Identifier: Apache-2.0
// parevm: EIP-2537 BLS12-381 operations: decoding and validation here, arithmetic in blst.
#include <parevm/crypto/bls12_381.hpp>

#include "blst.h"

#include <cstring>
#include <vector>

namespace parevm::bls12_381 {
namespace {

/// Base field modulus p, big-endian (EIP-2537 curve parameters).
constexpr uint8_t p_be[48] = {
    0x1a, 0x01, 0x11, 0xea, 0x39, 0x7f, 0xe6, 0x9a, 0x4b, 0x1b, 0xa7, 0xb6, 0x43, 0x4b, 0xac, 0xd7,
    0x64, 0x77, 0x4b, 0x84, 0xf3, 0x85, 0x12, 0xbf, 0x67, 0x30, 0xd2, 0xa0, 0xf6, 0xb0, 0xf6, 0x24,
    0x1e, 0xab, 0xff, 0xfe, 0xb1, 0x53, 0xff, 0xff, 0xb9, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xaa, 0xab};

/// Size of the 16 zero bytes that pad a 48-byte field element to 64.
constexpr size_t fp_pad = fp_size - sizeof(p_be);

/// q < 2^255: scalars reduced mod q fit in 255 bits.
constexpr size_t reduced_scalar_bits = 255;

bool is_zero(const uint8_t* data, size_t size) noexcept {
    uint8_t acc = 0;
    for (size_t i = 0; i < size; ++i) acc |= data[i];
    return acc == 0;
}

/// EIP-2537: the top 16 bytes must be zero and the value below p, even where a point is then
/// found to be infinity.
bool decode_fp(const uint8_t* in, blst_fp& out) noexcept {
    if (!is_zero(in, fp_pad)) return false;
    if (std::memcmp(in + fp_pad, p_be, sizeof(p_be)) >= 0) return false;
    blst_fp_from_bendian(&out, in + fp_pad);
    return true;
}

bool decode_fp2(const uint8_t* in, blst_fp2& out) noexcept {
    return decode_fp(in, out.fp[0]) && decode_fp(in + fp_size, out.fp[1]);
}

void encode_fp(const blst_fp& a, uint8_t* out) noexcept {
    std::memset(out, 0, fp_pad);
    blst_bendian_from_fp(out + fp_pad, &a);
}

/// blst's two group types behind one interface, so that the algorithms are written once.
struct G1Ops {
    using Affine = blst_p1_affine;
    using Point = blst_p1;
    using Encoded = G1;
    static constexpr size_t size = g1_size;

    // Infinity is all zeros in both EIP-2537 and blst's affine form, so decoding the zeros
    // coordinate by coordinate gives blst's infinity; blst's curve checks accept it.
    static bool decode(const uint8_t* in, Affine& out) noexcept {
        return decode_fp(in, out.x) && decode_fp(in + fp_size, out.y) &&
               blst_p1_affine_on_curve(&out);
    }
    static Encoded encode(const Point& p) noexcept {
        Encoded out;  // zeros: the point at infinity
        if (blst_p1_is_inf(&p)) return out;
        Affine a;
        blst_p1_to_affine(&a, &p);
        encode_fp(a.x, out.data());
        encode_fp(a.y, out.data() + fp_size);
        return out;
    }
    static bool in_group(const Affine& a) noexcept { return blst_p1_affine_in_g1(&a); }
    static bool is_inf(const Affine& a) noexcept { return blst_p1_affine_is_inf(&a); }
    static void from_affine(Point& out, const Affine& a) noexcept { blst_p1_from_affine(&out, &a); }
    static void add(Point& out, const Point& a, const Point& b) noexcept {
        blst_p1_add_or_double(&out, &a, &b);
    }
    static void mult(Point& out, const Point& p, const uint8_t* scalar_le, size_t bits) noexcept {
        blst_p1_mult(&out, &p, scalar_le, bits);
    }
    static size_t msm_scratch_size(size_t n) noexcept {
        return blst_p1s_mult_pippenger_scratch_sizeof(n);
    }
    static void msm(Point& out,
                    const Affine* points,
                    size_t n,
                    const uint8_t* scalars_le,
                    limb_t* scratch) noexcept {
        // blst's array convention: {base, nullptr} means n consecutive elements from base.
        const Affine* const point_ptrs[2] = {points, nullptr};
        const uint8_t* const scalar_ptrs[2] = {scalars_le, nullptr};
        blst_p1s_mult_pippenger(&out, point_ptrs, n, scalar_ptrs, reduced_scalar_bits, scratch);
    }
};

struct G2Ops {
    using Affine = blst_p2_affine;
    using Point = blst_p2;
    using Encoded = G2;
    static constexpr size_t size = g2_size;

    static bool decode(const uint8_t* in, Affine& out) noexcept {
        return decode_fp2(in, out.x) && decode_fp2(in + fp2_size, out.y) &&
               blst_p2_affine_on_curve(&out);
    }
    static Encoded encode(const Point& p) noexcept {
        Encoded out;
        if (blst_p2_is_inf(&p)) return out;
        Affine a;
        blst_p2_to_affine(&a, &p);
        encode_fp(a.x.fp[0], out.data());
        encode_fp(a.x.fp[1], out.data() + fp_size);
        encode_fp(a.y.fp[0], out.data() + 2 * fp_size);
        encode_fp(a.y.fp[1], out.data() + 3 * fp_size);
        return out;
    }
    static bool in_group(const Affine& a) noexcept { return blst_p2_affine_in_g2(&a); }
    static bool is_inf(const Affine& a) noexcept { return blst_p2_affine_is_inf(&a); }
    static void from_affine(Point& out, const Affine& a) noexcept { blst_p2_from_affine(&out, &a); }
    static void add(Point& out, const Point& a, const Point& b) noexcept {
        blst_p2_add_or_double(&out, &a, &b);
    }
    static void mult(Point& out, const Point& p, const uint8_t* scalar_le, size_t bits) noexcept {
        blst_p2_mult(&out, &p, scalar_le, bits);
    }
    static size_t msm_scratch_size(size_t n) noexcept {
        return blst_p2s_mult_pippenger_scratch_sizeof(n);
    }
    static void msm(Point& out,
                    const Affine* points,
                    size_t n,
                    const uint8_t* scalars_le,
                    limb_t* scratch) noexcept {
        const Affine* const point_ptrs[2] = {points, nullptr};
        const uint8_t* const scalar_ptrs[2] = {scalars_le, nullptr};
        blst_p2s_mult_pippenger(&out, point_ptrs, n, scalar_ptrs, reduced_scalar_bits, scratch);
    }
};

template <typename Ops>
std::optional<typename Ops::Encoded> add(bytes_view a, bytes_view b) noexcept {
    if (a.size() != Ops::size || b.size() != Ops::size) return std::nullopt;
    typename Ops::Affine pa;
    typename Ops::Affine pb;
    if (!Ops::decode(a.data(), pa) || !Ops::decode(b.data(), pb)) return std::nullopt;
    typename Ops::Point ja;
    typename Ops::Point jb;
    Ops::from_affine(ja, pa);
    Ops::from_affine(jb, pb);
    // The complete formula: handles infinity, doubling and P + (-P).
    Ops::add(ja, ja, jb);
    return Ops::encode(ja);
}

template <typename Ops>
std::optional<typename Ops::Encoded> msm(bytes_view pairs) noexcept {
    constexpr size_t pair_size = Ops::size + scalar_size;
    if (pairs.empty() || pairs.size() % pair_size != 0) return std::nullopt;
    const size_t k = pairs.size() / pair_size;

    // Every pair is validated first; then the terms that contribute nothing (infinity points
    // and scalars that are 0 mod q) are dropped, since blst's bulk routines expect neither.
    std::vector<typename Ops::Affine> points;
    std::vector<uint8_t> scalars;  // 32-byte little-endian scalars reduced mod q
    points.reserve(k);
    scalars.reserve(k * scalar_size);
    for (size_t i = 0; i < k; ++i) {
        const uint8_t* in = pairs.data() + i * pair_size;
        typename Ops::Affine p;
        if (!Ops::decode(in, p)) return std::nullopt;
        if (!Ops::in_group(p)) return std::nullopt;  // EIP-2537: subgroup check for MSM
        blst_scalar s;
        // Scalars may be any 256-bit value; for points of order q only s mod q matters.
        const bool nonzero = blst_scalar_from_be_bytes(&s, in + Ops::size, scalar_size);
        if (!nonzero || Ops::is_inf(p)) continue;
        points.push_back(p);
        scalars.insert(scalars.end(), s.b, s.b + sizeof(s.b));
    }

    typename Ops::Point result{};  // Z = 0: the point at infinity
    if (points.size() == 1) {
        Ops::from_affine(result, points[0]);
        Ops::mult(result, result, scalars.data(), reduced_scalar_bits);
    } else if (points.size() > 1) {
        const size_t limbs =
            (Ops::msm_scratch_size(points.size()) + sizeof(limb_t) - 1) / sizeof(limb_t);
        std::vector<limb_t> scratch(limbs);
        Ops::msm(result, points.data(), points.size(), scalars.data(), scratch.data());
    }
    return Ops::encode(result);
}

}  // namespace

std::optional<G1> g1_add(bytes_view a, bytes_view b) noexcept {
    return add<G1Ops>(a, b);
}

std::optional<G2> g2_add(bytes_view a, bytes_view b) noexcept {
    return add<G2Ops>(a, b);
}

std::optional<G1> g1_msm(bytes_view pairs) noexcept {
    return msm<G1Ops>(pairs);
}

std::optional<G2> g2_msm(bytes_view pairs) noexcept {
    return msm<G2Ops>(pairs);
}

std::optional<bool> pairing_check(bytes_view pairs) noexcept {
    if (pairs.empty() || pairs.size() % pairing_pair_size != 0) return std::nullopt;
    const size_t k = pairs.size() / pairing_pair_size;
    std::vector<blst_p1_affine> ps;
    std::vector<blst_p2_affine> qs;
    ps.reserve(k);
    qs.reserve(k);
    for (size_t i = 0; i < k; ++i) {
        const uint8_t* in = pairs.data() + i * pairing_pair_size;
        blst_p1_affine p;
        blst_p2_affine q;
        if (!G1Ops::decode(in, p) || !G1Ops::in_group(p)) return std::nullopt;
        if (!G2Ops::decode(in + g1_size, q) || !G2Ops::in_group(q)) return std::nullopt;
        // e(O, Q) = e(P, O) = 1; blst's Miller loop does not take infinity.
        if (G1Ops::is_inf(p) || G2Ops::is_inf(q)) continue;
        ps.push_back(p);
        qs.push_back(q);
    }
    if (ps.empty()) return true;
    const blst_p2_affine* const q_ptrs[2] = {qs.data(), nullptr};
    const blst_p1_affine* const p_ptrs[2] = {ps.data(), nullptr};
    blst_fp12 f;
    blst_miller_loop_n(&f, q_ptrs, p_ptrs, ps.size());
    blst_final_exp(&f, &f);
    return blst_fp12_is_one(&f);
}

std::optional<G1> map_fp_to_g1(bytes_view fp) noexcept {
    if (fp.size() != fp_size) return std::nullopt;
    blst_fp u;
    if (!decode_fp(fp.data(), u)) return std::nullopt;
    blst_p1 p;
    blst_map_to_g1(&p, &u, nullptr);  // SWU, isogeny, then clearing by h_eff
    return G1Ops::encode(p);
}

std::optional<G2> map_fp2_to_g2(bytes_view fp2) noexcept {
    if (fp2.size() != fp2_size) return std::nullopt;
    blst_fp2 u;
    if (!decode_fp2(fp2.data(), u)) return std::nullopt;
    blst_p2 p;
    blst_map_to_g2(&p, &u, nullptr);
    return G2Ops::encode(p);
}

}  // namespace parevm::bls12_381
