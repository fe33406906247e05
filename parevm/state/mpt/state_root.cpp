// SPDX-License-Identifier: Apache-2.0
// parevm: world-state and storage roots of an in-memory state.
#include <parevm/state/mpt/state_root.hpp>

#include <parevm/core/rlp.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/state/in_memory_state.hpp>
#include <parevm/state/mpt/trie.hpp>

namespace parevm {

Hash256 storage_root(const std::map<uint256, uint256>& storage) {
    std::vector<std::pair<bytes, bytes>> entries;
    entries.reserve(storage.size());
    for (const auto& [slot, value] : storage) {
        if (!value) continue;
        entries.emplace_back(bytes{keccak256(be_store(slot).view()).view()}, rlp::encode(value));
    }
    return trie_root(std::move(entries));
}

bytes account_rlp(const AccountInfo& info, const Hash256& storage_root) {
    return rlp::encode_list({rlp::encode(info.nonce), rlp::encode(info.balance),
                             rlp::encode(storage_root), rlp::encode(info.code_hash)});
}

Hash256 state_root(const InMemoryState& state) {
    std::vector<std::pair<bytes, bytes>> entries;
    entries.reserve(state.accounts().size());
    for (const auto& [addr, entry] : state.accounts()) {
        entries.emplace_back(bytes{keccak256(addr.view()).view()},
                             account_rlp(entry.info, storage_root(entry.storage)));
    }
    return trie_root(std::move(entries));
}

}  // namespace parevm
