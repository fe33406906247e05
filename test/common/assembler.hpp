// SPDX-License-Identifier: Apache-2.0
// A tiny EVM assembler for tests: opcodes, pushes and labels resolved to PUSH2 offsets.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace parevm::test {

class Asm {
public:
    Asm& op(uint8_t opcode) {
        code_.push_back(opcode);
        return *this;
    }
    /// PUSHn with the minimal width (PUSH1 for zero, to stay valid before Shanghai).
    Asm& push(const uint256& v) {
        const unsigned n = std::max(1u, count_significant_bytes(v));
        code_.push_back(static_cast<uint8_t>(0x60 + n - 1));
        const Hash256 be = be_store(v);
        code_.append(be.data() + 32 - n, n);
        return *this;
    }
    Asm& push(const Address& a) {
        code_.push_back(0x73);  // PUSH20
        code_.append(a.data(), 20);
        return *this;
    }
    /// PUSH2 of a label's offset, patched by code().
    Asm& push_label(const std::string& name) {
        code_.push_back(0x61);
        fixups_.emplace_back(code_.size(), name);
        code_.append(2, 0);
        return *this;
    }
    /// Defines a label here and emits its JUMPDEST.
    Asm& label(const std::string& name) {
        labels_[name] = code_.size();
        code_.push_back(0x5b);
        return *this;
    }
    /// Records a position without emitting anything (for data offsets).
    Asm& mark(const std::string& name) {
        labels_[name] = code_.size();
        return *this;
    }
    Asm& append(bytes_view raw) {
        code_.append(raw);
        return *this;
    }

    bytes code() const {
        bytes out = code_;
        for (const auto& [pos, name] : fixups_) {
            const size_t target = labels_.at(name);
            out[pos] = static_cast<uint8_t>(target >> 8);
            out[pos + 1] = static_cast<uint8_t>(target);
        }
        return out;
    }

private:
    bytes code_;
    std::map<std::string, size_t> labels_;
    std::vector<std::pair<size_t, std::string>> fixups_;
};

// Opcode values used by the tests' contracts.
namespace op {
inline constexpr uint8_t STOP = 0x00, ADD = 0x01, MUL = 0x02, SUB = 0x03, DIV = 0x04, GT = 0x11,
                         EQ = 0x14, ISZERO = 0x15, CALLER = 0x33, CALLVALUE = 0x34,
                         CALLDATALOAD = 0x35, CODECOPY = 0x39, BALANCE = 0x31, COINBASE = 0x41,
                         SELFBALANCE = 0x47, POP = 0x50, MSTORE = 0x52, SLOAD = 0x54, SSTORE = 0x55,
                         JUMP = 0x56, JUMPI = 0x57, GAS = 0x5a, DUP1 = 0x80, DUP2 = 0x81,
                         DUP3 = 0x82, DUP4 = 0x83, SWAP1 = 0x90, SWAP2 = 0x91, CALL = 0xf1,
                         RETURN = 0xf3, CREATE2 = 0xf5, REVERT = 0xfd, SELFDESTRUCT = 0xff;
}  // namespace op

}  // namespace parevm::test
