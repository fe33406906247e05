// SPDX-License-Identifier: Apache-2.0
// parevm: Merkle-Patricia trie root of a key/value set (YP appendix D), built in one pass.
#pragma once

#include <parevm/core/bytes.hpp>

#include <utility>
#include <vector>

namespace parevm {

/// Root hash of the Merkle-Patricia trie holding `entries` (YP appendix D). Keys are the raw trie
/// paths: the caller hashes them first where the secure trie is used (state and storage), or
/// passes rlp(index) for the transaction/receipt/withdrawal lists. Values are the bytes stored
/// at each key (for accounts and receipts already RLP-encoded); the trie wraps them as RLP
/// strings itself. As in a trie, an empty value means "absent", and when a key repeats the last
/// entry wins. No persistent trie is kept: the entries are sorted and the nodes built bottom-up.
/// keccak256(rlp("")) (`empty_trie_root`) for no entries.
Hash256 trie_root(std::vector<std::pair<bytes, bytes>> entries);

}  // namespace parevm
