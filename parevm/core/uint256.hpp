// SPDX-License-Identifier: Apache-2.0
// parevm: 256-bit unsigned integer, the EVM word.
#pragma once

#include <parevm/core/bytes.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parevm {

/// The EVM word: 256-bit unsigned integer, four 64-bit limbs, least significant first.
/// Trivially copyable; all arithmetic wraps modulo 2^256 as the EVM requires.
struct uint256 {
    uint64_t w[4]{};  // w[0] is the least significant limb

    constexpr uint256() noexcept = default;
    constexpr uint256(uint64_t v) noexcept : w{v, 0, 0, 0} {}  // NOLINT: implicit by design
    constexpr uint256(uint64_t w0, uint64_t w1, uint64_t w2, uint64_t w3) noexcept
      : w{w0, w1, w2, w3} {}

    constexpr explicit operator bool() const noexcept { return (w[0] | w[1] | w[2] | w[3]) != 0; }
    /// The low 64 bits (truncating).
    constexpr uint64_t low64() const noexcept { return w[0]; }
    /// True when the value fits in 64 bits.
    constexpr bool fits_u64() const noexcept { return (w[1] | w[2] | w[3]) == 0; }

    friend constexpr bool operator==(const uint256&, const uint256&) noexcept = default;
};

// --- comparison (unsigned) ---
bool operator<(const uint256& a, const uint256& b) noexcept;
bool operator>(const uint256& a, const uint256& b) noexcept;
bool operator<=(const uint256& a, const uint256& b) noexcept;
bool operator>=(const uint256& a, const uint256& b) noexcept;
/// Signed (two's complement) comparison: SLT / SGT.
bool slt(const uint256& a, const uint256& b) noexcept;

// --- arithmetic, wrapping mod 2^256 ---
uint256 operator+(const uint256& a, const uint256& b) noexcept;
uint256 operator-(const uint256& a, const uint256& b) noexcept;
uint256 operator*(const uint256& a, const uint256& b) noexcept;
/// Division and remainder; by zero they give 0 (EVM semantics).
uint256 operator/(const uint256& a, const uint256& b) noexcept;
uint256 operator%(const uint256& a, const uint256& b) noexcept;
uint256 operator-(const uint256& a) noexcept;  // two's complement negation
uint256& operator+=(uint256& a, const uint256& b) noexcept;
uint256& operator-=(uint256& a, const uint256& b) noexcept;
/// a + b with carry out (used by balance arithmetic to detect overflow).
uint256 add_overflow(const uint256& a, const uint256& b, bool& overflow) noexcept;
/// a - b with borrow out.
uint256 sub_overflow(const uint256& a, const uint256& b, bool& borrow) noexcept;
struct DivResult;
/// Quotient and remainder in one pass; divisor zero gives {0, 0}.
DivResult udivrem(const uint256& a, const uint256& b) noexcept;
/// SDIV / SMOD (EVM semantics: x/0 = 0, MIN/-1 = MIN, sign of SMOD follows the dividend).
uint256 sdiv(const uint256& a, const uint256& b) noexcept;
uint256 smod(const uint256& a, const uint256& b) noexcept;
/// ADDMOD / MULMOD with 512-bit intermediates; modulus zero gives 0.
uint256 addmod(const uint256& a, const uint256& b, const uint256& m) noexcept;
uint256 mulmod(const uint256& a, const uint256& b, const uint256& m) noexcept;
/// EXP: base^exponent mod 2^256.
uint256 exp(const uint256& base, const uint256& exponent) noexcept;

// --- bitwise ---
uint256 operator&(const uint256& a, const uint256& b) noexcept;
uint256 operator|(const uint256& a, const uint256& b) noexcept;
uint256 operator^(const uint256& a, const uint256& b) noexcept;
uint256 operator~(const uint256& a) noexcept;
/// Shifts by any amount; >= 256 gives 0.
uint256 operator<<(const uint256& a, const uint256& shift) noexcept;
uint256 operator>>(const uint256& a, const uint256& shift) noexcept;
uint256 operator<<(const uint256& a, uint64_t shift) noexcept;
uint256 operator>>(const uint256& a, uint64_t shift) noexcept;
/// SAR: arithmetic shift right; >= 256 gives 0 or all ones by sign.
uint256 sar(const uint256& a, const uint256& shift) noexcept;
/// BYTE: the index-th byte counting from the most significant; index >= 32 gives 0.
uint256 byte(const uint256& index, const uint256& x) noexcept;
/// SIGNEXTEND: extends the sign of byte `b` (from the least significant); b >= 31 returns x.
uint256 signextend(const uint256& b, const uint256& x) noexcept;
/// Count of leading zero bits; 256 for zero (CLZ, EIP-7939).
unsigned clz(const uint256& x) noexcept;
/// Number of significant bytes (0 for zero): EXP gas, RLP encoding.
unsigned count_significant_bytes(const uint256& x) noexcept;

struct DivResult {
    uint256 quot;
    uint256 rem;
};

// --- conversion ---
/// From up to 32 big-endian bytes (shorter input is left-padded with zeros).
uint256 be_load(bytes_view be) noexcept;
/// From exactly 32 big-endian bytes.
uint256 be_load(const Hash256& h) noexcept;
/// To 32 big-endian bytes.
Hash256 be_store(const uint256& x) noexcept;
void be_store(uint8_t out[32], const uint256& x) noexcept;
/// Lowercase hex with 0x prefix and no leading zeros ("0x0" for zero).
std::string to_hex(const uint256& x);
/// Decimal representation.
std::string to_string(const uint256& x);
/// Parses "0x"-prefixed hex (1..64 digits) or decimal; nullopt on any malformed input or overflow.
std::optional<uint256> parse_uint256(std::string_view s) noexcept;

}  // namespace parevm

template <>
struct std::hash<parevm::uint256> {
    size_t operator()(const parevm::uint256& x) const noexcept {
        uint64_t h = x.w[0] * 0x9e3779b97f4a7c15ull;
        h ^= (x.w[1] + 0x632be59bd9b4e019ull) * 0xbf58476d1ce4e5b9ull;
        h ^= (x.w[2] ^ (x.w[3] << 1)) * 0x94d049bb133111ebull;
        return static_cast<size_t>(h ^ (h >> 31));
    }
};
