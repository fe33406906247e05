// SPDX-License-Identifier: Apache-2.0
// parevm: world-state and storage roots over the secure trie (YP §4.1, appendix D).
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>
#include <parevm/state/account.hpp>

#include <map>

namespace parevm {

class InMemoryState;

/// Root of an account's storage trie: key keccak256(be32(slot)), value rlp(value) with the value
/// as a minimal big-endian integer. Zero values are absent from the trie.
Hash256 storage_root(const std::map<uint256, uint256>& storage);

/// The trie value of an account: rlp([nonce, balance, storage_root, code_hash]) (YP eq. 10).
bytes account_rlp(const AccountInfo& info, const Hash256& storage_root);

/// The state root: key keccak256(address), value account_rlp. Every account held by the state
/// is included, empty ones too (removing EIP-161 empty accounts is the executor's job).
Hash256 state_root(const InMemoryState& state);

}  // namespace parevm
