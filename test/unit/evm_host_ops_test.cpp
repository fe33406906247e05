// SPDX-License-Identifier: Apache-2.0
// parevm: interpreter tests of instructions that reach the Host: SSTORE gas tables, calls,
// creates, static mode, return data, EIP-2929 access costs, EIP-7702, SELFDESTRUCT, logs.
#include "mock_host.hpp"

#include <parevm/evm/opcodes.hpp>

#include <gtest/gtest.h>

using namespace parevm;
using namespace parevm::test;

namespace {

const Address self = address_from_u64(0xaa);
const Address caller = address_from_u64(0xcc);
const Address other = address_from_u64(0xbb);
const Address target = address_from_u64(0xdd);

struct Runner {
    MockHost host;
    Message msg;

    Runner() {
        msg.gas = 1'000'000;
        msg.recipient = self;
        msg.sender = caller;
        msg.code_address = self;
        host.accounts[self].nonce = 1;
    }
    Result operator()(const Code& code, Revision rev) { return execute(host, rev, msg, code); }
    int64_t gas_used(const Result& r) const { return msg.gas - r.gas_left; }
};

// --- SSTORE -------------------------------------------------------------------------------

struct SstoreCase {
    Revision rev;
    uint64_t original;
    uint64_t current;
    uint64_t value;
    bool warm;
    int64_t gas;  // SSTORE's own cost
    int64_t refund;
};

void check_sstore(const SstoreCase& t) {
    Runner run;
    auto& slot = run.host.accounts[self].storage[1];
    slot.original = t.original;
    slot.current = t.current;
    if (t.warm) run.host.warm_slots[self].insert(uint256{1});
    const Result r = run(push(t.value) + push(1) + OP_SSTORE + OP_STOP, t.rev);
    SCOPED_TRACE(std::string(revision_name(t.rev)) + " " + std::to_string(t.original) + "->" +
                 std::to_string(t.current) + "->" + std::to_string(t.value));
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(run.gas_used(r) - 6, t.gas);
    EXPECT_EQ(r.gas_refund, t.refund);
    EXPECT_EQ(run.host.accounts[self].storage[1].current, uint256{t.value});
}

}  // namespace

TEST(evm_sstore, petersburg_legacy_rules) {
    // YP appendix G: 20000 set, 5000 reset, 15000 refund on clear; depends on current and new.
    const Revision p = Revision::petersburg;
    check_sstore({p, 0, 0, 1, false, 20000, 0});
    check_sstore({p, 1, 1, 2, false, 5000, 0});
    check_sstore({p, 1, 1, 0, false, 5000, 15000});
    check_sstore({p, 1, 1, 1, false, 5000, 0});
    check_sstore({p, 0, 0, 0, false, 5000, 0});
    check_sstore({p, 1, 0, 1, false, 20000, 0});
    check_sstore({p, 0, 1, 0, false, 5000, 15000});
    check_sstore({Revision::frontier, 0, 0, 1, false, 20000, 0});
    check_sstore({Revision::byzantium, 1, 2, 0, false, 5000, 15000});
}

TEST(evm_sstore, constantinople_eip1283) {
    const Revision c = Revision::constantinople;
    check_sstore({c, 1, 1, 1, false, 200, 0});
    check_sstore({c, 0, 0, 1, false, 20000, 0});
    check_sstore({c, 1, 1, 0, false, 5000, 15000});
    check_sstore({c, 0, 1, 0, false, 200, 19800});
    check_sstore({c, 1, 2, 1, false, 200, 4800});
    check_sstore({c, 1, 0, 1, false, 200, -15000 + 4800});
}

TEST(evm_sstore, istanbul_eip2200) {
    const Revision i = Revision::istanbul;
    check_sstore({i, 1, 1, 1, false, 800, 0});
    check_sstore({i, 0, 0, 1, false, 20000, 0});
    check_sstore({i, 1, 1, 2, false, 5000, 0});
    check_sstore({i, 1, 1, 0, false, 5000, 15000});
    check_sstore({i, 1, 2, 3, false, 800, 0});
    check_sstore({i, 1, 2, 0, false, 800, 15000});
    check_sstore({i, 1, 0, 2, false, 800, -15000});
    check_sstore({i, 0, 1, 0, false, 800, 19200});
    check_sstore({i, 1, 2, 1, false, 800, 4200});
    check_sstore({i, 1, 0, 1, false, 800, -15000 + 4200});
}

TEST(evm_sstore, berlin_eip2929) {
    const Revision b = Revision::berlin;
    check_sstore({b, 0, 0, 1, false, 20000 + 2100, 0});
    check_sstore({b, 0, 0, 1, true, 20000, 0});
    check_sstore({b, 1, 1, 1, true, 100, 0});
    check_sstore({b, 1, 1, 2, false, 2900 + 2100, 0});
    check_sstore({b, 1, 1, 0, true, 2900, 15000});
    check_sstore({b, 0, 1, 0, true, 100, 19900});
    check_sstore({b, 1, 2, 1, true, 100, 2800});
}

TEST(evm_sstore, london_eip3529) {
    const Revision l = Revision::london;
    check_sstore({l, 1, 1, 0, false, 2900 + 2100, 4800});
    check_sstore({l, 1, 2, 0, true, 100, 4800});
    check_sstore({l, 1, 0, 2, true, 100, -4800});
    check_sstore({l, 1, 0, 1, true, 100, -4800 + 2800});
    check_sstore({l, 0, 1, 0, true, 100, 19900});
    check_sstore({Revision::cancun, 0, 0, 1, false, 22100, 0});
}

TEST(evm_sstore, sentry_eip2200) {
    Runner run;
    // After two pushes 2300 gas are left: SSTORE must fail even though a no-op costs 800.
    run.msg.gas = 2306;
    Result r = run(push(0) + push(1) + OP_SSTORE + OP_STOP, Revision::istanbul);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    run.msg.gas = 2307;
    r = run(push(0) + push(1) + OP_SSTORE + OP_STOP, Revision::istanbul);
    EXPECT_EQ(r.status, StatusCode::success);
    // No sentry before Istanbul: a 5000 reset still needs 5000.
    run.msg.gas = 5006;
    r = run(push(0) + push(1) + OP_SSTORE + OP_STOP, Revision::petersburg);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 0);
}

TEST(evm_sstore, refund_only_on_success) {
    Runner run;
    run.host.accounts[self].storage[1] = {1, 1};
    Result r =
        run(push(0) + push(1) + OP_SSTORE + push(0) + push(0) + OP_REVERT, Revision::istanbul);
    EXPECT_EQ(r.status, StatusCode::revert);
    EXPECT_EQ(r.gas_refund, 0);
}

TEST(evm_sload, costs_per_revision) {
    for (const auto& [rev, cost] :
         {std::pair{Revision::frontier, 50}, std::pair{Revision::tangerine_whistle, 200},
          std::pair{Revision::istanbul, 800}, std::pair{Revision::berlin, 2100}}) {
        Runner run;
        run.host.accounts[self].storage[7] = {5, 9};
        const Result r = run(push(7) + OP_SLOAD + OP_STOP, rev);
        EXPECT_EQ(run.gas_used(r), 3 + cost) << revision_name(rev);
    }
    Runner run;
    run.host.accounts[self].storage[7] = {5, 9};
    const Result r = run(push(7) + OP_SLOAD + push(7) + OP_SLOAD + ret_top(), Revision::berlin);
    EXPECT_EQ(output_word(r), uint256{9});
    EXPECT_EQ(run.gas_used(r), 3 + 2100 + 3 + 100 + 3 + 6 + 3 + 3);
}

TEST(evm_transient, tload_tstore_eip1153) {
    Runner run;
    const Result r =
        run(push(42) + push(1) + OP_TSTORE + push(1) + OP_TLOAD + ret_top(), Revision::cancun);
    EXPECT_EQ(output_word(r), uint256{42});
    EXPECT_EQ(run.gas_used(r), 3 + 3 + 100 + 3 + 100 + 3 + 6 + 3 + 3);
}

// --- account access -------------------------------------------------------------------------

TEST(evm_access, balance_and_extcode_costs) {
    Runner run;
    run.host.accounts[other].balance = 77;
    run.host.accounts[other].code = bytes{0x60, 0x01};
    Result r = run(push(other) + OP_BALANCE + ret_top(), Revision::berlin);
    EXPECT_EQ(output_word(r), uint256{77});
    EXPECT_EQ(run.gas_used(r), 3 + 2600 + 15);
    // Now warm.
    r = run(push(other) + OP_BALANCE + OP_STOP, Revision::berlin);
    EXPECT_EQ(run.gas_used(r), 3 + 100);
    r = run(push(other) + OP_EXTCODESIZE + ret_top(), Revision::istanbul);
    EXPECT_EQ(output_word(r), uint256{2});
    EXPECT_EQ(run.gas_used(r), 3 + 700 + 15);
    r = run(push(other) + OP_EXTCODEHASH + OP_STOP, Revision::constantinople);
    EXPECT_EQ(run.gas_used(r), 3 + 400);
    r = run(push(other) + OP_BALANCE + OP_STOP, Revision::frontier);
    EXPECT_EQ(run.gas_used(r), 3 + 20);
    // EXTCODECOPY 32 bytes, code shorter: zero padded. 4 pushes + 700 + copy 3 + memory 3.
    r = run(push(32) + push(0) + push(0) + push(other) + OP_EXTCODECOPY + push(0) + OP_MLOAD +
                ret_top(),
            Revision::istanbul);
    EXPECT_EQ(output_word(r), (uint256{0, 0, 0, 0x6001000000000000}));
    r = run(Code{OP_SELFBALANCE} + ret_top(), Revision::istanbul);
    EXPECT_EQ(output_word(r), uint256{0});
    EXPECT_EQ(run.gas_used(r), 5 + 15);
}

TEST(evm_context, tx_values_and_blockhash) {
    Runner run;
    run.host.tx.block_number = 1000;
    run.host.tx.chain_id = 5;
    run.host.tx.base_fee = 7;
    run.host.tx.prev_randao = 0x99;
    run.host.tx.timestamp = 123;
    run.host.tx.gas_limit = 30'000'000;
    run.host.tx.origin = other;
    const Hash256 blob{};
    Hash256 blob1;
    blob1.bytes[31] = 0x42;
    const Hash256 blobs[] = {blob, blob1};
    run.host.tx.blob_hashes = blobs;
    const Revision r = Revision::cancun;
    EXPECT_EQ(output_word(run(Code{OP_CHAINID} + ret_top(), r)), uint256{5});
    EXPECT_EQ(output_word(run(Code{OP_BASEFEE} + ret_top(), r)), uint256{7});
    EXPECT_EQ(output_word(run(Code{OP_PREVRANDAO} + ret_top(), r)), uint256{0x99});
    EXPECT_EQ(output_word(run(Code{OP_TIMESTAMP} + ret_top(), r)), uint256{123});
    EXPECT_EQ(output_word(run(Code{OP_NUMBER} + ret_top(), r)), uint256{1000});
    EXPECT_EQ(output_word(run(Code{OP_GASLIMIT} + ret_top(), r)), uint256{30'000'000});
    EXPECT_EQ(output_word(run(Code{OP_ORIGIN} + ret_top(), r)), uint256{0xbb});
    EXPECT_EQ(output_word(run(Code{OP_CALLER} + ret_top(), r)), uint256{0xcc});
    EXPECT_EQ(output_word(run(Code{OP_ADDRESS} + ret_top(), r)), uint256{0xaa});
    EXPECT_EQ(output_word(run(push(1) + OP_BLOBHASH + ret_top(), r)), uint256{0x42});
    EXPECT_EQ(output_word(run(push(2) + OP_BLOBHASH + ret_top(), r)), uint256{0});
    // BLOCKHASH: only [current-256, current-1].
    const uint256 tag = uint256{0xbb} << 248;
    EXPECT_EQ(output_word(run(push(999) + OP_BLOCKHASH + ret_top(), r)), tag | uint256{999 & 0xff});
    EXPECT_EQ(output_word(run(push(744) + OP_BLOCKHASH + ret_top(), r)), tag | uint256{744 & 0xff});
    EXPECT_EQ(output_word(run(push(743) + OP_BLOCKHASH + ret_top(), r)), uint256{0});
    EXPECT_EQ(output_word(run(push(1000) + OP_BLOCKHASH + ret_top(), r)), uint256{0});
}

// --- calls ---------------------------------------------------------------------------------

namespace {

/// CALL(gas, to, value, in 0/in_size, out 0/out_size).
Code call(const uint256& gas,
          const Address& to,
          uint64_t value,
          uint64_t out_size = 0,
          uint8_t op = OP_CALL) {
    Code c = push(out_size) + push(0) + push(0) + push(0);
    if (op == OP_CALL || op == OP_CALLCODE) c += push(value);
    return c + push(to) + push(gas) + op;
}

}  // namespace

TEST(evm_call, all_but_one_64th_eip150) {
    Runner run;
    run.host.accounts[target].nonce = 1;
    run.host.call_result.gas_left = 0;
    const uint256 huge = uint256{1} << 200;
    Result r = run(call(huge, target, 0) + OP_STOP, Revision::tangerine_whistle);
    ASSERT_EQ(r.status, StatusCode::success);
    ASSERT_EQ(run.host.calls.size(), 1u);
    const int64_t available = 1'000'000 - 7 * 3 - 700;
    EXPECT_EQ(run.host.calls[0].msg.gas, available - available / 64);
    EXPECT_EQ(r.gas_left, available / 64);  // the child used everything it got
    EXPECT_EQ(run.host.calls[0].msg.recipient, target);
    EXPECT_EQ(run.host.calls[0].msg.sender, self);
    EXPECT_EQ(run.host.calls[0].msg.depth, 1);

    // A smaller request is honoured as is; the unused child gas comes back.
    run.host.calls.clear();
    run.host.call_result.gas_left = 400;
    r = run(call(1000, target, 0) + OP_STOP, Revision::tangerine_whistle);
    EXPECT_EQ(run.host.calls[0].msg.gas, 1000);
    EXPECT_EQ(run.gas_used(r), 21 + 700 + 600);
}

TEST(evm_call, frontier_request_must_fit) {
    Runner run;
    run.host.eip161 = false;
    run.host.accounts[target].nonce = 1;
    run.host.call_result.gas_left = 0;
    const Result r = run(call(2'000'000, target, 0) + OP_STOP, Revision::frontier);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    EXPECT_TRUE(run.host.calls.empty());
    const Result ok = run(call(999'000, target, 0) + OP_STOP, Revision::frontier);
    EXPECT_EQ(ok.status, StatusCode::success);
    EXPECT_EQ(run.host.calls.at(0).msg.gas, 999'000);
    EXPECT_EQ(run.gas_used(ok), 21 + 40 + 999'000);
}

TEST(evm_call, value_transfer_stipend_and_new_account) {
    Runner run;
    run.host.accounts[self].balance = 10;
    run.host.call_result.gas_left = 2300;  // child used nothing
    // Berlin, cold, non-existent target, value 1: 100 + 2500 + 9000 + 25000; the unused
    // 2300 stipend returns to the caller.
    Result r = run(call(0, target, 1) + OP_STOP, Revision::berlin);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(run.host.calls.at(0).msg.gas, 2300);
    EXPECT_EQ(run.host.calls.at(0).msg.value, uint256{1});
    EXPECT_EQ(run.gas_used(r), 21 + 2600 + 9000 + 25000 - 2300);
    // Without value after Spurious Dragon no new-account charge; before it, always.
    run.host.calls.clear();
    run.host.call_result.gas_left = 0;
    r = run(call(0, target, 0) + OP_STOP, Revision::spurious_dragon);
    EXPECT_EQ(run.gas_used(r), 21 + 700);
    r = run(call(0, target, 0) + OP_STOP, Revision::homestead);
    EXPECT_EQ(run.gas_used(r), 21 + 40 + 25000);
}

TEST(evm_call, depth_and_balance_light_failures) {
    Runner run;
    run.msg.depth = 1024;
    run.host.call_result.gas_left = 0;
    run.host.accounts[target].nonce = 1;
    Result r = run(call(5000, target, 0) + ret_top(), Revision::cancun);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(output_word(r), uint256{0});
    EXPECT_TRUE(run.host.calls.empty());
    EXPECT_EQ(run.gas_used(r), 21 + 2600 + 15);  // the child's gas stays with the caller

    run.msg.depth = 0;
    run.host.warm_accounts.clear();
    // Balance 0 < value 5: no call, stipend kept by the caller (as geth and evmone do).
    r = run(call(5000, target, 5) + ret_top(), Revision::cancun);
    EXPECT_EQ(output_word(r), uint256{0});
    EXPECT_TRUE(run.host.calls.empty());
    EXPECT_EQ(run.gas_used(r), 21 + 2600 + 9000 - 2300 + 15);
}

TEST(evm_call, kinds_set_message_fields) {
    Runner run;
    run.msg.value = 123;
    run.host.accounts[self].balance = 1000;
    run.host.call_result.gas_left = 0;
    run(call(100, target, 0, 0, OP_DELEGATECALL) + OP_STOP, Revision::cancun);
    const Message& d = run.host.calls.at(0).msg;
    EXPECT_EQ(d.kind, CallKind::delegatecall);
    EXPECT_EQ(d.recipient, self);
    EXPECT_EQ(d.sender, caller);
    EXPECT_EQ(d.code_address, target);
    EXPECT_EQ(d.value, uint256{123});

    run(call(100, target, 7, 0, OP_CALLCODE) + OP_STOP, Revision::cancun);
    const Message& cc = run.host.calls.at(1).msg;
    EXPECT_EQ(cc.kind, CallKind::callcode);
    EXPECT_EQ(cc.recipient, self);
    EXPECT_EQ(cc.sender, self);
    EXPECT_EQ(cc.code_address, target);
    EXPECT_EQ(cc.value, uint256{7});
    EXPECT_EQ(cc.gas, 100 + 2300);

    run(call(100, target, 0, 0, OP_STATICCALL) + OP_STOP, Revision::cancun);
    const Message& s = run.host.calls.at(2).msg;
    EXPECT_EQ(s.kind, CallKind::staticcall);
    EXPECT_TRUE(s.is_static);
    EXPECT_EQ(s.recipient, target);
}

TEST(evm_call, output_return_data_and_refund) {
    Runner run;
    run.host.accounts[target].nonce = 1;
    run.host.call_result.output = bytes(40, 0x11);
    run.host.call_result.gas_refund = 4800;
    // Output area 32 bytes: only 32 of the 40 copied; RETURNDATASIZE is 40.
    Result r =
        run(call(100, target, 0, 32) + OP_POP + OP_RETURNDATASIZE + ret_top(), Revision::london);
    EXPECT_EQ(output_word(r), uint256{40});
    EXPECT_EQ(r.gas_refund, 4800);
    r = run(call(100, target, 0, 32) + push(0) + OP_MLOAD + ret_top(), Revision::london);
    uint256 all11;
    for (auto& w : all11.w) w = 0x1111111111111111;
    EXPECT_EQ(output_word(r), all11);
    // A failed child contributes no refund and pushes 0.
    run.host.call_result.status = StatusCode::revert;
    r = run(call(100, target, 0, 32) + ret_top(), Revision::london);
    EXPECT_EQ(output_word(r), uint256{0});
    EXPECT_EQ(r.gas_refund, 0);
}

TEST(evm_call, returndatacopy_bounds_eip211) {
    Runner run;
    run.host.accounts[target].nonce = 1;
    run.host.call_result.output = bytes(32, 0x22);
    const Code c = call(100, target, 0) + OP_POP;
    Result r =
        run(c + push(16) + push(16) + push(0) + OP_RETURNDATACOPY + OP_STOP, Revision::byzantium);
    EXPECT_EQ(r.status, StatusCode::success);
    r = run(c + push(17) + push(16) + push(0) + OP_RETURNDATACOPY + OP_STOP, Revision::byzantium);
    EXPECT_EQ(r.status, StatusCode::invalid_memory_access);
    EXPECT_EQ(r.gas_left, 0);
    // Offset past the end fails even for size 0.
    r = run(push(0) + push(1) + push(0) + OP_RETURNDATACOPY + OP_STOP, Revision::byzantium);
    EXPECT_EQ(r.status, StatusCode::invalid_memory_access);
    r = run(push(0) + push(0) + push(0) + OP_RETURNDATACOPY + OP_STOP, Revision::byzantium);
    EXPECT_EQ(r.status, StatusCode::success);
}

TEST(evm_call, delegation_designator_eip7702) {
    Runner run;
    const Address delegate = address_from_u64(0xee);
    bytes designator{0xef, 0x01, 0x00};
    designator.append(delegate.data(), delegate.data() + 20);
    run.host.accounts[target].code = designator;
    run.host.call_result.gas_left = 0;
    Result r = run(call(0, target, 0) + OP_STOP, Revision::prague);
    ASSERT_EQ(run.host.calls.size(), 1u);
    EXPECT_EQ(run.host.calls[0].msg.code_address, delegate);
    EXPECT_TRUE(run.host.calls[0].msg.delegated);
    EXPECT_EQ(run.host.calls[0].msg.recipient, target);
    EXPECT_EQ(run.gas_used(r), 21 + 2600 + 2600);
    // Both warm now.
    r = run(call(0, target, 0) + OP_STOP, Revision::prague);
    EXPECT_EQ(run.gas_used(r), 21 + 100 + 100);
    // Cancun knows no delegation.
    run.host.warm_accounts.clear();
    r = run(call(0, target, 0) + OP_STOP, Revision::cancun);
    EXPECT_EQ(run.host.calls.back().msg.code_address, target);
    EXPECT_FALSE(run.host.calls.back().msg.delegated);
    EXPECT_EQ(run.gas_used(r), 21 + 2600);
    // EXTCODESIZE sees the raw designator.
    r = run(push(target) + OP_EXTCODESIZE + ret_top(), Revision::prague);
    EXPECT_EQ(output_word(r), uint256{23});
}

// --- static mode ---------------------------------------------------------------------------

TEST(evm_static, state_changes_fail) {
    Runner run;
    run.msg.is_static = true;
    run.host.accounts[self].balance = 100;
    const Revision rev = Revision::cancun;
    EXPECT_EQ(run(push(1) + push(1) + OP_SSTORE, rev).status, StatusCode::static_mode_violation);
    EXPECT_EQ(run(push(1) + push(1) + OP_TSTORE, rev).status, StatusCode::static_mode_violation);
    EXPECT_EQ(run(push(0) + push(0) + OP_LOG0, rev).status, StatusCode::static_mode_violation);
    EXPECT_EQ(run(push(0) + push(0) + push(0) + OP_CREATE, rev).status,
              StatusCode::static_mode_violation);
    EXPECT_EQ(run(push(0) + push(0) + push(0) + push(0) + OP_CREATE2, rev).status,
              StatusCode::static_mode_violation);
    EXPECT_EQ(run(push(other) + OP_SELFDESTRUCT, rev).status, StatusCode::static_mode_violation);
    const Result v = run(call(0, target, 1) + OP_STOP, rev);
    EXPECT_EQ(v.status, StatusCode::static_mode_violation);
    EXPECT_EQ(v.gas_left, 0);
    // Reads and value-free calls are fine, and the child inherits static mode.
    EXPECT_EQ(run(push(1) + OP_SLOAD + OP_STOP, rev).status, StatusCode::success);
    EXPECT_EQ(run(call(0, target, 0) + OP_STOP, rev).status, StatusCode::success);
    EXPECT_TRUE(run.host.calls.back().msg.is_static);
    EXPECT_EQ(run(call(0, target, 1, 0, OP_CALLCODE) + OP_STOP, rev).status, StatusCode::success);
}

// --- create --------------------------------------------------------------------------------

TEST(evm_create, address_from_host) {
    Runner run;
    run.host.call_result.create_address = other;
    run.host.call_result.output = bytes{1, 2, 3};  // ignored for a successful create
    // initcode 60 01 60 00: the last 4 bytes of memory word 0.
    const Code code = push(0x60016000) + push(0) + OP_MSTORE + push(4) + push(28) + push(9) +
                      OP_CREATE + OP_RETURNDATASIZE + OP_ADD + ret_top();
    run.host.accounts[self].balance = 100;
    Result r = run(code, Revision::shanghai);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(output_word(r), uint256{0xbb});
    const auto& m = run.host.calls.at(0);
    EXPECT_EQ(m.msg.kind, CallKind::create);
    EXPECT_EQ(m.msg.recipient, Address{});
    EXPECT_EQ(m.msg.sender, self);
    EXPECT_EQ(m.msg.value, uint256{9});
    EXPECT_EQ(m.msg.depth, 1);
    EXPECT_EQ(m.input, (bytes{0x60, 0x01, 0x60, 0x00}));
    // Child gas: all but one 64th of what is left after 32000 and 2 gas per initcode word.
    const int64_t left = 1'000'000 - (3 + 3 + 6) - 9 - 32000 - 2;
    EXPECT_EQ(m.msg.gas, left - left / 64);

    // A reverting create pushes 0 and exposes the revert data.
    run.host.calls.clear();
    run.host.call_result.status = StatusCode::revert;
    r = run(code, Revision::shanghai);
    EXPECT_EQ(output_word(r), uint256{3});
}

TEST(evm_create, create2_salt_and_initcode_limit) {
    Runner run;
    run.host.call_result.create_address = other;
    // CREATE2(value 0, offset 0, size 64, salt 0x5a): 32000 + 6 per word hashing + memory.
    Result r = run(push(0x5a) + push(64) + push(0) + push(0) + OP_CREATE2 + OP_STOP,
                   Revision::constantinople);
    ASSERT_EQ(r.status, StatusCode::success);
    const auto& m = run.host.calls.at(0).msg;
    EXPECT_EQ(m.kind, CallKind::create2);
    EXPECT_EQ(m.create2_salt, uint256{0x5a});
    const int64_t left = 1'000'000 - 12 - 32000 - 6 - 12;
    EXPECT_EQ(m.gas, left - left / 64);

    // EIP-3860: initcode over 49152 bytes is an exceptional halt from Shanghai.
    const Code big = push(0) + push(49153) + push(0) + push(0) + OP_CREATE2 + OP_STOP;
    run.msg.gas = 10'000'000;
    EXPECT_EQ(run(big, Revision::shanghai).status, StatusCode::out_of_gas);
    EXPECT_EQ(run(big, Revision::paris).status, StatusCode::success);
    const Code max = push(0) + push(49152) + push(0) + push(0) + OP_CREATE2 + OP_STOP;
    EXPECT_EQ(run(max, Revision::shanghai).status, StatusCode::success);
}

TEST(evm_create, frontier_gives_all_gas) {
    Runner run;
    run(push(0) + push(0) + push(0) + OP_CREATE + OP_STOP, Revision::homestead);
    EXPECT_EQ(run.host.calls.at(0).msg.gas, 1'000'000 - 9 - 32000);
}

// --- selfdestruct, logs --------------------------------------------------------------------

TEST(evm_selfdestruct, costs_and_refund) {
    {
        Runner run;
        run.host.accounts[self].balance = 1;
        Result r = run(push(other) + OP_SELFDESTRUCT, Revision::berlin);
        ASSERT_EQ(r.status, StatusCode::success);
        EXPECT_EQ(run.gas_used(r), 3 + 5000 + 2600 + 25000);
        EXPECT_EQ(r.gas_refund, 24000);
        ASSERT_EQ(run.host.selfdestructs.size(), 1u);
        EXPECT_EQ(run.host.selfdestructs[0].second, other);
    }
    {
        Runner run;  // zero balance: no new-account charge after EIP-161; no refund after London
        Result r = run(push(other) + OP_SELFDESTRUCT, Revision::london);
        EXPECT_EQ(run.gas_used(r), 3 + 5000 + 2600);
        EXPECT_EQ(r.gas_refund, 0);
    }
    {
        Runner run;  // EIP-150 charges for a missing beneficiary regardless of balance
        Result r = run(push(other) + OP_SELFDESTRUCT, Revision::tangerine_whistle);
        EXPECT_EQ(run.gas_used(r), 3 + 5000 + 25000);
        r = run(push(other) + OP_SELFDESTRUCT, Revision::homestead);
        EXPECT_EQ(run.gas_used(r), 3);
    }
}

TEST(evm_log, data_topics_and_gas) {
    Runner run;
    const Result r = run(push(0xabcd) + push(0) + OP_MSTORE + push(7) + push(9) + push(2) +
                             push(30) + OP_LOG2 + OP_STOP,
                         Revision::cancun);
    ASSERT_EQ(r.status, StatusCode::success);
    ASSERT_EQ(run.host.logs.size(), 1u);
    const auto& log = run.host.logs[0];
    EXPECT_EQ(log.addr, self);
    EXPECT_EQ(log.data, (bytes{0xab, 0xcd}));
    ASSERT_EQ(log.topics.size(), 2u);
    EXPECT_EQ(log.topics[0].bytes[31], 9);
    EXPECT_EQ(log.topics[1].bytes[31], 7);
    EXPECT_EQ(run.gas_used(r), 12 + 12 + 375 + 2 * 375 + 2 * 8);
}

// --- nested frames through a host that executes them -----------------------------------------

namespace {

/// Runs nested calls with the interpreter itself, as the real Host does.
class ExecutingHost : public MockHost {
public:
    Revision rev = Revision::cancun;
    Result call(const Message& msg) noexcept override {
        calls.push_back({msg, copy(msg.input)});
        return execute(*this, rev, msg, accounts[msg.code_address].code);
    }
};

}  // namespace

TEST(evm_nested, child_memory_is_separate_and_output_copied) {
    ExecutingHost host;
    // Child: writes 0x77 at its memory 0 and returns 32 bytes from there; grows its memory
    // to 4 KiB to make sure the parent's buffer is not the one reused.
    host.accounts[target].code = (push(1) + push(4096) + OP_MSTORE + push(0x77) + push(0) +
                                  OP_MSTORE + push(32) + push(0) + OP_RETURN)
                                     .b;
    host.accounts[target].nonce = 1;
    // Parent: puts 0x55 at memory 32, calls the child with output to memory 0, returns 64 bytes.
    const Code parent = push(0x55) + push(32) + OP_MSTORE + call(100000, target, 0, 32) + OP_POP +
                        push(64) + push(0) + OP_RETURN;
    Message msg;
    msg.gas = 1'000'000;
    msg.recipient = self;
    const Result r = execute(host, host.rev, msg, parent);
    ASSERT_EQ(r.status, StatusCode::success);
    ASSERT_EQ(r.output.size(), 64u);
    EXPECT_EQ(r.output[31], 0x77);
    EXPECT_EQ(r.output[63], 0x55);
    ASSERT_EQ(host.calls.size(), 1u);
    EXPECT_EQ(host.calls[0].msg.depth, 1);
}

TEST(evm_nested, recursion_until_gas_runs_out) {
    ExecutingHost host;
    // Calls itself with all gas it may give; each level keeps 1/64, so the chain ends by gas
    // long before depth 1024, and every level returns success.
    host.accounts[self].code = (call(uint256{1} << 100, self, 0) + OP_STOP).b;
    Message msg;
    msg.gas = 1'000'000;
    msg.recipient = self;
    msg.code_address = self;
    const Result r = execute(host, host.rev, msg, host.accounts[self].code);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_GT(host.calls.size(), 10u);
    EXPECT_LT(host.calls.size(), 1024u);
}
