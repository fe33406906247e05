// SPDX-License-Identifier: Apache-2.0
// parevm: precompiled contracts: which addresses are precompiles in a revision, and running them.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/evm/host.hpp>
#include <parevm/evm/revision.hpp>

#include <cstdint>

namespace parevm {

/// True when addr is a precompile active in rev (all of them through Osaka, even those not
/// implemented yet): 0x01-0x04 Frontier, 0x05-0x08 Byzantium (EIP-198, 196, 197), 0x09 Istanbul
/// (EIP-152), 0x0a Cancun (EIP-4844), 0x0b-0x11 Prague (EIP-2537), 0x100 Osaka (EIP-7951).
/// Precompiles are warm from the start of every transaction (EIP-2929) and exist for CALL's
/// new-account charge, so callers need this even for the ones that cannot run yet.
bool is_precompile(Revision rev, const Address& addr) noexcept;

/// Executes a precompile: gas check, then the computation. Returns success with gas_left and
/// output; out_of_gas or precompile_failure with gas_left 0 (all gas consumed, as for any
/// exceptional halt). Precompiles not implemented yet and addresses that are not precompiles in
/// `rev` return precompile_failure.
Result call_precompile(Revision rev, const Address& addr, bytes_view input, int64_t gas) noexcept;

namespace precompile {

/// Gas of a precompile priced per 32-byte word of input: base + per_word * ceil(size / 32)
/// (YP appendix E). Saturates at INT64_MAX instead of overflowing.
int64_t word_priced_gas(int64_t base, int64_t per_word, size_t input_size) noexcept;

/// 0x01 ECRECOVER: 3000 gas. Input (zero-padded to 128 bytes) is hash, v, r, s as 32-byte words;
/// v must be exactly 27 or 28. Output: the signer's address left-padded to 32 bytes, or empty
/// for any invalid signature (still a success that consumes the gas).
Result ecrecover(bytes_view input, int64_t gas) noexcept;
/// 0x02 SHA256: 60 + 12 per word.
Result sha256(bytes_view input, int64_t gas) noexcept;
/// 0x03 RIPEMD160: 600 + 120 per word; the 20-byte digest left-padded to 32 bytes.
Result ripemd160(bytes_view input, int64_t gas) noexcept;
/// 0x04 IDENTITY: 15 + 3 per word; returns the input.
Result identity(bytes_view input, int64_t gas) noexcept;
/// 0x05 MODEXP (EIP-198): base^exp mod modulus with lengths from three 32-byte header words,
/// data zero-padded; output mod_len bytes (zeros for modulus 0). Gas per revision: EIP-198
/// (Byzantium), EIP-2565 (Berlin), EIP-7883 (Osaka); from Osaka a length above 1024 bytes
/// fails consuming all gas (EIP-7823). Any declared length (up to 2^256) is priced before
/// anything is read or allocated by it.
Result modexp(Revision rev, bytes_view input, int64_t gas) noexcept;
/// 0x06 ECADD (EIP-196): alt_bn128 point addition; 500 gas, 150 from Istanbul (EIP-1108).
/// Input zero-padded to 128 bytes (two points), output 64 bytes; an invalid point fails
/// consuming all gas.
Result bn254_add(Revision rev, bytes_view input, int64_t gas) noexcept;
/// 0x07 ECMUL (EIP-196): scalar multiplication; 40000 gas, 6000 from Istanbul (EIP-1108).
/// Input zero-padded to 96 bytes (point, 256-bit scalar), output 64 bytes.
Result bn254_mul(Revision rev, bytes_view input, int64_t gas) noexcept;
/// 0x08 ECPAIRING (EIP-197): pairing product check over 192-byte (G1, G2) pairs; 100000 +
/// 80000 k gas, 45000 + 34000 k from Istanbul (EIP-1108). A 0/1 word out; a length not a
/// multiple of 192 or an invalid point fails consuming all gas.
Result bn254_pairing(Revision rev, bytes_view input, int64_t gas) noexcept;
/// 0x09 BLAKE2F (EIP-152): the BLAKE2b compression F on exactly 213 bytes; 1 gas per round;
/// a wrong length or a final flag other than 0 or 1 fails consuming all gas.
Result blake2f(bytes_view input, int64_t gas) noexcept;
/// 0x100 P256VERIFY (EIP-7951): 6900 gas; 32-byte 1 for a valid secp256r1 signature over
/// exactly 160 bytes (hash, r, s, qx, qy), empty output for anything else (still a success).
Result p256verify(bytes_view input, int64_t gas) noexcept;

/// 0x0a POINT_EVALUATION (EIP-4844, Cancun): 50000 gas. Input is exactly 192 bytes:
/// versioned_hash, z, y, commitment, proof. The versioned hash must be 0x01 || sha256(commitment)
/// [1:], z and y canonical field elements and the KZG proof valid. Output:
/// FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS as two 32-byte words.
Result point_evaluation(bytes_view input, int64_t gas) noexcept;

/// EIP-2537 (Prague) BLS12-381 precompiles. Points use 64-byte padded field elements (top 16
/// bytes zero, value < p), infinity is all zeros; any invalid input consumes all gas.
/// 0x0b BLS12_G1ADD: 375 gas, 256 bytes in (no subgroup check), 128 out.
Result bls12_g1add(bytes_view input, int64_t gas) noexcept;
/// 0x0c BLS12_G1MSM: 160*k bytes in (k >= 1, subgroup-checked points), 128 out.
Result bls12_g1msm(bytes_view input, int64_t gas) noexcept;
/// 0x0d BLS12_G2ADD: 600 gas, 512 bytes in (no subgroup check), 256 out.
Result bls12_g2add(bytes_view input, int64_t gas) noexcept;
/// 0x0e BLS12_G2MSM: 288*k bytes in (k >= 1, subgroup-checked points), 256 out.
Result bls12_g2msm(bytes_view input, int64_t gas) noexcept;
/// 0x0f BLS12_PAIRING_CHECK: 37700 + 32600*k gas, 384*k bytes in (k >= 1), a 0/1 word out.
Result bls12_pairing_check(bytes_view input, int64_t gas) noexcept;
/// 0x10 BLS12_MAP_FP_TO_G1: 5500 gas, 64 bytes in, 128 out.
Result bls12_map_fp_to_g1(bytes_view input, int64_t gas) noexcept;
/// 0x11 BLS12_MAP_FP2_TO_G2: 23800 gas, 128 bytes in, 256 out.
Result bls12_map_fp2_to_g2(bytes_view input, int64_t gas) noexcept;
/// EIP-2537 MSM gas: k * multiplication_cost * discount(k) / 1000, with multiplication_cost
/// 12000 (G1) or 22500 (G2) and the EIP's discount tables (capped for k > 128); saturates.
int64_t bls12_g1msm_gas(size_t k) noexcept;
int64_t bls12_g2msm_gas(size_t k) noexcept;
/// EIP-2537 pairing gas: 37700 + 32600 * k; saturates.
int64_t bls12_pairing_gas(size_t k) noexcept;

}  // namespace precompile
}  // namespace parevm
