// SPDX-License-Identifier: Apache-2.0
// parevm: precompile 0x0a POINT_EVALUATION (EIP-4844) and the KZG verification behind it.
// Vectors: EEST fixtures cancun/eip4844_blobs (test_valid_inputs, test_invalid_inputs), CC0.
#include "../common/hex_literals.hpp"

#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/core/hex.hpp>
#include <parevm/crypto/hashes.hpp>
#include <parevm/crypto/kzg.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

using namespace parevm;
using parevm::test::hex;

namespace {

const Address point_eval_addr = address_from_u64(0x0a);

// test_valid_inputs "mainnet_1": a real blob commitment, evaluation point, value and proof.
const std::string mainnet_1 =
    "018156b94fe9735e573bab36dad05d60feb720d424ccd20aaf719343c31e4246"  // versioned hash
    "019123bcb9d06356701f7be08b4494625b87a7b02edc566126fb81f6306e915f"  // z
    "6c2eb1e94c2532935b8465351ba1bd88eabe2b3fa1aadff7d1cd816e8315bd38"  // y
    "a9546d41993e10df2a7429b8490394ea9ee62807bae6f326d1044a51581306f5"  // commitment
    "8d4b9dfd5931e044688855280ff3799e"
    "a2ea83d9391e0ee42e0c650acc7a1f842a7d385189485ddb4fd54ade3d9fd50d"  // proof
    "608167dca6c776aad4b8ad5c20691bfe";

// The zero polynomial: commitment and proof at infinity, y = 0 at any z.
const std::string infinity_point =
    "c000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "00";
const std::string infinity_versioned_hash =
    "010657f37554c781402a22917dee2f75def7ab966d7b770905398eba3c444014";
const std::string modulus_hex = "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";
const std::string modulus_minus_1 =
    "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000";
const std::string zero_word(64, '0');

std::string zero_poly_input(const std::string& z, const std::string& y) {
    return infinity_versioned_hash + z + y + infinity_point + infinity_point;
}

Result run(const bytes& input, int64_t gas = 100000) {
    return call_precompile(Revision::cancun, point_eval_addr, input, gas);
}

void expect_failure(const Result& r) {
    EXPECT_EQ(r.status, StatusCode::precompile_failure);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_TRUE(r.output.empty());
}

}  // namespace

TEST(PointEvaluation, ValidMainnetProof) {
    const Result r = run(hex(mainnet_1), 60000);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 10000);  // 50000 charged
    // FIELD_ELEMENTS_PER_BLOB (4096) and BLS_MODULUS, as the fixture's post-state stores them.
    EXPECT_EQ(r.output, hex(std::string(60, '0') + "1000" + modulus_hex));
}

TEST(PointEvaluation, ZeroPolynomialAtLargestCanonicalZ) {
    const Result r = run(hex(zero_poly_input(modulus_minus_1, zero_word)));
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 50000);
    EXPECT_EQ(r.output.size(), 64u);
}

TEST(PointEvaluation, WrongClaimedValueFails) {
    bytes input = hex(mainnet_1);
    input[95] ^= 1;  // last byte of y
    expect_failure(run(input));
    // The zero polynomial does not take the value 1.
    expect_failure(run(hex(zero_poly_input(zero_word, std::string(63, '0') + "1"))));
}

TEST(PointEvaluation, WrongProofFails) {
    bytes input = hex(mainnet_1);
    // The infinity point is a valid encoding but the wrong proof here.
    const bytes inf = hex(infinity_point);
    std::copy(inf.begin(), inf.end(), input.begin() + 144);
    expect_failure(run(input));
    // A proof that is not a valid compressed G1 point at all.
    input = hex(mainnet_1);
    input[150] ^= 0x55;
    expect_failure(run(input));
}

TEST(PointEvaluation, VersionedHashMustMatchCommitment) {
    for (uint8_t version : {0x00, 0x02, 0xff}) {
        bytes input = hex(mainnet_1);
        input[0] = version;  // test_invalid_inputs: incorrect versioned hash version
        expect_failure(run(input));
    }
    bytes input = hex(mainnet_1);
    input[17] ^= 0x80;  // a hash byte, not the version
    expect_failure(run(input));
    // Versioned hash of another commitment.
    input = hex(mainnet_1);
    const bytes other = hex(infinity_versioned_hash);
    std::copy(other.begin(), other.end(), input.begin());
    expect_failure(run(input));
}

TEST(PointEvaluation, VersionedHashRule) {
    // 0x01 || sha256(commitment)[1:], checked against the fixture's hash for the infinity point.
    Hash256 h = sha256(hex(infinity_point));
    h.bytes[0] = 0x01;
    EXPECT_EQ(to_hex(h, false), infinity_versioned_hash);
}

TEST(PointEvaluation, NonCanonicalFieldElementsFail) {
    // out_of_bounds_z / out_of_bounds_y: z or y equal to BLS_MODULUS.
    expect_failure(run(hex(zero_poly_input(modulus_hex, zero_word))));
    expect_failure(run(hex(zero_poly_input(zero_word, modulus_hex))));
    expect_failure(run(hex(zero_poly_input(std::string(64, 'f'), zero_word))));
}

TEST(PointEvaluation, InputMustBeExactly192Bytes) {
    const bytes valid = hex(mainnet_1);
    expect_failure(run(bytes{}));
    expect_failure(run(valid.substr(0, 191)));
    expect_failure(run(valid.substr(0, 96)));
    bytes longer = valid;
    longer.push_back(0);
    expect_failure(run(longer));
    // All zeros: right length, wrong version byte.
    expect_failure(run(bytes(192, 0)));
}

TEST(PointEvaluation, ZeroCommitmentBytesAreInvalid) {
    // zeros_inputs_correct_versioned_hash: 48 zero bytes lack the compression flag.
    const bytes zeros(48, 0);
    Hash256 vh = sha256(zeros);
    vh.bytes[0] = 0x01;
    bytes input(vh.view());
    input.append(bytes(64, 0));
    input.append(zeros);
    input.append(zeros);
    expect_failure(run(input));
}

TEST(PointEvaluation, OutOfGas) {
    const Result r = run(hex(mainnet_1), 49999);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_EQ(run(hex(mainnet_1), 50000).status, StatusCode::success);
}

TEST(PointEvaluation, ActiveFromCancun) {
    EXPECT_FALSE(is_precompile(Revision::shanghai, point_eval_addr));
    EXPECT_TRUE(is_precompile(Revision::cancun, point_eval_addr));
    EXPECT_EQ(call_precompile(Revision::shanghai, point_eval_addr, hex(mainnet_1), 100000).status,
              StatusCode::precompile_failure);
    EXPECT_EQ(call_precompile(Revision::prague, point_eval_addr, hex(mainnet_1), 100000).status,
              StatusCode::success);
}

TEST(Kzg, DirectVerification) {
    std::string error;
    ASSERT_TRUE(kzg_trusted_setup_ready(&error)) << error;
    const bytes in = hex(mainnet_1);
    const KzgPoint commitment{in.substr(96, 48)};
    const KzgPoint proof{in.substr(144, 48)};
    const Hash256 z{in.substr(32, 32)};
    Hash256 y{in.substr(64, 32)};
    EXPECT_TRUE(verify_kzg_proof(commitment, z, y, proof));
    y.bytes[0] ^= 1;
    EXPECT_FALSE(verify_kzg_proof(commitment, z, y, proof));
}

TEST(Kzg, CanonicalFieldElements) {
    EXPECT_TRUE(is_canonical_bls_field_element(Hash256{}));
    EXPECT_TRUE(is_canonical_bls_field_element(Hash256{hex(modulus_minus_1)}));
    EXPECT_FALSE(is_canonical_bls_field_element(Hash256{hex(modulus_hex)}));
    EXPECT_FALSE(is_canonical_bls_field_element(Hash256{hex(std::string(64, 'f'))}));
}
