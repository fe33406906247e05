// SPDX-License-Identifier: Apache-2.0
// parevm: hex encoding and strict hex parsing.
#include <parevm/core/hex.hpp>

namespace parevm {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

/// Value of a hex digit in either case, or -1.
constexpr int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Removes a leading "0x".
std::string_view strip_prefix(std::string_view s) noexcept {
    if (s.size() >= 2 && s[0] == '0' && s[1] == 'x') s.remove_prefix(2);
    return s;
}

/// Decodes exactly out_len bytes from 2 * out_len digits; false on any non-digit.
bool decode_digits(std::string_view digits, uint8_t* out, size_t out_len) noexcept {
    if (digits.size() != 2 * out_len) return false;
    for (size_t i = 0; i < out_len; ++i) {
        const int hi = hex_value(digits[2 * i]);
        const int lo = hex_value(digits[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        out[i] = static_cast<uint8_t>(hi << 4 | lo);
    }
    return true;
}

}  // namespace

std::string to_hex(bytes_view b, bool prefix) {
    std::string s;
    s.reserve(2 * b.size() + 2);
    if (prefix) s = "0x";
    for (const uint8_t v : b) {
        s.push_back(kHexDigits[v >> 4]);
        s.push_back(kHexDigits[v & 0xf]);
    }
    return s;
}

std::string to_hex(const Address& a, bool prefix) {
    return to_hex(a.view(), prefix);
}

std::string to_hex(const Hash256& h, bool prefix) {
    return to_hex(h.view(), prefix);
}

std::optional<bytes> from_hex(std::string_view s) {
    s = strip_prefix(s);
    if (s.size() % 2 != 0) return std::nullopt;
    bytes out(s.size() / 2, 0);
    if (!decode_digits(s, out.data(), out.size())) return std::nullopt;
    return out;
}

std::optional<Address> parse_address(std::string_view s) {
    Address a;
    if (!decode_digits(strip_prefix(s), a.data(), Address::size)) return std::nullopt;
    return a;
}

std::optional<Hash256> parse_hash(std::string_view s) {
    Hash256 h;
    if (!decode_digits(strip_prefix(s), h.data(), Hash256::size)) return std::nullopt;
    return h;
}

}  // namespace parevm
