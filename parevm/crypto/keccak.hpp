// SPDX-License-Identifier: Apache-2.0
// parevm: Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not FIPS-202 SHA3-256).
#pragma once

#include <parevm/core/bytes.hpp>

#include <cstddef>
#include <cstdint>

namespace parevm {

/// Keccak-256 of `data`: code hashes, trie keys and nodes, addresses, CREATE2, KECCAK256 opcode.
/// Ethereum froze the pre-standard padding (0x01 ... 0x80), so SHA3-256 libraries do not fit.
Hash256 keccak256(bytes_view data) noexcept;

/// Incremental Keccak-256 for inputs that arrive in pieces (e.g. RLP built in parts).
/// Holds no heap memory; `finalize` may be called once, after which the object must be reset.
class Keccak256 {
public:
    /// Bytes absorbed per permutation: 1600 bits of state minus twice the 256-bit capacity.
    static constexpr size_t rate = 136;

    Keccak256() noexcept { reset(); }
    /// Starts a new hash.
    void reset() noexcept;
    /// Absorbs more input.
    void update(bytes_view data) noexcept;
    /// Pads, permutes and returns the digest.
    Hash256 finalize() noexcept;

private:
    uint64_t state_[25];
    uint8_t buffer_[rate];
    size_t buffered_ = 0;  // bytes in buffer_, always < rate between calls
};

/// The Keccak-f[1600] permutation over 25 little-endian 64-bit lanes (exposed for tests).
void keccak_f1600(uint64_t state[25]) noexcept;

}  // namespace parevm
