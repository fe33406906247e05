// SPDX-License-Identifier: Apache-2.0
// parevm: ECDSA verification over secp256r1 (P-256) through OpenSSL (P256VERIFY, EIP-7951).
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>

namespace parevm {

/// Field prime p of secp256r1 (SEC 2 §2.4.2): public key coordinates must be below it.
inline constexpr uint256 p256_field_prime{0xFFFFFFFFFFFFFFFF, 0x00000000FFFFFFFF,
                                          0x0000000000000000, 0xFFFFFFFF00000001};
/// Group order n of secp256r1: r and s must lie in [1, n-1].
inline constexpr uint256 p256_order{0xF3B9CAC2FC632551, 0xBCE6FAADA7179E84, 0xFFFFFFFFFFFFFFFF,
                                    0xFFFFFFFF00000000};

/// True when (qx, qy) satisfies y^2 = x^3 - 3x + b (mod p) with both coordinates below p.
/// The point at infinity has no affine form, and (0, 0) is not on the curve, so it is rejected.
bool p256_is_on_curve(const uint256& qx, const uint256& qy) noexcept;

/// Verifies the ECDSA signature (r, s) of the 32-byte message hash under the public key
/// (qx, qy), with EIP-7951's checks: r and s in [1, n-1], both coordinates below p, the key on
/// the curve and not the point at infinity, and x(R') mod n == r for R' = (h/s)G + (r/s)Q
/// (R' at infinity fails). The hash is used as is (not reduced or re-hashed beyond what
/// ECDSA prescribes for a 256-bit order). Thread-safe.
bool p256_verify(const Hash256& hash,
                 const uint256& r,
                 const uint256& s,
                 const uint256& qx,
                 const uint256& qy) noexcept;

}  // namespace parevm
