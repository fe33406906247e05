// SPDX-License-Identifier: Apache-2.0
// parevm: uint256 text conversions (hex, decimal), kept out of line: they are not on hot paths.
#include <parevm/core/uint256.hpp>

#include <algorithm>

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

}  // namespace

std::string to_hex(const uint256& x) {
    const unsigned bits = 256 - clz(x);
    const unsigned digits = bits == 0 ? 1 : (bits + 3) / 4;
    std::string s(2 + digits, '0');
    s[1] = 'x';
    for (unsigned i = 0; i < digits; ++i) {
        const unsigned nibble = static_cast<unsigned>((x.w[i / 16] >> (4 * (i % 16))) & 0xf);
        s[s.size() - 1 - i] = kHexDigits[nibble];
    }
    return s;
}

std::string to_string(const uint256& x) {
    // Peel off 19 decimal digits at a time: 10^19 is the largest power of ten below 2^64.
    constexpr uint64_t kChunk = 10'000'000'000'000'000'000ull;
    std::string s;
    uint256 v = x;
    do {
        uint256 q;
        const int n = detail::significant_limbs(v.w, 4);
        uint64_t rem = detail::divrem_1(v.w, n, kChunk, q.w);
        v = q;
        for (int i = 0; i < 19; ++i) {
            s.push_back(static_cast<char>('0' + rem % 10));
            rem /= 10;
            if (!v && rem == 0) break;
        }
    } while (v);
    std::reverse(s.begin(), s.end());
    return s;
}

std::optional<uint256> parse_uint256(std::string_view s) noexcept {
    if (s.size() >= 2 && s[0] == '0' && s[1] == 'x') {
        s.remove_prefix(2);
        if (s.empty() || s.size() > 64) return std::nullopt;
        uint256 r;
        for (size_t i = 0; i < s.size(); ++i) {
            const int d = hex_value(s[s.size() - 1 - i]);
            if (d < 0) return std::nullopt;
            r.w[i / 16] |= static_cast<uint64_t>(d) << (4 * (i % 16));
        }
        return r;
    }
    if (s.empty()) return std::nullopt;
    uint256 r;
    for (const char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        // r = r * 10 + digit, failing on any carry out of 256 bits.
        uint64_t carry = static_cast<uint64_t>(c - '0');
        for (int i = 0; i < 4; ++i) {
            const detail::uint128 t = detail::uint128{r.w[i]} * 10 + carry;
            r.w[i] = static_cast<uint64_t>(t);
            carry = static_cast<uint64_t>(t >> 64);
        }
        if (carry != 0) return std::nullopt;
    }
    return r;
}

}  // namespace parevm
