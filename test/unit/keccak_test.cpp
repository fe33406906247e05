// SPDX-License-Identifier: Apache-2.0
// parevm: Keccak-256 against the Keccak team's known answers and OpenSSL's SHA3-256.
#include <parevm/crypto/keccak.hpp>

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstring>
#include <string>
#include <string_view>

using namespace parevm;

namespace {

bytes from_hex(std::string_view hex) {
    bytes out;
    auto nibble = [](char c) -> uint8_t {
        if (c >= '0' && c <= '9') return static_cast<uint8_t>(c - '0');
        if (c >= 'a' && c <= 'f') return static_cast<uint8_t>(c - 'a' + 10);
        return static_cast<uint8_t>(c - 'A' + 10);
    };
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<uint8_t>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
    return out;
}

std::string to_hex(const Hash256& h) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s;
    for (uint8_t b : h.bytes) {
        s.push_back(digits[b >> 4]);
        s.push_back(digits[b & 0xf]);
    }
    return s;
}

bytes ascii(std::string_view s) {
    return bytes{reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

std::string keccak_hex(bytes_view data) {
    return to_hex(keccak256(data));
}

// Messages from the Keccak team's ShortMsgKAT_256 (Keccak KAT 3.0); the same messages appear
// in FIPS 202 test suites, but these digests are for the original 0x01 padding.
constexpr std::string_view msg_1080 =  // 135 bytes: padding fits in one byte (0x81)
    "B771D5CEF5D1A41A93D15643D7181D2A2EF0A8E84D91812F20ED21F147BEF732BF3A60EF4067C3734B85BC8CD4"
    "71780F10DC9E8291B58339A677B960218F71E793F2797AEA349406512829065D37BB55EA796FA4F56FD8896B49"
    "B2CD19B43215AD967C712B24E5032D065232E02C127409D2ED4146B9D75D763D52DB98D949D3B0FED6A8052FBB";
constexpr std::string_view msg_1088 =  // 136 bytes: exactly one block, padding needs another
    "B32D95B0B9AAD2A8816DE6D06D1F86008505BD8C14124F6E9A163B5A2ADE55F835D0EC3880EF50700D3B25E42C"
    "C0AF050CCD1BE5E555B23087E04D7BF9813622780C7313A1954F8740B6EE2D3F71F768DD417F520482BD3A08D4"
    "F222B4EE9DBD015447B33507DD50F3AB4247C5DE9A8ABD62A8DECEA01E3B87C8B927F5B08BEB37674C6F8E380C"
    "04";
constexpr std::string_view msg_1096 =  // 137 bytes: one byte into the second block
    "04410E31082A47584B406F051398A6ABE74E4DA59BB6F85E6B49E8A1F7F2CA00DFBA5462C2CD2BFDE8B64FB21D"
    "70C083F11318B56A52D03B81CAC5EEC29EB31BD0078B6156786DA3D6D8C33098C5C47BB67AC64DB14165AF65B4"
    "4544D806DDE5F487D5373C7F9792C299E9686B7E5821E7C8E2458315B996B5677D926DAC57B3F22DA873C60101"
    "6A0D";
constexpr std::string_view msg_2000 =  // 250 bytes: crosses the 136-byte rate
    "B3C5E74B69933C2533106C563B4CA20238F2B6E675E8681E34A389894785BDADE59652D4A73D80A5C85BD454FD"
    "1E9FFDAD1C3815F5038E9EF432AAC5C3C4FE840CC370CF86580A6011778BBEDAF511A51B56D1A2EB68394AA299"
    "E26DA9ADA6A2F39B9FAFF7FBA457689B9C1A577B2A1E505FDF75C7A0A64B1DF81B3A356001BF0DF4E02A1FC59F"
    "651C9D585EC6224BB279C6BEBA2966E8882D68376081B987468E7AED1EF90EBD090AE825795CDCA1B4F09A979C"
    "8DFC21A48D8A53CDBB26C4DB547FC06EFE2F9850EDD2685A4661CB4911F165D4B63EF25B87D0A96D3DFF6AB075"
    "8999AAD214D07BD4F133A6734FDE445FE474711B69A98F7E2B";

}  // namespace

TEST(Keccak256, EmptyInputIsTheEmptyCodeHash) {
    EXPECT_EQ(keccak_hex({}), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
}

TEST(Keccak256, ShortMessages) {
    EXPECT_EQ(keccak_hex(ascii("abc")),
              "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    EXPECT_EQ(keccak_hex(from_hex("CC")),
              "eead6dbfc7340a56caedc044696a168870549a6a7f6f56961e84a54bd9970b8a");
    EXPECT_EQ(keccak_hex(from_hex("1F877C")),
              "627d7bc1491b2ab127282827b8de2d276b13d7d70fb4c5957fdf20655bc7ac30");
    // Solidity's ERC-20 Transfer event topic: keccak256 of the event signature.
    EXPECT_EQ(keccak_hex(ascii("Transfer(address,address,uint256)")),
              "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
}

TEST(Keccak256, RateBoundaries) {
    const bytes m135 = from_hex(msg_1080);
    const bytes m136 = from_hex(msg_1088);
    const bytes m137 = from_hex(msg_1096);
    ASSERT_EQ(m135.size(), 135u);
    ASSERT_EQ(m136.size(), 136u);
    ASSERT_EQ(m137.size(), 137u);
    EXPECT_EQ(keccak_hex(m135), "bd6f5492582a7c1b116304de28314df9fffe95b0da11af52fe9440a717a34859");
    EXPECT_EQ(keccak_hex(m136), "e717a7769448abbe5fef8187954a88ac56ded1d22e63940ab80d029585a21921");
    EXPECT_EQ(keccak_hex(m137), "a95d50b50b4545f0947441df74a1e9d74622eb3baa49c1bbfc3a0cce6619c1aa");
}

TEST(Keccak256, MultiBlockMessage) {
    const bytes m = from_hex(msg_2000);
    ASSERT_EQ(m.size(), 250u);
    EXPECT_EQ(keccak_hex(m), "c6d86cc4ccef3bb70bf7bfddec6a9a04a0dd0a68fe1bf51c14648cf506a03e98");
}

// The permutation is shared with FIPS 202: a sponge over keccak_f1600 with the SHA3 domain byte
// must agree with OpenSSL's SHA3-256 at every length around one, two and three blocks.
TEST(Keccak256, PermutationMatchesOpenSslSha3) {
    EVP_MD* md = EVP_MD_fetch(nullptr, "SHA3-256", nullptr);
    ASSERT_NE(md, nullptr);
    bytes msg;
    for (size_t len = 0; len <= 3 * Keccak256::rate + 2; ++len) {
        uint64_t state[25] = {};
        bytes padded = msg;
        padded.push_back(0x06);
        padded.resize((padded.size() + Keccak256::rate - 1) / Keccak256::rate * Keccak256::rate);
        padded.back() ^= 0x80;
        for (size_t off = 0; off < padded.size(); off += Keccak256::rate) {
            for (size_t i = 0; i < Keccak256::rate / 8; ++i) {
                uint64_t lane = 0;
                for (size_t b = 0; b < 8; ++b) lane |= uint64_t{padded[off + 8 * i + b]} << (8 * b);
                state[i] ^= lane;
            }
            keccak_f1600(state);
        }
        Hash256 ours;
        for (size_t i = 0; i < 32; ++i)
            ours.bytes[i] = static_cast<uint8_t>(state[i / 8] >> (8 * (i % 8)));

        Hash256 expected;
        unsigned out_len = 0;
        ASSERT_EQ(EVP_Digest(msg.data(), msg.size(), expected.data(), &out_len, md, nullptr), 1);
        ASSERT_EQ(ours, expected) << "length " << len;
        msg.push_back(static_cast<uint8_t>(len * 7 + 3));
    }
    EVP_MD_free(md);
}

TEST(Keccak256, IncrementalMatchesOneShotForEverySplit) {
    bytes msg;
    for (size_t i = 0; i < 300; ++i) msg.push_back(static_cast<uint8_t>(i * 13 + 1));
    for (size_t len :
         {size_t{0}, size_t{1}, size_t{135}, size_t{136}, size_t{137}, size_t{272}, size_t{300}}) {
        const bytes_view m{msg.data(), len};
        const Hash256 expected = keccak256(m);
        for (size_t split = 0; split <= len; ++split) {
            Keccak256 h;
            h.update(m.substr(0, split));
            h.update(m.substr(split));
            ASSERT_EQ(h.finalize(), expected) << "length " << len << " split " << split;
        }
        // Byte at a time, then reuse after reset.
        Keccak256 h;
        for (uint8_t b : m) h.update(bytes_view{&b, 1});
        EXPECT_EQ(h.finalize(), expected);
        h.reset();
        h.update(m);
        EXPECT_EQ(h.finalize(), expected);
    }
}
