// SPDX-License-Identifier: Apache-2.0
// parevm: precompile 0x100 P256VERIFY with vectors from EIP-7951's test-vectors.json (Wycheproof)
// and malformed inputs, which all succeed with empty output.
#include "../common/hex_literals.hpp"

#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/core/hex.hpp>
#include <parevm/crypto/p256.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

using namespace parevm;
using parevm::test::hex;

namespace {

const Address p256_addr = address_from_u64(0x100);

Result call(bytes_view input, int64_t gas = 10'000) {
    return call_precompile(Revision::osaka, p256_addr, input, gas);
}

const bytes one = hex("0000000000000000000000000000000000000000000000000000000000000001");

// Wycheproof ecdsa_secp256r1_sha256_p1363 #1 (EIP-7951 test vectors): valid. Parts are hash,
// r, s, qx, qy.
const std::string hash1 = "bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605023";
const std::string r1 = "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18";
const std::string s1 = "4cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76";
const std::string qx1 = "2927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838";
const std::string qy1 = "c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513e";

/// Expects a success costing 6900 with output 1 (valid) or empty (anything else).
void expect_verdict(const bytes& input, bool valid, const char* what) {
    const Result r = call(input);
    EXPECT_EQ(r.status, StatusCode::success) << what;
    EXPECT_EQ(r.gas_left, 10'000 - 6900) << what;
    if (valid)
        EXPECT_EQ(r.output, one) << what;
    else
        EXPECT_TRUE(r.output.empty()) << what;
}

}  // namespace

TEST(P256Verify, WycheproofValidVectors) {
    expect_verdict(hex(hash1 + r1 + s1 + qx1 + qy1), true, "#1 signature malleability");
    // #134: s == 1.
    expect_verdict(hex("532eaabd9574880dbf76b9b8cc00832c20a6ec113d682299550d7a6e0f345e25"
                       "555555550000000055555555555555553ef7a8e48d07df81a693439654210c70"
                       "0000000000000000000000000000000000000000000000000000000000000001"
                       "e84d9b232e971a43382630f99725e423ec1ecb41e55172e9c69748a03f0d5988"
                       "618b15b427ad83363bd041ff75fac98ef2ee923714e7d1dfe31753793c7588d4"),
                   true, "#134 s == 1");
    // #137: edge case for signature malleability.
    expect_verdict(hex("532eaabd9574880dbf76b9b8cc00832c20a6ec113d682299550d7a6e0f345e25"
                       "7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a9"
                       "7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8"
                       "78d844dc7f16b73b1f2a39730da5d8cd99fe2e70a18482384e37dcd2bfea02e1"
                       "ed6572e01eb7a8d113d02c666c45ef22d3b9a6a6dea99aa43a8183c26e75d336"),
                   true, "#137");
    // #139: u1 == 1.
    expect_verdict(hex("532eaabd9574880dbf76b9b8cc00832c20a6ec113d682299550d7a6e0f345e25"
                       "555555550000000055555555555555553ef7a8e48d07df81a693439654210c70"
                       "532eaabd9574880dbf76b9b8cc00832c20a6ec113d682299550d7a6e0f345e25"
                       "a17f5b75a35ed64623ca5cbf1f91951292db0c23f0c2ea24c3d0cad0988cabc0"
                       "83a7a618625c228940730b4fa3ee64faecbb2fc20fdde7c58b3a3f6300424dc6"),
                   true, "#139 u1 == 1");
}

TEST(P256Verify, WycheproofInvalidVectors) {
    // #3: r modified.
    expect_verdict(
        hex(hash1 + "d45c5740946b2a147f59262ee6f5bc90bd01ed280528b62b3aed5fc93f06f739" +
            "b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db" + qx1 + qy1),
        false, "#3");
    // #9: r = s = 0.
    expect_verdict(hex(hash1 + std::string(128, '0') + qx1 + qy1), false, "#9");
    // #135: s == 0.
    expect_verdict(hex("532eaabd9574880dbf76b9b8cc00832c20a6ec113d682299550d7a6e0f345e25"
                       "555555550000000055555555555555553ef7a8e48d07df81a693439654210c70"
                       "0000000000000000000000000000000000000000000000000000000000000000"
                       "e84d9b232e971a43382630f99725e423ec1ecb41e55172e9c69748a03f0d5988"
                       "618b15b427ad83363bd041ff75fac98ef2ee923714e7d1dfe31753793c7588d4"),
                   false, "#135 s == 0");
    // #136: R' is the point at infinity.
    expect_verdict(hex("532eaabd9574880dbf76b9b8cc00832c20a6ec113d682299550d7a6e0f345e25"
                       "7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8"
                       "555555550000000055555555555555553ef7a8e48d07df81a693439654210c70"
                       "0203736fcb198b15d8d7a0c80f66dddd15259240aa78d08aae67c467de045034"
                       "34383438d5041ea9a387ee8e4d4e84b4471b160c6bcf2568b072f8f20e87a996"),
                   false, "#136 point at infinity during verify");
}

TEST(P256Verify, SignatureAndKeyBounds) {
    const std::string n = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
    const std::string p = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
    // The other valid s for the same R: n - s (ECDSA accepts both; EIP-7951 does not reject
    // high s).
    expect_verdict(
        hex(hash1 + r1 + "b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db" + qx1 +
            qy1),
        true, "n - s");
    // r or s equal to n, or r + n (overflowing 2^256 is not possible, but n itself is out).
    expect_verdict(hex(hash1 + n + s1 + qx1 + qy1), false, "r == n");
    expect_verdict(hex(hash1 + r1 + n + qx1 + qy1), false, "s == n");
    expect_verdict(hex(hash1 + r1 + std::string(64, 'f') + qx1 + qy1), false, "s = 2^256 - 1");
    // Point at infinity encoded as (0, 0), coordinates at p, a point off the curve.
    expect_verdict(hex(hash1 + r1 + s1 + std::string(128, '0')), false, "(0, 0)");
    expect_verdict(hex(hash1 + r1 + s1 + p + qy1), false, "qx == p");
    expect_verdict(hex(hash1 + r1 + s1 + qx1 + p), false, "qy == p");
    std::string off_curve = qy1;
    off_curve.back() = 'f';
    expect_verdict(hex(hash1 + r1 + s1 + qx1 + off_curve), false, "off curve");
    // The negated key (x, p - y) is on the curve but did not sign.
    expect_verdict(hex(hash1 + r1 + s1 + qx1 +
                       "3887869a1553ff1b6de04eb6759f0b9f98994c2797affeaa72e568b18cbeaec1"),
                   false, "negated key");
    // Another hash.
    std::string other_hash = hash1;
    other_hash[0] = 'c';
    expect_verdict(hex(other_hash + r1 + s1 + qx1 + qy1), false, "other hash");
}

TEST(P256Verify, OnCurveHelper) {
    const uint256 qx = be_load(hex(qx1));
    const uint256 qy = be_load(hex(qy1));
    EXPECT_TRUE(p256_is_on_curve(qx, qy));
    EXPECT_TRUE(p256_is_on_curve(qx, p256_field_prime - qy));
    EXPECT_FALSE(p256_is_on_curve(qx, qy + 1));
    EXPECT_FALSE(p256_is_on_curve(0, 0));
    // The generator G (SEC 2).
    EXPECT_TRUE(p256_is_on_curve(
        be_load(hex("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296")),
        be_load(hex("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"))));
}

TEST(P256Verify, WrongLengthsGiveEmptyOutput) {
    const bytes valid = hex(hash1 + r1 + s1 + qx1 + qy1);
    expect_verdict({}, false, "empty");
    expect_verdict(valid.substr(0, 159), false, "159 bytes");
    bytes longer = valid;
    longer.push_back(0);
    expect_verdict(longer, false, "161 bytes");
    expect_verdict(valid + valid, false, "320 bytes");
}

TEST(P256Verify, GasAndAvailability) {
    const bytes valid = hex(hash1 + r1 + s1 + qx1 + qy1);
    Result r = call(valid, 6899);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    EXPECT_EQ(r.gas_left, 0);
    r = call(valid, 6900);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_EQ(r.output, one);
    // Even a malformed input is charged in full.
    r = call(hex("00"), 6899);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    // Not a precompile before Osaka.
    EXPECT_FALSE(is_precompile(Revision::prague, p256_addr));
    EXPECT_EQ(call_precompile(Revision::prague, p256_addr, valid, 10'000).status,
              StatusCode::precompile_failure);
}
