// SPDX-License-Identifier: Apache-2.0
// parevm: why a transaction is invalid. Names follow execution-spec-tests' TransactionException.
#pragma once

#include <cstdint>
#include <string_view>

namespace parevm {

enum class TxError : uint8_t {
    intrinsic_gas_too_low,                      // INTRINSIC_GAS_TOO_LOW
    intrinsic_gas_below_floor_gas_cost,         // INTRINSIC_GAS_BELOW_FLOOR_GAS_COST (EIP-7623)
    insufficient_account_funds,                 // INSUFFICIENT_ACCOUNT_FUNDS
    insufficient_max_fee_per_gas,               // INSUFFICIENT_MAX_FEE_PER_GAS
    priority_greater_than_max_fee_per_gas,      // PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS
    insufficient_max_fee_per_blob_gas,          // INSUFFICIENT_MAX_FEE_PER_BLOB_GAS
    nonce_mismatch_too_low,                     // NONCE_MISMATCH_TOO_LOW
    nonce_mismatch_too_high,                    // NONCE_MISMATCH_TOO_HIGH
    nonce_is_max,                               // NONCE_IS_MAX (EIP-2681)
    gas_allowance_exceeded,                     // GAS_ALLOWANCE_EXCEEDED (block gas left)
    gas_limit_exceeds_maximum,                  // GAS_LIMIT_EXCEEDS_MAXIMUM (EIP-7825)
    gaslimit_price_product_overflow,            // GASLIMIT_PRICE_PRODUCT_OVERFLOW
    initcode_size_exceeded,                     // INITCODE_SIZE_EXCEEDED (EIP-3860)
    sender_not_eoa,                             // SENDER_NOT_EOA (EIP-3607)
    invalid_chainid,                            // INVALID_CHAINID
    invalid_signature,                          // INVALID_SIGNATURE_VRS
    type_1_tx_pre_fork,                         // TYPE_1_TX_PRE_FORK
    type_2_tx_pre_fork,                         // TYPE_2_TX_PRE_FORK
    type_3_tx_pre_fork,                         // TYPE_3_TX_PRE_FORK
    type_3_tx_zero_blobs,                       // TYPE_3_TX_ZERO_BLOBS
    type_3_tx_invalid_blob_versioned_hash,      // TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH
    type_3_tx_blob_count_exceeded,              // TYPE_3_TX_BLOB_COUNT_EXCEEDED
    type_3_tx_max_blob_gas_allowance_exceeded,  // TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED
    type_3_tx_contract_creation,                // TYPE_3_TX_CONTRACT_CREATION
    type_4_tx_pre_fork,                         // TYPE_4_TX_PRE_FORK
    type_4_empty_authorization_list,            // TYPE_4_EMPTY_AUTHORIZATION_LIST
    type_4_tx_contract_creation,                // TYPE_4_TX_CONTRACT_CREATION
};

/// "TransactionException.<NAME>" as the fixtures spell it.
std::string_view tx_error_name(TxError e) noexcept;

}  // namespace parevm
