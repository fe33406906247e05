// SPDX-License-Identifier: Apache-2.0
// parevm: EIP-2537 BLS12-381 precompiles 0x0b-0x11: results, encodings, checks, gas.
// Vectors: EIP-2537 assets (add_G1_bls, add_G2_bls, map_fp_to_G1_bls, map_fp2_to_G2_bls) and the
// EEST fixtures prague/eip2537_bls_12_381_precompiles, both CC0.
#include "../common/hex_literals.hpp"

#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/core/hex.hpp>
#include <parevm/crypto/bls12_381.hpp>

#include "blst.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace parevm;
using parevm::test::hex;

namespace {

/// A 48-byte (96 hex digit) coordinate in its 64-byte EIP-2537 encoding.
std::string fp(std::string_view h48) {
    return std::string(32, '0') + std::string(h48);
}

std::string word(std::string_view h) {
    return std::string(64 - h.size(), '0') + std::string(h);
}

// G1 generator, another G1 point P1, and results from the EIP's add_G1_bls vectors.
const std::string g1 = fp("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83f"
                          "f97a1aeffb3af00adb22c6bb") +
                       fp("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744"
                          "a2888ae40caa232946c5e7e1");
const std::string neg_g1 = fp("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55"
                              "e83ff97a1aeffb3af00adb22c6bb") +
                           fp("114d1d6855d545a8aa7d76c8cf2e21f267816aef1db507c96655b9d5caac42364e6f"
                              "38ba0ecb751bad54dcd6b939c2ca");
const std::string p1 = fp("112b98340eee2777cc3c14163dea3ec97977ac3dc5c70da32e6e87578f44912e902ccef9"
                          "efe28d4a78b8999dfbca9426") +
                       fp("186b28d92356c4dfec4b5201ad099dbdede3781f8998ddf929b4cd7756192185ca7b8f4e"
                          "f7088f813270ac3d48868a21");
const std::string g1_plus_p1 = fp("0a40300ce2dec9888b60690e9a41d3004fda4886854573974fab73b046d3147b"
                                  "a5b7a5bde85279ffede1b45b3918d82d") +
                               fp("06d3d887e9f53b9ec4eb6cedf5607226754b07c01ace7834f57f3e7315faefb7"
                                  "39e59018e22c492006190fba4a870025");
const std::string two_g1 = fp("0572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f"
                              "75bb8f1c7c42c39a8c5529bf0f4e") +
                           fp("166a9d8cabc673a322fda673779d8e3822ba3ecb8670e461f73bb9021d5fd76a4c56"
                              "d9d4cd16bd1bba86881979749d28");
const std::string g1_inf(256, '0');

// G2 generator, P2 and results from add_G2_bls.
const std::string g2_x = fp("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac03"
                            "26a805bbefd48056c8c121bdb8") +
                         fp("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf1"
                            "1213945d57e5ac7d055d042b7e");
const std::string g2 = g2_x +
                       fp("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc"
                          "3baca289e193548608b82801") +
                       fp("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d27"
                          "5cec1da1aaa9075ff05f79be");
const std::string neg_g2 = g2_x +
                           fp("0d1b3cc2c7027888be51d9ef691d77bcb679afda66c73f17f9ee3837a55024f78c71"
                              "363275a75d75d86bab79f74782aa") +
                           fp("13fa4d4a0ad8b1ce186ed5061789213d993923066dddaf1040bc3ff59f825c78df74"
                              "f2d75467e25e0f55f8a00fa030ed");
const std::string p2 = fp("103121a2ceaae586d240843a398967325f8eb5a93e8fea99b62b9f88d8556c80dd726a4b"
                          "30e84a36eeabaf3592937f27") +
                       fp("086b990f3da2aeac0a36143b7d7c824428215140db1bb859338764cb58458f081d92664f"
                          "9053b50b3fbd2e4723121b68") +
                       fp("0f9e7ba9a86a8f7624aa2b42dcc8772e1af4ae115685e60abc2c9b90242167acef3d0be4"
                          "050bf935eed7c3b6fc7ba77e") +
                       fp("0d22c3652d0dc6f0fc9316e14268477c2049ef772e852108d269d9c38dba1d4802e8dae4"
                          "79818184c08f9a569d878451");
const std::string g2_plus_p2 = fp("0b54a8a7b08bd6827ed9a797de216b8c9057b3a9ca93e2f88e7f04f19accc42d"
                                  "a90d883632b9ca4dc38d013f71ede4db") +
                               fp("077eba4eecf0bd764dce8ed5f45040dd8f3b3427cb35230509482c1465171328"
                                  "2946306247866dfe39a8e33016fcbe52") +
                               fp("14e60a76a29ef85cbd69f251b9f29147b67cfe3ed2823d3f9776b3a0efd27319"
                                  "41d47436dc6d2b58d9e65f8438bad073") +
                               fp("1586c3c910d95754fef7a732df78e279c3d37431c6a2b77e67a00c7c130a8fcd"
                                  "4d19f159cbeb997a178108fffffcbd20");
const std::string two_g2 = fp("1638533957d540a9d2370f17cc7ed5863bc0b995b8825e0ee1ea1e1e4d00dbae81f1"
                              "4b0bf3611b78c952aacab827a053") +
                           fp("0a4edef9c1ed7f729f520e47730a124fd70662a904ba1074728114d1031e1572c6c8"
                              "86f6b57ec72a6178288c47c33577") +
                           fp("0468fb440d82b0630aeb8dca2b5256789a66da69bf91009cbfe6bd221e47aa8ae88d"
                              "ece9764bf3bd999d95d71e4c9899") +
                           fp("0f6d4552fa65dd2638b361543f887136a43253d9c66c411697003f7a13c308f5422e"
                              "1aa0a59c8967acdefd8b6e36ccf3");
const std::string g2_inf(512, '0');

const std::string p_hex =
    "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa"
    "ab";
const std::string q_hex = "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";

// (0, 2) is on y^2 = x^3 + 4 but has order 3: a curve point outside the order-q subgroup.
const std::string g1_not_in_subgroup = fp(std::string(96, '0')) + fp(std::string(95, '0') + "2");
// 2 * (0, 2) = -(0, 2) = (0, p - 2).
const std::string g1_not_in_subgroup_doubled =
    fp(std::string(96, '0')) + fp("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f624"
                                  "1eabfffeb153ffffb9feffffffffaaa9");

/// A point on the G2 curve y^2 = x^3 + 4(1 + i) outside the order-q subgroup: the first x = (k, 0)
/// with a square right-hand side. Built with blst's field arithmetic; the cofactor is so large
/// that such a point is in the subgroup with negligible probability (checked below).
std::string g2_not_in_subgroup() {
    for (uint64_t k = 1; k < 100; ++k) {
        blst_p2_affine pt{};
        const uint64_t limbs[6] = {k, 0, 0, 0, 0, 0};
        blst_fp_from_uint64(&pt.x.fp[0], limbs);
        blst_fp2 rhs;
        blst_fp2_sqr(&rhs, &pt.x);
        blst_fp2_mul(&rhs, &rhs, &pt.x);
        blst_fp2 b;
        const uint64_t four[6] = {4, 0, 0, 0, 0, 0};
        blst_fp_from_uint64(&b.fp[0], four);
        b.fp[1] = b.fp[0];
        blst_fp2_add(&rhs, &rhs, &b);
        if (!blst_fp2_sqrt(&pt.y, &rhs)) continue;
        if (!blst_p2_affine_on_curve(&pt) || blst_p2_affine_in_g2(&pt)) continue;
        bytes out;
        for (const blst_fp* c : {&pt.x.fp[0], &pt.x.fp[1], &pt.y.fp[0], &pt.y.fp[1]}) {
            uint8_t be[48];
            blst_bendian_from_fp(be, c);
            out.append(bytes(16, 0));
            out.append(be, sizeof(be));
        }
        return parevm::to_hex(out, false);
    }
    ADD_FAILURE() << "no G2 point outside the subgroup found";
    return g2_inf;
}

/// The point with its last y byte changed: off the curve.
std::string off_curve(std::string point) {
    point.back() = point.back() == '0' ? '1' : '0';
    return point;
}

Result call(int n, const std::string& input_hex, int64_t gas = 10'000'000) {
    return call_precompile(Revision::prague, address_from_u64(static_cast<uint64_t>(n)),
                           hex(input_hex), gas);
}

void expect_output(const Result& r, const std::string& expected_hex) {
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(parevm::to_hex(r.output, false), expected_hex);
}

void expect_failure(const Result& r) {
    EXPECT_EQ(r.status, StatusCode::precompile_failure);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_TRUE(r.output.empty());
}

constexpr int g1add = 0x0b, g1msm = 0x0c, g2add = 0x0d, g2msm = 0x0e, pairing = 0x0f, map_g1 = 0x10,
              map_g2 = 0x11;

}  // namespace

TEST(Bls12G1Add, EipVectors) {
    expect_output(call(g1add, g1 + p1), g1_plus_p1);
    expect_output(call(g1add, p1 + g1), g1_plus_p1);
    expect_output(call(g1add, g1 + g1_inf), g1);
    expect_output(call(g1add, g1_inf + p1), p1);
    expect_output(call(g1add, g1 + neg_g1), g1_inf);
    expect_output(call(g1add, g1 + g1), two_g1);
    expect_output(call(g1add, g1_inf + g1_inf), g1_inf);
}

TEST(Bls12G1Add, GasAndLength) {
    const Result r = call(g1add, g1 + p1, 1000);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 625);
    EXPECT_EQ(call(g1add, g1 + p1, 374).status, StatusCode::out_of_gas);
    expect_failure(call(g1add, g1));
    expect_failure(call(g1add, g1 + p1 + "00"));
    expect_failure(call(g1add, (g1 + p1).substr(0, 510)));
    expect_failure(call(g1add, ""));
}

TEST(Bls12G1Add, NoSubgroupCheckButCurveCheck) {
    // EIP-2537: G1ADD checks the curve equation only.
    expect_output(call(g1add, g1_not_in_subgroup + g1_inf), g1_not_in_subgroup);
    expect_output(call(g1add, g1_not_in_subgroup + g1_not_in_subgroup), g1_not_in_subgroup_doubled);
    expect_failure(call(g1add, off_curve(g1) + p1));
    expect_failure(call(g1add, g1 + off_curve(p1)));
}

TEST(Bls12G1Add, FieldElementEncoding) {
    // Top 16 bytes of a coordinate must be zero, even when the low 48 are valid.
    std::string padded_nonzero = g1;
    padded_nonzero[1] = '1';
    expect_failure(call(g1add, padded_nonzero + p1));
    // A coordinate equal to p is not a field element (it would reduce to x = 0).
    expect_failure(call(g1add, fp(p_hex) + g1.substr(128) + p1));
    // (p, 0) and (0, p) are not encodings of infinity.
    expect_failure(call(g1add, fp(p_hex) + fp(std::string(96, '0')) + g1_inf));
    expect_failure(call(g1add, g1_inf + fp(std::string(96, '0')) + fp(p_hex)));
}

TEST(Bls12G1Msm, Results) {
    expect_output(call(g1msm, g1 + word("2")), two_g1);
    expect_output(call(g1msm, g1 + word("1") + p1 + word("1")), g1_plus_p1);
    expect_output(call(g1msm, g1 + word("1") + g1 + word("1")), two_g1);
    expect_output(call(g1msm, g1 + word("1") + neg_g1 + word("1")), g1_inf);
    expect_output(call(g1msm, g1 + word("0")), g1_inf);
    expect_output(call(g1msm, g1_inf + word("5")), g1_inf);
    // EEST test_eip_2537 G1MSM: an infinity term does not change the sum.
    expect_output(call(g1msm, g1 + word("1") + g1_inf + word("1")), g1);
}

TEST(Bls12G1Msm, ScalarsAreNotReduced) {
    // Any 256-bit scalar is allowed; for subgroup points only its value mod q matters.
    expect_output(call(g1msm, g1 + q_hex), g1_inf);
    expect_output(
        call(g1msm, g1 + "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000003"),
        two_g1);
    const Result full = call(g1msm, g1 + std::string(64, 'f'));
    // (2^256 - 1) mod q
    const Result reduced =
        call(g1msm, g1 + "1824b159acc5056f998c4fefecbc4ff55884b7fa0003480200000001fffffffd");
    ASSERT_EQ(full.status, StatusCode::success);
    EXPECT_EQ(full.output, reduced.output);
}

TEST(Bls12G1Msm, ManyPairsMatchSingleMultiplication) {
    // sum over i = 1..40 of i * G1 == 820 * G1: the bulk algorithm against one multiplication.
    std::string input;
    for (int i = 1; i <= 40; ++i) {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "%x", i);
        input += g1 + word(buf);
    }
    const Result single = call(g1msm, g1 + word("334"));  // 0x334 = 820
    ASSERT_EQ(single.status, StatusCode::success);
    const Result many = call(g1msm, input);
    ASSERT_EQ(many.status, StatusCode::success);
    EXPECT_EQ(many.output, single.output);
    // 131 terms (k > 128: the capped discount): G1 and -G1 65 times each cancel, P1 remains.
    std::string cancel;
    for (int i = 0; i < 65; ++i) cancel += g1 + word("1") + neg_g1 + word("1");
    cancel += p1 + word("1");
    const Result r = call(g1msm, cancel, 2'000'000);
    expect_output(r, p1);
    EXPECT_EQ(r.gas_left, 2'000'000 - 131 * 12000 * 519 / 1000);
}

TEST(Bls12G1Msm, Validation) {
    expect_failure(call(g1msm, ""));
    expect_failure(call(g1msm, g1));                              // no scalar
    expect_failure(call(g1msm, g1 + word("1") + "00"));           // ragged
    expect_failure(call(g1msm, g1_not_in_subgroup + word("1")));  // subgroup check
    expect_failure(call(g1msm, g1 + word("1") + g1_not_in_subgroup + word("0")));
    expect_failure(call(g1msm, off_curve(g1) + word("1")));
    expect_failure(call(g1msm, fp(p_hex) + g1.substr(128) + word("1")));
}

TEST(Bls12G1Msm, Gas) {
    // k * 12000 * discount(k) / 1000 (EEST test_eip_2537 calls G1MSM with k = 2 and 22776 gas).
    EXPECT_EQ(precompile::bls12_g1msm_gas(1), 12000);
    EXPECT_EQ(precompile::bls12_g1msm_gas(2), 22776);
    EXPECT_EQ(precompile::bls12_g1msm_gas(128), int64_t{128} * 12000 * 519 / 1000);
    EXPECT_EQ(precompile::bls12_g1msm_gas(129), int64_t{129} * 12000 * 519 / 1000);
    EXPECT_EQ(precompile::bls12_g1msm_gas(1000), int64_t{1000} * 12000 * 519 / 1000);
    EXPECT_EQ(precompile::bls12_g1msm_gas(size_t{1} << 62), INT64_MAX);
    const Result r = call(g1msm, g1 + word("2") + p1 + word("3"), 30000);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 30000 - 22776);
    EXPECT_EQ(call(g1msm, g1 + word("2") + p1 + word("3"), 22775).status, StatusCode::out_of_gas);
}

TEST(Bls12G2Add, EipVectors) {
    expect_output(call(g2add, g2 + p2), g2_plus_p2);
    expect_output(call(g2add, p2 + g2), g2_plus_p2);
    expect_output(call(g2add, g2 + g2_inf), g2);
    expect_output(call(g2add, g2 + neg_g2), g2_inf);
    expect_output(call(g2add, g2 + g2), two_g2);
    const Result r = call(g2add, g2 + p2, 700);
    EXPECT_EQ(r.gas_left, 100);
    EXPECT_EQ(call(g2add, g2 + p2, 599).status, StatusCode::out_of_gas);
}

TEST(Bls12G2Add, Validation) {
    const std::string outside = g2_not_in_subgroup();
    ASSERT_NE(outside, g2_inf);
    expect_output(call(g2add, outside + g2_inf), outside);  // no subgroup check for addition
    expect_failure(call(g2add, off_curve(g2) + p2));
    expect_failure(call(g2add, g2 + p2.substr(0, 510)));
    expect_failure(call(g2add, g2 + p2 + "00"));
    std::string padded_nonzero = g2;
    padded_nonzero[128 + 5] = 'a';  // top bytes of x.c1
    expect_failure(call(g2add, padded_nonzero + p2));
    expect_failure(call(g2add, g2.substr(0, 128) + fp(p_hex) + g2.substr(256) + p2));
}

TEST(Bls12G2Msm, ResultsValidationGas) {
    expect_output(call(g2msm, g2 + word("2")), two_g2);
    expect_output(call(g2msm, g2 + word("1") + p2 + word("1")), g2_plus_p2);
    expect_output(call(g2msm, g2 + word("1") + neg_g2 + word("1")), g2_inf);
    expect_output(call(g2msm, g2_inf + word("9") + g2 + word("2")), two_g2);
    expect_output(call(g2msm, g2 + q_hex), g2_inf);
    std::string many;
    for (int i = 0; i < 30; ++i) many += g2 + word("1") + neg_g2 + word("1");
    many += g2 + word("2");
    expect_output(call(g2msm, many), two_g2);

    expect_failure(call(g2msm, ""));
    expect_failure(call(g2msm, g2 + word("1") + "00"));
    expect_failure(call(g2msm, g2_not_in_subgroup() + word("1")));
    expect_failure(call(g2msm, off_curve(g2) + word("1")));

    EXPECT_EQ(precompile::bls12_g2msm_gas(1), 22500);
    EXPECT_EQ(precompile::bls12_g2msm_gas(2), 45000);
    EXPECT_EQ(precompile::bls12_g2msm_gas(3), 62302);  // 3 * 22500 * 923 / 1000, rounded down
    EXPECT_EQ(precompile::bls12_g2msm_gas(128), int64_t{128} * 22500 * 524 / 1000);
    EXPECT_EQ(precompile::bls12_g2msm_gas(200), int64_t{200} * 22500 * 524 / 1000);
    EXPECT_EQ(call(g2msm, g2 + word("1"), 22499).status, StatusCode::out_of_gas);
    EXPECT_EQ(call(g2msm, g2 + word("1"), 22500).gas_left, 0);
}

TEST(Bls12Pairing, Results) {
    auto word_bool = [](bool b) { return std::string(63, '0') + (b ? "1" : "0"); };
    // e(G1, G2) * e(-G1, G2) = 1; e(2 G1, G2) * e(-G1, 2 G2) = 1 (bilinearity).
    expect_output(call(pairing, g1 + g2 + neg_g1 + g2), word_bool(true));
    expect_output(call(pairing, two_g1 + g2 + neg_g1 + two_g2), word_bool(true));
    expect_output(call(pairing, g1 + neg_g2 + g1 + g2), word_bool(true));
    // e(G1, G2) != 1, and e(2 G1, G2) * e(-G1, G2) = e(G1, G2) != 1.
    expect_output(call(pairing, g1 + g2), word_bool(false));
    expect_output(call(pairing, two_g1 + g2 + neg_g1 + g2), word_bool(false));
    // Pairs with an infinity point contribute 1 (EEST test_eip_2537 PAIRING: G1 with G2 at
    // infinity).
    expect_output(call(pairing, g1 + g2_inf), word_bool(true));
    expect_output(call(pairing, g1_inf + g2), word_bool(true));
    expect_output(call(pairing, g1_inf + g2 + g1 + g2), word_bool(false));
}

TEST(Bls12Pairing, ValidationAndGas) {
    expect_failure(call(pairing, ""));
    expect_failure(call(pairing, g1 + g2 + "00"));
    expect_failure(call(pairing, (g1 + g2).substr(0, 766)));
    expect_failure(call(pairing, g1_not_in_subgroup + g2));
    expect_failure(call(pairing, g1 + g2_not_in_subgroup()));
    // Every pair is validated, even after an infinity pair.
    expect_failure(call(pairing, g1_inf + g2 + g1 + off_curve(g2)));
    expect_failure(call(pairing, off_curve(g1) + g2_inf));
    EXPECT_EQ(precompile::bls12_pairing_gas(1), 70300);
    EXPECT_EQ(precompile::bls12_pairing_gas(2), 102900);
    const Result r = call(pairing, g1 + g2 + neg_g1 + g2, 102901);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 1);
    EXPECT_EQ(call(pairing, g1 + g2 + neg_g1 + g2, 102899).status, StatusCode::out_of_gas);
}

TEST(Bls12MapFpToG1, EipVectors) {
    expect_output(call(map_g1, fp("156c8a6a2c184569d69a76be144b5cdc5141d2d2ca4fe341f011e25e3969c55a"
                                  "d9e9b9ce2eb833c81a908e5fa4ac5f03")),
                  fp("184bb665c37ff561a89ec2122dd343f20e0f4cbcaec84e3c3052ea81d1834e192c426074b02ed"
                     "3dca4e7676ce4ce48ba") +
                      fp("04407b8d35af4dacc809927071fc0405218f1401a6d15af775810e4e460064bcc9468beeb"
                         "a82fdc751be70476c888bf3"));
    expect_output(call(map_g1, fp("147e1ed29f06e4c5079b9d14fc89d2820d32419b990c1c7bb7dbea2a36a04512"
                                  "4b31ffbde7c99329c05c559af1c6cc82")),
                  fp("009769f3ab59bfd551d53a5f846b9984c59b97d6842b20a2c565baa167945e3d026a3755b6345"
                     "df8ec7e6acb6868ae6d") +
                      fp("1532c00cf61aa3d0ce3e5aa20c3b531a2abd2c770a790a2613818303c6b830ffc0ecf6c35"
                         "7af3317b9575c567f11cd2c"));
    // EEST test_isogeny_kernel_values: this element maps to the point at infinity.
    expect_output(call(map_g1, fp("0b3f3f9519ff3ab349e4ffc214f99998a697b02358fcfe44830e29129f58d6f9"
                                  "154a23fd14dfa660a75d4aaec9b607c3")),
                  g1_inf);
}

TEST(Bls12MapFpToG1, ValidationAndGas) {
    const std::string u =
        fp("156c8a6a2c184569d69a76be144b5cdc5141d2d2ca4fe341f011e25e3969c55ad9e9b9ce2eb833c81a908e5"
           "fa4ac5f03");
    const Result r = call(map_g1, u, 6000);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 500);
    EXPECT_EQ(call(map_g1, u, 5499).status, StatusCode::out_of_gas);
    expect_failure(call(map_g1, fp(p_hex)));
    expect_failure(call(map_g1, "01" + u.substr(2)));
    expect_failure(call(map_g1, u.substr(0, 126)));
    expect_failure(call(map_g1, u + "00"));
    expect_failure(call(map_g1, u + u));
}

TEST(Bls12MapFp2ToG2, EipVectorAndValidation) {
    const std::string u = fp("07355d25caf6e7f2f0cb2812ca0e513bd026ed09dda65b177500fa31714e09ea0ded3"
                             "a078b526bed3307f804d4b93b04") +
                          fp("02829ce3c021339ccb5caf3e187f6370e1e2a311dec9b75363117063ab2015603ff52"
                             "c3d3b98f19c2f65575e99e8b78c");
    expect_output(call(map_g2, u), fp("00e7f4568a82b4b7dc1f14c6aaa055edf51502319c723c4dc2688c7fe594"
                                      "4c213f510328082396515734b6612c4e7bb7") +
                                       fp("126b855e9e69b1f691f816e48ac6977664d24d99f8724868a1841864"
                                          "69ddfd4617367e94527d4b74fc86413483afb35b") +
                                       fp("0caead0fd7b6176c01436833c79d305c78be307da5f6af6c133c4731"
                                          "1def6ff1e0babf57a0fb5539fce7ee12407b0a42") +
                                       fp("1498aadcf7ae2b345243e281ae076df6de84455d766ab6fcdaad71fa"
                                          "b60abb2e8b980a440043cd305db09d283c895e3d"));
    const Result r = call(map_g2, u, 24000);
    EXPECT_EQ(r.gas_left, 200);
    EXPECT_EQ(call(map_g2, u, 23799).status, StatusCode::out_of_gas);
    expect_failure(call(map_g2, u.substr(0, 128) + fp(p_hex)));
    expect_failure(call(map_g2, u.substr(0, 128)));
    expect_failure(call(map_g2, u + "00"));
}

TEST(Bls12, ActiveFromPrague) {
    for (int n = g1add; n <= map_g2; ++n) {
        EXPECT_FALSE(is_precompile(Revision::cancun, address_from_u64(static_cast<uint64_t>(n))));
        EXPECT_TRUE(is_precompile(Revision::prague, address_from_u64(static_cast<uint64_t>(n))));
    }
    EXPECT_EQ(call_precompile(Revision::cancun, address_from_u64(g1add), hex(g1 + p1), 1000).status,
              StatusCode::precompile_failure);
}
