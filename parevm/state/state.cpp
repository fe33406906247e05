// SPDX-License-Identifier: Apache-2.0
// parevm: State, the journaled per-transaction overlay.
#include <parevm/core/assert.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/evm/precompiles/precompiles.hpp>
#include <parevm/state/state.hpp>

#include <utility>

namespace parevm {

State::Account& State::load(const Address& addr) {
    auto [it, inserted] = accounts_.try_emplace(addr);
    Account& acc = it->second;
    if (inserted) {
        acc.view_info = view_->account(addr);
        if (acc.view_info) {
            acc.info = *acc.view_info;
            acc.exists = true;
        }
        // Deferred credits are the last writes of a transaction; nothing loads after them.
        PAREVM_ASSERT(deferred_.empty());
    }
    return acc;
}

State::Slot& State::load_slot(Account& acc, const Address& addr, const uint256& key) {
    auto [it, inserted] = acc.storage.try_emplace(key);
    if (inserted) {
        // A slot first read after the account was (re)created starts from zero; its original
        // value is irrelevant then (original_storage answers zero for created accounts).
        if (!acc.storage_cleared && acc.view_info) {
            const uint256 v = view_->storage(addr, key);
            it->second = {v, v};
        }
    }
    return it->second;
}

void State::make_exist(Account& acc, const Address& addr) {
    if (acc.exists) return;
    journal_.push_back({Undo::exists, addr, {}, {}, 0});
    acc.exists = true;
}

void State::mark_touched(Account& acc, const Address& addr) {
    if (acc.touched) return;
    journal_.push_back({Undo::touched, addr, {}, {}, 0});
    acc.touched = true;
}

size_t State::save(const Account& acc, bool with_storage) {
    SavedAccount s;
    s.info = acc.info;
    s.exists = acc.exists;
    s.created = acc.created;
    s.storage_cleared = acc.storage_cleared;
    s.code_changed = acc.code_changed;
    s.code = acc.code;
    s.storage_saved = with_storage;
    saved_.push_back(std::move(s));
    return saved_.size() - 1;
}

bool State::exists(const Address& addr) {
    return load(addr).exists;
}

bool State::is_empty(const Address& addr) {
    const Account& acc = load(addr);
    return !acc.exists || acc.info.is_empty();
}

const AccountInfo& State::info(const Address& addr) {
    return load(addr).info;
}

bytes_view State::code(const Address& addr) {
    const Account& acc = load(addr);
    if (acc.code_changed) return acc.code;
    if (acc.info.code_hash == empty_code_hash) return {};
    return view_->code(acc.info.code_hash);
}

void State::add_balance(const Address& addr, const uint256& amount) {
    Account& acc = load(addr);
    make_exist(acc, addr);
    mark_touched(acc, addr);
    if (!amount) return;
    journal_.push_back({Undo::balance, addr, {}, acc.info.balance, 0});
    acc.info.balance += amount;
}

std::optional<AccountInfo> apply_balance_delta(std::optional<AccountInfo> account,
                                               const uint256& amount,
                                               bool clear_if_empty) {
    AccountInfo info = account.value_or(AccountInfo{});
    info.balance += amount;
    if (clear_if_empty && info.is_empty()) return std::nullopt;
    return info;
}

bool debit_applies(const std::optional<AccountInfo>& account, const SenderDebit& debit) {
    const AccountInfo a = account.value_or(AccountInfo{});  // absent: nonce 0, nothing, no code
    return a.nonce == debit.nonce && a.balance >= debit.upfront && a.code_hash == empty_code_hash;
}

AccountInfo apply_debit(const std::optional<AccountInfo>& account, const SenderDebit& debit) {
    AccountInfo info = account.value_or(AccountInfo{});
    ++info.nonce;
    info.balance = info.balance >= debit.amount ? info.balance - debit.amount : uint256{};
    return info;
}

void State::add_balance_deferred(const Address& addr, const uint256& amount, bool clear_if_empty) {
    if (!deferred_credits_ || accounts_.contains(addr)) {
        add_balance(addr, amount);
        return;
    }
    for (BalanceDelta& d : deferred_) {
        if (d.address == addr) {
            d.amount += amount;
            return;
        }
    }
    deferred_.push_back({addr, amount, clear_if_empty});
}

void State::sub_balance(const Address& addr, const uint256& amount) {
    Account& acc = load(addr);
    PAREVM_ASSERT(acc.info.balance >= amount);
    if (acc.exists) mark_touched(acc, addr);
    if (!amount) return;
    journal_.push_back({Undo::balance, addr, {}, acc.info.balance, 0});
    acc.info.balance -= amount;
}

void State::set_balance(const Address& addr, const uint256& amount) {
    Account& acc = load(addr);
    make_exist(acc, addr);
    mark_touched(acc, addr);
    journal_.push_back({Undo::balance, addr, {}, acc.info.balance, 0});
    acc.info.balance = amount;
}

void State::set_nonce(const Address& addr, uint64_t nonce) {
    Account& acc = load(addr);
    make_exist(acc, addr);
    mark_touched(acc, addr);
    journal_.push_back({Undo::nonce, addr, {}, uint256{acc.info.nonce}, 0});
    acc.info.nonce = nonce;
}

void State::set_code(const Address& addr, bytes code) {
    Account& acc = load(addr);
    const size_t idx = save(acc, false);
    journal_.push_back({Undo::replace, addr, {}, {}, idx});
    acc.exists = true;
    acc.info.code_hash = code.empty() ? empty_code_hash : keccak256(code);
    acc.code = std::move(code);
    acc.code_changed = true;
    mark_touched(acc, addr);
}

void State::touch(const Address& addr) {
    Account& acc = load(addr);
    if (acc.exists) mark_touched(acc, addr);
}

void State::create_contract(const Address& addr, uint64_t nonce) {
    Account& acc = load(addr);
    const size_t idx = save(acc, true);
    saved_[idx].storage = std::move(acc.storage);
    acc.storage.clear();
    journal_.push_back({Undo::replace, addr, {}, {}, idx});
    acc.exists = true;
    acc.created = true;
    acc.storage_cleared = true;
    acc.info.nonce = nonce;
    acc.info.code_hash = empty_code_hash;
    acc.code.clear();
    acc.code_changed = true;
    mark_touched(acc, addr);
}

bool State::destruct(const Address& addr) {
    Account& acc = load(addr);
    if (acc.info.balance) {
        journal_.push_back({Undo::balance, addr, {}, acc.info.balance, 0});
        acc.info.balance = 0;
    }
    if (acc.destructed) return false;
    journal_.push_back({Undo::destructed, addr, {}, {}, 0});
    acc.destructed = true;
    return true;
}

bool State::is_created(const Address& addr) {
    return load(addr).created;
}

bool State::is_destructed(const Address& addr) {
    return load(addr).destructed;
}

uint256 State::storage(const Address& addr, const uint256& key) {
    Account& acc = load(addr);
    return load_slot(acc, addr, key).current;
}

uint256 State::original_storage(const Address& addr, const uint256& key) {
    Account& acc = load(addr);
    if (acc.created) return {};
    return load_slot(acc, addr, key).original;
}

void State::set_storage(const Address& addr, const uint256& key, const uint256& value) {
    Account& acc = load(addr);
    Slot& slot = load_slot(acc, addr, key);
    journal_.push_back({Undo::storage, addr, key, slot.current, 0});
    slot.current = value;
}

bool State::has_storage(const Address& addr) {
    Account& acc = load(addr);
    for (const auto& [key, slot] : acc.storage)
        if (slot.current) return true;
    if (acc.storage_cleared || !acc.view_info) return false;
    return view_->has_storage(addr);
}

uint256 State::transient_storage(const Address& addr, const uint256& key) const {
    const auto it = transient_.find(SlotKey{addr, key});
    return it == transient_.end() ? uint256{} : it->second;
}

void State::set_transient_storage(const Address& addr, const uint256& key, const uint256& value) {
    uint256& v = transient_[SlotKey{addr, key}];
    journal_.push_back({Undo::transient, addr, key, v, 0});
    v = value;
}

bool State::warm_account(const Address& addr) {
    if (precompiles_rev_ && is_precompile(*precompiles_rev_, addr)) return true;
    if (!warm_accounts_.insert(addr).second) return true;
    journal_.push_back({Undo::warm_account, addr, {}, {}, 0});
    return false;
}

bool State::warm_slot(const Address& addr, const uint256& key) {
    if (!warm_slots_.insert(SlotKey{addr, key}).second) return true;
    journal_.push_back({Undo::warm_slot, addr, key, {}, 0});
    return false;
}

void State::add_log(StateLog log) {
    logs_.push_back(std::move(log));
    journal_.push_back({Undo::log, {}, {}, {}, 0});
}

void State::keep_touched(const Address& addr) {
    Account& acc = load(addr);
    if (acc.exists) acc.sticky_touch = true;
}

void State::rollback(Checkpoint cp) {
    PAREVM_ASSERT(cp <= journal_.size());
    while (journal_.size() > cp) {
        const JournalEntry e = journal_.back();
        journal_.pop_back();
        switch (e.kind) {
            case Undo::balance:
                accounts_.at(e.addr).info.balance = e.prev;
                break;
            case Undo::nonce:
                accounts_.at(e.addr).info.nonce = e.prev.low64();
                break;
            case Undo::exists:
                accounts_.at(e.addr).exists = false;
                break;
            case Undo::touched:
                accounts_.at(e.addr).touched = false;
                break;
            case Undo::destructed:
                accounts_.at(e.addr).destructed = false;
                break;
            case Undo::storage:
                accounts_.at(e.addr).storage.at(e.key).current = e.prev;
                break;
            case Undo::transient:
                transient_[SlotKey{e.addr, e.key}] = e.prev;
                break;
            case Undo::warm_account:
                warm_accounts_.erase(e.addr);
                break;
            case Undo::warm_slot:
                warm_slots_.erase(SlotKey{e.addr, e.key});
                break;
            case Undo::log:
                logs_.pop_back();
                break;
            case Undo::replace: {
                PAREVM_ASSERT(e.saved + 1 == saved_.size());
                SavedAccount& s = saved_.back();
                Account& acc = accounts_.at(e.addr);
                acc.info = s.info;
                acc.exists = s.exists;
                acc.created = s.created;
                acc.storage_cleared = s.storage_cleared;
                acc.code_changed = s.code_changed;
                acc.code = std::move(s.code);
                if (s.storage_saved) acc.storage = std::move(s.storage);
                saved_.pop_back();
                break;
            }
        }
    }
}

void State::finalize(bool clear_empty) {
    for (auto& [addr, acc] : accounts_) {
        if (!acc.exists) continue;
        const bool touched = acc.touched || acc.sticky_touch;
        if (acc.destructed || (clear_empty && touched && acc.info.is_empty())) {
            acc.exists = false;
            acc.info = AccountInfo{};
            acc.code.clear();
            acc.code_changed = false;
            acc.storage.clear();
            acc.storage_cleared = true;
        }
    }
    journal_.clear();
    saved_.clear();
}

WriteSet State::write_set() const {
    WriteSet ws;
    ws.balance_deltas = deferred_;
    for (const auto& [addr, acc] : accounts_) {
        const bool existed = acc.view_info.has_value();
        if (!acc.exists) {
            if (existed) {
                AccountDiff d;
                d.address = addr;
                d.deleted = true;
                ws.accounts.push_back(std::move(d));
            }
            continue;
        }
        AccountDiff d;
        d.address = addr;
        d.storage_cleared = acc.storage_cleared;
        if (!existed || acc.info != *acc.view_info || d.storage_cleared) d.info = acc.info;
        if (acc.code_changed && (!existed || acc.info.code_hash != acc.view_info->code_hash) &&
            !acc.code.empty())
            d.code = acc.code;
        for (const auto& [key, slot] : acc.storage) {
            const bool changed = acc.storage_cleared ? static_cast<bool>(slot.current)
                                                     : slot.current != slot.original;
            if (changed) d.storage.emplace_back(key, slot.current);
        }
        if (d.changes_nothing()) continue;
        if (d.code && !d.info) d.info = acc.info;
        ws.accounts.push_back(std::move(d));
    }
    return ws;
}

}  // namespace parevm
