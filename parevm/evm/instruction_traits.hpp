// SPDX-License-Identifier: Apache-2.0
// parevm: constexpr per-revision instruction tables (static gas, stack bounds, availability).
#pragma once

#include <parevm/evm/host.hpp>
#include <parevm/evm/opcodes.hpp>
#include <parevm/evm/revision.hpp>

#include <array>
#include <cstdint>

namespace parevm {

inline constexpr int stack_limit = 1024;

/// Revision-independent facts about one opcode.
struct InstructionTraits {
    const char* name = nullptr;  // nullptr: no instruction has this byte in any revision
    int8_t stack_height_required = 0;
    int8_t stack_height_change = 0;
    Revision since = Revision::frontier;
};

inline constexpr std::array<InstructionTraits, 256> instruction_traits = [] {
    std::array<InstructionTraits, 256> t{};
#define PAREVM_X(name, value, req, change, since) t[value] = {#name, req, change, Revision::since};
    PAREVM_OPCODES(PAREVM_X)
#undef PAREVM_X
    return t;
}();

static_assert(instruction_traits[OP_CALL].stack_height_required == 7);
static_assert(instruction_traits[OP_DUP16].stack_height_required == 16);
static_assert(instruction_traits[OP_SWAP16].stack_height_required == 17);
static_assert(instruction_traits[OP_PUSH32].stack_height_change == 1);
static_assert(instruction_traits[0x0c].name == nullptr);

/// What the interpreter loop checks before each instruction, one 8-byte row per opcode.
struct OpEntry {
    int32_t gas = -1;            // static gas charged up front; -1: undefined in this revision
    int16_t stack_required = 0;  // minimum stack height before the instruction
    /// Allowed heights before the instruction are [stack_required, stack_required + stack_span]:
    /// one unsigned compare covers underflow and overflow.
    uint16_t stack_span = 0;
};

using OpTable = std::array<OpEntry, 256>;

/// Static gas of every defined opcode for `rev`; dynamic parts (memory, cold access, copies,
/// call extras) are charged by the instruction itself.
constexpr std::array<int32_t, 256> static_gas_costs(Revision rev) noexcept {
    std::array<int32_t, 256> g{};
    for (auto& c : g) c = -1;
    const auto since = [rev](Revision r) { return rev >= r; };

    // YP appendix G: W_zero, W_base, W_verylow, W_low, W_mid, W_high.
    g[OP_STOP] = 0;
    g[OP_ADD] = 3;
    g[OP_MUL] = 5;
    g[OP_SUB] = 3;
    g[OP_DIV] = 5;
    g[OP_SDIV] = 5;
    g[OP_MOD] = 5;
    g[OP_SMOD] = 5;
    g[OP_ADDMOD] = 8;
    g[OP_MULMOD] = 8;
    g[OP_EXP] = 10;  // + per exponent byte, see exp_byte_cost
    g[OP_SIGNEXTEND] = 5;
    for (int op = OP_LT; op <= OP_BYTE; ++op) g[op] = 3;
    if (since(Revision::constantinople)) g[OP_SHL] = g[OP_SHR] = g[OP_SAR] = 3;  // EIP-145
    if (since(Revision::osaka)) g[OP_CLZ] = 5;                                   // EIP-7939
    g[OP_KECCAK256] = 30;                                                        // + 6 per word

    g[OP_ADDRESS] = 2;
    // BALANCE: 20, EIP-150: 400, EIP-1884: 700, EIP-2929: warm 100 (+2500 if cold).
    g[OP_BALANCE] = since(Revision::berlin)              ? 100
                    : since(Revision::istanbul)          ? 700
                    : since(Revision::tangerine_whistle) ? 400
                                                         : 20;
    g[OP_ORIGIN] = g[OP_CALLER] = g[OP_CALLVALUE] = 2;
    g[OP_CALLDATALOAD] = 3;
    g[OP_CALLDATASIZE] = 2;
    g[OP_CALLDATACOPY] = 3;
    g[OP_CODESIZE] = 2;
    g[OP_CODECOPY] = 3;
    g[OP_GASPRICE] = 2;
    // EXTCODESIZE/EXTCODECOPY: 20, EIP-150: 700, EIP-2929: warm 100.
    const int32_t extcode = since(Revision::berlin)              ? 100
                            : since(Revision::tangerine_whistle) ? 700
                                                                 : 20;
    g[OP_EXTCODESIZE] = g[OP_EXTCODECOPY] = extcode;
    if (since(Revision::byzantium)) {  // EIP-211
        g[OP_RETURNDATASIZE] = 2;
        g[OP_RETURNDATACOPY] = 3;
    }
    // EXTCODEHASH: EIP-1052 400, EIP-1884 700, EIP-2929 warm 100.
    if (since(Revision::constantinople))
        g[OP_EXTCODEHASH] = since(Revision::berlin) ? 100 : since(Revision::istanbul) ? 700 : 400;

    g[OP_BLOCKHASH] = 20;
    g[OP_COINBASE] = g[OP_TIMESTAMP] = g[OP_NUMBER] = g[OP_PREVRANDAO] = g[OP_GASLIMIT] = 2;
    if (since(Revision::istanbul)) {
        g[OP_CHAINID] = 2;      // EIP-1344
        g[OP_SELFBALANCE] = 5;  // EIP-1884
    }
    if (since(Revision::london)) g[OP_BASEFEE] = 2;  // EIP-3198
    if (since(Revision::cancun)) {
        g[OP_BLOBHASH] = 3;     // EIP-4844
        g[OP_BLOBBASEFEE] = 2;  // EIP-7516
    }

    g[OP_POP] = 2;
    g[OP_MLOAD] = g[OP_MSTORE] = g[OP_MSTORE8] = 3;
    // SLOAD: 50, EIP-150: 200, EIP-1884: 800, EIP-2929: warm 100 (+2000 if cold).
    g[OP_SLOAD] = since(Revision::berlin)              ? 100
                  : since(Revision::istanbul)          ? 800
                  : since(Revision::tangerine_whistle) ? 200
                                                       : 50;
    g[OP_SSTORE] = 0;  // entirely dynamic (sstore_costs)
    g[OP_JUMP] = 8;
    g[OP_JUMPI] = 10;
    g[OP_PC] = g[OP_MSIZE] = g[OP_GAS] = 2;
    g[OP_JUMPDEST] = 1;
    if (since(Revision::cancun)) {
        g[OP_TLOAD] = g[OP_TSTORE] = 100;  // EIP-1153
        g[OP_MCOPY] = 3;                   // EIP-5656, + 3 per word
    }
    if (since(Revision::shanghai)) g[OP_PUSH0] = 2;  // EIP-3855
    for (int op = OP_PUSH1; op <= OP_SWAP16; ++op) g[op] = 3;
    for (int n = 0; n <= 4; ++n) g[OP_LOG0 + n] = 375 + 375 * n;  // + 8 per data byte

    g[OP_CREATE] = 32000;
    // CALL family: 40, EIP-150: 700, EIP-2929: warm 100 (+2500 if cold).
    const int32_t call = since(Revision::berlin)              ? 100
                         : since(Revision::tangerine_whistle) ? 700
                                                              : 40;
    g[OP_CALL] = g[OP_CALLCODE] = call;
    g[OP_RETURN] = 0;
    if (since(Revision::homestead)) g[OP_DELEGATECALL] = call;   // EIP-7
    if (since(Revision::constantinople)) g[OP_CREATE2] = 32000;  // EIP-1014
    if (since(Revision::byzantium)) {
        g[OP_STATICCALL] = call;  // EIP-214
        g[OP_REVERT] = 0;         // EIP-140
    }
    g[OP_INVALID] = 0;
    g[OP_SELFDESTRUCT] = since(Revision::tangerine_whistle) ? 5000 : 0;  // EIP-150
    return g;
}

/// The loop's table for every revision.
inline constexpr std::array<OpTable, revision_count> op_tables = [] {
    std::array<OpTable, revision_count> tables{};
    for (int r = 0; r < revision_count; ++r) {
        const auto gas = static_gas_costs(static_cast<Revision>(r));
        for (int op = 0; op < 256; ++op) {
            const auto& tr = instruction_traits[op];
            auto& e = tables[r][op];
            if (gas[op] < 0) continue;
            e.gas = gas[op];
            e.stack_required = tr.stack_height_required;
            const int max_before =
                tr.stack_height_change > 0 ? stack_limit - tr.stack_height_change : stack_limit;
            e.stack_span = static_cast<uint16_t>(max_before - tr.stack_height_required);
        }
    }
    return tables;
}();

constexpr const OpTable& op_table(Revision rev) noexcept {
    return op_tables[static_cast<size_t>(rev)];
}

// Every opcode with a cost must be a known instruction defined since its first revision, and
// every known instruction must have a cost from that revision on.
static_assert([] {
    for (int r = 0; r < revision_count; ++r) {
        const auto rev = static_cast<Revision>(r);
        const auto gas = static_gas_costs(rev);
        for (int op = 0; op < 256; ++op) {
            const auto& tr = instruction_traits[op];
            const bool defined = tr.name != nullptr && rev >= tr.since;
            if (defined != (gas[op] >= 0)) return false;
        }
    }
    return true;
}());
static_assert(op_table(Revision::frontier)[OP_SLOAD].gas == 50);
static_assert(op_table(Revision::tangerine_whistle)[OP_CALL].gas == 700);
static_assert(op_table(Revision::istanbul)[OP_BALANCE].gas == 700);
static_assert(op_table(Revision::berlin)[OP_SLOAD].gas == 100);
static_assert(op_table(Revision::petersburg)[OP_PUSH0].gas == -1);
static_assert(op_table(Revision::shanghai)[OP_PUSH0].gas == 2);
static_assert(op_table(Revision::prague)[OP_CLZ].gas == -1);
static_assert(op_table(Revision::osaka)[OP_CLZ].gas == 5);
static_assert(op_table(Revision::cancun)[OP_DUP1].stack_required == 1);
static_assert(op_table(Revision::cancun)[OP_DUP1].stack_span == stack_limit - 2);
static_assert(op_table(Revision::cancun)[OP_POP].stack_span == stack_limit - 1);

/// Static gas of each opcode when it is the same in every revision that defines it, else -1
/// (BALANCE, SLOAD, the CALL family, ...: their cost changed with EIP-150/1884/2929, and the
/// undefined bytes). Code analysis sums these per basic block, so one block table serves
/// every revision; the variable ones charge their table cost themselves.
inline constexpr std::array<int32_t, 256> fixed_gas_costs = [] {
    std::array<int32_t, 256> fixed{};
    for (int op = 0; op < 256; ++op) {
        int32_t g = -1;
        bool same = true;
        for (int r = 0; r < revision_count; ++r) {
            const int32_t rg = op_tables[r][op].gas;
            if (rg < 0) continue;
            if (g >= 0 && rg != g) same = false;
            g = rg;
        }
        fixed[op] = same ? g : -1;
    }
    return fixed;
}();

/// True for the opcodes whose static cost varies by revision (see fixed_gas_costs).
constexpr bool has_variable_gas(uint8_t op) noexcept {
    return fixed_gas_costs[op] < 0 && instruction_traits[op].name != nullptr;
}
static_assert([] {
    // The interpreter charges exactly these itself; keep this list and its cases in step.
    int n = 0;
    for (int op = 0; op < 256; ++op) n += has_variable_gas(static_cast<uint8_t>(op)) ? 1 : 0;
    return n == 10 && has_variable_gas(OP_BALANCE) && has_variable_gas(OP_EXTCODESIZE) &&
           has_variable_gas(OP_EXTCODECOPY) && has_variable_gas(OP_EXTCODEHASH) &&
           has_variable_gas(OP_SLOAD) && has_variable_gas(OP_CALL) &&
           has_variable_gas(OP_CALLCODE) && has_variable_gas(OP_DELEGATECALL) &&
           has_variable_gas(OP_STATICCALL) && has_variable_gas(OP_SELFDESTRUCT);
}());
static_assert(fixed_gas_costs[OP_ADD] == 3 && fixed_gas_costs[OP_PUSH0] == 2);

/// EXP: 10 per exponent byte, EIP-160 (Spurious Dragon): 50.
constexpr int64_t exp_byte_cost(Revision rev) noexcept {
    return rev >= Revision::spurious_dragon ? 50 : 10;
}

/// Gas and refund of SSTORE for each StorageStatus (warm part only; EIP-2929 cold surcharge
/// is added separately).
struct StorageCost {
    int32_t gas = 0;
    int32_t refund = 0;
};
using StorageCostTable = std::array<StorageCost, 9>;

/// Builds the SSTORE table for `rev`.
/// - Frontier..Byzantium, Petersburg: 20000 for zero -> non-zero, else 5000; refund 15000 when a
///   non-zero slot is cleared (YP appendix G, R_sclear).
/// - Constantinople (EIP-1283), Istanbul (EIP-2200), Berlin (EIP-2929), London (EIP-3529):
///   net metering: `dirty` is the cost of a no-op or already-dirty write (200 / SLOAD_GAS 800 /
///   warm read 100), `reset` the cost of changing a clean non-zero slot, `clear` the refund for
///   clearing one.
constexpr StorageCostTable sstore_costs(Revision rev) noexcept {
    StorageCostTable t{};
    const auto at = [&t](StorageStatus s) -> StorageCost& { return t[static_cast<size_t>(s)]; };
    constexpr int32_t set = 20000;
    if (rev < Revision::constantinople || rev == Revision::petersburg) {
        constexpr int32_t reset = 5000, clear = 15000;
        // The legacy rule depends only on the current and the new value.
        at(StorageStatus::assigned) = {reset, 0};  // current == new, or dirty non-zero -> non-zero
        at(StorageStatus::added) = {set, 0};
        at(StorageStatus::deleted) = {reset, clear};
        at(StorageStatus::modified) = {reset, 0};
        at(StorageStatus::deleted_added) = {set, 0};  // current 0 -> non-zero
        at(StorageStatus::modified_deleted) = {reset, clear};
        at(StorageStatus::deleted_restored) = {set, 0};
        at(StorageStatus::added_deleted) = {reset, clear};
        at(StorageStatus::modified_restored) = {reset, 0};
        return t;
    }
    int32_t dirty = 200;  // EIP-1283
    int32_t reset = 5000;
    int32_t clear = 15000;
    if (rev >= Revision::istanbul) dirty = 800;  // EIP-2200: SLOAD_GAS
    if (rev >= Revision::berlin) {
        dirty = 100;          // EIP-2929: WARM_STORAGE_READ_COST
        reset = 5000 - 2100;  // EIP-2929: SSTORE_RESET_GAS - COLD_SLOAD_COST
    }
    if (rev >= Revision::london) clear = 4800;  // EIP-3529
    at(StorageStatus::assigned) = {dirty, 0};
    at(StorageStatus::added) = {set, 0};
    at(StorageStatus::deleted) = {reset, clear};
    at(StorageStatus::modified) = {reset, 0};
    at(StorageStatus::deleted_added) = {dirty, -clear};
    at(StorageStatus::modified_deleted) = {dirty, clear};
    at(StorageStatus::deleted_restored) = {dirty, reset - dirty - clear};
    at(StorageStatus::added_deleted) = {dirty, set - dirty};
    at(StorageStatus::modified_restored) = {dirty, reset - dirty};
    return t;
}

}  // namespace parevm
