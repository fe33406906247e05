// SPDX-License-Identifier: Apache-2.0
// parevm: precompile 0x0a POINT_EVALUATION (EIP-4844): verifies a KZG proof of one blob value.
#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/crypto/hashes.hpp>
#include <parevm/crypto/kzg.hpp>

#include <cstring>

namespace parevm::precompile {
namespace {

/// Any failure halts the call and consumes all of its gas.
Result halt(StatusCode status) noexcept {
    Result r;
    r.status = status;
    r.gas_left = 0;
    return r;
}

}  // namespace

Result point_evaluation(bytes_view input, int64_t gas) noexcept {
    constexpr int64_t cost = 50000;  // EIP-4844: POINT_EVALUATION_PRECOMPILE_GAS
    if (gas < cost) return halt(StatusCode::out_of_gas);
    // versioned_hash (32) || z (32) || y (32) || commitment (48) || proof (48), nothing else.
    if (input.size() != 192) return halt(StatusCode::precompile_failure);
    const Hash256 versioned_hash{input.substr(0, 32)};
    const Hash256 z{input.substr(32, 32)};
    const Hash256 y{input.substr(64, 32)};
    const KzgPoint commitment{input.substr(96, 48)};
    const KzgPoint proof{input.substr(144, 48)};

    // EIP-4844 kzg_to_versioned_hash: VERSIONED_HASH_VERSION_KZG || sha256(commitment)[1:].
    Hash256 expected = parevm::sha256(commitment.view());
    expected.bytes[0] = 0x01;
    if (expected != versioned_hash) return halt(StatusCode::precompile_failure);
    // z and y must be canonical (< BLS_MODULUS); verify_kzg_proof checks that too.
    if (!is_canonical_bls_field_element(z) || !is_canonical_bls_field_element(y))
        return halt(StatusCode::precompile_failure);
    if (!parevm::verify_kzg_proof(commitment, z, y, proof))
        return halt(StatusCode::precompile_failure);

    // Output: FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS as two 32-byte big-endian words.
    Result result;
    result.gas_left = gas - cost;
    result.output.assign(64, 0);
    for (int i = 0; i < 8; ++i)
        result.output[31 - i] = static_cast<uint8_t>(field_elements_per_blob >> (8 * i));
    std::memcpy(result.output.data() + 32, bls_modulus_be, sizeof(bls_modulus_be));
    return result;
}

}  // namespace parevm::precompile
