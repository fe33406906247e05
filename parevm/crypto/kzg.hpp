// SPDX-License-Identifier: Apache-2.0
// parevm: KZG proof verification over BLS12-381 through c-kzg-4844 (EIP-4844 point evaluation).
#pragma once

#include <parevm/core/bytes.hpp>

#include <string>

namespace parevm {

/// A compressed BLS12-381 G1 point: a KZG commitment or proof (48 bytes, ZCash encoding).
using KzgPoint = FixedBytes<48>;

/// Scalar field modulus of BLS12-381 (BLS_MODULUS in EIP-4844), big-endian.
inline constexpr uint8_t bls_modulus_be[32] = {
    0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8, 0x08, 0x09, 0xa1, 0xd8, 0x05,
    0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe, 0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01};

/// FIELD_ELEMENTS_PER_BLOB (EIP-4844): evaluation points per blob polynomial.
inline constexpr uint64_t field_elements_per_blob = 4096;

/// True when the big-endian 32-byte word is a canonical scalar field element (< BLS_MODULUS).
bool is_canonical_bls_field_element(const Hash256& word) noexcept;

/// Verifies that the polynomial committed to by `commitment` evaluates to `y` at `z`
/// (EIP-4844 verify_kzg_proof). False for a wrong proof and also for malformed input: z or y not
/// canonical, a commitment or proof that is not a valid compressed G1 subgroup point, or a trusted
/// setup that could not be loaded. The mainnet trusted setup is loaded once, on first use, from
/// the file named by the environment variable PAREVM_TRUSTED_SETUP, else from the one built in
/// (PAREVM_TRUSTED_SETUP_DEFAULT). Thread-safe.
bool verify_kzg_proof(const KzgPoint& commitment,
                      const Hash256& z,
                      const Hash256& y,
                      const KzgPoint& proof) noexcept;

/// Loads the trusted setup now (it is otherwise loaded on the first verification); false, with
/// the reason in `error` when given, if it cannot be loaded. Later calls return the first result.
bool kzg_trusted_setup_ready(std::string* error = nullptr) noexcept;

}  // namespace parevm
