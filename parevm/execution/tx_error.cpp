// SPDX-License-Identifier: Apache-2.0
// parevm: fixture names of transaction errors.
#include <parevm/execution/tx_error.hpp>

namespace parevm {

std::string_view tx_error_name(TxError e) noexcept {
    switch (e) {
        case TxError::intrinsic_gas_too_low:
            return "TransactionException.INTRINSIC_GAS_TOO_LOW";
        case TxError::intrinsic_gas_below_floor_gas_cost:
            return "TransactionException.INTRINSIC_GAS_BELOW_FLOOR_GAS_COST";
        case TxError::insufficient_account_funds:
            return "TransactionException.INSUFFICIENT_ACCOUNT_FUNDS";
        case TxError::insufficient_max_fee_per_gas:
            return "TransactionException.INSUFFICIENT_MAX_FEE_PER_GAS";
        case TxError::priority_greater_than_max_fee_per_gas:
            return "TransactionException.PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS";
        case TxError::insufficient_max_fee_per_blob_gas:
            return "TransactionException.INSUFFICIENT_MAX_FEE_PER_BLOB_GAS";
        case TxError::nonce_mismatch_too_low:
            return "TransactionException.NONCE_MISMATCH_TOO_LOW";
        case TxError::nonce_mismatch_too_high:
            return "TransactionException.NONCE_MISMATCH_TOO_HIGH";
        case TxError::nonce_is_max:
            return "TransactionException.NONCE_IS_MAX";
        case TxError::gas_allowance_exceeded:
            return "TransactionException.GAS_ALLOWANCE_EXCEEDED";
        case TxError::gas_limit_exceeds_maximum:
            return "TransactionException.GAS_LIMIT_EXCEEDS_MAXIMUM";
        case TxError::gaslimit_price_product_overflow:
            return "TransactionException.GASLIMIT_PRICE_PRODUCT_OVERFLOW";
        case TxError::initcode_size_exceeded:
            return "TransactionException.INITCODE_SIZE_EXCEEDED";
        case TxError::sender_not_eoa:
            return "TransactionException.SENDER_NOT_EOA";
        case TxError::invalid_chainid:
            return "TransactionException.INVALID_CHAINID";
        case TxError::invalid_signature:
            return "TransactionException.INVALID_SIGNATURE_VRS";
        case TxError::type_1_tx_pre_fork:
            return "TransactionException.TYPE_1_TX_PRE_FORK";
        case TxError::type_2_tx_pre_fork:
            return "TransactionException.TYPE_2_TX_PRE_FORK";
        case TxError::type_3_tx_pre_fork:
            return "TransactionException.TYPE_3_TX_PRE_FORK";
        case TxError::type_3_tx_zero_blobs:
            return "TransactionException.TYPE_3_TX_ZERO_BLOBS";
        case TxError::type_3_tx_invalid_blob_versioned_hash:
            return "TransactionException.TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH";
        case TxError::type_3_tx_blob_count_exceeded:
            return "TransactionException.TYPE_3_TX_BLOB_COUNT_EXCEEDED";
        case TxError::type_3_tx_max_blob_gas_allowance_exceeded:
            return "TransactionException.TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED";
        case TxError::type_3_tx_contract_creation:
            return "TransactionException.TYPE_3_TX_CONTRACT_CREATION";
        case TxError::type_4_tx_pre_fork:
            return "TransactionException.TYPE_4_TX_PRE_FORK";
        case TxError::type_4_empty_authorization_list:
            return "TransactionException.TYPE_4_EMPTY_AUTHORIZATION_LIST";
        case TxError::type_4_tx_contract_creation:
            return "TransactionException.TYPE_4_TX_CONTRACT_CREATION";
    }
    return "TransactionException.UNKNOWN";
}

}  // namespace parevm
