// SPDX-License-Identifier: Apache-2.0
// parevm: byte strings and fixed-size byte types (addresses, 32-byte words and hashes).
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>

namespace parevm {

/// Owned byte string (code, calldata, return data). basic_string gives small-buffer storage.
using bytes = std::basic_string<uint8_t>;
/// Non-owning view of bytes.
using bytes_view = std::basic_string_view<uint8_t>;

/// A fixed-size big-endian byte array with value semantics: equality, ordering, hashing.
template <size_t N>
struct FixedBytes {
    std::array<uint8_t, N> bytes{};

    static constexpr size_t size = N;

    constexpr FixedBytes() noexcept = default;
    /// Copies exactly N bytes from the view; the view must be N bytes long.
    explicit FixedBytes(bytes_view v) noexcept {
        if (v.size() == N) std::memcpy(bytes.data(), v.data(), N);
    }

    constexpr uint8_t* data() noexcept { return bytes.data(); }
    constexpr const uint8_t* data() const noexcept { return bytes.data(); }
    bytes_view view() const noexcept { return {bytes.data(), N}; }
    bool is_zero() const noexcept {
        for (auto b : bytes)
            if (b != 0) return false;
        return true;
    }

    friend constexpr bool operator==(const FixedBytes&, const FixedBytes&) noexcept = default;
    friend constexpr auto operator<=>(const FixedBytes&, const FixedBytes&) noexcept = default;
};

/// 20-byte account address.
struct Address : FixedBytes<20> {
    using FixedBytes::FixedBytes;
};

/// 32-byte word: keccak hashes, storage keys/values in serialized form.
struct Hash256 : FixedBytes<32> {
    using FixedBytes::FixedBytes;
};

/// Builds the address whose last 8 bytes are `low` (precompiles, tests).
constexpr Address address_from_u64(uint64_t low) noexcept {
    Address a;
    for (int i = 0; i < 8; ++i) a.bytes[19 - i] = static_cast<uint8_t>(low >> (8 * i));
    return a;
}

namespace detail {
consteval uint8_t hex_digit_value(char c) {
    if (c >= '0' && c <= '9') return static_cast<uint8_t>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<uint8_t>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<uint8_t>(c - 'A' + 10);
    throw "invalid hex digit in a byte constant";  // a compile error: consteval
}

template <class T>
consteval T fixed_bytes_constant(std::string_view hex) {
    if (hex.starts_with("0x")) hex.remove_prefix(2);
    if (hex.size() != 2 * T::size) throw "wrong length of a byte constant";
    T out;
    for (size_t i = 0; i < T::size; ++i)
        out.bytes[i] = static_cast<uint8_t>(hex_digit_value(hex[2 * i]) << 4 |
                                            hex_digit_value(hex[2 * i + 1]));
    return out;
}
}  // namespace detail

/// An address constant from its hex spelling, checked at compile time
/// (`address_constant("0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02")`).
consteval Address address_constant(std::string_view hex) {
    return detail::fixed_bytes_constant<Address>(hex);
}
/// A 32-byte constant from its hex spelling, checked at compile time.
consteval Hash256 hash_constant(std::string_view hex) {
    return detail::fixed_bytes_constant<Hash256>(hex);
}

}  // namespace parevm

template <size_t N>
struct std::hash<parevm::FixedBytes<N>> {
    size_t operator()(const parevm::FixedBytes<N>& b) const noexcept {
        // Bytes are keccak outputs or addresses: mixing a few words is enough for hash tables.
        uint64_t h = 0xcbf29ce484222325ull;
        for (size_t i = 0; i + 8 <= N; i += 8) {
            uint64_t w;
            std::memcpy(&w, b.bytes.data() + i, 8);
            h = (h ^ w) * 0x100000001b3ull;
            h ^= h >> 29;
        }
        if constexpr (N % 8 != 0) {
            uint32_t w;
            std::memcpy(&w, b.bytes.data() + N - 4, 4);
            h = (h ^ w) * 0x100000001b3ull;
        }
        return static_cast<size_t>(h);
    }
};
template <>
struct std::hash<parevm::Address> : std::hash<parevm::FixedBytes<20>> {};
template <>
struct std::hash<parevm::Hash256> : std::hash<parevm::FixedBytes<32>> {};
