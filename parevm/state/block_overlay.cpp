// SPDX-License-Identifier: Apache-2.0
// parevm: BlockOverlay, the pre-state plus the writes of the block's earlier transactions.
#include <parevm/state/block_overlay.hpp>

#include <algorithm>

namespace parevm {

void BlockOverlay::apply(const AccountDiff& d) {
    Entry& e = entry(d.address);
    if (d.deleted) {
        e.erase();
        return;
    }
    if (d.storage_cleared) {
        e.storage_cleared = true;
        e.storage.clear();
    }
    if (d.info) {
        e.info = d.info;
        e.deleted = false;
    }
    if (d.code && d.info) add_code(d.info->code_hash, *d.code);
    for (const auto& [key, value] : d.storage) e.storage[key] = value;
}

void BlockOverlay::apply(const BalanceDelta& delta) {
    // An account the block already wrote (the coinbase after its first fee, a hot recipient):
    // credited in place, with one lookup. The same as below: its info is the value before.
    if (Entry* e = shards_[shard_of(delta.address)].find(delta.address); e && e->info) {
        e->info->balance += delta.amount;
        if (delta.clear_if_empty && e->info->is_empty()) e->erase();
        return;
    }
    const std::optional<AccountInfo> before = account(delta.address);
    const std::optional<AccountInfo> after =
        apply_balance_delta(before, delta.amount, delta.clear_if_empty);
    if (!before && !after) return;
    Entry& e = entry(delta.address);
    if (after) {
        e.info = after;
        e.deleted = false;
    } else {
        e.erase();
    }
}

void BlockOverlay::apply(const SenderDebit& debit) {
    const AccountInfo after = apply_debit(account(debit.address), debit);
    Entry& e = entry(debit.address);
    e.info = after;
    e.deleted = false;
}

void BlockOverlay::reserve(size_t accounts) {
    // A quarter more than the average share: addresses spread over the shards unevenly.
    const size_t per_shard = accounts / shard_count + accounts / (4 * shard_count);
    if (per_shard <= 8) return;  // small shards are scanned, not indexed: nothing to gain
    for (Accounts& shard : shards_) shard.reserve(per_shard);
}

void BlockOverlay::add_code(const Hash256& code_hash, bytes_view code) {
    if (code.empty()) return;
    std::lock_guard lock{codes_mutex_};
    codes_.try_emplace(code_hash, code);
}

void BlockOverlay::apply(const WriteSet& ws) {
    for (const AccountDiff& d : ws.accounts) apply(d);
    for (const SenderDebit& debit : ws.debits) apply(debit);
    for (const BalanceDelta& delta : ws.balance_deltas) apply(delta);
}

void BlockOverlay::release(unsigned part, unsigned parts) {
    for (unsigned s = part; s < shard_count; s += parts) shards_[s] = Accounts{};
}

std::optional<AccountInfo> BlockOverlay::account(const Address& addr) const {
    const Entry* e = find(addr);
    if (e == nullptr) return pre_->account(addr);
    if (e->info) return e->info;
    if (e->deleted) return std::nullopt;
    return pre_->account(addr);
}

uint256 BlockOverlay::storage(const Address& addr, const uint256& key) const {
    const Entry* e = find(addr);
    if (e == nullptr) return pre_->storage(addr, key);
    if (const uint256* v = e->storage.find(key)) return *v;
    if (e->storage_cleared || e->deleted) return {};
    return pre_->storage(addr, key);
}

bool BlockOverlay::has_storage(const Address& addr) const {
    const Entry* e = find(addr);
    if (e == nullptr) return pre_->has_storage(addr);
    for (const auto& [key, value] : e->storage)
        if (value) return true;
    if (e->storage_cleared || e->deleted) return false;
    // Slots of `pre` zeroed by earlier transactions are not tracked here: answer as `pre`.
    return pre_->has_storage(addr);
}

bytes_view BlockOverlay::code(const Hash256& code_hash) const {
    if (const auto it = codes_.find(code_hash); it != codes_.end()) return it->second;
    return pre_->code(code_hash);
}

Hash256 BlockOverlay::block_hash(int64_t block_number) const {
    return pre_->block_hash(block_number);
}

StateDiff BlockOverlay::diff() const {
    size_t upper = 0;  // accounts in the overlay: at least as many as in the diff
    for (const Accounts& shard : shards_) upper += shard.size();
    StateDiff out;
    out.accounts.reserve(upper);
    for (unsigned s = 0; s < shard_count; ++s) diff_shard(s, out.accounts);
    return out;
}

std::vector<BlockOverlay::SlotRef> BlockOverlay::written_slots(const Address& addr) const {
    std::vector<SlotRef> out;
    if (const Entry* e = find(addr)) {
        out.reserve(e->storage.size());
        for (const auto& slot : e->storage) out.push_back(&slot);
    }
    return out;
}

void BlockOverlay::diff_slots(const Address& addr,
                              bool cleared,
                              std::span<const SlotRef> slots,
                              std::vector<std::pair<uint256, uint256>>& out) const {
    for (const SlotRef slot : slots)
        if (slot_changed(addr, cleared, slot->first, slot->second))
            out.emplace_back(slot->first, slot->second);
}

template <class Emit>
void BlockOverlay::diff_accounts(unsigned shard, size_t defer_above, Emit&& emit) const {
    // Visit the accounts in address order: the output is sorted, and `pre` lookups in order
    // are kinder to its caches.
    const Accounts& accounts = shards_[shard];
    std::vector<std::pair<Address, const Entry*>> order;
    order.reserve(accounts.size());
    for (const auto& [addr, e] : accounts) order.emplace_back(addr, &e);
    std::sort(order.begin(), order.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [addr, entry] : order) {
        const Entry& e = *entry;
        const std::optional<AccountInfo> pre_info = pre_->account(addr);
        AccountDiff d;
        d.address = addr;
        if (!e.info) {
            if (e.deleted) {
                if (pre_info) {
                    d.deleted = true;
                    emit(std::move(d), false);
                }
                continue;
            }
        }
        const bool cleared = e.storage_cleared && pre_info.has_value();
        d.storage_cleared = cleared;
        if (e.info && (!pre_info || *e.info != *pre_info || cleared)) d.info = e.info;
        if (d.info && (!pre_info || d.info->code_hash != pre_info->code_hash) &&
            d.info->code_hash != empty_code_hash) {
            if (const auto c = codes_.find(d.info->code_hash); c != codes_.end())
                d.code = c->second;
            else
                d.code = bytes(pre_->code(d.info->code_hash));
        }
        // A new account: its info must be written even when it equals the defaults.
        if (!d.info && !pre_info) continue;
        if (e.storage.size() > defer_above) {
            emit(std::move(d), true);  // its storage comes from diff_slots
            continue;
        }
        for (const auto& [key, value] : e.storage)
            if (slot_changed(addr, cleared, key, value)) d.storage.emplace_back(key, value);
        if (d.changes_nothing()) continue;
        emit(std::move(d), false);
    }
}

void BlockOverlay::diff_shard(unsigned shard,
                              std::vector<AccountDiff>& out,
                              size_t defer_above,
                              std::vector<size_t>* deferred) const {
    out.reserve(out.size() + shards_[shard].size());
    diff_accounts(shard, deferred != nullptr ? defer_above : ~size_t{0},
                  [&](AccountDiff&& d, bool is_deferred) {
                      if (is_deferred) deferred->push_back(out.size());
                      out.push_back(std::move(d));
                  });
}

size_t BlockOverlay::diff_shard_into(unsigned shard,
                                     AccountDiff* out,
                                     size_t defer_above,
                                     std::vector<size_t>* deferred) const {
    size_t n = 0;
    diff_accounts(shard, deferred != nullptr ? defer_above : ~size_t{0},
                  [&](AccountDiff&& d, bool is_deferred) {
                      if (is_deferred) deferred->push_back(n);
                      out[n++] = std::move(d);
                  });
    return n;
}

}  // namespace parevm
