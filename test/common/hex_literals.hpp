// SPDX-License-Identifier: Apache-2.0
// Test helpers: parse hex literals of test vectors, failing the current test on bad input.
#pragma once

#include <parevm/core/hex.hpp>
#include <parevm/core/uint256.hpp>

#include <gtest/gtest.h>

#include <string_view>

namespace parevm::test {

inline bytes hex(std::string_view s) {
    auto b = from_hex(s);
    EXPECT_TRUE(b.has_value()) << s;
    return b.value_or(bytes{});
}
inline Address addr(std::string_view s) {
    auto a = parse_address(s);
    EXPECT_TRUE(a.has_value()) << s;
    return a.value_or(Address{});
}
inline Hash256 h256(std::string_view s) {
    auto h = parse_hash(s);
    EXPECT_TRUE(h.has_value()) << s;
    return h.value_or(Hash256{});
}
inline uint256 u256(std::string_view s) {
    auto v = parse_uint256(s);
    EXPECT_TRUE(v.has_value()) << s;
    return v.value_or(uint256{});
}

}  // namespace parevm::test
