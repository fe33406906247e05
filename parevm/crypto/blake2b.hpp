// SPDX-License-Identifier: Apache-2.0
// parevm: the BLAKE2b compression function F with a caller-chosen round count (EIP-152).
#pragma once

#include <cstdint>

namespace parevm {

/// BLAKE2b compression F (RFC 7693 §3.2) generalised to any number of rounds, as the BLAKE2F
/// precompile (EIP-152) exposes it: round i uses message schedule SIGMA[i mod 10], so 12 rounds
/// is standard BLAKE2b. Updates the state h in place from the 16-word block m, the 128-bit offset
/// counter t and the final-block flag. All words are host integers (the caller decodes the
/// little-endian encoding).
void blake2b_compress(uint32_t rounds,
                      uint64_t h[8],
                      const uint64_t m[16],
                      const uint64_t t[2],
                      bool final_block) noexcept;

}  // namespace parevm
