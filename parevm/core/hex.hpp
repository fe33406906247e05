// SPDX-License-Identifier: Apache-2.0
// parevm: hex text for byte strings, addresses and hashes (fixtures, CLI output, reports).
#pragma once

#include <parevm/core/bytes.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace parevm {

/// Lowercase hex of every byte (two digits each), "0x"-prefixed unless `prefix` is false.
std::string to_hex(bytes_view b, bool prefix = true);
/// The 40-digit lowercase hex of an address, "0x"-prefixed unless `prefix` is false.
std::string to_hex(const Address& a, bool prefix = true);
/// The 64-digit lowercase hex of a hash or 32-byte word, "0x"-prefixed unless `prefix` is false.
std::string to_hex(const Hash256& h, bool prefix = true);

/// Strict parse of hex bytes: optional "0x" prefix, an even number of digits in either case, no
/// spaces or other characters. "" and "0x" give empty bytes. Fixture data must not be guessed at.
std::optional<bytes> from_hex(std::string_view s);
/// Exactly 40 hex digits after an optional "0x".
std::optional<Address> parse_address(std::string_view s);
/// Exactly 64 hex digits after an optional "0x".
std::optional<Hash256> parse_hash(std::string_view s);

}  // namespace parevm
