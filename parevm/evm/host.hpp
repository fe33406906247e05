// SPDX-License-Identifier: Apache-2.0
// parevm: the EVM's view of the world. The interpreter sees accounts only through Host; the
// implementation over the journaled per-transaction State lives in parevm/execution.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>
#include <parevm/evm/revision.hpp>

#include <cstdint>
#include <span>

namespace parevm {

/// How an execution frame ended. Everything except success and revert consumes all gas.
enum class StatusCode : uint8_t {
    success,
    revert,
    out_of_gas,
    invalid_instruction,    // INVALID (0xfe)
    undefined_instruction,  // opcode not defined in this revision
    stack_overflow,
    stack_underflow,
    bad_jump_destination,
    invalid_memory_access,  // RETURNDATACOPY out of bounds
    static_mode_violation,  // state change inside STATICCALL
    precompile_failure,
    contract_validation_failure,  // EIP-3541: deployed code starts with 0xEF
    call_depth_exceeded,          // returned by Host::call when depth > 1024 (no gas consumed)
    insufficient_balance,         // returned by Host::call for value > balance (no gas consumed)
    create_collision,             // EIP-684/7610: target has nonce, code or storage
    nonce_overflow,               // EIP-2681: creator nonce at 2^64-1
    code_size_exceeded,           // EIP-170 deployed code / EIP-3860 initcode limit
};

enum class CallKind : uint8_t { call, delegatecall, callcode, staticcall, create, create2 };

/// One message call or contract creation.
struct Message {
    CallKind kind = CallKind::call;
    bool is_static = false;
    int32_t depth = 0;  // 0 for the transaction's own frame
    int64_t gas = 0;
    /// The account whose storage and balance the frame uses (the new address for creates;
    /// for CREATE/CREATE2 sent by the interpreter it is unset and Host computes it).
    Address recipient;
    Address sender;  // CALLER
    /// Where the code comes from: differs from recipient for DELEGATECALL/CALLCODE and for
    /// EIP-7702 delegated accounts (then it is the delegation target).
    Address code_address;
    bytes_view input;  // calldata, or initcode for creates
    uint256 value;     // CALLVALUE (for DELEGATECALL: the parent's value, not transferred)
    uint256 create2_salt;
    /// EIP-7702: code_address was taken from a delegation designator. Precompiles are disabled
    /// for such a frame: a delegation to a precompile address runs as empty code.
    bool delegated = false;
};

/// The outcome of a frame. `output` is return data (or revert data); for a successful create it
/// is empty and `create_address` is set.
struct Result {
    StatusCode status = StatusCode::success;
    int64_t gas_left = 0;
    int64_t gas_refund = 0;  // refund counter delta accumulated by this frame (may be negative)
    bytes output;
    Address create_address;
};

/// Block and transaction values the EVM reads (ORIGIN, GASPRICE, COINBASE, NUMBER, ...).
struct TxContext {
    uint256 gas_price;  // effective gas price
    Address origin;
    Address coinbase;
    int64_t block_number = 0;
    int64_t timestamp = 0;
    int64_t gas_limit = 0;  // block gas limit
    uint256 prev_randao;    // DIFFICULTY before Paris, PREVRANDAO after
    uint256 chain_id;
    uint256 base_fee;
    uint256 blob_base_fee;
    std::span<const Hash256> blob_hashes;
};

/// EIP-2200 classification of an SSTORE from (original, current, new) values; the interpreter
/// turns it into gas and refund with the revision's table.
enum class StorageStatus : uint8_t {
    assigned,           // no-op or dirty slot change with no refund effect: current != original
    added,              // 0 -> 0 -> Z
    deleted,            // X -> X -> 0
    modified,           // X -> X -> Z
    deleted_added,      // X -> 0 -> Z
    modified_deleted,   // X -> Y -> 0
    deleted_restored,   // X -> 0 -> X
    added_deleted,      // 0 -> Y -> 0
    modified_restored,  // X -> Y -> X
};

enum class AccessStatus : uint8_t { cold, warm };

/// The world as the interpreter sees it. Implementations keep all journaling: the interpreter
/// never undoes anything itself.
class Host {
public:
    virtual ~Host() = default;

    /// EIP-161 aware existence: before Spurious Dragon "exists in the trie", after it
    /// "not empty". Used by CALL for the new-account charge.
    virtual bool account_exists(const Address& addr) const noexcept = 0;
    virtual uint256 get_storage(const Address& addr, const uint256& key) const noexcept = 0;
    virtual StorageStatus set_storage(const Address& addr,
                                      const uint256& key,
                                      const uint256& value) noexcept = 0;
    virtual uint256 get_balance(const Address& addr) const noexcept = 0;
    /// Raw code (an EIP-7702 delegation designator is returned as its 23 bytes).
    virtual size_t get_code_size(const Address& addr) const noexcept = 0;
    /// keccak256 of the code; zero hash for accounts that do not exist or are empty (EIP-1052).
    virtual Hash256 get_code_hash(const Address& addr) const noexcept = 0;
    /// Copies code[offset, offset+size) into out, returns bytes copied.
    virtual size_t copy_code(const Address& addr,
                             size_t offset,
                             uint8_t* out,
                             size_t size) const noexcept = 0;
    /// SELFDESTRUCT bookkeeping (balance move, EIP-6780 rules). Returns true the first time the
    /// account is registered for destruction in this transaction (pre-London refund).
    virtual bool selfdestruct(const Address& addr, const Address& beneficiary) noexcept = 0;
    /// Runs a nested frame: value transfer, precompiles, code execution, creates.
    virtual Result call(const Message& msg) noexcept = 0;
    virtual const TxContext& get_tx_context() const noexcept = 0;
    /// BLOCKHASH for one of the 256 previous blocks (the caller checks the range).
    virtual Hash256 get_block_hash(int64_t block_number) const noexcept = 0;
    virtual void emit_log(const Address& addr,
                          bytes_view data,
                          std::span<const Hash256> topics) noexcept = 0;
    /// EIP-2929: marks warm, returns the status before.
    virtual AccessStatus access_account(const Address& addr) noexcept = 0;
    virtual AccessStatus access_storage(const Address& addr, const uint256& key) noexcept = 0;
    /// EIP-1153 transient storage.
    virtual uint256 get_transient_storage(const Address& addr,
                                          const uint256& key) const noexcept = 0;
    virtual void set_transient_storage(const Address& addr,
                                       const uint256& key,
                                       const uint256& value) noexcept = 0;
};

}  // namespace parevm
