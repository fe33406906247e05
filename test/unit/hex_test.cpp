// SPDX-License-Identifier: Apache-2.0
// parevm: hex formatting and strict hex parsing of bytes, addresses and hashes.
#include <parevm/core/hex.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace parevm;

namespace {

bytes b(std::initializer_list<uint8_t> v) {
    return bytes(v.begin(), v.end());
}

}  // namespace

TEST(Hex, Format) {
    EXPECT_EQ(to_hex(bytes_view{}), "0x");
    EXPECT_EQ(to_hex(bytes_view{}, false), "");
    EXPECT_EQ(to_hex(b({0x00, 0x01, 0xab, 0xff})), "0x0001abff");
    EXPECT_EQ(to_hex(b({0x00, 0x01, 0xab, 0xff}), false), "0001abff");
    bytes all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<uint8_t>(i));
    const std::string hex = to_hex(all, false);
    ASSERT_EQ(hex.size(), 512u);
    for (int i = 0; i < 256; ++i) {
        const char want[3] = {"0123456789abcdef"[i >> 4], "0123456789abcdef"[i & 15], 0};
        EXPECT_EQ(hex.substr(2 * i, 2), want) << i;
    }
}

TEST(Hex, FormatFixed) {
    EXPECT_EQ(to_hex(Address{}), "0x" + std::string(40, '0'));
    EXPECT_EQ(to_hex(address_from_u64(0xdeadbeef)), "0x00000000000000000000000000000000deadbeef");
    EXPECT_EQ(to_hex(address_from_u64(1), false), std::string(39, '0') + "1");
    Hash256 h;
    h.bytes[0] = 0xc5;
    h.bytes[31] = 0x70;
    EXPECT_EQ(to_hex(h), "0xc5" + std::string(60, '0') + "70");
}

TEST(Hex, ParseBytes) {
    EXPECT_EQ(from_hex(""), bytes{});
    EXPECT_EQ(from_hex("0x"), bytes{});
    EXPECT_EQ(from_hex("00"), b({0}));
    EXPECT_EQ(from_hex("0x00ff"), b({0x00, 0xff}));
    EXPECT_EQ(from_hex("0xABcd"), b({0xab, 0xcd}));
    EXPECT_EQ(from_hex("DEADbeef"), b({0xde, 0xad, 0xbe, 0xef}));
    bytes all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<uint8_t>(i));
    EXPECT_EQ(from_hex(to_hex(all)), all);
    EXPECT_EQ(from_hex(to_hex(all, false)), all);
}

TEST(Hex, ParseBytesRejects) {
    EXPECT_EQ(from_hex("0"), std::nullopt);       // odd digit count
    EXPECT_EQ(from_hex("0x0"), std::nullopt);     // odd digit count
    EXPECT_EQ(from_hex("0x123"), std::nullopt);   // odd digit count
    EXPECT_EQ(from_hex("0xgg"), std::nullopt);    // not hex
    EXPECT_EQ(from_hex("0x 00"), std::nullopt);   // space
    EXPECT_EQ(from_hex(" 0x00"), std::nullopt);   // leading space
    EXPECT_EQ(from_hex("0x00 "), std::nullopt);   // trailing space
    EXPECT_EQ(from_hex("0x0x00"), std::nullopt);  // doubled prefix
    EXPECT_EQ(from_hex("x00"), std::nullopt);     // broken prefix
    EXPECT_EQ(from_hex("0X00"), std::nullopt);    // only lowercase "0x" is a prefix
    EXPECT_EQ(from_hex("0x-1"), std::nullopt);    // sign
    EXPECT_EQ(from_hex("0x0\n"), std::nullopt);   // newline
    EXPECT_EQ(from_hex(std::string_view("0x\0\0", 4)), std::nullopt);  // NUL bytes
}

TEST(Hex, ParseAddress) {
    const auto a = parse_address("0x00000000000000000000000000000000DeadBeef");
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(*a, address_from_u64(0xdeadbeef));
    EXPECT_EQ(parse_address("00000000000000000000000000000000deadbeef"), a);
    const Address round = address_from_u64(0x0123456789abcdefull);
    EXPECT_EQ(parse_address(to_hex(round)), round);

    EXPECT_EQ(parse_address(""), std::nullopt);
    EXPECT_EQ(parse_address("0x"), std::nullopt);
    EXPECT_EQ(parse_address("0x" + std::string(38, '0')), std::nullopt);  // 19 bytes
    EXPECT_EQ(parse_address("0x" + std::string(39, '0')), std::nullopt);  // odd
    EXPECT_EQ(parse_address("0x" + std::string(42, '0')), std::nullopt);  // 21 bytes
    EXPECT_EQ(parse_address("0x" + std::string(39, '0') + "z"), std::nullopt);
    EXPECT_EQ(parse_address(" " + std::string(40, '0')), std::nullopt);
}

TEST(Hex, ParseHash) {
    const std::string digits =
        "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";  // empty trie root
    const auto h = parse_hash("0x" + digits);
    ASSERT_TRUE(h.has_value());
    EXPECT_EQ(h->bytes[0], 0x56);
    EXPECT_EQ(h->bytes[1], 0xe8);
    EXPECT_EQ(h->bytes[31], 0x21);
    EXPECT_EQ(to_hex(*h), "0x" + digits);
    EXPECT_EQ(to_hex(*h, false), digits);
    EXPECT_EQ(parse_hash(digits), h);

    EXPECT_EQ(parse_hash("0x" + digits.substr(2)), std::nullopt);  // 31 bytes
    EXPECT_EQ(parse_hash("0x" + digits + "00"), std::nullopt);     // 33 bytes
    EXPECT_EQ(parse_hash("0x" + digits.substr(1)), std::nullopt);  // 63 digits
    EXPECT_EQ(parse_hash("0x" + std::string(64, 'G')), std::nullopt);
    EXPECT_EQ(parse_hash(""), std::nullopt);
}
