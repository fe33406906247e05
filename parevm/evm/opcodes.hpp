// SPDX-License-Identifier: Apache-2.0
// parevm: EVM opcodes, listed once in an X-macro with their stack effect and first revision.
#pragma once

#include <parevm/evm/revision.hpp>

#include <cstdint>

namespace parevm {

/// X(NAME, value, stack items required, stack height change, first revision).
/// The single list drives the opcode enum and the trait tables, so adding
/// an opcode touches one row here, its gas in instruction_traits.hpp and its case in the loop.
#define PAREVM_OPCODES(X)                      \
    X(STOP, 0x00, 0, 0, frontier)              \
    X(ADD, 0x01, 2, -1, frontier)              \
    X(MUL, 0x02, 2, -1, frontier)              \
    X(SUB, 0x03, 2, -1, frontier)              \
    X(DIV, 0x04, 2, -1, frontier)              \
    X(SDIV, 0x05, 2, -1, frontier)             \
    X(MOD, 0x06, 2, -1, frontier)              \
    X(SMOD, 0x07, 2, -1, frontier)             \
    X(ADDMOD, 0x08, 3, -2, frontier)           \
    X(MULMOD, 0x09, 3, -2, frontier)           \
    X(EXP, 0x0a, 2, -1, frontier)              \
    X(SIGNEXTEND, 0x0b, 2, -1, frontier)       \
    X(LT, 0x10, 2, -1, frontier)               \
    X(GT, 0x11, 2, -1, frontier)               \
    X(SLT, 0x12, 2, -1, frontier)              \
    X(SGT, 0x13, 2, -1, frontier)              \
    X(EQ, 0x14, 2, -1, frontier)               \
    X(ISZERO, 0x15, 1, 0, frontier)            \
    X(AND, 0x16, 2, -1, frontier)              \
    X(OR, 0x17, 2, -1, frontier)               \
    X(XOR, 0x18, 2, -1, frontier)              \
    X(NOT, 0x19, 1, 0, frontier)               \
    X(BYTE, 0x1a, 2, -1, frontier)             \
    X(SHL, 0x1b, 2, -1, constantinople)        \
    X(SHR, 0x1c, 2, -1, constantinople)        \
    X(SAR, 0x1d, 2, -1, constantinople)        \
    X(CLZ, 0x1e, 1, 0, osaka)                  \
    X(KECCAK256, 0x20, 2, -1, frontier)        \
    X(ADDRESS, 0x30, 0, 1, frontier)           \
    X(BALANCE, 0x31, 1, 0, frontier)           \
    X(ORIGIN, 0x32, 0, 1, frontier)            \
    X(CALLER, 0x33, 0, 1, frontier)            \
    X(CALLVALUE, 0x34, 0, 1, frontier)         \
    X(CALLDATALOAD, 0x35, 1, 0, frontier)      \
    X(CALLDATASIZE, 0x36, 0, 1, frontier)      \
    X(CALLDATACOPY, 0x37, 3, -3, frontier)     \
    X(CODESIZE, 0x38, 0, 1, frontier)          \
    X(CODECOPY, 0x39, 3, -3, frontier)         \
    X(GASPRICE, 0x3a, 0, 1, frontier)          \
    X(EXTCODESIZE, 0x3b, 1, 0, frontier)       \
    X(EXTCODECOPY, 0x3c, 4, -4, frontier)      \
    X(RETURNDATASIZE, 0x3d, 0, 1, byzantium)   \
    X(RETURNDATACOPY, 0x3e, 3, -3, byzantium)  \
    X(EXTCODEHASH, 0x3f, 1, 0, constantinople) \
    X(BLOCKHASH, 0x40, 1, 0, frontier)         \
    X(COINBASE, 0x41, 0, 1, frontier)          \
    X(TIMESTAMP, 0x42, 0, 1, frontier)         \
    X(NUMBER, 0x43, 0, 1, frontier)            \
    X(PREVRANDAO, 0x44, 0, 1, frontier)        \
    X(GASLIMIT, 0x45, 0, 1, frontier)          \
    X(CHAINID, 0x46, 0, 1, istanbul)           \
    X(SELFBALANCE, 0x47, 0, 1, istanbul)       \
    X(BASEFEE, 0x48, 0, 1, london)             \
    X(BLOBHASH, 0x49, 1, 0, cancun)            \
    X(BLOBBASEFEE, 0x4a, 0, 1, cancun)         \
    X(POP, 0x50, 1, -1, frontier)              \
    X(MLOAD, 0x51, 1, 0, frontier)             \
    X(MSTORE, 0x52, 2, -2, frontier)           \
    X(MSTORE8, 0x53, 2, -2, frontier)          \
    X(SLOAD, 0x54, 1, 0, frontier)             \
    X(SSTORE, 0x55, 2, -2, frontier)           \
    X(JUMP, 0x56, 1, -1, frontier)             \
    X(JUMPI, 0x57, 2, -2, frontier)            \
    X(PC, 0x58, 0, 1, frontier)                \
    X(MSIZE, 0x59, 0, 1, frontier)             \
    X(GAS, 0x5a, 0, 1, frontier)               \
    X(JUMPDEST, 0x5b, 0, 0, frontier)          \
    X(TLOAD, 0x5c, 1, 0, cancun)               \
    X(TSTORE, 0x5d, 2, -2, cancun)             \
    X(MCOPY, 0x5e, 3, -3, cancun)              \
    X(PUSH0, 0x5f, 0, 1, shanghai)             \
    PAREVM_OPCODES_PUSH(X)                     \
    PAREVM_OPCODES_DUP(X)                      \
    PAREVM_OPCODES_SWAP(X)                     \
    X(LOG0, 0xa0, 2, -2, frontier)             \
    X(LOG1, 0xa1, 3, -3, frontier)             \
    X(LOG2, 0xa2, 4, -4, frontier)             \
    X(LOG3, 0xa3, 5, -5, frontier)             \
    X(LOG4, 0xa4, 6, -6, frontier)             \
    X(CREATE, 0xf0, 3, -2, frontier)           \
    X(CALL, 0xf1, 7, -6, frontier)             \
    X(CALLCODE, 0xf2, 7, -6, frontier)         \
    X(RETURN, 0xf3, 2, -2, frontier)           \
    X(DELEGATECALL, 0xf4, 6, -5, homestead)    \
    X(CREATE2, 0xf5, 4, -3, constantinople)    \
    X(STATICCALL, 0xfa, 6, -5, byzantium)      \
    X(REVERT, 0xfd, 2, -2, byzantium)          \
    X(INVALID, 0xfe, 0, 0, frontier)           \
    X(SELFDESTRUCT, 0xff, 1, -1, frontier)

#define PAREVM_OPCODES_PUSH(X)      \
    X(PUSH1, 0x60, 0, 1, frontier)  \
    X(PUSH2, 0x61, 0, 1, frontier)  \
    X(PUSH3, 0x62, 0, 1, frontier)  \
    X(PUSH4, 0x63, 0, 1, frontier)  \
    X(PUSH5, 0x64, 0, 1, frontier)  \
    X(PUSH6, 0x65, 0, 1, frontier)  \
    X(PUSH7, 0x66, 0, 1, frontier)  \
    X(PUSH8, 0x67, 0, 1, frontier)  \
    X(PUSH9, 0x68, 0, 1, frontier)  \
    X(PUSH10, 0x69, 0, 1, frontier) \
    X(PUSH11, 0x6a, 0, 1, frontier) \
    X(PUSH12, 0x6b, 0, 1, frontier) \
    X(PUSH13, 0x6c, 0, 1, frontier) \
    X(PUSH14, 0x6d, 0, 1, frontier) \
    X(PUSH15, 0x6e, 0, 1, frontier) \
    X(PUSH16, 0x6f, 0, 1, frontier) \
    X(PUSH17, 0x70, 0, 1, frontier) \
    X(PUSH18, 0x71, 0, 1, frontier) \
    X(PUSH19, 0x72, 0, 1, frontier) \
    X(PUSH20, 0x73, 0, 1, frontier) \
    X(PUSH21, 0x74, 0, 1, frontier) \
    X(PUSH22, 0x75, 0, 1, frontier) \
    X(PUSH23, 0x76, 0, 1, frontier) \
    X(PUSH24, 0x77, 0, 1, frontier) \
    X(PUSH25, 0x78, 0, 1, frontier) \
    X(PUSH26, 0x79, 0, 1, frontier) \
    X(PUSH27, 0x7a, 0, 1, frontier) \
    X(PUSH28, 0x7b, 0, 1, frontier) \
    X(PUSH29, 0x7c, 0, 1, frontier) \
    X(PUSH30, 0x7d, 0, 1, frontier) \
    X(PUSH31, 0x7e, 0, 1, frontier) \
    X(PUSH32, 0x7f, 0, 1, frontier)

#define PAREVM_OPCODES_DUP(X)       \
    X(DUP1, 0x80, 1, 1, frontier)   \
    X(DUP2, 0x81, 2, 1, frontier)   \
    X(DUP3, 0x82, 3, 1, frontier)   \
    X(DUP4, 0x83, 4, 1, frontier)   \
    X(DUP5, 0x84, 5, 1, frontier)   \
    X(DUP6, 0x85, 6, 1, frontier)   \
    X(DUP7, 0x86, 7, 1, frontier)   \
    X(DUP8, 0x87, 8, 1, frontier)   \
    X(DUP9, 0x88, 9, 1, frontier)   \
    X(DUP10, 0x89, 10, 1, frontier) \
    X(DUP11, 0x8a, 11, 1, frontier) \
    X(DUP12, 0x8b, 12, 1, frontier) \
    X(DUP13, 0x8c, 13, 1, frontier) \
    X(DUP14, 0x8d, 14, 1, frontier) \
    X(DUP15, 0x8e, 15, 1, frontier) \
    X(DUP16, 0x8f, 16, 1, frontier)

#define PAREVM_OPCODES_SWAP(X)       \
    X(SWAP1, 0x90, 2, 0, frontier)   \
    X(SWAP2, 0x91, 3, 0, frontier)   \
    X(SWAP3, 0x92, 4, 0, frontier)   \
    X(SWAP4, 0x93, 5, 0, frontier)   \
    X(SWAP5, 0x94, 6, 0, frontier)   \
    X(SWAP6, 0x95, 7, 0, frontier)   \
    X(SWAP7, 0x96, 8, 0, frontier)   \
    X(SWAP8, 0x97, 9, 0, frontier)   \
    X(SWAP9, 0x98, 10, 0, frontier)  \
    X(SWAP10, 0x99, 11, 0, frontier) \
    X(SWAP11, 0x9a, 12, 0, frontier) \
    X(SWAP12, 0x9b, 13, 0, frontier) \
    X(SWAP13, 0x9c, 14, 0, frontier) \
    X(SWAP14, 0x9d, 15, 0, frontier) \
    X(SWAP15, 0x9e, 16, 0, frontier) \
    X(SWAP16, 0x9f, 17, 0, frontier)

/// Opcode byte values. PREVRANDAO (EIP-4399) is the DIFFICULTY slot renamed at Paris.
enum Opcode : uint8_t {
#define PAREVM_X(name, value, req, change, since) OP_##name = value,
    PAREVM_OPCODES(PAREVM_X)
#undef PAREVM_X
};

}  // namespace parevm
