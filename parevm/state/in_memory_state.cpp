// SPDX-License-Identifier: Apache-2.0
// parevm: in-memory world state.
#include <parevm/state/in_memory_state.hpp>

#include <parevm/core/assert.hpp>
#include <parevm/crypto/keccak.hpp>

namespace parevm {

InMemoryState::InMemoryState(const InMemoryState& other)
    : StateView(other),
      accounts_(other.accounts_),
      codes_(other.codes_),
      block_hashes_(other.block_hashes_) {
    index_.reserve(accounts_.size());
    for (auto& [addr, e] : accounts_) index_[addr] = &e;
}

InMemoryState& InMemoryState::operator=(const InMemoryState& other) {
    if (this != &other) {
        InMemoryState copy{other};
        *this = std::move(copy);
    }
    return *this;
}

InMemoryState::Entry& InMemoryState::entry_for(const Address& addr) {
    Entry& e = accounts_[addr];
    index_[addr] = &e;
    return e;
}

void InMemoryState::reindex(Entry& e) {
    e.hashed.clear();
    e.hashed.reserve(e.storage.size());
    for (const auto& [key, value] : e.storage) e.hashed[key] = value;
}

const InMemoryState::Entry* InMemoryState::find(const Address& addr) const {
    Entry* const* e = index_.find(addr);
    return e == nullptr ? nullptr : *e;
}

void InMemoryState::set_account(const Address& addr,
                                uint64_t nonce,
                                const uint256& balance,
                                bytes_view code,
                                const std::vector<std::pair<uint256, uint256>>& storage) {
    Entry entry;
    entry.info.nonce = nonce;
    entry.info.balance = balance;
    entry.info.code_hash = insert_code(code);
    for (const auto& [key, value] : storage)
        if (value) entry.storage[key] = value;
    reindex(entry);
    entry_for(addr) = std::move(entry);
}

void InMemoryState::set_block_hash(int64_t block_number, const Hash256& hash) {
    block_hashes_[block_number] = hash;
}

Hash256 InMemoryState::insert_code(bytes_view code) {
    if (code.empty()) return empty_code_hash;
    const Hash256 hash = keccak256(code);
    codes_.try_emplace(hash, code);
    return hash;
}

void InMemoryState::apply(const StateDiff& diff) {
    for (const AccountDiff& d : diff.accounts) {
        if (d.deleted) {
            accounts_.erase(d.address);
            if (Entry** e = index_.find(d.address)) *e = nullptr;
            continue;
        }
        Entry& entry = entry_for(d.address);
        if (d.storage_cleared) {
            entry.storage.clear();
            entry.hashed.clear();
        }
        if (d.info) entry.info = *d.info;
        if (d.code) {
            const Hash256 hash = insert_code(*d.code);
            // The diff must describe deployed code by the hash it stores in info.
            PAREVM_ASSERT(hash == entry.info.code_hash);
        }
        // The hashed copy follows slot by slot; it is rebuilt once the zeros left behind
        // outnumber the slots.
        for (const auto& [key, value] : d.storage) {
            if (value) {
                entry.storage[key] = value;
                entry.hashed[key] = value;
            } else {
                entry.storage.erase(key);
                if (uint256* v = entry.hashed.find(key)) *v = uint256{};
            }
        }
        if (entry.hashed.size() > 2 * entry.storage.size() + 8) reindex(entry);
    }
}

std::optional<AccountInfo> InMemoryState::account(const Address& addr) const {
    const Entry* e = find(addr);
    if (e == nullptr) return std::nullopt;
    return e->info;
}

uint256 InMemoryState::storage(const Address& addr, const uint256& key) const {
    const Entry* e = find(addr);
    if (e == nullptr) return 0;
    const uint256* v = e->hashed.find(key);
    return v == nullptr ? uint256{} : *v;
}

bool InMemoryState::has_storage(const Address& addr) const {
    const Entry* e = find(addr);
    return e != nullptr && !e->storage.empty();
}

bytes_view InMemoryState::code(const Hash256& code_hash) const {
    const auto it = codes_.find(code_hash);
    return it == codes_.end() ? bytes_view{} : bytes_view{it->second};
}

Hash256 InMemoryState::block_hash(int64_t block_number) const {
    const auto it = block_hashes_.find(block_number);
    return it == block_hashes_.end() ? Hash256{} : it->second;
}

}  // namespace parevm
