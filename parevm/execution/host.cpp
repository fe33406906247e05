// SPDX-License-Identifier: Apache-2.0
// parevm: the Host over State: frames, value transfers, precompiles, creates, SELFDESTRUCT.
#include <parevm/core/assert.hpp>
#include <parevm/core/rlp.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/evm/precompiles/precompiles.hpp>
#include <parevm/execution/host.hpp>

#include <algorithm>
#include <cstring>
#include <limits>

namespace parevm {
namespace {

constexpr int32_t max_call_depth = 1024;
constexpr size_t max_code_size = 24576;     // EIP-170
constexpr int64_t code_deposit_cost = 200;  // G_codedeposit per byte
constexpr size_t delegation_size = 23;      // EIP-7702: 0xef0100 || address
const Address ripemd160_address = address_from_u64(3);

Address address_from_hash(const Hash256& h) {
    Address a;
    std::memcpy(a.data(), h.data() + 12, 20);
    return a;
}

bool is_failure(StatusCode s) {
    return s != StatusCode::success && s != StatusCode::revert;
}

}  // namespace

std::optional<Address> delegation_target(bytes_view code) noexcept {
    if (code.size() != delegation_size || code[0] != 0xef || code[1] != 0x01 || code[2] != 0x00)
        return std::nullopt;
    Address a;
    std::memcpy(a.data(), code.data() + 3, 20);
    return a;
}

bytes delegation_designator(const Address& target) {
    bytes out{0xef, 0x01, 0x00};
    out.append(target.view());
    return out;
}

Address create_address(const Address& sender, uint64_t nonce) {
    const bytes enc = rlp::encode_list({rlp::encode(sender), rlp::encode(nonce)});
    return address_from_hash(keccak256(enc));
}

Address create2_address(const Address& sender, const uint256& salt, bytes_view initcode) {
    uint8_t buf[1 + 20 + 32 + 32];
    buf[0] = 0xff;
    std::memcpy(buf + 1, sender.data(), 20);
    be_store(buf + 21, salt);
    const Hash256 code_hash = keccak256(initcode);
    std::memcpy(buf + 53, code_hash.data(), 32);
    return address_from_hash(keccak256({buf, sizeof(buf)}));
}

bool StateHost::account_exists(const Address& addr) const noexcept {
    // EIP-161: from Spurious Dragon an empty account counts as absent.
    if (rev_ >= Revision::spurious_dragon) return !state_.is_empty(addr);
    return state_.exists(addr);
}

uint256 StateHost::get_storage(const Address& addr, const uint256& key) const noexcept {
    return state_.storage(addr, key);
}

StorageStatus StateHost::set_storage(const Address& addr,
                                     const uint256& key,
                                     const uint256& value) noexcept {
    const uint256 current = state_.storage(addr, key);
    if (current == value) return StorageStatus::assigned;
    const uint256 original = state_.original_storage(addr, key);
    state_.set_storage(addr, key, value);
    // EIP-2200 classification by (original, current, new).
    if (original == current) {
        if (!original) return StorageStatus::added;
        return value ? StorageStatus::modified : StorageStatus::deleted;
    }
    if (original) {
        if (!current)
            return value == original ? StorageStatus::deleted_restored
                                     : StorageStatus::deleted_added;
        if (!value) return StorageStatus::modified_deleted;
        if (value == original) return StorageStatus::modified_restored;
        return StorageStatus::assigned;
    }
    return value ? StorageStatus::assigned : StorageStatus::added_deleted;
}

uint256 StateHost::get_balance(const Address& addr) const noexcept {
    return state_.balance(addr);
}

size_t StateHost::get_code_size(const Address& addr) const noexcept {
    return state_.code(addr).size();
}

Hash256 StateHost::get_code_hash(const Address& addr) const noexcept {
    // EIP-1052: zero for absent accounts, and (EIP-161) for empty ones.
    if (state_.is_empty(addr)) return {};
    return state_.info(addr).code_hash;
}

size_t StateHost::copy_code(const Address& addr,
                            size_t offset,
                            uint8_t* out,
                            size_t size) const noexcept {
    const bytes_view code = state_.code(addr);
    if (offset >= code.size()) return 0;
    const size_t n = std::min(size, code.size() - offset);
    std::memcpy(out, code.data() + offset, n);
    return n;
}

bool StateHost::selfdestruct(const Address& addr, const Address& beneficiary) noexcept {
    const uint256 balance = state_.balance(addr);
    if (beneficiary != addr) {
        state_.sub_balance(addr, balance);
        state_.add_balance(beneficiary, balance);  // touches (and creates) even for zero
    } else {
        state_.touch(addr);
    }
    // EIP-6780: from Cancun only an account created in this transaction is destroyed; a
    // self-beneficiary then burns its balance (destruct zeroes it), otherwise keeps it.
    if (rev_ >= Revision::cancun && !state_.is_created(addr)) return false;
    return state_.destruct(addr);
}

Hash256 StateHost::get_block_hash(int64_t block_number) const noexcept {
    return state_.view().block_hash(block_number);
}

void StateHost::emit_log(const Address& addr,
                         bytes_view data,
                         std::span<const Hash256> topics) noexcept {
    state_.add_log(StateLog{addr, {topics.begin(), topics.end()}, bytes{data}});
}

AccessStatus StateHost::access_account(const Address& addr) noexcept {
    return state_.warm_account(addr) ? AccessStatus::warm : AccessStatus::cold;
}

AccessStatus StateHost::access_storage(const Address& addr, const uint256& key) noexcept {
    return state_.warm_slot(addr, key) ? AccessStatus::warm : AccessStatus::cold;
}

uint256 StateHost::get_transient_storage(const Address& addr, const uint256& key) const noexcept {
    return state_.transient_storage(addr, key);
}

void StateHost::set_transient_storage(const Address& addr,
                                      const uint256& key,
                                      const uint256& value) noexcept {
    state_.set_transient_storage(addr, key, value);
}

void StateHost::revert_frame(State::Checkpoint cp, const Address& target) noexcept {
    state_.rollback(cp);
    // The touch of RIPEMD-160 in a failed frame survives (mainnet block 2675119).
    if (target == ripemd160_address) state_.keep_touched(target);
}

Result StateHost::call(const Message& msg) noexcept {
    Result r;
    if (msg.depth > max_call_depth) {
        r.status = StatusCode::call_depth_exceeded;
        r.gas_left = msg.gas;
        return r;
    }
    const bool transfers = msg.kind == CallKind::call || msg.kind == CallKind::callcode ||
                           msg.kind == CallKind::create || msg.kind == CallKind::create2;
    if (transfers && msg.value && state_.balance(msg.sender) < msg.value) {
        r.status = StatusCode::insufficient_balance;
        r.gas_left = msg.gas;
        return r;
    }
    if (msg.kind == CallKind::create || msg.kind == CallKind::create2) return create_frame(msg);
    return call_frame(msg);
}

Result StateHost::run_code(const Message& msg, const Address& code_owner) noexcept {
    // Only an account without code has the empty code hash; the code itself is fetched only
    // when the block has not analysed it yet.
    const Hash256 code_hash = state_.info(code_owner).code_hash;
    if (code_hash == empty_code_hash) {
        Result r;
        r.gas_left = msg.gas;
        return r;
    }
    const CodeAnalysis& analysis =
        code_cache_.get(code_hash, [&] { return state_.code(code_owner); });
    return execute(*this, rev_, msg, analysis);
}

Result StateHost::call_frame(const Message& msg) noexcept {
    // EIP-7702: code delegated to a precompile runs as empty code.
    // A CALL/STATICCALL whose code comes from another address can only be a delegation.
    const bool delegated =
        msg.delegated || ((msg.kind == CallKind::call || msg.kind == CallKind::staticcall) &&
                          msg.code_address != msg.recipient);
    const bool precompile = !delegated && is_precompile(rev_, msg.code_address);
    const State::Checkpoint cp = state_.checkpoint();

    if (msg.kind == CallKind::call) {
        if (!state_.exists(msg.recipient)) {
            // EIP-161: a zero-value call to an absent non-precompile does not create it.
            if (!precompile && rev_ >= Revision::spurious_dragon && !msg.value) {
                Result r;
                r.gas_left = msg.gas;
                return r;
            }
        }
        state_.sub_balance(msg.sender, msg.value);
        state_.add_balance(msg.recipient, msg.value);  // creates it when absent
    } else if (msg.kind == CallKind::staticcall) {
        state_.touch(msg.recipient);  // a zero-value touch, as clients do for STATICCALL
    }

    Result r;
    if (precompile) {
        r = call_precompile(rev_, msg.code_address, msg.input, msg.gas);
    } else {
        r = run_code(msg, msg.code_address);
    }
    if (r.status != StatusCode::success) {
        revert_frame(cp, msg.recipient);
        r.gas_refund = 0;
        if (is_failure(r.status)) r.gas_left = 0;
    }
    return r;
}

Result StateHost::create_frame(const Message& msg) noexcept {
    Result r;
    Address addr = msg.recipient;
    if (msg.depth > 0) {
        // EIP-2681: the creator's nonce cannot pass 2^64-1; the gas stays with the caller.
        const uint64_t nonce = state_.nonce(msg.sender);
        if (nonce == std::numeric_limits<uint64_t>::max()) {
            r.status = StatusCode::nonce_overflow;
            r.gas_left = msg.gas;
            return r;
        }
        state_.set_nonce(msg.sender, nonce + 1);
        addr = msg.kind == CallKind::create
                   ? create_address(msg.sender, nonce)
                   : create2_address(msg.sender, msg.create2_salt, msg.input);
        if (rev_ >= Revision::berlin) state_.warm_account(addr);  // EIP-2929
    }
    r.create_address = addr;

    // EIP-684 / EIP-7610: an address with nonce, code or storage cannot be created again.
    if (state_.nonce(addr) != 0 || state_.info(addr).code_hash != empty_code_hash ||
        state_.has_storage(addr)) {
        r.status = StatusCode::create_collision;
        r.gas_left = 0;
        return r;
    }

    const State::Checkpoint cp = state_.checkpoint();
    // EIP-161: a new contract starts at nonce 1 from Spurious Dragon.
    state_.create_contract(addr, rev_ >= Revision::spurious_dragon ? 1 : 0);
    state_.sub_balance(msg.sender, msg.value);
    state_.add_balance(addr, msg.value);

    Message frame = msg;
    frame.recipient = addr;
    frame.code_address = addr;
    Result er;
    if (msg.input.empty()) {
        er.gas_left = msg.gas;
    } else {
        er = execute(*this, rev_, frame, msg.input);
    }
    er.create_address = addr;

    if (er.status == StatusCode::success) {
        bytes code = std::move(er.output);
        er.output.clear();
        if (rev_ >= Revision::spurious_dragon && code.size() > max_code_size) {
            er.status = StatusCode::code_size_exceeded;  // EIP-170
        } else if (rev_ >= Revision::london && !code.empty() && code[0] == 0xef) {
            er.status = StatusCode::contract_validation_failure;  // EIP-3541
        } else {
            const int64_t cost = code_deposit_cost * static_cast<int64_t>(code.size());
            if (er.gas_left < cost) {
                // Frontier: out of gas for the deposit leaves a contract without code.
                if (rev_ >= Revision::homestead) er.status = StatusCode::out_of_gas;
            } else {
                er.gas_left -= cost;
                if (!code.empty()) state_.set_code(addr, std::move(code));
            }
        }
    }
    if (er.status != StatusCode::success) {
        revert_frame(cp, addr);
        er.gas_refund = 0;
        if (is_failure(er.status)) {
            er.gas_left = 0;
            er.output.clear();
        }
    }
    return er;
}

}  // namespace parevm
