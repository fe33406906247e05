// SPDX-License-Identifier: Apache-2.0
// io layer: blockchain-test loading and import: damaged fixtures fail with a clear message.
#include <parevm/core/hex.hpp>
#include <parevm/core/rlp.hpp>
#include <parevm/io/blockchain_test.hpp>
#include <parevm/io/header_rules.hpp>
#include <parevm/io/json_util.hpp>

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace parevm;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

/// $PAREVM_FIXTURES, else the shared fixtures next to the checkout (the build's default).
fs::path fixtures_dir() {
    if (const char* env = std::getenv("PAREVM_FIXTURES"); env != nullptr && *env != '\0')
        return env;
#ifdef PAREVM_FIXTURES_DIR
    return PAREVM_FIXTURES_DIR;
#else
    return fs::path(__FILE__).parent_path() / ".." / ".." / ".." / "shared" / "fixtures";
#endif
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

/// The Shanghai test of eip4895 test_balance_within_block: two blocks of one transaction
/// and one withdrawal each.
class BlockchainTestIo : public ::testing::Test {
protected:
    void SetUp() override {
        const fs::path file = fixtures_dir() / "eest" / "blockchain_tests" / "shanghai" /
                              "eip4895_withdrawals" / "test_balance_within_block.json";
        if (!fs::exists(file)) GTEST_SKIP() << "fixture not found: " << file;
        const json doc = read_json_file(file);
        for (const auto& [name, j] : doc.items()) {
            if (j.at("network") != "Shanghai") continue;
            raw_ = j;
            test_ = parse_blockchain_test(name, j);
        }
        ASSERT_EQ(test_.blocks.size(), 2u);
        std::string why;
        schedule_ = *parse_network(test_.network, why);
    }

    BlockchainTestResult run(const BlockchainTest& t) const {
        return run_blockchain_test(t, schedule_, 1);
    }

    /// Block `i`'s RLP with the 32 bytes of header field `field` (a hash in the fixture's
    /// blockHeader) replaced by a different value of the same length: the RLP stays canonical.
    bytes with_header_hash_changed(size_t i, const char* field) const {
        const Hash256 h = read_hash(raw_["blocks"][i]["blockHeader"][field], field);
        bytes rlp = test_.blocks[i].rlp;
        const size_t at = rlp.find(h.view());
        EXPECT_NE(at, bytes::npos);
        rlp[at + 31] ^= 0x01;
        return rlp;
    }

    json raw_;
    BlockchainTest test_;
    ForkSchedule schedule_;
};

TEST_F(BlockchainTestIo, RealFixturePasses) {
    const BlockchainTestResult r = run(test_);
    EXPECT_TRUE(r.passed) << r.message;
    EXPECT_TRUE(r.notes.empty());
}

TEST_F(BlockchainTestIo, TruncatedBlockRlpFailsAsRlpError) {
    BlockchainTest t = test_;
    t.blocks[0].rlp.pop_back();
    const BlockchainTestResult r = run(t);
    EXPECT_FALSE(r.passed);
    EXPECT_TRUE(contains(r.message, "block 1: BlockException.RLP_STRUCTURES_ENCODING"))
        << r.message;
}

TEST_F(BlockchainTestIo, TrailingByteAfterBlockIsRejected) {
    BlockchainTest t = test_;
    t.blocks[0].rlp.push_back(0x80);
    const BlockchainTestResult r = run(t);
    EXPECT_FALSE(r.passed);
    EXPECT_TRUE(contains(r.message, "trailing bytes")) << r.message;
}

TEST_F(BlockchainTestIo, WrongStateRootFailsNamingBothRoots) {
    BlockchainTest t = test_;
    t.blocks[0].rlp = with_header_hash_changed(0, "stateRoot");
    const BlockchainTestResult r = run(t);
    EXPECT_FALSE(r.passed);
    const std::string real_root = raw_["blocks"][0]["blockHeader"]["stateRoot"];
    EXPECT_TRUE(contains(r.message, "block 1: BlockException.INVALID_STATE_ROOT")) << r.message;
    EXPECT_TRUE(contains(r.message, "state root " + real_root)) << r.message;
}

TEST_F(BlockchainTestIo, WrongWithdrawalsRootIsDetected) {
    BlockchainTest t = test_;
    t.blocks[1].rlp = with_header_hash_changed(1, "withdrawalsRoot");
    const BlockchainTestResult r = run(t);
    EXPECT_FALSE(r.passed);
    EXPECT_TRUE(contains(r.message, "block 2: BlockException.INVALID_WITHDRAWALS_ROOT"))
        << r.message;
}

TEST_F(BlockchainTestIo, RejectedBlockLeavesTheStateUnchanged) {
    // Block 2 is damaged and expected to be rejected: the chain ends at block 1 with its state.
    BlockchainTest t = test_;
    t.blocks[1].rlp = with_header_hash_changed(1, "stateRoot");
    t.blocks[1].expected_exceptions = {"BlockException.INVALID_STATE_ROOT"};
    t.last_block_hash = read_hash(raw_["blocks"][0]["blockHeader"]["hash"], "hash");
    t.post_state.reset();
    t.post_state_hash = read_hash(raw_["blocks"][0]["blockHeader"]["stateRoot"], "root");
    const BlockchainTestResult r = run(t);
    EXPECT_TRUE(r.passed) << r.message;
    EXPECT_TRUE(r.notes.empty());

    // Rejected for another reason than the one named: still a pass, with a note.
    t.blocks[1].expected_exceptions = {"BlockException.INVALID_GASLIMIT"};
    const BlockchainTestResult other = run(t);
    EXPECT_TRUE(other.passed) << other.message;
    ASSERT_EQ(other.notes.size(), 1u);
    EXPECT_TRUE(contains(other.notes[0], "INVALID_STATE_ROOT")) << other.notes[0];
}

TEST_F(BlockchainTestIo, ValidBlockExpectedToFailIsAFailure) {
    BlockchainTest t = test_;
    t.blocks[0].expected_exceptions = {"BlockException.INVALID_STATE_ROOT"};
    const BlockchainTestResult r = run(t);
    EXPECT_FALSE(r.passed);
    EXPECT_TRUE(contains(r.message, "block 1: imported, expected it rejected")) << r.message;
}

TEST_F(BlockchainTestIo, WrongPostStateIsReported) {
    BlockchainTest t = test_;
    ASSERT_TRUE(t.post_state.has_value());
    t.post_state->begin()->second.balance += uint256{1};
    const BlockchainTestResult r = run(t);
    EXPECT_FALSE(r.passed);
    EXPECT_TRUE(contains(r.message, "post state: ")) << r.message;
    EXPECT_TRUE(contains(r.message, to_hex(t.post_state->begin()->first))) << r.message;
}

TEST_F(BlockchainTestIo, DamagedGenesisFails) {
    BlockchainTest t = test_;
    t.genesis_rlp.resize(t.genesis_rlp.size() / 2);
    const BlockchainTestResult r = run(t);
    EXPECT_FALSE(r.passed);
    EXPECT_TRUE(contains(r.message, "genesisRLP")) << r.message;

    BlockchainTest wrong_pre = test_;
    wrong_pre.pre.begin()->second.nonce += 1;
    const BlockchainTestResult pre = run(wrong_pre);
    EXPECT_FALSE(pre.passed);
    EXPECT_TRUE(contains(pre.message, "pre-state root")) << pre.message;
}

TEST_F(BlockchainTestIo, BadFieldInFileNamesItsJsonPath) {
    json doc = json::object();
    json bad = raw_;
    bad["blocks"][1]["rlp"] = "0xzz";
    doc["damaged"] = bad;
    const fs::path file =
        fs::temp_directory_path() / ("parevm_bt_" + std::to_string(::getpid()) + "_damaged.json");
    std::ofstream(file) << doc.dump();
    StateTestSummary summary;
    std::ostringstream out, err;
    run_blockchain_test_file(file, StateTestOptions{}, summary, out, err);
    fs::remove(file);
    EXPECT_EQ(summary.failed, 1u);
    EXPECT_EQ(summary.passed, 0u);
    EXPECT_TRUE(contains(err.str(), "damaged.blocks[1].rlp")) << err.str();
}

TEST(BlockchainNetwork, SingleForksAndTransitions) {
    std::string why;
    const auto cancun = parse_network("Cancun", why);
    ASSERT_TRUE(cancun);
    EXPECT_EQ(cancun->revision_at(1'000'000, 1'000'000), Revision::cancun);

    const auto by_time = parse_network("CancunToPragueAtTime15k", why);
    ASSERT_TRUE(by_time);
    EXPECT_EQ(by_time->revision_at(100, 14'999), Revision::cancun);
    EXPECT_EQ(by_time->revision_at(1, 15'000), Revision::prague);
    EXPECT_EQ(by_time->name_at(1, 15'000), "Prague");

    const auto by_number = parse_network("BerlinToLondonAt5", why);
    ASSERT_TRUE(by_number);
    EXPECT_EQ(by_number->revision_at(4, 1'000'000), Revision::berlin);
    EXPECT_EQ(by_number->revision_at(5, 0), Revision::london);

    EXPECT_FALSE(parse_network("HomesteadToDaoAt5", why));
    EXPECT_TRUE(contains(why, "HomesteadToDaoAt5")) << why;
    EXPECT_FALSE(parse_network("Bogus", why));
}

TEST(BlockHeaderDecode, RejectsWrongFieldSizes) {
    // A 15-field header whose bloom is 255 bytes instead of 256.
    bytes fields;
    const Hash256 zero;
    for (int i = 0; i < 2; ++i) fields += rlp::encode(zero);
    fields += rlp::encode(Address{});
    for (int i = 0; i < 3; ++i) fields += rlp::encode(zero);
    fields += rlp::encode(bytes(255, 0));
    for (int i = 0; i < 5; ++i) fields += rlp::encode(uint64_t{1});
    fields += rlp::encode(bytes{});
    fields += rlp::encode(zero);
    fields += rlp::encode(bytes(8, 0));
    std::string error;
    EXPECT_FALSE(decode_block_header(rlp::wrap_list(fields), error));
    EXPECT_TRUE(contains(error, "logsBloom")) << error;
}

TEST(HeaderRules, Eip1559BaseFee) {
    const uint256 fee{1'000'000'000};
    EXPECT_EQ(next_base_fee(fee, 15'000'000, 30'000'000), fee);                     // at target
    EXPECT_EQ(next_base_fee(fee, 30'000'000, 30'000'000), uint256{1'125'000'000});  // +1/8
    EXPECT_EQ(next_base_fee(fee, 0, 30'000'000), uint256{875'000'000});             // -1/8
    EXPECT_EQ(next_base_fee(uint256{7}, 15'000'001, 30'000'000), uint256{8});       // at least +1
}

TEST(HeaderRules, ExcessBlobGasWithEip7918) {
    constexpr uint64_t blob = 131072;
    const BlobSchedule cancun{3, 6, 3338477};
    EXPECT_EQ(next_excess_blob_gas(Revision::cancun, cancun, 0, 6 * blob, uint256{7}), 3 * blob);
    EXPECT_EQ(next_excess_blob_gas(Revision::cancun, cancun, 0, 2 * blob, uint256{7}), 0u);

    const BlobSchedule prague{6, 9, 5007716};
    // Blob price 1 wei: reserve 2^13 * base fee exceeds 2^17 * 1 once base fee > 16.
    EXPECT_EQ(next_excess_blob_gas(Revision::prague, prague, 0, 7 * blob, uint256{1000}), blob);
    EXPECT_EQ(next_excess_blob_gas(Revision::osaka, prague, 0, 7 * blob, uint256{16}), blob);
    EXPECT_EQ(next_excess_blob_gas(Revision::osaka, prague, 0, 7 * blob, uint256{17}),
              7 * blob * 3 / 9);
    // Below the target the excess is zero under either rule.
    EXPECT_EQ(next_excess_blob_gas(Revision::osaka, prague, 0, 5 * blob, uint256{1000}), 0u);
}

TEST(HeaderRules, EthashDifficulty) {
    using F = DifficultyRules::Formula;
    const uint256 min{131072};
    // Frontier: +1/2048 under 13 s, -1/2048 from 13 s, never below 131072.
    const DifficultyRules frontier = difficulty_rules(Revision::frontier);
    EXPECT_EQ(frontier.formula, F::frontier);
    EXPECT_EQ(next_difficulty(frontier, 1, 12, 0, min, false), uint256{131072 + 64});
    EXPECT_EQ(next_difficulty(frontier, 1, 13, 0, min, false), min);
    // The bomb: 2^(period - 2) once number / 100000 reaches 2.
    EXPECT_EQ(next_difficulty(frontier, 200'000, 20, 0, min, false), min + uint256{1});

    const uint256 d{0x20000000};  // step 262144
    const DifficultyRules homestead = difficulty_rules(Revision::homestead);
    EXPECT_EQ(next_difficulty(homestead, 1, 25, 0, d, false), d - uint256{262144});  // 1 - 2
    EXPECT_EQ(next_difficulty(homestead, 1, 5, 0, d, false), d + uint256{262144});   // 1 - 0

    const DifficultyRules byzantium = difficulty_rules(Revision::byzantium);
    EXPECT_EQ(byzantium.bomb_delay, 3'000'000u);
    EXPECT_EQ(next_difficulty(byzantium, 1, 5, 0, d, true), d + uint256{2 * 262144});
    EXPECT_EQ(next_difficulty(byzantium, 1, 5, 0, d, false), d + uint256{262144});
    EXPECT_EQ(next_difficulty(byzantium, 3'200'000, 5, 0, d, false),
              d + uint256{262144} + uint256{1});
    EXPECT_EQ(next_difficulty(byzantium, 3'100'000, 5, 0, d, false), d + uint256{262144});

    EXPECT_EQ(difficulty_rules(Revision::london, "GrayGlacier").bomb_delay, 11'400'000u);
    EXPECT_EQ(difficulty_rules(Revision::london, "ArrowGlacier").bomb_delay, 10'700'000u);
    EXPECT_EQ(difficulty_rules(Revision::london).bomb_delay, 9'700'000u);
    EXPECT_EQ(difficulty_rules(Revision::petersburg).bomb_delay, 5'000'000u);
}

}  // namespace
