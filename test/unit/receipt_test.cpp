// SPDX-License-Identifier: Apache-2.0
// parevm: logs bloom, logs hash and receipt encoding, checked against official fixture values.
#include "../common/hex_literals.hpp"

#include <parevm/core/hex.hpp>
#include <parevm/core/rlp.hpp>
#include <parevm/execution/receipt.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <span>
#include <string_view>
#include <vector>

using namespace parevm;
using namespace parevm::test;

namespace {

Bloom bloom_from_hex(std::string_view s) {
    const bytes b = hex(s);
    Bloom out{};
    EXPECT_EQ(b.size(), out.size());
    std::copy_n(b.begin(), std::min(b.size(), out.size()), out.begin());
    return out;
}
int popcount(const Bloom& b) {
    int n = 0;
    for (auto x : b) n += std::popcount(x);
    return n;
}

// Fixture logs reconstructed from the pre-state code of ethereum/tests stLogTests (EEST
// state_tests/static/state_tests/stLogTests): the contract stores
// 0xaabbff..ffccdd at memory 0 and logs from it. The expected hashes are the `logs` of each
// fixture's Cancun post entry.

// log0_nonEmptyMem_logMemSize1_logMemStart31: LOG0(offset 31, size 1) -> data 0xdd.
Log log0_fixture() {
    return Log{addr("0x87811a8da2f0414a603d426140ee5bc0fc6a8da5"), {}, hex("0xdd")};
}
// log2_nonEmptyMem_logMemSize1_logMemStart31: LOG2(31, 1, topics 0, 0).
Log log2_fixture() {
    return Log{
        addr("0x74ddea7d50536d823d041df86683bd74b25604b0"), {Hash256{}, Hash256{}}, hex("0xdd")};
}
// log4_MaxTopic: LOG4(0, 32, four topics 2^256-1) -> data is the whole stored word.
Log log4_fixture() {
    const Hash256 max_topic =
        h256("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    return Log{addr("0x9c45ab67ca08730e4d10ff4624add63b864a4d70"),
               {max_topic, max_topic, max_topic, max_topic},
               hex("0xaabbffffffffffffffffffffffffffffffffffffffffffffffffffffffffccdd")};
}

}  // namespace

TEST(LogsHash, EmptyIsKeccakOfEmptyList) {
    EXPECT_EQ(logs_hash({}),
              h256("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"));
}

TEST(LogsHash, MatchesStateTestPostLogs) {
    const Log l0[] = {log0_fixture()};
    EXPECT_EQ(logs_hash(l0),
              h256("0x10bede31d1f7db3da0b055bce9a29431fea465e8220db8c3a97fe85664aa4356"));
    const Log l2[] = {log2_fixture()};
    EXPECT_EQ(logs_hash(l2),
              h256("0xe00f69d93386d4f53f225a7ceb76c19d58fe30ab0135c0692eef2ce36843572f"));
    const Log l4[] = {log4_fixture()};
    EXPECT_EQ(logs_hash(l4),
              h256("0x7b36d4a5308d0fe113da7bd324b079df926f924b960724385e2e0f85947a5056"));
}

TEST(Bloom, EmptyLogsGiveZeroBloom) {
    EXPECT_EQ(logs_bloom({}), Bloom{});
    const Log no_topics[] = {log0_fixture()};
    EXPECT_NE(logs_bloom(no_topics), Bloom{});
}

TEST(Bloom, AtMostThreeBitsPerItem) {
    const Log l0[] = {log0_fixture()};  // address only
    const int n0 = popcount(logs_bloom(l0));
    EXPECT_GE(n0, 1);
    EXPECT_LE(n0, 3);
    const Log l4[] = {log4_fixture()};  // address + the same topic four times
    const int n4 = popcount(logs_bloom(l4));
    EXPECT_GE(n4, 1);
    EXPECT_LE(n4, 6);
    // Data never enters the bloom.
    Log other_data = log0_fixture();
    other_data.data = hex("0x0102030405");
    const Log l0b[] = {other_data};
    EXPECT_EQ(logs_bloom(l0b), logs_bloom(l0));
}

TEST(Bloom, AccumulateIsUnion) {
    const Log a[] = {log0_fixture()};
    const Log b[] = {log2_fixture()};
    const Log ab[] = {log0_fixture(), log2_fixture()};
    Bloom acc = logs_bloom(a);
    accumulate_bloom(acc, logs_bloom(b));
    EXPECT_EQ(acc, logs_bloom(ab));
    Bloom again = acc;
    accumulate_bloom(again, logs_bloom(a));
    EXPECT_EQ(again, acc);
}

TEST(Bloom, RepeatedAndCollidingItemsGiveTheSameBloom) {
    // logs_bloom remembers the bits of recent items; whatever it remembers or evicts, a log's
    // bloom is the one of the fixtures, computed first with nothing remembered.
    const Log fixtures[] = {log0_fixture(), log2_fixture(), log4_fixture()};
    std::vector<Bloom> expected;
    for (const Log& l : fixtures) expected.push_back(logs_bloom(std::span{&l, 1}));
    // Many items that differ only in their last byte fill and evict the remembered ones.
    for (int round = 0; round < 3; ++round) {
        for (unsigned i = 0; i < 600; ++i) {
            Log l = log2_fixture();
            l.address.bytes[19] = static_cast<uint8_t>(i);
            l.topics[0].bytes[31] = static_cast<uint8_t>(i >> 1);
            (void)logs_bloom(std::span{&l, 1});
        }
        for (size_t k = 0; k < std::size(fixtures); ++k)
            EXPECT_EQ(logs_bloom(std::span{&fixtures[k], 1}), expected[k]) << k;
    }
}

// EEST blockchain_tests/prague/eip6110_deposits/test_eip_6110.json,
// single_deposit_from_eoa_minimum: the only log of the block is the deposit contract's
// DepositEvent (one topic), so the header bloom is the bloom of {address, topic}.
TEST(Bloom, MatchesBlockHeaderOfDepositBlock) {
    const Log deposit{addr("0x00000000219ab540356cbb839cbe05303d7705fa"),
                      {h256("0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5")},
                      {}};
    const Log logs[] = {deposit};
    EXPECT_EQ(
        logs_bloom(logs),
        bloom_from_hex(
            "0x000000000000000000004000000000000000000000000000000000000000000000000000000000000000"
            "00004000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            "00000000000000000000000000000000000000000000000000000000004000000000000000000000000200"
            "00000000000000000000000000400000000000000000000000000000000000000000000000000000000000"
            "00000000000000000000000000000000000000000000000000000000000800000000000000000000000"
            "0"));
}

/// The EIP-7002 withdrawal request block of EEST blockchain_tests/prague/
/// eip7002_el_triggerable_withdrawals/test_eip_7002.json (single_withdrawal_request): one legacy
/// transaction whose only log is the predeploy's LOG0(caller || calldata) (its code stores
/// CALLER at memory 0..20, copies the 56 calldata bytes after it and logs 76 bytes).
Receipt withdrawal_request_receipt() {
    Receipt r;
    r.type = TxType::legacy;
    r.success = true;
    r.cumulative_gas_used = 0x01c251;  // the header's gasUsed
    r.gas_used = 0x01c251;
    const bytes caller = hex("0x85298d386ba53c63b50e1148148218e885c00d0b");
    const bytes calldata = hex(
        "0x0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        "000000010000000000000000");
    r.logs.push_back(
        Log{addr("0x00000961ef480eb55e80d19ad83579a64c007002"), {}, caller + calldata});
    r.bloom = logs_bloom(r.logs);
    return r;
}

TEST(Bloom, MatchesBlockHeaderOfWithdrawalRequestBlock) {
    EXPECT_EQ(
        withdrawal_request_receipt().bloom,
        bloom_from_hex(
            "0x000000000080000000000000000000400000000000000000000000000000000000000000000000000000"
            "00000000000000000000000000000000000000000000000000000000000000000000000000020000000000"
            "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            "00000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            "0"));
}

namespace {

/// Reads a receipt back with the strict RLP decoder: returns false on any shape mismatch.
/// `first` receives the status / state-root field's bytes.
bool decode_receipt(bytes_view enc, Receipt& out, bytes& first) {
    out = Receipt{};
    if (!enc.empty() && enc[0] < 0x80) {
        out.type = static_cast<TxType>(enc[0]);
        enc.remove_prefix(1);
    }
    auto list = rlp::decode_list_payload(enc);
    if (!list || !enc.empty()) return false;
    bytes_view p = *list;
    auto status = rlp::decode_bytes(p);
    auto cumulative = rlp::decode_uint64(p);
    auto bloom = rlp::decode_bytes(p);
    auto logs = rlp::decode_list_payload(p);
    if (!status || !cumulative || !bloom || !logs || !p.empty()) return false;
    first.assign(*status);
    out.cumulative_gas_used = *cumulative;
    if (bloom->size() != out.bloom.size()) return false;
    std::copy(bloom->begin(), bloom->end(), out.bloom.begin());
    bytes_view lp = *logs;
    while (!lp.empty()) {
        auto log_payload = rlp::decode_list_payload(lp);
        if (!log_payload) return false;
        bytes_view l = *log_payload;
        auto address = rlp::decode_address(l);
        auto topics = rlp::decode_list_payload(l);
        auto data = rlp::decode_bytes(l);
        if (!address || !topics || !data || !l.empty()) return false;
        Log log{*address, {}, bytes{*data}};
        bytes_view tp = *topics;
        while (!tp.empty()) {
            auto topic = rlp::decode_hash(tp);
            if (!topic) return false;
            log.topics.push_back(*topic);
        }
        out.logs.push_back(std::move(log));
    }
    return true;
}

bool same_logs(const std::vector<Log>& a, const std::vector<Log>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].address != b[i].address || a[i].topics != b[i].topics || a[i].data != b[i].data)
            return false;
    return true;
}

}  // namespace

TEST(ReceiptEncoding, TypedReceiptRoundTrips) {
    Receipt r;
    r.type = TxType::dynamic_fee;
    r.success = true;
    r.cumulative_gas_used = 1'234'567;
    r.logs = {log0_fixture(), log2_fixture(), log4_fixture()};
    r.bloom = logs_bloom(r.logs);
    const bytes enc = encode_receipt(r);
    ASSERT_FALSE(enc.empty());
    EXPECT_EQ(enc[0], 0x02);  // EIP-2718 type prefix, then the RLP list
    EXPECT_GE(enc[1], 0xc0);

    Receipt back;
    bytes status;
    ASSERT_TRUE(decode_receipt(enc, back, status));
    EXPECT_EQ(back.type, TxType::dynamic_fee);
    EXPECT_EQ(status, bytes{0x01});
    EXPECT_EQ(back.cumulative_gas_used, r.cumulative_gas_used);
    EXPECT_EQ(back.bloom, r.bloom);
    EXPECT_TRUE(same_logs(back.logs, r.logs));
    // The logs part of a receipt is exactly what logs_hash hashes.
    EXPECT_EQ(logs_hash(back.logs), logs_hash(r.logs));
}

TEST(ReceiptEncoding, FailedLegacyReceiptHasEmptyStatus) {
    Receipt r;
    r.type = TxType::legacy;
    r.success = false;
    r.cumulative_gas_used = 21000;
    const bytes enc = encode_receipt(r);
    ASSERT_FALSE(enc.empty());
    EXPECT_GE(enc[0], 0xc0);  // no type prefix
    Receipt back;
    bytes status;
    ASSERT_TRUE(decode_receipt(enc, back, status));
    EXPECT_EQ(back.type, TxType::legacy);
    EXPECT_TRUE(status.empty());  // EIP-658: failure is the integer 0, the empty string
    EXPECT_EQ(back.cumulative_gas_used, 21000u);
    EXPECT_EQ(back.bloom, Bloom{});
    EXPECT_TRUE(back.logs.empty());
}

TEST(ReceiptEncoding, PreByzantiumCarriesStateRoot) {
    Receipt r;
    r.success = true;  // ignored by the pre-Byzantium form
    r.cumulative_gas_used = 0x5208;
    r.logs = {log0_fixture()};
    r.bloom = logs_bloom(r.logs);
    const Hash256 root = h256("0x0e0df2706b0a4fb8bd08c9246d472abbe850af446405d9eba1db41db18b4a169");
    Receipt back;
    bytes first;
    ASSERT_TRUE(decode_receipt(encode_receipt(r, root), back, first));
    EXPECT_EQ(first, bytes{root.view()});
    EXPECT_EQ(back.cumulative_gas_used, 0x5208u);
    EXPECT_TRUE(same_logs(back.logs, r.logs));
}
