// SPDX-License-Identifier: Apache-2.0
// parevm: strict readers for the JSON fields of fixtures and t8n input, with path-naming errors.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace parevm {

/// Malformed input to the io layer (a file, a JSON document or a field in it). The message names
/// the JSON path of the offending value so that a user can find it in a large fixture. Only the
/// io layer and the CLI throw and catch it; the engine below never sees it.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Joins a JSON path and a key ("pre" + "0xab.." -> "pre.0xab..").
std::string json_path(std::string_view parent, std::string_view key);
/// Joins a JSON path and an array index ("transaction.data" + 2 -> "transaction.data[2]").
std::string json_path(std::string_view parent, size_t index);

/// The member `key` of object `obj`; throws InputError naming `path.key` when `obj` is not an
/// object or the member is missing.
const nlohmann::json& json_field(const nlohmann::json& obj,
                                 std::string_view key,
                                 std::string_view path);
/// The member `key` of object `obj`, or nullptr when absent or null.
const nlohmann::json* json_optional_field(const nlohmann::json& obj,
                                          std::string_view key,
                                          std::string_view path);

/// A string value; throws when `j` is not a string.
const std::string& read_string(const nlohmann::json& j, std::string_view path);
/// A "0x"-prefixed hex quantity of 1..64 digits (leading zeros allowed, as fixtures write them).
/// With `allow_decimal` a decimal string or a non-negative JSON integer is accepted too (geth's
/// t8n env accepts both).
uint256 read_uint256(const nlohmann::json& j, std::string_view path, bool allow_decimal = false);
/// As read_uint256, but rejects values above 2^64-1 (nonces, gas: EIP-2681 and 64-bit gas).
uint64_t read_uint64(const nlohmann::json& j, std::string_view path, bool allow_decimal = false);
/// As read_uint64, but rejects values above 2^63-1 (block number, timestamp, block gas limit
/// are int64_t in BlockEnv).
int64_t read_int64(const nlohmann::json& j, std::string_view path, bool allow_decimal = false);
/// "0x"-prefixed hex data with an even number of digits ("0x" is empty).
bytes read_bytes(const nlohmann::json& j, std::string_view path);
/// Exactly 20 bytes of hex data.
Address read_address(const nlohmann::json& j, std::string_view path);
/// Exactly 32 bytes of hex data.
Hash256 read_hash(const nlohmann::json& j, std::string_view path);
/// A storage key or value: a hex quantity of up to 32 bytes (fixtures write "0x01" and the
/// 64-digit form alike).
inline uint256 read_word(const nlohmann::json& j, std::string_view path) {
    return read_uint256(j, path);
}

/// Reads and parses a JSON file; throws InputError naming the file for a missing or unreadable
/// file and for malformed JSON (with the byte offset of the parse error).
nlohmann::json read_json_file(const std::filesystem::path& file);
/// Parses JSON text; `what` names the source in the error message.
nlohmann::json parse_json_text(std::string_view text, std::string_view what);

/// Hex of a uint256 as a 32-byte (64-digit) word, as alloc storage is written.
std::string hex_word(const uint256& x);

}  // namespace parevm
