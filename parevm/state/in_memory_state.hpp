// SPDX-License-Identifier: Apache-2.0
// parevm: in-memory world state: pre-state for tests, t8n and benchmarks.
#pragma once

#include <parevm/state/ordered_map.hpp>
#include <parevm/state/state_diff.hpp>
#include <parevm/state/state_view.hpp>

#include <map>
#include <unordered_map>

namespace parevm {

/// A complete world state held in memory. Reads are const and safe from many threads; writes
/// (set_account, apply) must not run concurrently with reads.
class InMemoryState final : public StateView {
public:
    struct Entry {
        AccountInfo info;
        std::map<uint256, uint256> storage;  // only non-zero values are kept
        /// The same slots in an OrderedMap, kept by InMemoryState for storage(): the ordered
        /// map costs a cache miss per level of its tree (a token every transaction reads has
        /// thousands of slots), the OrderedMap about one, or a short scan for a few slots. A
        /// slot set to zero may stay in it as a zero (it reads the same as an absent one).
        OrderedMap<uint256, uint256> hashed;
    };

    InMemoryState() = default;
    /// Copies rebuild the index (it points into the copied map); moves keep the map's nodes.
    InMemoryState(const InMemoryState& other);
    InMemoryState& operator=(const InMemoryState& other);
    InMemoryState(InMemoryState&&) noexcept = default;
    InMemoryState& operator=(InMemoryState&&) noexcept = default;
    ~InMemoryState() override = default;

    /// Inserts or replaces an account; code is stored by its hash (info.code_hash is set here).
    void set_account(const Address& addr,
                     uint64_t nonce,
                     const uint256& balance,
                     bytes_view code,
                     const std::vector<std::pair<uint256, uint256>>& storage);
    void set_block_hash(int64_t block_number, const Hash256& hash);
    /// Stores code and returns its keccak256 hash.
    Hash256 insert_code(bytes_view code);
    void apply(const StateDiff& diff);

    const std::map<Address, Entry>& accounts() const noexcept { return accounts_; }

    std::optional<AccountInfo> account(const Address& addr) const override;
    uint256 storage(const Address& addr, const uint256& key) const override;
    bool has_storage(const Address& addr) const override;
    bytes_view code(const Hash256& code_hash) const override;
    Hash256 block_hash(int64_t block_number) const override;

private:
    Entry& entry_for(const Address& addr);
    /// Rebuilds e.hashed from e.storage.
    static void reindex(Entry& e);
    const Entry* find(const Address& addr) const;

    std::map<Address, Entry> accounts_;  // sorted: accounts() is iterated in address order
    // Hashed index over accounts_ for the reads of execution (map nodes never move).
    OrderedMap<Address, Entry*> index_;         // null for a deleted account
    std::unordered_map<Hash256, bytes> codes_;  // node-based: references stay valid
    std::unordered_map<int64_t, Hash256> block_hashes_;
};

}  // namespace parevm
