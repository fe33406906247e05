// SPDX-License-Identifier: Apache-2.0
// parevm: transaction codec: round trips of official fixture transactions, strict rejections,
// signing hashes, sender and EIP-7702 authority recovery.
#include "../common/hex_literals.hpp"

#include <parevm/core/hex.hpp>
#include <parevm/core/rlp.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/crypto/secp256k1.hpp>
#include <parevm/execution/tx_codec.hpp>

#include <gtest/gtest.h>

#include <string_view>

using namespace parevm;
using namespace parevm::test;

namespace {

Transaction decode_ok(const bytes& enc) {
    auto r = decode_transaction(enc);
    EXPECT_TRUE(r) << r.error;
    return r.tx.value_or(Transaction{});
}

/// Decodes, recovers the sender, and checks that re-encoding gives the input back and that
/// tx_hash is keccak256 of exactly those bytes.
Transaction check_round_trip(const bytes& enc, Revision rev, const Address& sender) {
    Transaction tx = decode_ok(enc);
    EXPECT_EQ(encode_transaction(tx), enc);
    EXPECT_EQ(tx_hash(tx), keccak256(enc));
    EXPECT_TRUE(recover_sender(tx, rev));
    EXPECT_EQ(tx.sender, sender);
    // Decoding the re-encoding gives the same hash again.
    EXPECT_EQ(tx_hash(decode_ok(encode_transaction(tx))), tx_hash(tx));
    return tx;
}

// Official EEST state-test transactions: each `txbytes` literal below is the post entry's txbytes
// of the named fixture under shared/fixtures/eest/state_tests; the expected fields are that
// fixture's `transaction` JSON.

// cancun/eip1153_tstore/test_basic_tload_works.json (fork Cancun): legacy, EIP-155, chain 1.
constexpr std::string_view legacy_155_hex =
    "0xf860800a834c4b40947ca8fc12a0791ab121001400ced804d5823ff86d808025a07e36512db21ffb4df9f5983"
    "5ca857789176ceeab223ae3cc83544a4ae180b706a00780c562224510c9adbf2edb6728c2f7fd743388a97fc80c"
    "3808571060287ee4";

// frontier/opcodes/test_cover_revert.json: legacy pre-EIP-155 (v = 27) contract creation.
constexpr std::string_view legacy_create_hex =
    "0xf856800a830f424080808a600160015560006000fd1ba0aeb31a2cc02627d0117ed31cc20f490a9a0fd3f313e"
    "af459cc45092b9467c67da07af3ebeaa748580d1fe8c12e92039fa199a8b299230f62577478ff86f405f3e9";

// berlin/eip2930_access_list/test_transaction_intrinsic_gas_cost.json
// [enough_gas-single_address_single_storage_key]: type 1.
constexpr std::string_view type1_hex =
    "0x01f89a01800a8262d4941425fed7648e11ef47e0301652b3c56641815b3b0180f838f794000000000000000000"
    "0000000000000000000000e1a0000000000000000000000000000000000000000000000000000000000000000080"
    "a0ee0a74fcbdc9a688014d16149d6c0dc52d1e34647cb6727553d1736a111b3a75a03264b027423b7f2134b4f27a"
    "6ec9d4d5e9c42d9e6af74e81c5f6a99262b9899c";

// osaka/eip7825_transaction_gas_limit_cap/test_transaction_gas_limit_cap.json
// [tx_gas_limit_cap_over2]: type 2.
constexpr std::string_view type2_hex =
    "0x02f89d01808007840100000094a2770887d0baa71c0f3fcba8f633a33df6a6c41c8080f838f794a2770887d0ba"
    "a71c0f3fcba8f633a33df6a6c41ce1a0000000000000000000000000000000000000000000000000000000000000"
    "000080a05e90d7bf293ea4d92f8c84691b51ac199f013b841491f9436e0251a89c428fe3a06dd2d2e4b8c26da23c"
    "5c8263463ef89d8ced11bdf213f1b41ddc5bd52d7ac6de";

// osaka/eip7594_peerdas/test_valid_max_blobs_per_tx.json [blob_count_1]: type 3.
constexpr std::string_view type3_hex =
    "0x03f8850180010a8252089446bcccd52523458500094c5c59a7801d3d0ee9630180c001e1a00100000000000000"
    "00000000000000000000000000000000000000000000000080a0ad0e00f1104243cae616be131f9cf265c63ed4b1"
    "24e3414b54f6fb754bfdbf0ba02b7145a7ac9367d8e8a63b82fc931c9bffab6463bad8b95b75d2413ef62118d5";

// prague/eip7702_set_code_tx/test_call_into_self_delegating_set_code.json
// [call_opcode_DELEGATECALL-evm_code_type_LEGACY] (fork Osaka): type 4.
constexpr std::string_view type4_hex =
    "0x04f8c0018080078398968094ad378ecd9f7540734a308ec82c6750994ff04ea08080c0f85cf85a80949097a4c9"
    "2cd0dae25ec009d816a3e55d1e34561c8080a040893f564f337c4eebed71cd4bbbd8d06cfac8644349172701ccdf"
    "67ac7edbeda04b7bd2d78c20a0d2231b2dd4f719970b3750cad87c5bcc11ddb856f5c8ab4bff01a047120bbb53fb"
    "27b75353cc9ae18a3555f35830bc4989af62e95a599566579c699fe82ded3034d8f00b88cfe16c042958d56711a0"
    "8eddcab1cf007e587dc588b0";

// EIP-155's own example: nonce 9, gasPrice 20 gwei, gas 21000, to 0x3535...35, value 1 ether.
Transaction eip155_example() {
    Transaction tx;
    tx.type = TxType::legacy;
    tx.chain_id = 1;
    tx.nonce = 9;
    tx.max_fee_per_gas = tx.max_priority_fee_per_gas = 20'000'000'000;
    tx.gas_limit = 21000;
    tx.to = addr("0x3535353535353535353535353535353535353535");
    tx.value = 1'000'000'000'000'000'000;
    return tx;
}
const Hash256 eip155_secret =
    h256("0x4646464646464646464646464646464646464646464646464646464646464646");
constexpr std::string_view eip155_signed_hex =
    "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a7640000802"
    "5a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb70"
    "3304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

}  // namespace

TEST(TxDecode, LegacyEip155) {
    const Transaction tx = check_round_trip(hex(legacy_155_hex), Revision::cancun,
                                            addr("0x9c58bb793f00b6a91026617e2fa32d7133d1f3a1"));
    EXPECT_EQ(tx.type, TxType::legacy);
    ASSERT_TRUE(tx.chain_id.has_value());
    EXPECT_EQ(*tx.chain_id, 1);  // v = 0x25 = 37 = 1 * 2 + 35
    EXPECT_EQ(tx.v, 37);
    EXPECT_EQ(tx.nonce, 0u);
    EXPECT_EQ(tx.max_fee_per_gas, 0x0a);
    EXPECT_EQ(tx.max_priority_fee_per_gas, 0x0a);
    EXPECT_EQ(tx.gas_limit, 0x4c4b40u);
    EXPECT_EQ(tx.to, addr("0x7ca8fc12a0791ab121001400ced804d5823ff86d"));
    EXPECT_EQ(tx.value, 0);
    EXPECT_TRUE(tx.data.empty());
    EXPECT_EQ(tx.r, u256("0x7e36512db21ffb4df9f59835ca857789176ceeab223ae3cc83544a4ae180b706"));
    EXPECT_EQ(tx.s, u256("0x0780c562224510c9adbf2edb6728c2f7fd743388a97fc80c3808571060287ee4"));
}

TEST(TxDecode, LegacyPreEip155Create) {
    const Transaction tx = check_round_trip(hex(legacy_create_hex), Revision::cancun,
                                            addr("0x0a16f360235334164b5f50ca2fa0d37e420cedb8"));
    EXPECT_FALSE(tx.chain_id.has_value());
    EXPECT_EQ(tx.v, 27);
    EXPECT_FALSE(tx.to.has_value());
    EXPECT_EQ(tx.gas_limit, 0x0f4240u);
    EXPECT_EQ(tx.data, hex("0x600160015560006000fd"));
    // Pre-EIP-155 signatures stay valid in every fork, Frontier included.
    Transaction frontier = tx;
    EXPECT_TRUE(recover_sender(frontier, Revision::frontier));
    EXPECT_EQ(frontier.sender, tx.sender);
}

TEST(TxDecode, Type1AccessList) {
    const Transaction tx = check_round_trip(hex(type1_hex), Revision::berlin,
                                            addr("0xe0eca7e4639c15a29a2669484cb400b7b71b3e03"));
    EXPECT_EQ(tx.type, TxType::access_list);
    EXPECT_EQ(tx.chain_id, uint256{1});
    EXPECT_EQ(tx.max_fee_per_gas, 0x0a);
    EXPECT_EQ(tx.max_priority_fee_per_gas, 0x0a);  // gasPrice for both
    EXPECT_EQ(tx.gas_limit, 0x62d4u);
    EXPECT_EQ(tx.to, addr("0x1425fed7648e11ef47e0301652b3c56641815b3b"));
    EXPECT_EQ(tx.value, 1);
    ASSERT_EQ(tx.access_list.size(), 1u);
    EXPECT_EQ(tx.access_list[0].address, Address{});
    ASSERT_EQ(tx.access_list[0].storage_keys.size(), 1u);
    EXPECT_EQ(tx.access_list[0].storage_keys[0], 0);
    EXPECT_EQ(tx.v, 0);
}

TEST(TxDecode, Type2DynamicFee) {
    const Transaction tx = check_round_trip(hex(type2_hex), Revision::osaka,
                                            addr("0x11c0473eddb3ea593af30c3cfd5a3a626a7a92fa"));
    EXPECT_EQ(tx.type, TxType::dynamic_fee);
    EXPECT_EQ(tx.max_priority_fee_per_gas, 0);
    EXPECT_EQ(tx.max_fee_per_gas, 7);
    EXPECT_EQ(tx.gas_limit, 0x01000000u);
    EXPECT_EQ(tx.to, addr("0xa2770887d0baa71c0f3fcba8f633a33df6a6c41c"));
    ASSERT_EQ(tx.access_list.size(), 1u);
    EXPECT_EQ(tx.access_list[0].address, addr("0xa2770887d0baa71c0f3fcba8f633a33df6a6c41c"));
    EXPECT_EQ(tx.access_list[0].storage_keys.size(), 1u);
}

TEST(TxDecode, Type3Blob) {
    const Transaction tx = check_round_trip(hex(type3_hex), Revision::osaka,
                                            addr("0x61ea2047c47d36a535cd650ad2c14dbe6b4e8939"));
    EXPECT_EQ(tx.type, TxType::blob);
    EXPECT_EQ(tx.max_priority_fee_per_gas, 1);
    EXPECT_EQ(tx.max_fee_per_gas, 0x0a);
    EXPECT_EQ(tx.gas_limit, 0x5208u);
    EXPECT_EQ(tx.to, addr("0x46bcccd52523458500094c5c59a7801d3d0ee963"));
    EXPECT_EQ(tx.value, 1);
    EXPECT_TRUE(tx.access_list.empty());
    EXPECT_EQ(tx.max_fee_per_blob_gas, 1);
    ASSERT_EQ(tx.blob_hashes.size(), 1u);
    EXPECT_EQ(tx.blob_hashes[0],
              h256("0x0100000000000000000000000000000000000000000000000000000000000000"));
}

TEST(TxDecode, Type4SetCode) {
    Transaction tx = check_round_trip(hex(type4_hex), Revision::osaka,
                                      addr("0xc7e79ba471e0a5cbaa3b2b75afdb803425161902"));
    EXPECT_EQ(tx.type, TxType::set_code);
    EXPECT_EQ(tx.max_priority_fee_per_gas, 0);
    EXPECT_EQ(tx.max_fee_per_gas, 7);
    EXPECT_EQ(tx.gas_limit, 0x989680u);
    EXPECT_EQ(tx.to, addr("0xad378ecd9f7540734a308ec82c6750994ff04ea0"));
    ASSERT_EQ(tx.authorizations.size(), 1u);
    const Authorization& a = tx.authorizations[0];
    EXPECT_EQ(a.chain_id, 0);
    EXPECT_EQ(a.address, addr("0x9097a4c92cd0dae25ec009d816a3e55d1e34561c"));
    EXPECT_EQ(a.nonce, 0u);
    EXPECT_EQ(a.y_parity, 0);
    EXPECT_EQ(a.r, u256("0x40893f564f337c4eebed71cd4bbbd8d06cfac8644349172701ccdf67ac7edbed"));
    EXPECT_EQ(a.s, u256("0x4b7bd2d78c20a0d2231b2dd4f719970b3750cad87c5bcc11ddb856f5c8ab4bff"));

    recover_authorities(tx);
    ASSERT_TRUE(tx.authorizations[0].signer.has_value());
    EXPECT_EQ(*tx.authorizations[0].signer, addr("0x9097a4c92cd0dae25ec009d816a3e55d1e34561c"));

    // The malleable twin (n - s, other parity) recovers the same key but is invalid (EIP-2 rule).
    Transaction twin = tx;
    twin.authorizations[0].s = secp256k1_order - a.s;
    twin.authorizations[0].y_parity = 1;
    recover_authorities(twin);
    EXPECT_FALSE(twin.authorizations[0].signer.has_value());

    Transaction bad_parity = tx;
    bad_parity.authorizations[0].y_parity = 2;
    recover_authorities(bad_parity);
    EXPECT_FALSE(bad_parity.authorizations[0].signer.has_value());

    Transaction zero_r = tx;
    zero_r.authorizations[0].r = 0;
    recover_authorities(zero_r);
    EXPECT_FALSE(zero_r.authorizations[0].signer.has_value());
}

TEST(TxDecode, RejectsTrailingBytes) {
    for (auto h : {legacy_155_hex, type1_hex, type2_hex, type3_hex, type4_hex}) {
        bytes b = hex(h);
        b.push_back(0x00);
        const auto r = decode_transaction(b);
        EXPECT_FALSE(r) << h;
        EXPECT_FALSE(r.error.empty());
    }
}

TEST(TxDecode, RejectsTruncatedInput) {
    for (auto h : {legacy_155_hex, legacy_create_hex, type2_hex, type4_hex}) {
        const bytes b = hex(h);
        for (size_t len = 0; len < b.size(); ++len)
            EXPECT_FALSE(decode_transaction(bytes_view{b.data(), len})) << h << " cut at " << len;
    }
}

TEST(TxDecode, RejectsNonCanonicalIntegers) {
    // Nonce 0 written as the one-byte string 0x00 instead of 0x80: an integer with a leading zero.
    bytes b = hex(legacy_155_hex);
    ASSERT_EQ(b[2], 0x80);
    b[2] = 0x00;
    EXPECT_FALSE(decode_transaction(b));

    // gasPrice 0x0a wrapped as the string 0x81 0x0a (a single byte < 0x80 must stand alone).
    bytes wrapped = hex(legacy_155_hex);
    ASSERT_EQ(wrapped[1], 0x60);
    ASSERT_EQ(wrapped[3], 0x0a);
    wrapped[1] = 0x61;
    wrapped.insert(wrapped.begin() + 3, uint8_t{0x81});
    EXPECT_FALSE(decode_transaction(wrapped));

    // Typed: chainId 1 written as 0x00 0x01 (leading zero) inside a type-2 transaction.
    bytes typed = hex(type2_hex);
    ASSERT_EQ(typed[2], 0x9d);
    ASSERT_EQ(typed[3], 0x01);
    typed[2] = 0x9f;
    typed[3] = 0x82;
    typed.insert(typed.begin() + 4, {uint8_t{0x00}, uint8_t{0x01}});
    EXPECT_FALSE(decode_transaction(typed));
}

TEST(TxDecode, RejectsUnknownTypesAndNonLists) {
    bytes b = hex(type2_hex);
    b[0] = 0x05;
    EXPECT_FALSE(decode_transaction(b));
    b[0] = 0x00;
    EXPECT_FALSE(decode_transaction(b));
    b[0] = 0x7f;
    EXPECT_FALSE(decode_transaction(b));
    EXPECT_FALSE(decode_transaction(bytes{}));
    EXPECT_FALSE(decode_transaction(rlp::encode(hex(legacy_155_hex))));  // a string, not a list
    // A typed transaction must not be wrapped as an RLP string either.
    EXPECT_FALSE(decode_transaction(rlp::encode(hex(type2_hex))));
}

TEST(TxDecode, RejectsBadAddressAndFieldCount) {
    // `to` of 19 bytes: drop the last address byte and fix the lengths.
    bytes b = hex(legacy_155_hex);
    ASSERT_EQ(b[8], 0x94);
    b[1] = 0x5f;
    b[8] = 0x93;
    b.erase(b.begin() + 9 + 19);
    const auto short_to = decode_transaction(b);
    EXPECT_FALSE(short_to);
    EXPECT_NE(short_to.error.find("to: wrong_size"), std::string::npos) << short_to.error;

    Transaction tx = decode_ok(hex(legacy_155_hex));
    const bytes nonce = rlp::encode(tx.nonce), price = rlp::encode(tx.max_fee_per_gas),
                gas = rlp::encode(tx.gas_limit), to = rlp::encode(*tx.to),
                value = rlp::encode(tx.value), data = rlp::encode(tx.data), v = rlp::encode(tx.v),
                r = rlp::encode(tx.r), s = rlp::encode(tx.s);
    EXPECT_TRUE(
        decode_transaction(rlp::encode_list({nonce, price, gas, to, value, data, v, r, s})));
    EXPECT_FALSE(decode_transaction(rlp::encode_list({nonce, price, gas, to, value, data, v, r})));
    EXPECT_FALSE(
        decode_transaction(rlp::encode_list({nonce, price, gas, to, value, data, v, r, s, s})));
    // A list where a string must be.
    EXPECT_FALSE(decode_transaction(
        rlp::encode_list({nonce, price, gas, rlp::wrap_list(to), value, data, v, r, s})));
    // Nonce and gas are 64-bit: 2^64 is rejected, 2^64 - 1 accepted.
    const uint256 two_64{0, 1, 0, 0};
    const bytes big = rlp::encode(two_64);
    const bytes max64 = rlp::encode(~uint64_t{0});
    EXPECT_FALSE(decode_transaction(rlp::encode_list({big, price, gas, to, value, data, v, r, s})));
    EXPECT_FALSE(
        decode_transaction(rlp::encode_list({nonce, price, big, to, value, data, v, r, s})));
    EXPECT_TRUE(
        decode_transaction(rlp::encode_list({max64, price, gas, to, value, data, v, r, s})));
}

TEST(TxDecode, RejectsBlobAndSetCodeCreation) {
    Transaction blob = decode_ok(hex(type3_hex));
    EXPECT_TRUE(decode_transaction(encode_transaction(blob)));
    blob.to.reset();
    EXPECT_FALSE(decode_transaction(encode_transaction(blob)));

    Transaction set_code = decode_ok(hex(type4_hex));
    set_code.to.reset();
    EXPECT_FALSE(decode_transaction(encode_transaction(set_code)));

    // Creation is fine for the other types.
    Transaction dynamic = decode_ok(hex(type2_hex));
    dynamic.to.reset();
    const auto r = decode_transaction(encode_transaction(dynamic));
    ASSERT_TRUE(r);
    EXPECT_FALSE(r.tx->to.has_value());
}

TEST(TxDecode, RejectsWideAuthorizationFields) {
    Transaction tx = decode_ok(hex(type4_hex));
    tx.authorizations[0].y_parity = 0xff;  // uint8: still decodes (an invalid signature)
    EXPECT_TRUE(decode_transaction(encode_transaction(tx)));
    tx.authorizations[0].y_parity = 0x100;
    EXPECT_FALSE(decode_transaction(encode_transaction(tx)));
}

TEST(SigningHash, Eip155Example) {
    const Transaction tx = eip155_example();
    EXPECT_EQ(signing_hash(tx),
              h256("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"));
    const Transaction signed_tx = sign_transaction(tx, eip155_secret);
    EXPECT_EQ(signed_tx.sender, addr("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F"));
    EXPECT_EQ(signed_tx.v, 37);
    // RFC 6979 signing is deterministic: the EIP's signed transaction, byte for byte.
    EXPECT_EQ(encode_transaction(signed_tx), hex(eip155_signed_hex));

    Transaction decoded = decode_ok(hex(eip155_signed_hex));
    EXPECT_EQ(decoded.chain_id, uint256{1});
    ASSERT_TRUE(recover_sender(decoded, Revision::spurious_dragon));
    EXPECT_EQ(decoded.sender, addr("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F"));
}

TEST(RecoverSender, Eip155RulesByRevision) {
    Transaction tx = decode_ok(hex(eip155_signed_hex));
    Transaction before = tx;
    EXPECT_FALSE(recover_sender(before, Revision::homestead));  // EIP-155 not yet active

    Transaction other_chain = tx;
    other_chain.chain_id = 2;  // v = 37 encodes chain 1
    EXPECT_FALSE(recover_sender(other_chain, Revision::cancun));

    Transaction bad_v = tx;
    bad_v.v = 29;
    bad_v.chain_id.reset();
    EXPECT_FALSE(recover_sender(bad_v, Revision::cancun));
}

TEST(RecoverSender, HighSRejectedFromHomestead) {
    // (r, n - s) with the other parity is the malleable twin: it recovers the same address, so it
    // is accepted in Frontier and rejected from Homestead on (EIP-2).
    Transaction tx = decode_ok(hex(legacy_create_hex));
    Transaction twin = tx;
    twin.s = secp256k1_order - tx.s;
    twin.v = tx.v == 27 ? 28 : 27;
    Transaction frontier = twin;
    ASSERT_TRUE(recover_sender(frontier, Revision::frontier));
    EXPECT_EQ(frontier.sender, addr("0x0a16f360235334164b5f50ca2fa0d37e420cedb8"));
    EXPECT_FALSE(recover_sender(twin, Revision::homestead));

    Transaction typed = decode_ok(hex(type2_hex));
    typed.s = secp256k1_order - typed.s;
    typed.v = 1 - typed.v.low64();
    EXPECT_FALSE(recover_sender(typed, Revision::osaka));

    Transaction parity = decode_ok(hex(type2_hex));
    parity.v = 2;
    EXPECT_FALSE(recover_sender(parity, Revision::osaka));
    Transaction zero_s = decode_ok(hex(type2_hex));
    zero_s.s = 0;
    EXPECT_FALSE(recover_sender(zero_s, Revision::osaka));
}

TEST(SignTransaction, EveryTypeRecoversItsSigner) {
    const Hash256 secret =
        h256("0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");
    const Address expected = address_from_secret(secret);
    for (auto h : {legacy_155_hex, legacy_create_hex, type1_hex, type2_hex, type3_hex, type4_hex}) {
        Transaction tx = decode_ok(hex(h));
        tx.nonce += 1;  // a different transaction from the fixture's
        const Transaction signed_tx = sign_transaction(tx, secret);
        EXPECT_EQ(signed_tx.sender, expected);
        Transaction decoded = decode_ok(encode_transaction(signed_tx));
        EXPECT_EQ(tx_hash(decoded), tx_hash(signed_tx));
        ASSERT_TRUE(recover_sender(decoded, Revision::osaka)) << h;
        EXPECT_EQ(decoded.sender, expected) << h;
        // The signature covers the fields: changing one changes the recovered address.
        decoded.gas_limit += 1;
        EXPECT_TRUE(!recover_sender(decoded, Revision::osaka) || decoded.sender != expected);
    }
}

TEST(TxDecode, AcceptedMutationsReencodeIdentically) {
    // Strictness as a property: whatever the decoder accepts is the canonical encoding of what it
    // returns, so single-byte corruptions either fail or re-encode to exactly the same bytes.
    size_t accepted = 0;
    for (auto h : {legacy_155_hex, legacy_create_hex, type1_hex, type2_hex, type3_hex, type4_hex}) {
        const bytes original = hex(h);
        for (size_t i = 0; i < original.size(); ++i) {
            for (uint8_t mask : {uint8_t{0x01}, uint8_t{0x80}, uint8_t{0xff}}) {
                bytes b = original;
                b[i] ^= mask;
                const auto r = decode_transaction(b);
                if (!r) {
                    EXPECT_FALSE(r.error.empty());
                    continue;
                }
                ++accepted;
                EXPECT_EQ(encode_transaction(*r.tx), b) << h << " byte " << i;
            }
        }
    }
    EXPECT_GT(accepted, 0u);  // flips inside r, s, data and addresses stay decodable
}
