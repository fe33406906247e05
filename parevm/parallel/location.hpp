// SPDX-License-Identifier: Apache-2.0
// parevm: the state locations the parallel executor tracks reads and writes of (DESIGN.md §3).
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>
#include <parevm/state/account.hpp>

#include <cstdint>
#include <functional>
#include <optional>

namespace parevm::parallel {

enum class LocationKind : uint8_t {
    basic,          // nonce, balance, code hash and existence of an account
    storage,        // one storage slot
    storage_clear,  // written when an account's storage is wiped (destroyed or re-created)
};

/// One location. Storage reads also read storage_clear(addr), so that an account destroyed and
/// re-created inside the block reads as empty storage afterwards, with no false conflict on the
/// account's balance.
struct Location {
    LocationKind kind = LocationKind::basic;
    Address address;
    uint256 slot;  // storage only

    static Location basic(const Address& a) { return {LocationKind::basic, a, {}}; }
    static Location storage(const Address& a, const uint256& s) {
        return {LocationKind::storage, a, s};
    }
    static Location storage_clear(const Address& a) { return {LocationKind::storage_clear, a, {}}; }

    friend bool operator==(const Location&, const Location&) noexcept = default;
};

/// The value at a location: `account` for basic (nullopt: the account does not exist),
/// `word` for storage; storage_clear carries no value.
struct LocationValue {
    std::optional<AccountInfo> account;
    uint256 word;
    friend bool operator==(const LocationValue&, const LocationValue&) noexcept = default;
};

}  // namespace parevm::parallel

template <>
struct std::hash<parevm::parallel::Location> {
    size_t operator()(const parevm::parallel::Location& l) const noexcept {
        size_t h = std::hash<parevm::Address>{}(l.address);
        if (l.kind == parevm::parallel::LocationKind::storage)
            h ^= std::hash<parevm::uint256>{}(l.slot) * 0x9e3779b97f4a7c15ull;
        return h + static_cast<size_t>(l.kind);
    }
};
