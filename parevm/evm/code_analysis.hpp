// SPDX-License-Identifier: Apache-2.0
// parevm: analysed code: zero-padded copy and JUMPDEST map, built once and shared read-only.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/evm/interpreter.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace parevm {

/// Padding after the code: a PUSH32 in the last byte reads 32 zero bytes, and the byte after
/// the code is STOP (0x00), so the loop needs no end-of-code check.
inline constexpr size_t code_padding = 33;

struct CodeAnalysis {
    /// The code followed by `code_padding` zero bytes.
    std::unique_ptr<uint8_t[]> padded_code;
    size_t code_size = 0;
    /// One byte per code position: 1 where a JUMPDEST opcode (not PUSH data) sits.
    std::unique_ptr<uint8_t[]> jumpdest_map;

    bytes_view code() const noexcept { return {padded_code.get(), code_size}; }
    bool is_jumpdest(uint64_t pos) const noexcept {
        return pos < code_size && jumpdest_map[pos] != 0;
    }
};

}  // namespace parevm
