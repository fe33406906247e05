// SPDX-License-Identifier: Apache-2.0
// parevm: read-only world state, the seam between execution and storage (DESIGN.md §2).
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>
#include <parevm/state/account.hpp>

#include <optional>

namespace parevm {

/// Read-only source of state for one block. Implementations must be safe to call from many
/// threads at once (the parallel executor reads the pre-state concurrently).
class StateView {
public:
    virtual ~StateView() = default;
    /// nullopt when the account does not exist in the trie.
    virtual std::optional<AccountInfo> account(const Address& addr) const = 0;
    /// Zero for absent slots and absent accounts.
    virtual uint256 storage(const Address& addr, const uint256& key) const = 0;
    /// True when the account has at least one non-zero slot (EIP-7610 collision check).
    virtual bool has_storage(const Address& addr) const = 0;
    /// Code by hash. The view keeps the bytes alive for its own lifetime; empty for
    /// empty_code_hash or an unknown hash.
    virtual bytes_view code(const Hash256& code_hash) const = 0;
    /// Hash of an earlier block; zero hash when unknown.
    virtual Hash256 block_hash(int64_t block_number) const = 0;
    /// The account's code hash (empty_code_hash when absent). A view that records reads may
    /// record this one as depending on the code alone (the parallel executor's MvStateView).
    virtual Hash256 code_hash(const Address& addr) const {
        const std::optional<AccountInfo> a = account(addr);
        return a ? a->code_hash : empty_code_hash;
    }
};

}  // namespace parevm
