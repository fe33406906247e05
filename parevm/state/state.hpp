// SPDX-License-Identifier: Apache-2.0
// parevm: State, the journaled per-transaction overlay the EVM mutates (DESIGN.md §2).
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>
#include <parevm/evm/revision.hpp>
#include <parevm/state/account.hpp>
#include <parevm/state/state_diff.hpp>
#include <parevm/state/state_view.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace parevm {

/// (address, storage key): a warm slot (EIP-2929) or a transient slot (EIP-1153).
struct SlotKey {
    Address address;
    uint256 key;
    friend bool operator==(const SlotKey&, const SlotKey&) noexcept = default;
};

}  // namespace parevm

template <>
struct std::hash<parevm::SlotKey> {
    size_t operator()(const parevm::SlotKey& k) const noexcept {
        return std::hash<parevm::Address>{}(k.address) ^
               (std::hash<parevm::uint256>{}(k.key) * 0x9e3779b97f4a7c15ull);
    }
};

namespace parevm {

/// A log record kept by State; the execution layer turns it into a receipt Log.
struct StateLog {
    Address address;
    std::vector<Hash256> topics;
    bytes data;
};

/// A balance credit applied to whatever the account holds when it is folded in: the coinbase fee
/// in the parallel executor (DESIGN.md §3), so that transactions do not conflict on it.
struct BalanceDelta {
    Address address;
    uint256 amount;
    bool clear_if_empty = false;  // EIP-161: the credit touches the account
};

/// The account after a deferred credit: add_balance's semantics (created when absent),
/// then finalize's EIP-161 clearing of a touched empty account when `clear_if_empty`.
std::optional<AccountInfo> apply_balance_delta(std::optional<AccountInfo> account,
                                               const uint256& amount,
                                               bool clear_if_empty);

/// What a plain ether transfer does to its sender, recorded without reading the account (the
/// chunked executor's speculation, execute_debited_transfer): the transfer is valid when the
/// account then has nonce `nonce`, no code and at least `upfront` wei (gas limit x fee cap +
/// value); it then takes `amount` (gas used x gas price + value) and bumps the nonce. Whoever
/// folds it checks debit_applies against the account first (a failed check means the
/// transaction must run again over the state, which reports its error).
struct SenderDebit {
    Address address;
    uint64_t nonce = 0;
    uint256 upfront;
    uint256 amount;
};

/// Whether `debit` is valid on `account` (absent: nonce 0, no balance, no code).
bool debit_applies(const std::optional<AccountInfo>& account, const SenderDebit& debit);
/// The account after `debit` (created when absent). Where the check failed (a speculation over
/// a state the commit then rejects), the balance stops at zero instead of wrapping.
AccountInfo apply_debit(const std::optional<AccountInfo>& account, const SenderDebit& debit);

/// The net writes of one transaction: one AccountDiff per changed account, in no particular
/// order. `deleted` accounts existed before the transaction; `storage_cleared` marks an account
/// (re)created in the transaction, whose older slots must read as zero afterwards. This is what
/// the sequential executor folds into its BlockOverlay and what the parallel executor publishes
/// to multi-version memory.
struct WriteSet {
    std::vector<AccountDiff> accounts;
    /// Credits recorded without reading the account (State::add_balance_deferred); never for an
    /// address that also has an entry in `accounts`.
    std::vector<BalanceDelta> balance_deltas;
    /// Sender debits (execute_debited_transfer); never for an address in `accounts`. Folded
    /// after `accounts` and before `balance_deltas` (the transaction's own fee credit to a
    /// sender that is the coinbase comes after its debit).
    std::vector<SenderDebit> debits;
};

/// The journaled state of one transaction over a read-only StateView.
///
/// Every account the transaction touches is loaded once from the view and then lives here with
/// its flags; every mutation appends an undo entry to the journal, so `rollback(checkpoint())`
/// restores the exact state of the checkpoint (call frames, reverts, failed creates). Reads of
/// unmodified data go to the view, which is never written.
class State {
public:
    /// Opaque position in the journal.
    using Checkpoint = size_t;

    explicit State(const StateView& view) noexcept : view_(&view) {}
    State(const State&) = delete;
    State& operator=(const State&) = delete;

    const StateView& view() const noexcept { return *view_; }

    // --- accounts ---

    /// True when the account is in the state trie (possibly empty).
    bool exists(const Address& addr);
    /// EIP-161: absent, or no nonce, no balance and no code.
    bool is_empty(const Address& addr);
    /// Nonce, balance and code hash; the defaults for an absent account.
    const AccountInfo& info(const Address& addr);
    uint256 balance(const Address& addr) { return info(addr).balance; }
    uint64_t nonce(const Address& addr) { return info(addr).nonce; }
    /// The raw code (empty for absent accounts). Valid until the code of `addr` changes.
    bytes_view code(const Address& addr);

    /// Adds to the balance, creating the account when absent; touches it even for zero (as
    /// every client does, so that EIP-161 clears empty accounts a zero transfer reaches).
    void add_balance(const Address& addr, const uint256& amount);
    /// When on, add_balance_deferred records credits to accounts this State has not loaded as
    /// BalanceDeltas instead of reading them (the parallel executor turns it on).
    void set_deferred_credits(bool on) noexcept { deferred_credits_ = on; }
    bool deferred_credits() const noexcept { return deferred_credits_; }
    /// True when `addr` was loaded into this State (read or written by the transaction).
    bool is_loaded(const Address& addr) const { return accounts_.contains(addr); }
    /// The code hash of an account not loaded yet, asked of the view without loading it
    /// (StateView::code_hash): for a decision that depends on the code alone.
    Hash256 peek_code_hash(const Address& addr) const { return view_->code_hash(addr); }
    /// add_balance, deferred when possible (see set_deferred_credits). Call only after the last
    /// rollback and before finalize: the credit is not journaled.
    void add_balance_deferred(const Address& addr, const uint256& amount, bool clear_if_empty);
    /// Subtracts from the balance; the caller checked that it is large enough.
    void sub_balance(const Address& addr, const uint256& amount);
    /// Replaces the balance (creates the account when absent).
    void set_balance(const Address& addr, const uint256& amount);
    void set_nonce(const Address& addr, uint64_t nonce);
    /// Replaces the code (deployments, EIP-7702 delegation designators); creates the account
    /// when absent and sets its code hash.
    void set_code(const Address& addr, bytes code);
    /// EIP-161: marks an existing account touched, so that it is deleted at the end of the
    /// transaction if it is then empty. No effect on absent accounts.
    void touch(const Address& addr);
    /// A contract creation at `addr`: keeps the balance, sets `nonce`, empties code and
    /// storage, and marks the account created in this transaction (EIP-6780, EIP-2200 original
    /// values read as zero).
    void create_contract(const Address& addr, uint64_t nonce);
    /// Registers a SELFDESTRUCT: the account is deleted at the end of the transaction and its
    /// balance is zeroed now. Returns true the first time within the transaction.
    bool destruct(const Address& addr);
    bool is_created(const Address& addr);
    bool is_destructed(const Address& addr);

    // --- storage ---

    /// Current value of a slot.
    uint256 storage(const Address& addr, const uint256& key);
    /// EIP-2200 original value: the value at the start of the transaction (zero for an account
    /// created in this transaction).
    uint256 original_storage(const Address& addr, const uint256& key);
    void set_storage(const Address& addr, const uint256& key, const uint256& value);
    /// EIP-7610: the account has a non-zero slot. An approximation when earlier writes zeroed
    /// slots of the view: then the view's answer is used.
    bool has_storage(const Address& addr);

    /// EIP-1153 transient storage (journaled, discarded with the State).
    uint256 transient_storage(const Address& addr, const uint256& key) const;
    void set_transient_storage(const Address& addr, const uint256& key, const uint256& value);

    // --- EIP-2929 access lists ---

    /// Marks the account warm; returns true when it already was.
    bool warm_account(const Address& addr);
    /// EIP-2929: the precompiles of `rev` are warm from the start of the transaction. Cheaper
    /// than warming each: they are recognized by address instead of entering the warm set.
    void warm_precompiles(Revision rev) noexcept { precompiles_rev_ = rev; }
    /// Marks the slot warm; returns true when it already was.
    bool warm_slot(const Address& addr, const uint256& key);

    // --- logs ---

    void add_log(StateLog log);
    const std::vector<StateLog>& logs() const noexcept { return logs_; }

    // --- journal ---

    Checkpoint checkpoint() const noexcept { return journal_.size(); }
    /// Undoes every change made after `cp`.
    void rollback(Checkpoint cp);

    // --- end of transaction ---

    /// Deletes the accounts registered by SELFDESTRUCT and, when `clear_empty` (EIP-161, from
    /// Spurious Dragon), every touched account that is empty. Not journaled: call it once,
    /// after the last rollback. Logs are kept.
    void finalize(bool clear_empty);
    /// The net changes against the view (call after finalize).
    WriteSet write_set() const;

    /// The historic RIPEMD-160 exception (mainnet block 2675119): a touch of 0x03 survives the
    /// revert of the frame that touched it. The Host calls this when it rolls back such a frame.
    void keep_touched(const Address& addr);

private:
    struct Slot {
        uint256 original;  // value at transaction start (from the view)
        uint256 current;
    };

    struct Account {
        std::optional<AccountInfo> view_info;  // as the view had it at transaction start
        AccountInfo info;
        bool exists = false;
        bool created = false;          // EIP-6780: created in this transaction
        bool destructed = false;       // SELFDESTRUCT registered
        bool touched = false;          // EIP-161
        bool storage_cleared = false;  // older slots read as zero (created over old storage)
        bool code_changed = false;     // `code` holds the code; else the view has it by hash
        bool sticky_touch = false;     // RIPEMD-160 exception: touch survives rollbacks
        bytes code;
        std::unordered_map<uint256, Slot> storage;
    };

    /// Undo information for mutations that replace several fields at once.
    struct SavedAccount {
        AccountInfo info;
        bool exists = false;
        bool created = false;
        bool storage_cleared = false;
        bool code_changed = false;
        bytes code;
        std::unordered_map<uint256, Slot> storage;
        bool storage_saved = false;
    };

    enum class Undo : uint8_t {
        balance,
        nonce,
        exists,
        touched,
        destructed,
        storage,
        transient,
        warm_account,
        warm_slot,
        log,
        replace,  // create_contract / set_code: restores a SavedAccount
    };

    struct JournalEntry {
        Undo kind;
        Address addr;
        uint256 key;
        uint256 prev;      // old balance / slot value / nonce (low limb)
        size_t saved = 0;  // index into saved_ for `replace`
    };

    Account& load(const Address& addr);
    Slot& load_slot(Account& acc, const Address& addr, const uint256& key);
    void make_exist(Account& acc, const Address& addr);
    void mark_touched(Account& acc, const Address& addr);
    size_t save(const Account& acc, bool with_storage);

    const StateView* view_;
    bool deferred_credits_ = false;
    std::vector<BalanceDelta> deferred_;
    std::unordered_map<Address, Account> accounts_;  // node-based: references stay valid
    std::unordered_map<SlotKey, uint256> transient_;
    std::unordered_set<Address> warm_accounts_;
    std::optional<Revision> precompiles_rev_;  // precompiles of this revision are warm
    std::unordered_set<SlotKey> warm_slots_;
    std::vector<StateLog> logs_;
    std::vector<JournalEntry> journal_;
    std::vector<SavedAccount> saved_;
};

}  // namespace parevm
