// SPDX-License-Identifier: Apache-2.0
// parevm: account values as stored in the world state.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>

namespace parevm {

/// keccak256 of the empty byte string: the code hash of an account without code.
inline constexpr Hash256 empty_code_hash = [] {
    Hash256 h;
    constexpr uint8_t v[32] = {0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d,
                               0xb2, 0xdc, 0xc7, 0x03, 0xc0, 0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82,
                               0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70};
    for (size_t i = 0; i < 32; ++i) h.bytes[i] = v[i];
    return h;
}();

/// keccak256(rlp("")) = root of the empty trie.
inline constexpr Hash256 empty_trie_root = [] {
    Hash256 h;
    constexpr uint8_t v[32] = {0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6, 0xff, 0x83, 0x45,
                               0xe6, 0x92, 0xc0, 0xf8, 0x6e, 0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c,
                               0xad, 0xc0, 0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21};
    for (size_t i = 0; i < 32; ++i) h.bytes[i] = v[i];
    return h;
}();

/// The basic fields of an account (location `Basic(addr)` in the parallel executor).
struct AccountInfo {
    uint64_t nonce = 0;
    uint256 balance;
    Hash256 code_hash = empty_code_hash;

    /// EIP-161 empty: no nonce, no balance, no code.
    bool is_empty() const noexcept {
        return nonce == 0 && !balance && code_hash == empty_code_hash;
    }
    friend bool operator==(const AccountInfo&, const AccountInfo&) noexcept = default;
};

}  // namespace parevm
