// SPDX-License-Identifier: Apache-2.0
// parevm: validation and execution of one transaction.
#include <parevm/core/assert.hpp>
#include <parevm/evm/precompiles/precompiles.hpp>
#include <parevm/execution/execute_transaction.hpp>
#include <parevm/execution/host.hpp>
#include <parevm/execution/receipt.hpp>

#include <gmp.h>

#include <algorithm>
#include <limits>

namespace parevm {
namespace {

constexpr uint64_t tx_base_gas = 21000;
constexpr uint64_t tx_create_gas = 32000;                 // Homestead
constexpr uint64_t access_list_address_gas = 2400;        // EIP-2930
constexpr uint64_t access_list_key_gas = 1900;            // EIP-2930
constexpr uint64_t initcode_word_gas = 2;                 // EIP-3860
constexpr size_t max_initcode_size = 49152;               // EIP-3860
constexpr uint64_t per_empty_account_cost = 25000;        // EIP-7702
constexpr uint64_t per_auth_base_cost = 12500;            // EIP-7702
constexpr uint64_t floor_cost_per_token = 10;             // EIP-7623
constexpr uint64_t tx_max_gas_limit = uint64_t{1} << 24;  // EIP-7825
constexpr uint64_t osaka_max_blobs_per_tx = 6;            // EIP-7594
constexpr uint8_t blob_hash_version_kzg = 0x01;           // EIP-4844
constexpr int64_t system_call_gas = 30'000'000;
const Address system_address = [] {
    Address a;
    for (auto& b : a.bytes) b = 0xff;
    a.bytes[19] = 0xfe;
    return a;
}();

/// a * b, or nullopt when it does not fit in 256 bits.
std::optional<uint256> checked_mul(const uint256& a, uint64_t b) {
    if (b == 0 || !a) return uint256{};
    const uint256 max = ~uint256{};
    if (a > max / uint256{b}) return std::nullopt;
    return a * uint256{b};
}

std::optional<uint256> checked_add(const uint256& a, const uint256& b) {
    bool overflow = false;
    const uint256 s = add_overflow(a, b, overflow);
    if (overflow) return std::nullopt;
    return s;
}

bool type_allowed(TxType type, Revision rev, TxError& err) {
    switch (type) {
        case TxType::legacy:
            return true;
        case TxType::access_list:
            err = TxError::type_1_tx_pre_fork;
            return rev >= Revision::berlin;
        case TxType::dynamic_fee:
            err = TxError::type_2_tx_pre_fork;
            return rev >= Revision::london;
        case TxType::blob:
            err = TxError::type_3_tx_pre_fork;
            return rev >= Revision::cancun;
        case TxType::set_code:
            err = TxError::type_4_tx_pre_fork;
            return rev >= Revision::prague;
    }
    return false;
}

TxContext make_tx_context(const BlockContext& block,
                          const uint256& gas_price,
                          const Address& origin,
                          std::span<const Hash256> blob_hashes) {
    const BlockEnv& env = *block.env;
    TxContext ctx;
    ctx.gas_price = gas_price;
    ctx.origin = origin;
    ctx.coinbase = env.coinbase;
    ctx.block_number = env.number;
    ctx.timestamp = env.timestamp;
    ctx.gas_limit = env.gas_limit;
    ctx.prev_randao = block.revision >= Revision::paris ? be_load(env.prev_randao) : env.difficulty;
    ctx.chain_id = block.chain_id;
    ctx.base_fee = env.base_fee;
    ctx.blob_base_fee = block.blob_base_fee;
    ctx.blob_hashes = blob_hashes;
    return ctx;
}

[[gnu::always_inline]] inline std::optional<TxError> validate(
    const BlockContext& block,
    const Transaction& tx,
    State& state,
    uint64_t block_gas_left,
    uint64_t block_blob_gas_left,
    const IntrinsicGas& ig,
    uint256& effective_gas_price,
    std::optional<uint256>* upfront = nullptr) {
    const Revision rev = block.revision;
    const BlockEnv& env = *block.env;
    TxError err{};
    if (!type_allowed(tx.type, rev, err)) return err;
    if (tx.chain_id && *tx.chain_id != block.chain_id) return TxError::invalid_chainid;

    // validate_transaction: intrinsic gas and the EIP-7623 floor, nonce, initcode, gas cap.
    if (ig.gas > tx.gas_limit) return TxError::intrinsic_gas_too_low;
    if (ig.floor > tx.gas_limit) return TxError::intrinsic_gas_below_floor_gas_cost;
    if (tx.nonce == std::numeric_limits<uint64_t>::max()) return TxError::nonce_is_max;
    if (!tx.to && rev >= Revision::shanghai && tx.data.size() > max_initcode_size)
        return TxError::initcode_size_exceeded;
    if (rev >= Revision::osaka && tx.gas_limit > tx_max_gas_limit)
        return TxError::gas_limit_exceeds_maximum;

    // check_transaction: block allowances first.
    if (tx.gas_limit > block_gas_left) return TxError::gas_allowance_exceeded;
    const uint64_t blob_gas = gas_per_blob * tx.blob_hashes.size();
    if (tx.type == TxType::blob && blob_gas > block_blob_gas_left)
        return TxError::type_3_tx_max_blob_gas_allowance_exceeded;
    if (tx.type == TxType::blob && rev >= Revision::osaka &&
        tx.blob_hashes.size() > osaka_max_blobs_per_tx)
        return TxError::type_3_tx_blob_count_exceeded;

    // Fees (EIP-1559).
    uint256 max_fee;
    if (tx.type >= TxType::dynamic_fee) {
        if (tx.max_priority_fee_per_gas > tx.max_fee_per_gas)
            return TxError::priority_greater_than_max_fee_per_gas;
        if (tx.max_fee_per_gas < env.base_fee) return TxError::insufficient_max_fee_per_gas;
        const uint256 priority =
            std::min(tx.max_priority_fee_per_gas, tx.max_fee_per_gas - env.base_fee);
        effective_gas_price = priority + env.base_fee;
        max_fee = tx.max_fee_per_gas;
    } else {
        if (rev >= Revision::london && tx.max_fee_per_gas < env.base_fee)
            return TxError::insufficient_max_fee_per_gas;
        effective_gas_price = tx.max_fee_per_gas;
        max_fee = tx.max_fee_per_gas;
    }
    const auto max_gas_fee = checked_mul(max_fee, tx.gas_limit);
    if (!max_gas_fee) return TxError::gaslimit_price_product_overflow;
    std::optional<uint256> total = max_gas_fee;

    if (tx.type == TxType::blob) {
        if (tx.blob_hashes.empty()) return TxError::type_3_tx_zero_blobs;
        for (const Hash256& h : tx.blob_hashes)
            if (h.bytes[0] != blob_hash_version_kzg)
                return TxError::type_3_tx_invalid_blob_versioned_hash;
        if (tx.max_fee_per_blob_gas < block.blob_base_fee)
            return TxError::insufficient_max_fee_per_blob_gas;
        const auto blob_fee = checked_mul(tx.max_fee_per_blob_gas, blob_gas);
        total = blob_fee ? checked_add(*total, *blob_fee) : std::nullopt;
    }
    if (tx.type == TxType::blob && !tx.to) return TxError::type_3_tx_contract_creation;
    if (tx.type == TxType::set_code) {
        if (!tx.to) return TxError::type_4_tx_contract_creation;
        if (tx.authorizations.empty()) return TxError::type_4_empty_authorization_list;
    }

    if (upfront && total) {
        // The checks of the sender's account are left to whoever folds the debit: what it
        // must hold. (More than 2^256: the checks below, as usual, and no debit.)
        *upfront = checked_add(*total, tx.value);
        if (*upfront) return std::nullopt;
    }
    const uint64_t nonce = state.nonce(tx.sender);
    if (nonce > tx.nonce) return TxError::nonce_mismatch_too_low;
    if (nonce < tx.nonce) return TxError::nonce_mismatch_too_high;

    if (total) total = checked_add(*total, tx.value);
    if (!total || state.balance(tx.sender) < *total) return TxError::insufficient_account_funds;

    // EIP-3607: only accounts without code (or with an EIP-7702 delegation) send transactions.
    const bytes_view code = state.code(tx.sender);
    if (!code.empty() && !delegation_target(code)) return TxError::sender_not_eoa;
    return std::nullopt;
}

/// EIP-7702: applies the authorization list; returns the refund for authorities that existed.
uint64_t apply_authorizations(const BlockContext& block, const Transaction& tx, State& state) {
    uint64_t refund = 0;
    for (const Authorization& auth : tx.authorizations) {
        if (auth.chain_id && auth.chain_id != block.chain_id) continue;
        if (auth.nonce == std::numeric_limits<uint64_t>::max()) continue;
        if (!auth.signer) continue;
        const Address authority = *auth.signer;
        state.warm_account(authority);
        const bytes_view code = state.code(authority);
        if (!code.empty() && !delegation_target(code)) continue;
        if (state.nonce(authority) != auth.nonce) continue;
        if (state.exists(authority)) refund += per_empty_account_cost - per_auth_base_cost;
        state.set_code(authority,
                       auth.address.is_zero() ? bytes{} : delegation_designator(auth.address));
        state.set_nonce(authority, auth.nonce + 1);
    }
    return refund;
}

/// A plain ether transfer under deferred credits (the parallel executor): when the recipient
/// has no code and is not a precompile, the call only moves value, so the recipient's credit is
/// deferred like the coinbase fee. Transactions paying the same address (an exchange's deposit
/// address) then do not conflict: the recipient's balance is never read, only its code hash
/// (DESIGN.md §3). Performs the value transfer and returns true; false (nothing done) when the
/// call must run. The effects equal those of StateHost::call for such a call: the sender pays,
/// the recipient is credited and touched (created before EIP-161; cleared when empty after).
/// `codeless_unloaded`: the target has no code and is not loaded in `state` (peeked at once by
/// the caller, see execute_transaction).
bool deferred_transfer(const Transaction& tx,
                       const Address& target,
                       State& state,
                       Revision rev,
                       bool codeless_unloaded) {
    if (!codeless_unloaded || !tx.to || tx.type == TxType::set_code) return false;
    if (is_precompile(rev, target) || state.is_loaded(target)) return false;
    if (state.balance(tx.sender) < tx.value) return false;  // the call's own balance check
    state.sub_balance(tx.sender, tx.value);
    state.add_balance_deferred(target, tx.value, rev >= Revision::spurious_dragon);
    return true;
}

/// The end of a transaction that used `gas_used` at `gas_price`: pays the coinbase (the base
/// fee is burned from London; a zero payment still touches it), finalizes `state` and fills
/// `rc` with what every receipt has (type, status, gas, logs, bloom). The payment is deferred
/// when the State allows it: every transaction pays the coinbase, and reading its balance here
/// would make all transactions of a block conflict (DESIGN.md §3).
void settle(const BlockContext& block,
            const Transaction& tx,
            State& state,
            const uint256& gas_price,
            uint64_t gas_used,
            bool success,
            Receipt& rc) {
    const Revision rev = block.revision;
    const uint256 priority = rev >= Revision::london ? gas_price - block.env->base_fee : gas_price;
    state.add_balance_deferred(block.env->coinbase, priority * uint256{gas_used},
                               rev >= Revision::spurious_dragon);
    state.finalize(rev >= Revision::spurious_dragon);
    rc.type = tx.type;
    rc.success = success;
    rc.gas_used = gas_used;
    rc.logs.reserve(state.logs().size());
    for (const StateLog& l : state.logs()) rc.logs.push_back(Log{l.address, l.topics, l.data});
    rc.bloom = logs_bloom(rc.logs);
}

/// Whether `tx` is a plain ether transfer whose effect on its sender may be recorded as a
/// SenderDebit (execute_debited_transfer): a call of transfer_form to another account that
/// has no code and is not a precompile, so that no
/// code runs and the sender's account only pays. The target's code hash is peeked at without
/// loading it (as for a deferred credit).
bool debit_eligible(const BlockContext& block, const Transaction& tx, State& state) {
    if (!state.deferred_credits() || !transfer_form(tx) || *tx.to == tx.sender) return false;
    return !is_precompile(block.revision, *tx.to) && !state.is_loaded(*tx.to) &&
           !state.is_loaded(tx.sender) && state.peek_code_hash(*tx.to) == empty_code_hash;
}

}  // namespace

uint256 fake_exponential(const uint256& factor,
                         const uint256& numerator,
                         const uint256& denominator) {
    PAREVM_ASSERT(static_cast<bool>(denominator));
    auto to_mpz = [](mpz_t out, const uint256& v) {
        uint8_t buf[32];
        be_store(buf, v);
        mpz_import(out, 32, 1, 1, 1, 0, buf);
    };
    mpz_t num, den, acc, out, t;
    mpz_inits(num, den, acc, out, t, nullptr);
    to_mpz(num, numerator);
    to_mpz(den, denominator);
    to_mpz(acc, factor);
    mpz_mul(acc, acc, den);  // numerator_accum = factor * denominator
    for (unsigned long i = 1; mpz_sgn(acc) > 0; ++i) {
        mpz_add(out, out, acc);
        mpz_mul(acc, acc, num);
        mpz_mul_ui(t, den, i);
        mpz_fdiv_q(acc, acc, t);
    }
    mpz_fdiv_q(out, out, den);
    uint256 result;
    if (mpz_sizeinbase(out, 2) > 256) {
        result = ~uint256{};
    } else {
        uint8_t buf[32]{};
        size_t count = 0;
        mpz_export(buf, &count, 1, 1, 1, 0, out);
        result = be_load(bytes_view{buf, count});
    }
    mpz_clears(num, den, acc, out, t, nullptr);
    return result;
}

uint256 blob_base_fee(uint64_t excess_blob_gas, const BlobSchedule& schedule) {
    return fake_exponential(1, excess_blob_gas, schedule.base_fee_update_fraction);
}

BlockContext make_block_context(const Block& block, CodeCache& code_cache) {
    BlockContext ctx;
    ctx.revision = block.revision;
    ctx.chain_id = block.chain_id;
    ctx.env = &block.env;
    ctx.blob_schedule = block.blob_schedule;
    if (block.revision >= Revision::cancun)
        ctx.blob_base_fee = blob_base_fee(block.env.excess_blob_gas, block.blob_schedule);
    ctx.code_cache = std::make_shared<BlockCodeCache>(code_cache);
    return ctx;
}

IntrinsicGas intrinsic_gas(const Transaction& tx, Revision rev) {
    IntrinsicGas ig;
    uint64_t zeros = 0;
    for (const uint8_t b : tx.data) zeros += b == 0 ? 1 : 0;
    const uint64_t non_zeros = tx.data.size() - zeros;
    const uint64_t non_zero_cost = rev >= Revision::istanbul ? 16 : 68;  // EIP-2028
    uint64_t g = tx_base_gas + zeros * 4 + non_zeros * non_zero_cost;
    if (!tx.to) {
        if (rev >= Revision::homestead) g += tx_create_gas;
        if (rev >= Revision::shanghai) g += initcode_word_gas * ((tx.data.size() + 31) / 32);
    }
    for (const AccessListEntry& e : tx.access_list)
        g += access_list_address_gas + access_list_key_gas * e.storage_keys.size();
    g += per_empty_account_cost * tx.authorizations.size();
    ig.gas = g;
    if (rev >= Revision::prague)  // EIP-7623: tokens = zeros + 4 * non-zeros
        ig.floor = tx_base_gas + floor_cost_per_token * (zeros + 4 * non_zeros);
    return ig;
}

TxOutcome execute_transaction(const BlockContext& block,
                              const Transaction& tx,
                              State& state,
                              uint64_t block_gas_left,
                              uint64_t block_blob_gas_left) {
    const Revision rev = block.revision;
    const BlockEnv& env = *block.env;
    TxOutcome out;
    const IntrinsicGas ig = intrinsic_gas(tx, rev);
    uint256 gas_price;
    if (auto err = validate(block, tx, state, block_gas_left, block_blob_gas_left, ig, gas_price)) {
        out.error = err;
        return out;
    }

    // Buy gas (and blob gas, burned), bump the nonce.
    const uint64_t blob_gas = tx.type == TxType::blob ? gas_per_blob * tx.blob_hashes.size() : 0;
    state.sub_balance(tx.sender,
                      gas_price * uint256{tx.gas_limit} + block.blob_base_fee * uint256{blob_gas});
    state.set_nonce(tx.sender, tx.nonce + 1);

    const Address target = tx.to ? *tx.to : create_address(tx.sender, tx.nonce);
    // EIP-2929 / EIP-2930 / EIP-3651: the accounts and slots warm from the start.
    if (rev >= Revision::berlin) {
        state.warm_account(tx.sender);
        state.warm_account(target);
        state.warm_precompiles(rev);  // EIP-2929
        for (const AccessListEntry& e : tx.access_list) {
            state.warm_account(e.address);
            for (const uint256& k : e.storage_keys) state.warm_slot(e.address, k);
        }
        if (rev >= Revision::shanghai) state.warm_account(env.coinbase);
    }

    int64_t refund_counter = 0;
    if (tx.type == TxType::set_code)
        refund_counter += static_cast<int64_t>(apply_authorizations(block, tx, state));

    const TxContext ctx = make_tx_context(block, gas_price, tx.sender, tx.blob_hashes);
    StateHost host(state, rev, ctx, *block.code_cache);
    Message msg;
    msg.kind = tx.to ? CallKind::call : CallKind::create;
    msg.depth = 0;
    msg.gas = static_cast<int64_t>(tx.gas_limit - ig.gas);
    msg.recipient = target;
    msg.sender = tx.sender;
    msg.code_address = target;
    msg.input = tx.data;
    msg.value = tx.value;
    // Under deferred credits the target's code hash is peeked at without loading the account:
    // a code-less target has no EIP-7702 delegation to look up, and staying unloaded lets a
    // plain transfer defer its credit (loading it for the delegation check made every transfer
    // from Prague on read and write the recipient's balance).
    const bool codeless_unloaded = tx.to && state.deferred_credits() && !state.is_loaded(target) &&
                                   state.peek_code_hash(target) == empty_code_hash;
    if (tx.to && rev >= Revision::prague && !codeless_unloaded) {
        if (const auto delegate = delegation_target(state.code(target))) {
            state.warm_account(*delegate);  // EIP-7702
            msg.code_address = *delegate;
            msg.delegated = true;
        }
    }
    Result r;
    if (deferred_transfer(tx, target, state, rev, codeless_unloaded))
        r.gas_left = msg.gas;  // a call to code-less account: success, no gas spent
    else
        r = host.call(msg);

    // Refunds: EIP-3529 caps them at a fifth of the gas used (a half before London).
    const uint64_t gas_used_before_refund = tx.gas_limit - static_cast<uint64_t>(r.gas_left);
    if (r.status == StatusCode::success) refund_counter += r.gas_refund;
    const uint64_t max_refund = gas_used_before_refund / (rev >= Revision::london ? 5 : 2);
    const uint64_t refund =
        std::min<uint64_t>(max_refund, static_cast<uint64_t>(std::max<int64_t>(0, refund_counter)));
    const uint64_t gas_used = std::max(gas_used_before_refund - refund, ig.floor);  // EIP-7623
    const uint64_t gas_left = tx.gas_limit - gas_used;
    state.add_balance(tx.sender, gas_price * uint256{gas_left});

    settle(block, tx, state, gas_price, gas_used, r.status == StatusCode::success, out.receipt);
    out.receipt.blob_gas_used = blob_gas;
    if (!tx.to) out.receipt.contract_address = target;
    return out;
}

std::optional<TxOutcome> execute_debited_transfer(const BlockContext& block,
                                                  const Transaction& tx,
                                                  State& state,
                                                  uint64_t block_gas_left,
                                                  uint64_t block_blob_gas_left,
                                                  SenderDebit& debit) {
    if (!debit_eligible(block, tx, state)) return std::nullopt;
    const Revision rev = block.revision;
    const IntrinsicGas ig = intrinsic_gas(tx, rev);
    TxOutcome out;
    uint256 gas_price;
    std::optional<uint256> upfront;
    if (auto err = validate(block, tx, state, block_gas_left, block_blob_gas_left, ig, gas_price,
                            &upfront)) {
        out.error = err;  // a check that does not depend on the sender's account
        return out;
    }
    if (!upfront) return std::nullopt;  // (read the sender: validate checked it, as usual)
    const uint64_t gas_used = std::max(ig.gas, ig.floor);  // EIP-7623
    debit = {tx.sender, tx.nonce, *upfront, gas_price * uint256{gas_used} + tx.value};
    state.add_balance_deferred(*tx.to, tx.value, rev >= Revision::spurious_dragon);
    settle(block, tx, state, gas_price, gas_used, /*success=*/true, out.receipt);
    return out;
}

std::optional<Result> system_call(const BlockContext& block,
                                  State& state,
                                  const Address& target,
                                  bytes_view input) {
    if (state.code(target).empty()) return std::nullopt;
    const TxContext ctx = make_tx_context(block, 0, system_address, {});
    StateHost host(state, block.revision, ctx, *block.code_cache);
    Message msg;
    msg.kind = CallKind::call;
    msg.gas = system_call_gas;
    msg.recipient = target;
    msg.sender = system_address;
    msg.code_address = target;
    msg.input = input;
    Result r = host.call(msg);
    state.finalize(true);
    return r;
}

}  // namespace parevm
