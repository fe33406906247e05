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
/// account's balance. The 64-bit hash is computed once, by the factories (DESIGN.md §3); equal
/// locations have equal hashes, so comparisons look at the hash first.
struct Location {
    LocationKind kind = LocationKind::basic;
    Address address;
    uint256 slot;  // storage only
    uint64_t hash = 0;

    static Location basic(const Address& a) { return make(LocationKind::basic, a, {}); }
    static Location storage(const Address& a, const uint256& s) {
        return make(LocationKind::storage, a, s);
    }
    static Location storage_clear(const Address& a) {
        return make(LocationKind::storage_clear, a, {});
    }

    friend bool operator==(const Location& a, const Location& b) noexcept {
        return a.hash == b.hash && a.kind == b.kind && a.slot == b.slot && a.address == b.address;
    }

private:
    static Location make(LocationKind kind, const Address& a, const uint256& s) {
        uint64_t h = std::hash<Address>{}(a);
        if (kind == LocationKind::storage) h ^= std::hash<uint256>{}(s)*0x9e3779b97f4a7c15ull;
        h += static_cast<uint64_t>(kind);
        // Final avalanche (splitmix64): the table index uses the low bits, the shard the high.
        h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ull;
        h = (h ^ (h >> 27)) * 0x94d049bb133111ebull;
        return {kind, a, s, h ^ (h >> 31)};
    }
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
        return static_cast<size_t>(l.hash);
    }
};
