// SPDX-License-Identifier: Apache-2.0
// parevm: analysed code: padded copy, JUMPDEST map, basic blocks; built once, shared read-only.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/evm/interpreter.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace parevm {

/// Padding after the code: a PUSH32 in the last byte reads 32 zero bytes, and the byte after
/// the code is STOP (0x00), so the loop needs no end-of-code check.
inline constexpr size_t code_padding = 33;

/// A basic block's checks, done once when the block is entered instead of per instruction
/// (the idea of evmone's "advanced" analysis). A block ends after an instruction that jumps,
/// halts, reads the gas counter or may halt for a reason other than gas (static-mode writes,
/// RETURNDATACOPY bounds), and before a JUMPDEST; so charging the whole block's static gas up
/// front can only move an out-of-gas halt earlier inside the block, which is unobservable.
struct BlockInfo {
    /// Sum of the revision-independent static gas (fixed_gas_costs) of the block's instructions.
    int64_t gas = 0;
    /// Allowed stack heights at entry are [stack_required, stack_required + stack_span]. 16 bits
    /// keep the entry at 16 bytes; a block whose range does not fit has `since` 0xff.
    int16_t stack_required = 0;
    int16_t stack_span = 0;
    /// The block runs on the fast path only from this revision on (the latest `since` of its
    /// instructions); 0xff: never (an undefined byte, or a stack that can never fit).
    uint8_t since = 0;
    /// 1 when the block starts with a JUMPDEST, whose gas the block includes.
    uint8_t skip = 0;
};

struct CodeAnalysis {
    /// The code followed by `code_padding` zero bytes.
    std::unique_ptr<uint8_t[]> padded_code;
    size_t code_size = 0;
    /// One byte per code position: 1 where a JUMPDEST opcode (not PUSH data) sits.
    std::unique_ptr<uint8_t[]> jumpdest_map;

    /// For each block start (code_size + 1 positions), the index of its block in `blocks`, with
    /// `jumpdest_flag` set where a JUMPDEST starts the block: a jump needs one lookup for both.
    std::unique_ptr<uint32_t[]> block_index;
    static constexpr uint32_t jumpdest_flag = uint32_t{1} << 31;
    std::vector<BlockInfo> blocks;

    bytes_view code() const noexcept { return {padded_code.get(), code_size}; }
    bool is_jumpdest(uint64_t pos) const noexcept {
        return pos < code_size && jumpdest_map[pos] != 0;
    }
};

}  // namespace parevm
