// SPDX-License-Identifier: Apache-2.0
// parevm: transactions of types 0-4 (legacy/EIP-155, EIP-2930, EIP-1559, EIP-4844, EIP-7702).
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>

#include <optional>
#include <vector>

namespace parevm {

enum class TxType : uint8_t {
    legacy = 0,
    access_list = 1,  // EIP-2930
    dynamic_fee = 2,  // EIP-1559
    blob = 3,         // EIP-4844
    set_code = 4,     // EIP-7702
};

struct AccessListEntry {
    Address address;
    std::vector<uint256> storage_keys;
};

/// EIP-7702 authorization tuple; `signer` is recovered lazily (nullopt if the signature is bad).
struct Authorization {
    uint256 chain_id;
    Address address;
    uint64_t nonce = 0;
    uint256 y_parity;
    uint256 r;
    uint256 s;
    std::optional<Address> signer;
};

/// EIP-4844: the blob gas of one blob.
inline constexpr uint64_t gas_per_blob = uint64_t{1} << 17;

struct Transaction {
    TxType type = TxType::legacy;
    std::optional<uint256> chain_id;  // absent for pre-EIP-155 legacy transactions
    uint64_t nonce = 0;
    /// Legacy and EIP-2930: gas_price; from EIP-1559 on: max_fee_per_gas.
    uint256 max_fee_per_gas;
    uint256 max_priority_fee_per_gas;  // equals max_fee_per_gas for types 0 and 1
    uint64_t gas_limit = 0;
    std::optional<Address> to;  // nullopt: contract creation
    uint256 value;
    bytes data;
    std::vector<AccessListEntry> access_list;
    uint256 max_fee_per_blob_gas;
    std::vector<Hash256> blob_hashes;
    std::vector<Authorization> authorizations;
    uint256 v;  // legacy: v; typed: y_parity
    uint256 r;
    uint256 s;
    Address sender;  // recovered or given by the fixture
};

}  // namespace parevm
