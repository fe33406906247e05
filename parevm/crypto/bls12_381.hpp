// SPDX-License-Identifier: Apache-2.0
// parevm: BLS12-381 curve operations on EIP-2537 encodings, through blst (precompiles 0x0b-0x11).
#pragma once

#include <parevm/core/bytes.hpp>

#include <cstddef>
#include <optional>

namespace parevm::bls12_381 {

// EIP-2537 encodings: an Fp element is 64 big-endian bytes whose top 16 are zero and whose value
// is below the base field modulus p; Fp2 is c0 || c1; a point is x || y; the point at infinity
// is all zeros; a scalar is 32 big-endian bytes of any value (not reduced mod q).
inline constexpr size_t fp_size = 64;
inline constexpr size_t fp2_size = 2 * fp_size;
inline constexpr size_t g1_size = 2 * fp_size;
inline constexpr size_t g2_size = 2 * fp2_size;
inline constexpr size_t scalar_size = 32;
inline constexpr size_t g1_msm_pair_size = g1_size + scalar_size;  // 160
inline constexpr size_t g2_msm_pair_size = g2_size + scalar_size;  // 288
inline constexpr size_t pairing_pair_size = g1_size + g2_size;     // 384

/// An encoded G1 point (128 bytes).
using G1 = FixedBytes<g1_size>;
/// An encoded G2 point (256 bytes).
using G2 = FixedBytes<g2_size>;

/// a + b for two encoded G1 points (each 128 bytes). nullopt when a length is wrong, a
/// coordinate is not a valid field element or a point is neither on the curve nor infinity.
/// EIP-2537: no subgroup check for addition.
std::optional<G1> g1_add(bytes_view a, bytes_view b) noexcept;

/// a + b in G2 (each 256 bytes); same rules as g1_add.
std::optional<G2> g2_add(bytes_view a, bytes_view b) noexcept;

/// sum of s_i * P_i over k >= 1 concatenated (point, scalar) pairs of 160 bytes. nullopt for an
/// empty or ragged input, an invalid encoding, a point off the curve or outside the order-q
/// subgroup (EIP-2537 requires the subgroup check for MSM).
std::optional<G1> g1_msm(bytes_view pairs) noexcept;

/// The G2 counterpart of g1_msm over 288-byte (point, scalar) pairs.
std::optional<G2> g2_msm(bytes_view pairs) noexcept;

/// Whether e(P_1, Q_1) * ... * e(P_k, Q_k) == 1 over k >= 1 concatenated 384-byte (G1, G2)
/// pairs. nullopt for an empty or ragged input, an invalid encoding, or a point off its curve or
/// outside its subgroup. Pairs with an infinity point contribute 1.
std::optional<bool> pairing_check(bytes_view pairs) noexcept;

/// Maps a 64-byte Fp element to G1: the simplified SWU map with the 11-isogeny, then cofactor
/// clearing (RFC 9380 map_to_curve + clear_cofactor, one element, no hashing).
std::optional<G1> map_fp_to_g1(bytes_view fp) noexcept;

/// Maps a 128-byte Fp2 element to G2 (RFC 9380 SWU with the 3-isogeny, then cofactor clearing).
std::optional<G2> map_fp2_to_g2(bytes_view fp2) noexcept;

}  // namespace parevm::bls12_381
