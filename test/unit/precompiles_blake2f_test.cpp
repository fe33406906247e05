// SPDX-License-Identifier: Apache-2.0
// parevm: precompile 0x09 BLAKE2F with the EIP-152 test vectors, and the compression function
// against RFC 7693's BLAKE2b-512("abc").
#include "../common/hex_literals.hpp"

#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/core/hex.hpp>
#include <parevm/crypto/blake2b.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

using namespace parevm;
using parevm::test::hex;

namespace {

const Address blake2f_addr = address_from_u64(9);

// EIP-152's vectors share h (BLAKE2b-512 IV with the parameter block folded in), m ("abc") and
// t = 3; they differ in rounds and the final flag.
const std::string h_m_t =
    "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68"
    "059b6bbd41fbabd9831f79217e1319cde05b" +  // h: 64 bytes
    std::string("616263") +
    std::string(2 * 125, '0') +       // m: "abc" then zeros, 128 bytes
    "03" + std::string(2 * 15, '0');  // t0 = 3, t1 = 0

bytes vector_input(std::string_view rounds, std::string_view flag) {
    return hex(std::string(rounds) + h_m_t + std::string(flag));
}

Result call(bytes_view input, int64_t gas = 1'000'000) {
    return call_precompile(Revision::istanbul, blake2f_addr, input, gas);
}

}  // namespace

TEST(Blake2f, InputLayoutIs213Bytes) {
    EXPECT_EQ(vector_input("0000000c", "01").size(), 213u);
}

TEST(Blake2f, Eip152Vector4ZeroRounds) {
    const Result r = call(vector_input("00000000", "01"));
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 1'000'000);  // 0 rounds cost nothing
    EXPECT_EQ(to_hex(r.output, false),
              "08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e511f6c"
              "3e2b8c68059b9442be0454267ce079217e1319cde05b");
}

TEST(Blake2f, Eip152Vector5TwelveRoundsAbc) {
    const Result r = call(vector_input("0000000c", "01"));
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 1'000'000 - 12);
    EXPECT_EQ(to_hex(r.output, false),
              "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252"
              "d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
}

TEST(Blake2f, Eip152Vector6NotFinal) {
    const Result r = call(vector_input("0000000c", "00"));
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(to_hex(r.output, false),
              "75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d2875298743e7f6d5ea2f2d3e8"
              "d226039cd31b4e426ac4f2d3d666a610c2116fde4735");
}

TEST(Blake2f, Eip152Vector7OneRound) {
    const Result r = call(vector_input("00000001", "01"));
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 1'000'000 - 1);
    EXPECT_EQ(to_hex(r.output, false),
              "b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fba551b3a8333bcdf5f2f7"
              "e08993d53923de3d64fcc68c034e717b9293fed7a421");
}

TEST(Blake2f, Eip152FailureVectors) {
    // Vector 0: empty input.
    Result r = call({});
    EXPECT_EQ(r.status, StatusCode::precompile_failure);
    EXPECT_EQ(r.gas_left, 0);
    // Vector 1: 212 bytes (rounds field one byte short).
    r = call(hex("00000c" + h_m_t + "01"));
    EXPECT_EQ(r.status, StatusCode::precompile_failure);
    // Vector 2: 214 bytes.
    r = call(hex("000000000c" + h_m_t + "01"));
    EXPECT_EQ(r.status, StatusCode::precompile_failure);
    // Vector 3: final flag 2.
    r = call(vector_input("0000000c", "02"));
    EXPECT_EQ(r.status, StatusCode::precompile_failure);
    EXPECT_EQ(r.gas_left, 0);
    r = call(vector_input("0000000c", "ff"));
    EXPECT_EQ(r.status, StatusCode::precompile_failure);
}

TEST(Blake2f, GasIsRounds) {
    // 0xffffffff rounds (EIP-152 vector 8) must be refused before any work with less gas.
    Result r = call(vector_input("ffffffff", "01"), 4'294'967'294);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    EXPECT_EQ(r.gas_left, 0);
    r = call(vector_input("0000000c", "01"), 11);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    r = call(vector_input("0000000c", "01"), 12);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 0);
    // 1000 rounds: the schedule wraps around SIGMA (round i uses SIGMA[i mod 10]).
    r = call(vector_input("000003e8", "01"), 1000);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.output.size(), 64u);
}

TEST(Blake2f, NotAvailableBeforeIstanbul) {
    EXPECT_EQ(call_precompile(Revision::petersburg, blake2f_addr, vector_input("0000000c", "01"),
                              1'000'000)
                  .status,
              StatusCode::precompile_failure);
}

TEST(Blake2b, CompressGivesRfc7693AbcDigest) {
    // RFC 7693 appendix A: BLAKE2b-512("abc") from a single final compression of 12 rounds with
    // h = IV ^ 0x01010040 (digest length 64, no key), t = 3.
    uint64_t h[8] = {0x6a09e667f3bcc908 ^ 0x01010040,
                     0xbb67ae8584caa73b,
                     0x3c6ef372fe94f82b,
                     0xa54ff53a5f1d36f1,
                     0x510e527fade682d1,
                     0x9b05688c2b3e6c1f,
                     0x1f83d9abfb41bd6b,
                     0x5be0cd19137e2179};
    uint64_t m[16] = {0x636261};
    const uint64_t t[2] = {3, 0};
    blake2b_compress(12, h, m, t, true);
    bytes digest;
    for (uint64_t w : h)
        for (int i = 0; i < 8; ++i) digest.push_back(static_cast<uint8_t>(w >> (8 * i)));
    EXPECT_EQ(to_hex(digest, false),
              "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252"
              "d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
}
