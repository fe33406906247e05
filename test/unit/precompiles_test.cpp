// SPDX-License-Identifier: Apache-2.0
// parevm: precompiles 0x01-0x04 (gas, padding, invalid inputs) and availability per revision.
#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/crypto/keccak.hpp>
#include <parevm/crypto/secp256k1.hpp>

#include <gtest/gtest.h>

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

std::string to_hex(bytes_view b) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s;
    for (uint8_t x : b) {
        s.push_back(digits[x >> 4]);
        s.push_back(digits[x & 0xf]);
    }
    return s;
}

const Address ecrecover_addr = address_from_u64(1);
const Address sha256_addr = address_from_u64(2);
const Address ripemd160_addr = address_from_u64(3);
const Address identity_addr = address_from_u64(4);

// go-ethereum's sample input (core/vm/contracts_test.go): hash, v = 27, r, s.
const bytes sample = from_hex(
    "38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e"
    "000000000000000000000000000000000000000000000000000000000000001b"
    "38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e"
    "789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02");

Result call(const Address& addr, bytes_view input, int64_t gas) {
    return call_precompile(Revision::cancun, addr, input, gas);
}

}  // namespace

TEST(Precompiles, AvailabilityPerRevision) {
    for (uint64_t n = 1; n <= 4; ++n)
        EXPECT_TRUE(is_precompile(Revision::frontier, address_from_u64(n)));
    EXPECT_FALSE(is_precompile(Revision::frontier, address_from_u64(5)));
    EXPECT_FALSE(is_precompile(Revision::spurious_dragon, address_from_u64(8)));
    for (uint64_t n = 5; n <= 8; ++n)
        EXPECT_TRUE(is_precompile(Revision::byzantium, address_from_u64(n)));
    EXPECT_FALSE(is_precompile(Revision::petersburg, address_from_u64(9)));
    EXPECT_TRUE(is_precompile(Revision::istanbul, address_from_u64(9)));
    EXPECT_FALSE(is_precompile(Revision::shanghai, address_from_u64(0x0a)));
    EXPECT_TRUE(is_precompile(Revision::cancun, address_from_u64(0x0a)));
    EXPECT_FALSE(is_precompile(Revision::cancun, address_from_u64(0x0b)));
    for (uint64_t n = 0x0b; n <= 0x11; ++n)
        EXPECT_TRUE(is_precompile(Revision::prague, address_from_u64(n)));
    EXPECT_FALSE(is_precompile(Revision::osaka, address_from_u64(0x12)));
    EXPECT_FALSE(is_precompile(Revision::prague, address_from_u64(0x100)));
    EXPECT_TRUE(is_precompile(Revision::osaka, address_from_u64(0x100)));
    EXPECT_FALSE(is_precompile(Revision::osaka, address_from_u64(0)));
    EXPECT_FALSE(is_precompile(Revision::osaka, address_from_u64(0x101)));
    // A high byte anywhere makes it an ordinary address.
    Address a = address_from_u64(1);
    a.bytes[0] = 1;
    EXPECT_FALSE(is_precompile(Revision::osaka, a));
}

TEST(Precompiles, InactiveAddressesFail) {
    // MODEXP before Byzantium and P256VERIFY before Osaka are ordinary empty accounts; the
    // dispatcher refuses them rather than running the later rule.
    for (const auto& [rev, n] :
         {std::pair{Revision::frontier, uint64_t{5}}, std::pair{Revision::prague, uint64_t{0x100}},
          std::pair{Revision::osaka, uint64_t{0x12}}}) {
        const Result r = call_precompile(rev, address_from_u64(n), {}, 100000);
        EXPECT_EQ(r.status, StatusCode::precompile_failure);
        EXPECT_EQ(r.gas_left, 0);
    }
}

TEST(Ecrecover, RecoversSampleAddress) {
    const Result r = call(ecrecover_addr, sample, 10000);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 7000);
    EXPECT_EQ(to_hex(r.output), "000000000000000000000000ceaccac640adf55b2028469bd36ba501f28b699d");
}

TEST(Ecrecover, GasIsFlat) {
    Result r = call(ecrecover_addr, sample, 3000);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 0);
    r = call(ecrecover_addr, sample, 2999);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_TRUE(r.output.empty());
    // Empty input costs the same and is an invalid signature: success, no output.
    r = call(ecrecover_addr, {}, 3000);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_TRUE(r.output.empty());
}

TEST(Ecrecover, InputIsZeroPaddedAndExtraBytesIgnored) {
    // A signature whose s ends in zero bytes can be cut short: the missing bytes read as zero.
    const Hash256 secret{
        from_hex("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8")};
    const Address signer = address_from_secret(secret);
    bool tested_truncation = false;
    for (uint8_t i = 0; i < 255 && !tested_truncation; ++i) {
        const Hash256 msg = keccak256(bytes_view{&i, 1});
        const auto sig = sign(msg, secret);
        ASSERT_TRUE(sig.has_value());
        bytes input{msg.view()};
        input.append(be_store(uint256{27u + sig->recovery_id}).view());
        input.append(be_store(sig->r).view());
        input.append(be_store(sig->s).view());
        const Result full = call(ecrecover_addr, input, 3000);
        ASSERT_EQ(full.output.size(), 32u);
        EXPECT_EQ(Address{bytes_view{full.output}.substr(12)}, signer);

        bytes longer = input + from_hex("ffff");
        EXPECT_EQ(call(ecrecover_addr, longer, 3000).output, full.output);

        if (input.back() == 0) {
            input.pop_back();
            EXPECT_EQ(call(ecrecover_addr, input, 3000).output, full.output);
            tested_truncation = true;
        }
    }
    EXPECT_TRUE(tested_truncation);
}

TEST(Ecrecover, InvalidSignaturesSucceedWithEmptyOutput) {
    auto with = [](size_t word, std::string_view hex32) {
        bytes in = sample;
        const bytes w = from_hex(hex32);
        in.replace(word * 32, 32, w);
        return in;
    };
    const std::string_view n = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
    const bytes cases[] = {
        // v = 26, v = 29, v = 27 with garbage in the high bytes of the word, v = 0
        with(1, "000000000000000000000000000000000000000000000000000000000000001a"),
        with(1, "000000000000000000000000000000000000000000000000000000000000001d"),
        with(1, "010000000000000000000000000000000000000000000000000000000000001b"),
        with(1, "0000000000000000000000000000000000000000000000000000000000000000"),
        // r = 0, r = n, s = 0, s = n
        with(2, "0000000000000000000000000000000000000000000000000000000000000000"),
        with(2, n),
        with(3, "0000000000000000000000000000000000000000000000000000000000000000"),
        with(3, n),
    };
    for (const bytes& in : cases) {
        const Result r = call(ecrecover_addr, in, 5000);
        EXPECT_EQ(r.status, StatusCode::success);
        EXPECT_EQ(r.gas_left, 2000);
        EXPECT_TRUE(r.output.empty()) << to_hex(in);
    }
    // v = 28 on this signature recovers a different key (or none): never the v = 27 signer.
    const Result flipped =
        call(ecrecover_addr,
             with(1, "000000000000000000000000000000000000000000000000000000000000001c"), 5000);
    EXPECT_EQ(flipped.status, StatusCode::success);
    EXPECT_NE(to_hex(flipped.output),
              "000000000000000000000000ceaccac640adf55b2028469bd36ba501f28b699d");
}

TEST(Sha256Precompile, OutputAndGas) {
    Result r = call(sha256_addr, sample, 100000);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(to_hex(r.output), "811c7003375852fabd0d362e40e68607a12bdabae61a7d068fe5fdd1dbbf2a5d");
    EXPECT_EQ(r.gas_left, 100000 - (60 + 12 * 4));

    r = call(sha256_addr, {}, 60);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_EQ(to_hex(r.output), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    const bytes b33(33, 0);  // two words
    EXPECT_EQ(call(sha256_addr, b33, 84).status, StatusCode::success);
    r = call(sha256_addr, b33, 83);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    EXPECT_EQ(r.gas_left, 0);
}

TEST(Ripemd160Precompile, OutputAndGas) {
    Result r = call(ripemd160_addr, sample, 100000);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(to_hex(r.output), "0000000000000000000000009215b8d9882ff46f0dfde6684d78e831467f65e6");
    EXPECT_EQ(r.gas_left, 100000 - (600 + 120 * 4));

    r = call(ripemd160_addr, {}, 600);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(to_hex(r.output), "0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31");

    r = call(ripemd160_addr, bytes(32, 0), 719);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    EXPECT_EQ(r.gas_left, 0);
}

TEST(IdentityPrecompile, OutputAndGas) {
    Result r = call(identity_addr, sample, 1000);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.output, sample);
    EXPECT_EQ(r.gas_left, 1000 - (15 + 3 * 4));

    r = call(identity_addr, {}, 15);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_TRUE(r.output.empty());

    r = call(identity_addr, bytes(65, 7), 23);  // three words: 24 gas
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_TRUE(r.output.empty());
}

TEST(Precompiles, WordPricedGasSaturates) {
    EXPECT_EQ(precompile::word_priced_gas(15, 3, 0), 15);
    EXPECT_EQ(precompile::word_priced_gas(15, 3, 1), 18);
    EXPECT_EQ(precompile::word_priced_gas(15, 3, 32), 18);
    EXPECT_EQ(precompile::word_priced_gas(15, 3, 33), 21);
    EXPECT_EQ(precompile::word_priced_gas(600, 120, SIZE_MAX), INT64_MAX);
}
