// SPDX-License-Identifier: Apache-2.0
// parevm: RLP (Yellow Paper appendix B). Encoding, and decoding that rejects non-canonical input.
#pragma once

#include <parevm/core/assert.hpp>
#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>

#include <cstdint>
#include <initializer_list>
#include <type_traits>
#include <utility>
#include <vector>

namespace parevm::rlp {

/// Encodes a byte string item.
bytes encode(bytes_view s);
/// Encodes an integer as its minimal big-endian byte string (zero is the empty string).
bytes encode(uint64_t x);
bytes encode(const uint256& x);
inline bytes encode(const Address& a) {
    return encode(a.view());
}
inline bytes encode(const Hash256& h) {
    return encode(h.view());
}
/// Wraps already-encoded items (concatenated in `payload`) into a list.
bytes wrap_list(bytes_view payload);
/// Encodes a list of already-encoded items.
bytes encode_list(std::initializer_list<bytes_view> encoded_items);

// --- decoding ---
// Only the canonical encoding of a value is accepted: blocks and transactions are hashed over their
// encoding, so a second spelling of the same value must be rejected rather than normalized.

/// Why input is not canonical RLP (or not the expected shape).
enum class DecodeError : uint8_t {
    unexpected_end,             // the input ends inside a header or payload
    non_canonical_size,         // long form used for a length < 56, or a length with leading zeros
    non_canonical_single_byte,  // a single byte < 0x80 wrapped as a one-byte string (0x81 xx)
    leading_zeros,              // an integer with leading zero bytes (zero must be 0x80)
    list_expected,              // a string where a list must be
    string_expected,            // a list where a string must be
    trailing_bytes,             // bytes left after the item(s) that should end the input
    too_long,                   // an integer wider than its type (integer overflow)
    wrong_size,                 // a fixed-size string (address, hash) of another length
};

/// The enumerator's name ("unexpected_end", ...), for error messages and test output.
const char* decode_error_name(DecodeError e) noexcept;

/// A decoded value or the reason decoding failed (a tiny std::expected until C++23).
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) noexcept(std::is_nothrow_move_constructible_v<T>)  // NOLINT: implicit
        : value_{std::move(value)}, ok_{true} {}
    Result(DecodeError error) noexcept : error_{error} {}  // NOLINT: implicit

    bool ok() const noexcept { return ok_; }
    explicit operator bool() const noexcept { return ok_; }
    DecodeError error() const noexcept {
        PAREVM_ASSERT(!ok_);
        return error_;
    }
    const T& value() const& noexcept {
        PAREVM_ASSERT(ok_);
        return value_;
    }
    T& value() & noexcept {
        PAREVM_ASSERT(ok_);
        return value_;
    }
    T&& value() && noexcept {
        PAREVM_ASSERT(ok_);
        return std::move(value_);
    }
    const T& operator*() const& noexcept { return value(); }
    const T* operator->() const noexcept { return &value(); }

private:
    T value_{};
    DecodeError error_{};
    bool ok_ = false;
};

/// One item: a byte string or a list. `payload` points into the decoded input: the string's bytes
/// (for a single byte < 0x80, that byte itself) or the concatenated encodings of the list's items.
struct Item {
    bool is_list = false;
    bytes_view payload;
};

/// Decodes the item at the front of `in` and advances `in` past it; on error `in` is unchanged.
Result<Item> decode_item(bytes_view& in) noexcept;
/// Decodes `in` as exactly one item with nothing after it.
Result<Item> decode_single(bytes_view in) noexcept;
/// Consumes one byte-string item and returns its bytes.
Result<bytes_view> decode_bytes(bytes_view& in) noexcept;
/// Consumes one list item and returns its payload, to be decoded field by field.
Result<bytes_view> decode_list_payload(bytes_view& in) noexcept;
/// Consumes one canonical unsigned integer (minimal big-endian bytes, zero is the empty string).
Result<uint64_t> decode_uint64(bytes_view& in) noexcept;
Result<uint256> decode_uint256(bytes_view& in) noexcept;
/// Consumes one string of exactly 20 bytes.
Result<Address> decode_address(bytes_view& in) noexcept;
/// Consumes one string of exactly 32 bytes.
Result<Hash256> decode_hash(bytes_view& in) noexcept;
/// Splits a list payload into its items; the items must use up the payload exactly.
Result<std::vector<Item>> decode_items(bytes_view payload);
/// Decodes `in` as exactly one list with nothing after it and returns the list's items.
Result<std::vector<Item>> decode_list(bytes_view in);

}  // namespace parevm::rlp
