// SPDX-License-Identifier: Apache-2.0
// parevm: ECDSA recovery and signing: published keys, go-ethereum's ECRECOVER sample inputs and
// the EIP-155 example signature.
#include <parevm/crypto/keccak.hpp>
#include <parevm/crypto/secp256k1.hpp>

#include <gtest/gtest.h>

#include <string_view>
#include <thread>
#include <vector>

using namespace parevm;

namespace {

bytes from_hex(std::string_view hex) {
    if (hex.starts_with("0x")) hex.remove_prefix(2);
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

Hash256 hash(std::string_view hex) {
    return Hash256{from_hex(hex)};
}
Address address(std::string_view hex) {
    return Address{from_hex(hex)};
}
uint256 u256(std::string_view s) {
    const auto v = parse_uint256(s);
    EXPECT_TRUE(v.has_value()) << s;
    return v.value_or(uint256{});
}

}  // namespace

TEST(Secp256k1, OrderConstants) {
    EXPECT_EQ(to_hex(secp256k1_order),
              "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    // n is odd, so n/2 rounds down and 2 * half + 1 == n.
    EXPECT_EQ(secp256k1_half_order + secp256k1_half_order + 1, secp256k1_order);
}

TEST(Secp256k1, AddressFromKnownSecrets) {
    // The test account of the Ethereum test suites.
    EXPECT_EQ(address_from_secret(
                  hash("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8")),
              address("a94f5374fce5edbc8e2a8697c15331677e6ebf0b"));
    // Secret 1: the generator point itself.
    EXPECT_EQ(address_from_secret(
                  hash("0000000000000000000000000000000000000000000000000000000000000001")),
              address("7e5f4552091a69125d5dfcb7b8c2659029395bdf"));
}

TEST(Secp256k1, InvalidSecretsGiveZeroAddress) {
    EXPECT_EQ(address_from_secret(Hash256{}), Address{});
    EXPECT_EQ(address_from_secret(be_store(secp256k1_order)), Address{});
    EXPECT_FALSE(sign(Hash256{}, Hash256{}).has_value());
}

// go-ethereum's ECRECOVER precompile sample inputs (core/vm/contracts_test.go).
TEST(Secp256k1, RecoverKnownSignatures) {
    const auto a =
        ecrecover(hash("38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e"),
                  u256("0x38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e"),
                  u256("0x789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02"), 0);
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(*a, address("ceaccac640adf55b2028469bd36ba501f28b699d"));

    const auto b =
        ecrecover(hash("456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3"),
                  u256("0x9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608"),
                  u256("0x4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada"), 1);
    ASSERT_TRUE(b.has_value());
    EXPECT_EQ(*b, address("7156526fbd7a3c72969b54f64e42c10fbb768c8a"));
}

// EIP-155's example: RFC 6979 nonces make the signature reproducible, so libsecp256k1 must give
// exactly the published r and s (v = 37 = 35 + 2 * chain_id + recovery_id 0).
TEST(Secp256k1, SignReproducesEip155Example) {
    const bytes signing_data = from_hex(
        "ec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008001808"
        "0");
    const Hash256 msg = keccak256(signing_data);
    EXPECT_EQ(msg, hash("daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"));
    const Hash256 secret = hash("4646464646464646464646464646464646464646464646464646464646464646");

    const auto sig = sign(msg, secret);
    ASSERT_TRUE(sig.has_value());
    EXPECT_EQ(
        sig->r,
        u256("18515461264373351373200002665853028612451056578545711640558177340181847433846"));
    EXPECT_EQ(
        sig->s,
        u256("46948507304638947509940763649030358759909902576025900602547168820602576006531"));
    EXPECT_EQ(sig->recovery_id, 0);
    EXPECT_EQ(sign(msg, secret), sig);  // deterministic

    const auto signer = ecrecover(msg, sig->r, sig->s, sig->recovery_id);
    ASSERT_TRUE(signer.has_value());
    EXPECT_EQ(*signer, address_from_secret(secret));
    EXPECT_EQ(*signer, address("9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"));
}

TEST(Secp256k1, SignRecoverRoundTrips) {
    for (uint8_t k = 1; k <= 20; ++k) {
        Hash256 secret;
        for (size_t i = 0; i < 32; ++i) secret.bytes[i] = static_cast<uint8_t>(k * 37 + i * 11);
        const Hash256 msg = keccak256(secret.view().substr(0, k));
        const auto sig = sign(msg, secret);
        ASSERT_TRUE(sig.has_value());
        EXPECT_TRUE(is_low_s(sig->s));
        const auto signer = ecrecover(msg, sig->r, sig->s, sig->recovery_id);
        ASSERT_TRUE(signer.has_value());
        EXPECT_EQ(*signer, address_from_secret(secret));

        // The wrong parity recovers some other key.
        const auto other = ecrecover(msg, sig->r, sig->s, sig->recovery_id ^ 1);
        if (other) {
            EXPECT_NE(*other, *signer);
        }
        // A different message recovers a different address.
        Hash256 msg2 = msg;
        msg2.bytes[0] ^= 1;
        const auto wrong = ecrecover(msg2, sig->r, sig->s, sig->recovery_id);
        if (wrong) {
            EXPECT_NE(*wrong, *signer);
        }
    }
}

TEST(Secp256k1, HighSIsRecoverableWithFlippedParity) {
    // (r, n - s) with the other parity is the same signature: ECRECOVER accepts it (EIP-2
    // restricts only transactions).
    const Hash256 secret = hash("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");
    const Hash256 msg = keccak256({});
    const auto sig = sign(msg, secret);
    ASSERT_TRUE(sig.has_value());
    const uint256 high_s = secp256k1_order - sig->s;
    EXPECT_FALSE(is_low_s(high_s));
    const auto signer = ecrecover(msg, sig->r, high_s, sig->recovery_id ^ 1);
    ASSERT_TRUE(signer.has_value());
    EXPECT_EQ(*signer, address("a94f5374fce5edbc8e2a8697c15331677e6ebf0b"));
}

TEST(Secp256k1, RejectsOutOfRangeValues) {
    const Hash256 secret = hash("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");
    const Hash256 msg = keccak256({});
    const auto sig = sign(msg, secret);
    ASSERT_TRUE(sig.has_value());
    ASSERT_TRUE(ecrecover(msg, sig->r, sig->s, sig->recovery_id).has_value());

    EXPECT_FALSE(ecrecover(msg, 0, sig->s, sig->recovery_id));
    EXPECT_FALSE(ecrecover(msg, sig->r, 0, sig->recovery_id));
    EXPECT_FALSE(ecrecover(msg, secp256k1_order, sig->s, sig->recovery_id));
    EXPECT_FALSE(ecrecover(msg, sig->r, secp256k1_order, sig->recovery_id));
    EXPECT_FALSE(ecrecover(msg, secp256k1_order + 1, sig->s, sig->recovery_id));
    EXPECT_FALSE(ecrecover(msg, sig->r, ~uint256{}, sig->recovery_id));
    // libsecp256k1 would read 2 and 3 as "R.x = r + n"; Ethereum has no such v.
    EXPECT_FALSE(ecrecover(msg, sig->r, sig->s, 2));
    EXPECT_FALSE(ecrecover(msg, sig->r, sig->s, 3));
    EXPECT_FALSE(ecrecover(msg, sig->r, sig->s, 27));
}

TEST(Secp256k1, LowSBoundary) {
    EXPECT_TRUE(is_low_s(1));
    EXPECT_TRUE(is_low_s(secp256k1_half_order));
    EXPECT_FALSE(is_low_s(secp256k1_half_order + 1));
    EXPECT_FALSE(is_low_s(secp256k1_order - 1));
}

TEST(Secp256k1, ConcurrentRecovery) {
    const Hash256 secret = hash("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");
    const Hash256 msg = keccak256({});
    const auto sig = sign(msg, secret);
    ASSERT_TRUE(sig.has_value());
    const Address expected = address_from_secret(secret);
    std::vector<int> failures(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([t, &failures, &sig, &msg, &expected] {
            for (int i = 0; i < 200; ++i)
                if (ecrecover(msg, sig->r, sig->s, sig->recovery_id) != expected) ++failures[t];
        });
    }
    for (auto& th : threads) th.join();
    for (int f : failures) EXPECT_EQ(f, 0);
}
