// SPDX-License-Identifier: Apache-2.0
// parevm: big-integer modular exponentiation on GMP (the MODEXP precompile, EIP-198).
#pragma once

#include <parevm/core/bytes.hpp>

#include <cstdint>
#include <span>

namespace parevm {

/// A big-endian unsigned operand as MODEXP reads it from call data: the bytes actually present
/// followed by `zero_tail` zero bytes (EIP-198 pads short input with zeros on the right). Keeping
/// the tail implicit means a declared length far beyond the input is never materialised.
struct ModexpOperand {
    bytes_view present;
    uint64_t zero_tail = 0;
};

/// Writes (base ^ exp) mod modulus into `out`, big-endian and left-padded with zeros to
/// out.size() bytes; all zeros when the modulus is 0 (EIP-198). out.size() must be the
/// modulus length (present + zero_tail), so the result always fits. 0^0 is 1, as in EIP-198's
/// reference (Python's pow). Thread-safe.
void modexp(const ModexpOperand& base,
            const ModexpOperand& exp,
            const ModexpOperand& modulus,
            std::span<uint8_t> out) noexcept;

}  // namespace parevm
