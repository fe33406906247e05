// SPDX-License-Identifier: Apache-2.0
// parevm: interpreter tests without world state: arithmetic, memory gas, jumps, stack, opcodes
// per revision.
#include "mock_host.hpp"

#include <parevm/evm/instruction_traits.hpp>
#include <parevm/evm/opcodes.hpp>

#include <gtest/gtest.h>

using namespace parevm;
using namespace parevm::test;

namespace {

constexpr uint256 max_u256{~uint64_t{0}, ~uint64_t{0}, ~uint64_t{0}, ~uint64_t{0}};

struct Runner {
    MockHost host;
    Message msg;

    Runner() {
        msg.gas = 1'000'000;
        msg.recipient = address_from_u64(0xaa);
        msg.sender = address_from_u64(0xcc);
    }
    Result operator()(const Code& code, Revision rev = latest_revision) {
        return execute(host, rev, msg, code);
    }
    /// Runs `code` followed by ret_top() and returns the returned word.
    uint256 top(const Code& code, Revision rev = latest_revision) {
        const Result r = (*this)(code + ret_top(), rev);
        EXPECT_EQ(r.status, StatusCode::success);
        return output_word(r);
    }
};

uint256 neg(uint64_t v) {
    return uint256{} - uint256{v};
}

}  // namespace

TEST(evm_interpreter, add_and_gas) {
    Runner run;
    const Result r = run(push(2) + push(3) + OP_ADD + ret_top());
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(output_word(r), uint256{5});
    // 3 pushes x2 + ADD 3, then PUSH1 0, MSTORE (3 + 3 for one word), PUSH1, PUSH1, RETURN 0.
    EXPECT_EQ(run.msg.gas - r.gas_left, 3 + 3 + 3 + 3 + 6 + 3 + 3);
}

TEST(evm_interpreter, arithmetic) {
    Runner run;
    // The first operand is the top of the stack (pushed last).
    EXPECT_EQ(run.top(push(5) + push(3) + OP_SUB), neg(2));
    EXPECT_EQ(run.top(push(6) + push(7) + OP_MUL), uint256{42});
    EXPECT_EQ(run.top(push(3) + push(10) + OP_DIV), uint256{3});
    EXPECT_EQ(run.top(push(0) + push(10) + OP_DIV), uint256{0});
    EXPECT_EQ(run.top(push(3) + push(neg(10)) + OP_SDIV), neg(3));
    EXPECT_EQ(run.top(push(3) + push(10) + OP_MOD), uint256{1});
    EXPECT_EQ(run.top(push(3) + push(neg(10)) + OP_SMOD), neg(1));
    EXPECT_EQ(run.top(push(8) + push(10) + push(10) + OP_ADDMOD), uint256{4});
    EXPECT_EQ(run.top(push(7) + push(max_u256) + push(max_u256) + OP_ADDMOD),
              uint256{2});  // (2^257 - 2) mod 7 = 2, needs the carry
    EXPECT_EQ(run.top(push(7) + push(10) + push(10) + OP_MULMOD), uint256{2});
    EXPECT_EQ(run.top(push(10) + push(2) + OP_EXP), uint256{1024});
    EXPECT_EQ(run.top(push(0xff) + push(0) + OP_SIGNEXTEND), max_u256);
    EXPECT_EQ(run.top(push(0x7f) + push(0) + OP_SIGNEXTEND), uint256{0x7f});
    EXPECT_EQ(run.top(push(2) + push(1) + OP_LT), uint256{1});
    EXPECT_EQ(run.top(push(2) + push(1) + OP_GT), uint256{0});
    EXPECT_EQ(run.top(push(1) + push(neg(1)) + OP_SLT), uint256{1});
    EXPECT_EQ(run.top(push(1) + push(neg(1)) + OP_SGT), uint256{0});
    EXPECT_EQ(run.top(push(9) + push(9) + OP_EQ), uint256{1});
    EXPECT_EQ(run.top(push(0) + OP_ISZERO), uint256{1});
    EXPECT_EQ(run.top(push(0xf0) + push(0x3c) + OP_AND), uint256{0x30});
    EXPECT_EQ(run.top(push(0xf0) + push(0x0f) + OP_OR), uint256{0xff});
    EXPECT_EQ(run.top(push(0xff) + push(0x0f) + OP_XOR), uint256{0xf0});
    EXPECT_EQ(run.top(push(0) + OP_NOT), max_u256);
    EXPECT_EQ(run.top(push(0x1234) + push(31) + OP_BYTE), uint256{0x34});
    EXPECT_EQ(run.top(push(0x1234) + push(32) + OP_BYTE), uint256{0});
}

/// The interpreter's own fast paths for arithmetic (64-bit SDIV/SMOD, 64 x 64-bit MUL, scalar
/// limb code for comparisons and shifts) against the uint256 library, which uint256_test checks
/// against GMP, on operands around the limb and sign boundaries where those paths switch.
TEST(evm_interpreter, arithmetic_matches_uint256) {
    uint64_t state = 12345;
    const auto next = [&state] {  // splitmix64
        uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    };
    const auto operand = [&]() -> uint256 {
        const uint64_t ones = ~uint64_t{0};
        const uint64_t int64_min = uint64_t{1} << 63;
        switch (next() % 8) {
            case 0: {
                const uint256 specials[] = {0,
                                            1,
                                            2,
                                            neg(1),
                                            neg(2),
                                            uint256{int64_min - 1},
                                            uint256{int64_min},
                                            uint256{int64_min, ones, ones, ones},  // INT64_MIN
                                            uint256{ones},
                                            uint256{0, 1, 0, 0},
                                            uint256{0, 0, 0, int64_min},  // the most negative
                                            max_u256};
                return specials[next() % std::size(specials)];
            }
            case 1:  // a signed 64-bit value
                return uint256{} + uint256{next() >> (next() % 64)} -
                       ((next() & 1) != 0 ? uint256{0} : uint256{1} << 63);
            case 2:  // negative, fitting in 128 bits
                return neg(next()) - uint256{0, next() >> (next() % 64), 0, 0};
            case 3:  // small
                return uint256{next() % 300};
            case 4:
                return uint256{next(), next() >> (next() % 64), 0, 0};
            default:
                return uint256{next(), next(), next(), next()} >> (next() % 256);
        }
    };
    struct BinOp {
        uint8_t op;
        uint256 (*fn)(const uint256&, const uint256&);  // fn(top, second)
    };
    const BinOp ops[] = {
        {OP_ADD, [](const uint256& a, const uint256& b) { return a + b; }},
        {OP_SUB, [](const uint256& a, const uint256& b) { return a - b; }},
        {OP_MUL, [](const uint256& a, const uint256& b) { return a * b; }},
        {OP_DIV, [](const uint256& a, const uint256& b) { return a / b; }},
        {OP_MOD, [](const uint256& a, const uint256& b) { return a % b; }},
        {OP_SDIV, [](const uint256& a, const uint256& b) { return sdiv(a, b); }},
        {OP_SMOD, [](const uint256& a, const uint256& b) { return smod(a, b); }},
        {OP_LT, [](const uint256& a, const uint256& b) { return uint256{a < b}; }},
        {OP_GT, [](const uint256& a, const uint256& b) { return uint256{b < a}; }},
        {OP_SLT, [](const uint256& a, const uint256& b) { return uint256{slt(a, b)}; }},
        {OP_SGT, [](const uint256& a, const uint256& b) { return uint256{slt(b, a)}; }},
        {OP_EQ, [](const uint256& a, const uint256& b) { return uint256{a == b}; }},
        {OP_AND, [](const uint256& a, const uint256& b) { return a & b; }},
        {OP_OR, [](const uint256& a, const uint256& b) { return a | b; }},
        {OP_XOR, [](const uint256& a, const uint256& b) { return a ^ b; }},
        {OP_SHL, [](const uint256& a, const uint256& b) { return b << a; }},
        {OP_SHR, [](const uint256& a, const uint256& b) { return b >> a; }},
    };
    Runner run;
    int failures = 0;
    for (int i = 0; i < 3000 && failures < 10; ++i) {
        const uint256 a = operand();
        const uint256 b = operand();
        const uint256 m = operand();
        for (const BinOp& op : ops) {
            if (run.top(push(b) + push(a) + op.op) != op.fn(a, b)) {
                ++failures;
                ADD_FAILURE() << "opcode " << int{op.op} << " a=" << to_hex(a)
                              << " b=" << to_hex(b);
            }
        }
        EXPECT_EQ(run.top(push(a) + OP_ISZERO), uint256{!a});
        EXPECT_EQ(run.top(push(a) + OP_NOT), ~a);
        EXPECT_EQ(run.top(push(m) + push(b) + push(a) + OP_ADDMOD), addmod(a, b, m));
        EXPECT_EQ(run.top(push(m) + push(b) + push(a) + OP_MULMOD), mulmod(a, b, m));
    }
}

TEST(evm_interpreter, shifts_eip145) {
    Runner run;
    EXPECT_EQ(run.top(push(1) + push(4) + OP_SHL), uint256{16});
    EXPECT_EQ(run.top(push(1) + push(256) + OP_SHL), uint256{0});
    EXPECT_EQ(run.top(push(16) + push(4) + OP_SHR), uint256{1});
    EXPECT_EQ(run.top(push(neg(16)) + push(4) + OP_SAR), neg(1));
    EXPECT_EQ(run.top(push(neg(16)) + push(300) + OP_SAR), max_u256);
    const Result r = run(push(1) + push(4) + OP_SHL, Revision::byzantium);
    EXPECT_EQ(r.status, StatusCode::undefined_instruction);
    EXPECT_EQ(r.gas_left, 0);
}

TEST(evm_interpreter, clz_eip7939) {
    Runner run;
    EXPECT_EQ(run.top(push(1) + OP_CLZ), uint256{255});
    EXPECT_EQ(run.top(push(0) + OP_CLZ), uint256{256});
    EXPECT_EQ(run.top(push(max_u256) + OP_CLZ), uint256{0});
    EXPECT_EQ(run.top(push(uint256{0, 0, 0, 1}) + OP_CLZ), uint256{63});
    // 5 gas (EIP-7939): PUSH1 + CLZ + STOP.
    const Result ok = run(push(1) + OP_CLZ + OP_STOP, Revision::osaka);
    EXPECT_EQ(run.msg.gas - ok.gas_left, 3 + 5);
    EXPECT_EQ(run(push(1) + OP_CLZ, Revision::prague).status, StatusCode::undefined_instruction);
}

TEST(evm_interpreter, exp_gas_eip160) {
    Runner run;
    const Code code = push(0x0102) + push(3) + OP_EXP + OP_STOP;  // exponent has 2 bytes
    EXPECT_EQ(run.msg.gas - run(code, Revision::homestead).gas_left, 3 + 3 + 10 + 2 * 10);
    EXPECT_EQ(run.msg.gas - run(code, Revision::spurious_dragon).gas_left, 3 + 3 + 10 + 2 * 50);
    // Exponent zero: only the base cost.
    EXPECT_EQ(run.msg.gas - run(push(0) + push(3) + OP_EXP + OP_STOP).gas_left, 3 + 3 + 10);
}

TEST(evm_interpreter, undefined_per_revision) {
    Runner run;
    // PUSH0 (EIP-3855) is undefined before Shanghai.
    Result r = run(Code{OP_PUSH0} + OP_STOP, Revision::paris);
    EXPECT_EQ(r.status, StatusCode::undefined_instruction);
    EXPECT_EQ(r.gas_left, 0);
    r = run(Code{OP_PUSH0} + OP_STOP, Revision::shanghai);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(run.msg.gas - r.gas_left, 2);
    EXPECT_EQ(run(Code{0x0c}).status, StatusCode::undefined_instruction);
    EXPECT_EQ(run(Code{0xef}).status, StatusCode::undefined_instruction);
    EXPECT_EQ(run(Code{OP_INVALID}).status, StatusCode::invalid_instruction);
    EXPECT_EQ(run(Code{OP_INVALID}).gas_left, 0);
    EXPECT_EQ(run(push(0) + OP_TLOAD, Revision::shanghai).status,
              StatusCode::undefined_instruction);
    EXPECT_EQ(run(Code{OP_RETURNDATASIZE}, Revision::spurious_dragon).status,
              StatusCode::undefined_instruction);
    EXPECT_EQ(run(Code{OP_CHAINID}, Revision::petersburg).status,
              StatusCode::undefined_instruction);
    EXPECT_EQ(run(Code{OP_BASEFEE}, Revision::berlin).status, StatusCode::undefined_instruction);
    EXPECT_EQ(run(Code{OP_BLOBBASEFEE}, Revision::shanghai).status,
              StatusCode::undefined_instruction);
    const Code delegatecall =
        push(0) + push(0) + push(0) + push(0) + push(0) + push(0) + OP_DELEGATECALL;
    EXPECT_EQ(run(delegatecall, Revision::frontier).status, StatusCode::undefined_instruction);
    EXPECT_EQ(run(push(0) + push(0) + OP_REVERT, Revision::spurious_dragon).status,
              StatusCode::undefined_instruction);
    EXPECT_EQ(run(push(0) + push(0) + OP_REVERT, Revision::byzantium).status, StatusCode::revert);
}

TEST(evm_interpreter, stack_underflow_overflow) {
    Runner run;
    Result r = run(push(1) + OP_ADD);
    EXPECT_EQ(r.status, StatusCode::stack_underflow);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_EQ(run(push(1) + OP_SWAP1).status, StatusCode::stack_underflow);
    EXPECT_EQ(run(push(1) + OP_DUP2).status, StatusCode::stack_underflow);

    Code full;
    for (int i = 0; i < stack_limit; ++i) full += push(1);
    EXPECT_EQ(run(full + OP_STOP).status, StatusCode::success);
    EXPECT_EQ(run(full + OP_POP + OP_DUP1 + OP_STOP).status, StatusCode::success);
    EXPECT_EQ(run(full + push(1)).status, StatusCode::stack_overflow);
    EXPECT_EQ(run(full + OP_DUP1).status, StatusCode::stack_overflow);
    EXPECT_EQ(run(full + OP_ADD + OP_DUP1 + OP_STOP).status, StatusCode::success);
}

TEST(evm_interpreter, dup_swap) {
    Runner run;
    EXPECT_EQ(run.top(push(1) + push(2) + push(3) + OP_DUP3), uint256{1});
    EXPECT_EQ(run.top(push(1) + push(2) + push(3) + OP_SWAP2), uint256{1});
    EXPECT_EQ(run.top(push(1) + push(2) + push(3) + OP_SWAP2 + OP_POP + OP_POP), uint256{3});
}

TEST(evm_interpreter, push_immediates) {
    Runner run;
    Code c;
    c.b = {OP_PUSH2, 0x12, 0x34};
    EXPECT_EQ(run.top(c), uint256{0x1234});
    c.b = {OP_PUSH32};
    for (int i = 0; i < 32; ++i) c.b.push_back(static_cast<uint8_t>(i + 1));
    EXPECT_EQ(run.top(c), (uint256{0x191a1b1c1d1e1f20, 0x1112131415161718, 0x090a0b0c0d0e0f10,
                                   0x0102030405060708}));
    // PUSH at the end of code reads zeros past the end, then stops.
    c.b = {OP_PUSH2, 0x12};
    const Result r = run(c);
    EXPECT_EQ(r.status, StatusCode::success);
}

TEST(evm_interpreter, memory_expansion_gas) {
    Runner run;
    // MSTORE at 0x1000 touches 129 words: 3 * 129 + 129^2 / 512 = 387 + 32 (YP eq. 326).
    Result r = run(push(1) + push(0x1000) + OP_MSTORE + OP_STOP);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(run.msg.gas - r.gas_left, 3 + 3 + 3 + 419);
    // A second store in the same region costs no expansion.
    r = run(push(1) + push(0x1000) + OP_MSTORE + push(1) + push(0) + OP_MSTORE + OP_STOP);
    EXPECT_EQ(run.msg.gas - r.gas_left, 3 + 3 + 3 + 419 + 3 + 3 + 3);
    // MSIZE is in words x 32, MSTORE8 expands by one word.
    EXPECT_EQ(run.top(push(1) + push(33) + OP_MSTORE8 + OP_MSIZE), uint256{64});
    EXPECT_EQ(run.top(push(0x1234) + push(0) + OP_MSTORE + push(0) + OP_MLOAD), uint256{0x1234});
    // Offsets beyond any payable size are out of gas, not overflow.
    r = run(push(uint256{1} << 40) + OP_MLOAD);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_EQ(run(push(max_u256) + OP_MLOAD).status, StatusCode::out_of_gas);
    EXPECT_EQ(run(push(max_u256) + push(0) + OP_RETURN).status, StatusCode::out_of_gas);
    // Zero-sized ranges never expand memory whatever the offset.
    r = run(push(0) + push(max_u256) + OP_RETURN);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_TRUE(r.output.empty());
}

TEST(evm_interpreter, copy_and_keccak_gas) {
    Runner run;
    run.msg.input = bytes_view{reinterpret_cast<const uint8_t*>("abc"), 3};
    // CALLDATACOPY 64 bytes to 0: 3 + 3 per word x2 + memory 2 words (6).
    Result r = run(push(64) + push(0) + push(0) + OP_CALLDATACOPY + OP_STOP);
    EXPECT_EQ(run.msg.gas - r.gas_left, 9 + 3 + 6 + 6);
    // KECCAK256 of 64 bytes: 30 + 6 per word x2 + memory 6.
    r = run(push(64) + push(0) + OP_KECCAK256 + OP_STOP);
    EXPECT_EQ(run.msg.gas - r.gas_left, 6 + 30 + 12 + 6);
    // keccak256("") = c5d2...a470
    EXPECT_EQ(
        run.top(push(0) + push(0) + OP_KECCAK256),
        (uint256{0x7bfad8045d85a470, 0xe500b653ca82273b, 0x927e7db2dcc703c0, 0xc5d2460186f7233c}));
    EXPECT_EQ(run.top(push(0) + OP_CALLDATALOAD), (uint256{0, 0, 0, 0x6162630000000000}));
    EXPECT_EQ(run.top(push(2) + OP_CALLDATALOAD), (uint256{0, 0, 0, 0x6300000000000000}));
    EXPECT_EQ(run.top(push(max_u256) + OP_CALLDATALOAD), uint256{0});
    EXPECT_EQ(run.top(Code{OP_CALLDATASIZE}), uint256{3});
    // CODECOPY past the end pads with zeros.
    EXPECT_EQ(run.top(push(32) + push(1000) + push(0) + OP_CODECOPY + push(0) + OP_MLOAD),
              uint256{0});
}

TEST(evm_interpreter, mcopy_eip5656) {
    Runner run;
    // Store 0x..ff at word 0, copy 32 bytes to 0x20 (expansion to 2 words, 3 per word).
    const Result r =
        run(push(0xff) + push(0) + OP_MSTORE + push(32) + push(0) + push(32) + OP_MCOPY + OP_STOP);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(run.msg.gas - r.gas_left, 3 + 3 + 6 + 3 + 3 + 3 + 3 + 3 + 3);
    EXPECT_EQ(run.top(push(0xff) + push(0) + OP_MSTORE + push(32) + push(0) + push(32) + OP_MCOPY +
                      push(32) + OP_MLOAD),
              uint256{0xff});
    // Overlapping copy behaves like memmove.
    EXPECT_EQ(run.top(push(0x1122) + push(0) + OP_MSTORE + push(32) + push(0) + push(1) + OP_MCOPY +
                      push(1) + OP_MLOAD),
              uint256{0x1122});
}

TEST(evm_interpreter, jumps) {
    Runner run;
    // 0: PUSH1 4, 2: JUMP, 3: INVALID, 4: JUMPDEST
    EXPECT_EQ(run.top(push(4) + OP_JUMP + OP_INVALID + OP_JUMPDEST + push(7)), uint256{7});
    // 0: PUSH1 4, 2: JUMP, 3: PUSH1 0x5b (the 0x5b at 4 is data)
    Result r = run(push(4) + OP_JUMP + push(0x5b) + OP_STOP);
    EXPECT_EQ(r.status, StatusCode::bad_jump_destination);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_EQ(run(push(3) + OP_JUMP + OP_STOP + OP_STOP).status, StatusCode::bad_jump_destination);
    EXPECT_EQ(run(push(max_u256) + OP_JUMP).status, StatusCode::bad_jump_destination);
    EXPECT_EQ(run(push(100) + OP_JUMP).status, StatusCode::bad_jump_destination);
    // JUMPI not taken ignores a bad destination.
    EXPECT_EQ(run.top(push(0) + push(100) + OP_JUMPI + push(9)), uint256{9});
    // 0: PUSH1 1, 2: PUSH1 7, 4: JUMPI, 5: INVALID, 6: INVALID, 7: JUMPDEST
    EXPECT_EQ(run.top(push(1) + push(7) + OP_JUMPI + OP_INVALID + OP_INVALID + OP_JUMPDEST + OP_PC),
              uint256{8});
    // JUMP 8 + JUMPDEST 1.
    r = run(push(3) + OP_JUMP + OP_JUMPDEST + OP_STOP);
    EXPECT_EQ(run.msg.gas - r.gas_left, 3 + 8 + 1);
}

TEST(evm_interpreter, out_of_gas_and_gas_opcode) {
    Runner run;
    run.msg.gas = 5;
    Result r = run(push(1) + push(2) + OP_ADD);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    EXPECT_EQ(r.gas_left, 0);
    run.msg.gas = 1000;
    // GAS returns the gas left after paying for itself.
    EXPECT_EQ(run.top(Code{OP_GAS}), uint256{1000 - 2});
}

TEST(evm_interpreter, return_and_revert) {
    Runner run;
    Result r = run(push(0xabcd) + push(0) + OP_MSTORE + push(2) + push(30) + OP_REVERT);
    EXPECT_EQ(r.status, StatusCode::revert);
    EXPECT_EQ(r.output, (bytes{0xab, 0xcd}));
    EXPECT_EQ(run.msg.gas - r.gas_left, 3 + 3 + 6 + 3 + 3);
    r = run(Code{OP_STOP});
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, run.msg.gas);
    EXPECT_TRUE(r.output.empty());
    // Empty code stops at once.
    r = run(Code{});
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, run.msg.gas);
}

TEST(evm_interpreter, analysis_shared) {
    const Code code = push(0x5b) + OP_JUMPDEST + OP_STOP;
    const auto a = analyze(code);
    MockHost host;
    Message msg;
    msg.gas = 100;
    EXPECT_EQ(execute(host, latest_revision, msg, *a).status, StatusCode::success);
    EXPECT_EQ(execute(host, latest_revision, msg, *a).gas_left, 100 - 3 - 1);
}

TEST(evm_interpreter, op_tables) {
    // Spot checks of the static gas tables against the EIPs.
    EXPECT_EQ(op_table(Revision::frontier)[OP_BALANCE].gas, 20);
    EXPECT_EQ(op_table(Revision::tangerine_whistle)[OP_BALANCE].gas, 400);
    EXPECT_EQ(op_table(Revision::istanbul)[OP_SLOAD].gas, 800);
    EXPECT_EQ(op_table(Revision::constantinople)[OP_EXTCODEHASH].gas, 400);
    EXPECT_EQ(op_table(Revision::istanbul)[OP_EXTCODEHASH].gas, 700);
    EXPECT_EQ(op_table(Revision::istanbul)[OP_SELFBALANCE].gas, 5);
    EXPECT_EQ(op_table(Revision::frontier)[OP_CALL].gas, 40);
    EXPECT_EQ(op_table(Revision::frontier)[OP_SELFDESTRUCT].gas, 0);
    EXPECT_EQ(op_table(Revision::tangerine_whistle)[OP_SELFDESTRUCT].gas, 5000);
    EXPECT_EQ(op_table(Revision::cancun)[OP_TSTORE].gas, 100);
    EXPECT_EQ(op_table(Revision::cancun)[OP_BLOBHASH].gas, 3);
    EXPECT_EQ(op_table(Revision::cancun)[OP_LOG4].gas, 375 * 5);
}
