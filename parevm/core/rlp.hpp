// SPDX-License-Identifier: Apache-2.0
// parevm: RLP (Yellow Paper appendix B). Encoding, and decoding that rejects non-canonical input.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>

#include <cstdint>
#include <initializer_list>

namespace parevm::rlp {

/// Encodes a byte string item.
bytes encode(bytes_view s);
/// Encodes an integer as its minimal big-endian byte string (zero is the empty string).
bytes encode(uint64_t x);
bytes encode(const uint256& x);
inline bytes encode(const Address& a) { return encode(a.view()); }
inline bytes encode(const Hash256& h) { return encode(h.view()); }
/// Wraps already-encoded items (concatenated in `payload`) into a list.
bytes wrap_list(bytes_view payload);
/// Encodes a list of already-encoded items.
bytes encode_list(std::initializer_list<bytes_view> encoded_items);

}  // namespace parevm::rlp
