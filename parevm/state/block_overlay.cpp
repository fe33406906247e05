// SPDX-License-Identifier: Apache-2.0
// parevm: BlockOverlay, the pre-state plus the writes of the block's earlier transactions.
#include <parevm/state/block_overlay.hpp>

#include <algorithm>
#include <functional>

namespace parevm {

namespace {

bool in_partition(const Address& a, unsigned part, unsigned parts) {
    return std::hash<Address>{}(a) % parts == part;
}

}  // namespace

void BlockOverlay::apply_account(const AccountDiff& d) {
    Entry& e = accounts_[d.address];
    if (d.deleted) {
        e.deleted = true;
        e.storage_cleared = true;
        e.info.reset();
        e.storage.clear();
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
    if (d.code && d.info && !d.code->empty()) codes_.try_emplace(d.info->code_hash, *d.code);
    for (const auto& [key, value] : d.storage) e.storage[key] = value;
}

void BlockOverlay::apply_delta(const BalanceDelta& delta) {
    const std::optional<AccountInfo> before = account(delta.address);
    const std::optional<AccountInfo> after =
        apply_balance_delta(before, delta.amount, delta.clear_if_empty);
    if (!before && !after) return;
    Entry& e = accounts_[delta.address];
    if (after) {
        e.info = after;
        e.deleted = false;
    } else {
        e.deleted = true;
        e.storage_cleared = true;
        e.info.reset();
        e.storage.clear();
    }
}

void BlockOverlay::apply(const WriteSet& ws) {
    for (const AccountDiff& d : ws.accounts) apply_account(d);
    for (const BalanceDelta& delta : ws.balance_deltas) apply_delta(delta);
}

void BlockOverlay::apply(const WriteSet& ws, unsigned part, unsigned parts) {
    for (const AccountDiff& d : ws.accounts)
        if (in_partition(d.address, part, parts)) apply_account(d);
    for (const BalanceDelta& delta : ws.balance_deltas)
        if (in_partition(delta.address, part, parts)) apply_delta(delta);
}

void BlockOverlay::absorb(BlockOverlay&& upper) {
    for (auto& [addr, u] : upper.accounts_) {
        const auto [it, fresh] = accounts_.try_emplace(addr, std::move(u));
        if (fresh) continue;
        Entry& e = it->second;
        if (u.deleted || u.storage_cleared) {
            // The upper overlay wiped the account or its storage: only its own slots remain.
            e.storage = std::move(u.storage);
            e.storage_cleared = true;
        } else {
            for (auto& [key, value] : u.storage) e.storage[key] = value;
        }
        if (u.deleted) {  // (a deleted entry never has info)
            e.deleted = true;
            e.info.reset();
        } else if (u.info) {
            e.info = u.info;
            e.deleted = false;
        }
    }
    codes_.merge(upper.codes_);
    upper.accounts_.clear();
}

std::optional<AccountInfo> BlockOverlay::account(const Address& addr) const {
    const auto it = accounts_.find(addr);
    if (it == accounts_.end()) return pre_->account(addr);
    const Entry& e = it->second;
    if (e.info) return e.info;
    if (e.deleted) return std::nullopt;
    return pre_->account(addr);
}

uint256 BlockOverlay::storage(const Address& addr, const uint256& key) const {
    const auto it = accounts_.find(addr);
    if (it == accounts_.end()) return pre_->storage(addr, key);
    const Entry& e = it->second;
    if (const auto s = e.storage.find(key); s != e.storage.end()) return s->second;
    if (e.storage_cleared || e.deleted) return {};
    return pre_->storage(addr, key);
}

bool BlockOverlay::has_storage(const Address& addr) const {
    const auto it = accounts_.find(addr);
    if (it == accounts_.end()) return pre_->has_storage(addr);
    const Entry& e = it->second;
    for (const auto& [key, value] : e.storage)
        if (value) return true;
    if (e.storage_cleared || e.deleted) return false;
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
    return diff(0, 1);
}

StateDiff BlockOverlay::diff(unsigned part, unsigned parts) const {
    // Visit the accounts in address order: the output is sorted, and `pre` lookups in order
    // are kinder to its caches.
    std::vector<std::pair<Address, const Entry*>> order;
    order.reserve(parts > 1 ? accounts_.size() / parts + 16 : accounts_.size());
    for (const auto& [addr, e] : accounts_)
        if (parts == 1 || in_partition(addr, part, parts)) order.emplace_back(addr, &e);
    std::sort(order.begin(), order.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    StateDiff out;
    out.accounts.reserve(order.size());
    for (const auto& [addr, entry] : order) {
        const Entry& e = *entry;
        const std::optional<AccountInfo> pre_info = pre_->account(addr);
        AccountDiff d;
        d.address = addr;
        if (!e.info) {
            if (e.deleted) {
                if (pre_info) {
                    d.deleted = true;
                    out.accounts.push_back(std::move(d));
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
        for (const auto& [key, value] : e.storage) {
            const bool changed =
                cleared ? static_cast<bool>(value) : value != pre_->storage(addr, key);
            if (changed) d.storage.emplace_back(key, value);
        }
        if (!d.info && !d.code && d.storage.empty() && !d.storage_cleared) continue;
        // A new account: its info must be written even when it equals the defaults.
        if (!d.info && !pre_info) continue;
        out.accounts.push_back(std::move(d));
    }
    return out;
}

}  // namespace parevm
