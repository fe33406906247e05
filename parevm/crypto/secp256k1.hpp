// SPDX-License-Identifier: Apache-2.0
// parevm: secp256k1 ECDSA recovery and signing through libsecp256k1 (ECRECOVER, tx senders).
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>

#include <cstdint>
#include <optional>

namespace parevm {

/// Order n of the secp256k1 group (SEC 2 §2.4.1): r and s must lie in [1, n-1].
inline constexpr uint256 secp256k1_order{0xBFD25E8CD0364141, 0xBAAEDCE6AF48A03B, 0xFFFFFFFFFFFFFFFE,
                                         0xFFFFFFFFFFFFFFFF};
/// floor(n / 2): the largest s a transaction may carry from Homestead on (EIP-2).
inline constexpr uint256 secp256k1_half_order{0xDFE92F46681B20A0, 0x5D576E7357A4501D,
                                              0xFFFFFFFFFFFFFFFF, 0x7FFFFFFFFFFFFFFF};

/// An ECDSA signature with the parity of R's y coordinate (Ethereum's v - 27, or y_parity).
struct Signature {
    uint256 r;
    uint256 s;
    uint8_t recovery_id = 0;

    friend bool operator==(const Signature&, const Signature&) noexcept = default;
};

/// Recovers the signer's address: the last 20 bytes of keccak256 of the 64-byte uncompressed
/// public key (YP appendix F). nullopt when r or s is 0 or >= n, when recovery_id > 1
/// (libsecp256k1 would accept 2 and 3, meaning R.x = r + n, but Ethereum's v only encodes the
/// y parity), or when no public key matches. High s is accepted: EIP-2 is a transaction rule,
/// not an ECRECOVER one. Thread-safe.
std::optional<Address> ecrecover(const Hash256& msg_hash,
                                 const uint256& r,
                                 const uint256& s,
                                 uint8_t recovery_id) noexcept;

/// The address controlled by a secret key; the zero address when the key is not in [1, n-1].
Address address_from_secret(const Hash256& secret) noexcept;

/// Deterministic (RFC 6979) signature with low s, as libsecp256k1 always produces. nullopt for an
/// invalid secret key (or the ~2^-127 case of a recovery id above 1). For tests and tools.
std::optional<Signature> sign(const Hash256& msg_hash, const Hash256& secret) noexcept;

/// EIP-2 (Homestead): a transaction's s must be at most n/2, removing signature malleability.
bool is_low_s(const uint256& s) noexcept;

}  // namespace parevm
