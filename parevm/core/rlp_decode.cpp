// SPDX-License-Identifier: Apache-2.0
// parevm: strict RLP decoding (Yellow Paper appendix B); every non-canonical form is an error.
#include <parevm/core/rlp.hpp>

namespace parevm::rlp {
namespace {

/// Reads a long-form length of `len_of_len` (1..8) big-endian bytes from the front of `in`.
Result<uint64_t> read_long_length(bytes_view in, size_t len_of_len) noexcept {
    if (in.size() < len_of_len) return DecodeError::unexpected_end;
    if (in[0] == 0) return DecodeError::non_canonical_size;  // length with leading zeros
    uint64_t len = 0;
    for (size_t i = 0; i < len_of_len; ++i) len = len << 8 | in[i];
    if (len < 56) return DecodeError::non_canonical_size;  // short form was required
    return len;
}

/// Decodes a string item and checks that it is a canonical unsigned integer of at most
/// `max_bytes` bytes; returns its big-endian bytes.
Result<bytes_view> decode_integer_bytes(bytes_view& in, size_t max_bytes) noexcept {
    bytes_view rest = in;
    auto b = decode_bytes(rest);
    if (!b) return b;
    if (b->size() > max_bytes) return DecodeError::too_long;
    if (!b->empty() && (*b)[0] == 0) return DecodeError::leading_zeros;
    in = rest;
    return b;
}

}  // namespace

const char* decode_error_name(DecodeError e) noexcept {
    switch (e) {
        case DecodeError::unexpected_end:
            return "unexpected_end";
        case DecodeError::non_canonical_size:
            return "non_canonical_size";
        case DecodeError::non_canonical_single_byte:
            return "non_canonical_single_byte";
        case DecodeError::leading_zeros:
            return "leading_zeros";
        case DecodeError::list_expected:
            return "list_expected";
        case DecodeError::string_expected:
            return "string_expected";
        case DecodeError::trailing_bytes:
            return "trailing_bytes";
        case DecodeError::too_long:
            return "too_long";
        case DecodeError::wrong_size:
            return "wrong_size";
    }
    return "unknown";
}

Result<Item> decode_item(bytes_view& in) noexcept {
    if (in.empty()) return DecodeError::unexpected_end;
    const uint8_t prefix = in[0];
    if (prefix < 0x80) {  // a single byte below 0x80 is its own encoding
        Item item{false, in.substr(0, 1)};
        in.remove_prefix(1);
        return item;
    }
    const bool is_list = prefix >= 0xc0;
    const uint8_t offset = is_list ? 0xc0 : 0x80;
    size_t header = 1;
    uint64_t len = 0;
    if (prefix - offset < 56) {  // short form: the length is in the prefix
        len = prefix - offset;
    } else {  // long form: the prefix gives the length of the length
        const size_t len_of_len = static_cast<size_t>(prefix - offset - 55);
        const auto long_len = read_long_length(in.substr(1), len_of_len);
        if (!long_len) return long_len.error();
        len = *long_len;
        header += len_of_len;
    }
    if (len > in.size() - header) return DecodeError::unexpected_end;
    const bytes_view payload = in.substr(header, static_cast<size_t>(len));
    if (!is_list && len == 1 && payload[0] < 0x80) return DecodeError::non_canonical_single_byte;
    in.remove_prefix(header + static_cast<size_t>(len));
    return Item{is_list, payload};
}

Result<Item> decode_single(bytes_view in) noexcept {
    auto item = decode_item(in);
    if (item && !in.empty()) return DecodeError::trailing_bytes;
    return item;
}

Result<bytes_view> decode_bytes(bytes_view& in) noexcept {
    bytes_view rest = in;
    const auto item = decode_item(rest);
    if (!item) return item.error();
    if (item->is_list) return DecodeError::string_expected;
    in = rest;
    return item->payload;
}

Result<bytes_view> decode_list_payload(bytes_view& in) noexcept {
    bytes_view rest = in;
    const auto item = decode_item(rest);
    if (!item) return item.error();
    if (!item->is_list) return DecodeError::list_expected;
    in = rest;
    return item->payload;
}

Result<uint64_t> decode_uint64(bytes_view& in) noexcept {
    const auto b = decode_integer_bytes(in, 8);
    if (!b) return b.error();
    uint64_t x = 0;
    for (const uint8_t v : *b) x = x << 8 | v;
    return x;
}

Result<uint256> decode_uint256(bytes_view& in) noexcept {
    const auto b = decode_integer_bytes(in, 32);
    if (!b) return b.error();
    return be_load(*b);
}

Result<Address> decode_address(bytes_view& in) noexcept {
    bytes_view rest = in;
    const auto b = decode_bytes(rest);
    if (!b) return b.error();
    if (b->size() != Address::size) return DecodeError::wrong_size;
    in = rest;
    return Address{*b};
}

Result<Hash256> decode_hash(bytes_view& in) noexcept {
    bytes_view rest = in;
    const auto b = decode_bytes(rest);
    if (!b) return b.error();
    if (b->size() != Hash256::size) return DecodeError::wrong_size;
    in = rest;
    return Hash256{*b};
}

Result<std::vector<Item>> decode_items(bytes_view payload) {
    std::vector<Item> items;
    while (!payload.empty()) {
        const auto item = decode_item(payload);
        if (!item) return item.error();
        items.push_back(*item);
    }
    return items;
}

Result<std::vector<Item>> decode_list(bytes_view in) {
    const auto payload = decode_list_payload(in);
    if (!payload) return payload.error();
    if (!in.empty()) return DecodeError::trailing_bytes;
    return decode_items(*payload);
}

}  // namespace parevm::rlp
