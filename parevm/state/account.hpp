// SPDX-License-Identifier: Apache-2.0
// parevm: account values as stored in the world state.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>

namespace parevm {

/// keccak256 of the empty byte string: the code hash of an account without code.
inline constexpr Hash256 empty_code_hash =
    hash_constant("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

/// keccak256(rlp("")) = root of the empty trie.
inline constexpr Hash256 empty_trie_root =
    hash_constant("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

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
