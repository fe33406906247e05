// SPDX-License-Identifier: Apache-2.0
// parevm: the net effect of a transaction or block on the world state.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>
#include <parevm/state/account.hpp>

#include <optional>
#include <utility>
#include <vector>

namespace parevm {

/// Changes to one account. Applying it: if `deleted`, remove the account (and its storage) and
/// ignore the rest; else if `storage_cleared`, drop all old slots first; then set `info`, `code`
/// and each slot of `storage` (value zero removes the slot).
struct AccountDiff {
    Address address;
    bool deleted = false;
    bool storage_cleared = false;     // destroyed and re-created within the block
    std::optional<AccountInfo> info;  // new nonce/balance/code_hash when any changed or created
    std::optional<bytes> code;        // code deployed (its hash is info->code_hash)
    std::vector<std::pair<uint256, uint256>> storage;  // slots whose value changed

    /// True when applying it changes nothing (such a diff is left out of write sets and diffs).
    bool changes_nothing() const noexcept {
        return !deleted && !storage_cleared && !info && !code && storage.empty();
    }
};

/// Net changes, one entry per touched account, sorted by address.
struct StateDiff {
    std::vector<AccountDiff> accounts;
};

}  // namespace parevm
