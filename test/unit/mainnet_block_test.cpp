// SPDX-License-Identifier: Apache-2.0
// Tests of the mainnet block fixture loader: real blocks and deliberately damaged copies.
#include <parevm/core/hex.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/execution/block.hpp>
#include <parevm/io/json_util.hpp>
#include <parevm/io/mainnet_block.hpp>

#include <gtest/gtest.h>
#include <zlib.h>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace parevm {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

#ifndef PAREVM_FIXTURES_DIR
#define PAREVM_FIXTURES_DIR "../shared/fixtures"
#endif

fs::path mainnet_dir() {
    const char* env = std::getenv("PAREVM_FIXTURES");
    return fs::path(env != nullptr && *env != '\0' ? env : PAREVM_FIXTURES_DIR) / "mainnet";
}
fs::path blocks_dir() {
    return mainnet_dir() / "data" / "ethereum" / "blocks";
}

Address addr(std::string_view hex) {
    return *parse_address(hex);
}
Hash256 hash(std::string_view hex) {
    return *parse_hash(hex);
}

#define REQUIRE_FIXTURES()                                  \
    if (!fs::exists(blocks_dir() / "46147" / "block.json")) \
    GTEST_SKIP() << "mainnet fixtures not found under " << mainnet_dir().string()

TEST(MainnetRevision, ForkBoundaries) {
    EXPECT_EQ(mainnet_revision(1'149'999, 0), Revision::frontier);
    EXPECT_EQ(mainnet_revision(1'150'000, 0), Revision::homestead);
    EXPECT_EQ(mainnet_revision(2'463'000, 0), Revision::tangerine_whistle);
    EXPECT_EQ(mainnet_revision(2'674'999, 0), Revision::tangerine_whistle);
    EXPECT_EQ(mainnet_revision(2'675'000, 0), Revision::spurious_dragon);
    EXPECT_EQ(mainnet_revision(4'370'000, 0), Revision::byzantium);
    EXPECT_EQ(mainnet_revision(7'279'999, 0), Revision::byzantium);
    EXPECT_EQ(mainnet_revision(7'280'000, 0), Revision::petersburg);
    EXPECT_EQ(mainnet_revision(9'069'000, 0), Revision::istanbul);
    EXPECT_EQ(mainnet_revision(12'244'000, 0), Revision::berlin);
    EXPECT_EQ(mainnet_revision(12'965'000, 0), Revision::london);
    EXPECT_EQ(mainnet_revision(15'537'393, 1'663'224'162), Revision::london);
    EXPECT_EQ(mainnet_revision(15'537'394, 1'663'224'179), Revision::paris);
    EXPECT_EQ(mainnet_revision(17'034'869, 1'681'338'443), Revision::paris);
    EXPECT_EQ(mainnet_revision(17'034'870, 1'681'338'455), Revision::shanghai);
    EXPECT_EQ(mainnet_revision(19'426'587, 1'710'338'135), Revision::cancun);
    EXPECT_EQ(mainnet_revision(30'000'000, 1'764'798'551), std::nullopt);  // Osaka: not modelled
}

TEST(MainnetBlock, LoadsFrontierBlock) {
    REQUIRE_FIXTURES();
    const MainnetBlock mb = load_mainnet_block(blocks_dir() / "46147");
    // Values as written in 46147/block.json and pre_state.json.
    EXPECT_EQ(mb.block.revision, Revision::frontier);
    EXPECT_EQ(mb.block.env.number, 46147);
    EXPECT_EQ(mb.block.env.gas_limit, 0x520b);
    EXPECT_EQ(mb.block.env.coinbase, addr("0xe6a7a1d47ff21b6321162aea7c6cb457d5476bca"));
    EXPECT_EQ(mb.block.env.difficulty, uint256{0x153886c1bbdull});
    EXPECT_TRUE(mb.block.env.ommers.empty());
    EXPECT_EQ(mb.header.gas_used, 0x5208u);
    EXPECT_EQ(mb.header.transactions_root,
              hash("0x4513310fcb9f6f616972a3b948dc5d547f280849a87ebb5af0191f98b87be598"));
    EXPECT_EQ(mb.header.receipts_root,
              hash("0xfe2bf2a941abf41d72637e5b91750332a30283efd40c424dc522b77e6f0ed8c4"));
    EXPECT_TRUE(mb.header.uncles.empty());
    EXPECT_FALSE(mb.header.withdrawals_root.has_value());
    ASSERT_EQ(mb.block.txs.size(), 1u);
    const Transaction& tx = mb.block.txs[0];
    EXPECT_EQ(tx.type, TxType::legacy);
    EXPECT_FALSE(tx.chain_id.has_value());  // v = 0x1c: not EIP-155 protected
    EXPECT_EQ(tx.sender, addr("0xa1e4380a3b1f749673e270229993ee55f35663b4"));
    EXPECT_EQ(tx.to, addr("0x5df9b87991262f6ba471f09758cde1c0fc1de734"));
    EXPECT_EQ(tx.value, uint256{0x7a69});
    EXPECT_EQ(tx.gas_limit, 0x5208u);
    EXPECT_EQ(tx.max_fee_per_gas, uint256{0x2d79883d2000ull});
    EXPECT_EQ(mb.tx_hashes[0],
              hash("0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"));
    EXPECT_EQ(mb.pre.accounts().size(), 2u);
    const auto sender = mb.pre.account(tx.sender);
    ASSERT_TRUE(sender.has_value());
    // 0x6c6b935b8bbd400000 = 2000 ether.
    EXPECT_EQ(sender->balance, uint256{1'000'000'000'000'000'000ull} * uint256{2000});
}

TEST(MainnetBlock, LoadsCancunBlockWithBlobTxAndCode) {
    REQUIRE_FIXTURES();
    const MainnetBlock mb = load_mainnet_block(blocks_dir() / "19923400");
    EXPECT_EQ(mb.block.revision, Revision::cancun);
    EXPECT_EQ(mb.block.env.excess_blob_gas, 0u);
    EXPECT_EQ(mb.block.env.parent_beacon_block_root,
              hash("0xcf4f6d54d02f2c183fd35769320ce1045a15c9cbe366bc5919328c0f769bd4f9"));
    EXPECT_EQ(mb.block.env.withdrawals.size(), 16u);
    EXPECT_EQ(mb.header.blob_gas_used, 0xc0000u);
    EXPECT_TRUE(mb.header.withdrawals_root.has_value());
    ASSERT_EQ(mb.block.txs.size(), 24u);
    const Transaction& blob = mb.block.txs[12];
    EXPECT_EQ(blob.type, TxType::blob);
    EXPECT_EQ(blob.sender, addr("0x6887246668a3b87f54deb3b94ba47a6f63f32985"));
    EXPECT_EQ(blob.chain_id, uint256{1});
    EXPECT_EQ(blob.max_fee_per_blob_gas, uint256{0x3b9aca00});
    ASSERT_EQ(blob.blob_hashes.size(), 6u);
    EXPECT_EQ(blob.blob_hashes[0],
              hash("0x01e7cd1f18bf4a316b80f5a96e1fd9cb4ed2a1499b2c9b12e57df418a942009c"));
    // An account with code: the code comes from derived/bytecodes.json.gz by its hash.
    const auto contract = mb.pre.account(addr("0x07245eea05826f5984c7c3c8f478b04892e4df89"));
    ASSERT_TRUE(contract.has_value());
    const Hash256 code_hash =
        hash("0x3ce5386990795d9ad79f4ad4d668b92b82ec1ccdb7cc3169c7fa27a2e2fe6275");
    EXPECT_EQ(contract->code_hash, code_hash);
    const bytes_view code = mb.pre.code(code_hash);
    EXPECT_FALSE(code.empty());
    EXPECT_EQ(keccak256(code), code_hash);
}

TEST(MainnetBlock, KeepsUncleHashes) {
    REQUIRE_FIXTURES();
    const MainnetBlock mb = load_mainnet_block(blocks_dir() / "1796867");
    EXPECT_EQ(mb.block.revision, Revision::homestead);
    ASSERT_EQ(mb.header.uncles.size(), 1u);
    EXPECT_EQ(mb.header.uncles[0],
              hash("0x0491a16ab7fbc240669402bc9753ebac807e5129aa83b3fe6363dca5827216e2"));
}

TEST(MainnetBlock, MissingDerivedDirectory) {
    const fs::path dir = fs::temp_directory_path() /
                         ("parevm_mainnet_noderived_" + std::to_string(::getpid())) / "1";
    fs::create_directories(dir);
    try {
        (void)load_mainnet_block(dir);
        ADD_FAILURE() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("bytecodes.json.gz"), std::string::npos) << e.what();
    }
    fs::remove_all(dir.parent_path());
}

/// A private fixture set in a temp directory: derived/ with one code, and a copy of block 46147
/// that each test damages in one way.
class DamagedFixture : public ::testing::Test {
protected:
    void SetUp() override {
        if (!fs::exists(blocks_dir() / "46147" / "block.json"))
            GTEST_SKIP() << "mainnet fixtures not found under " << mainnet_dir().string();
        root_ = fs::temp_directory_path() /
                ("parevm_mainnet_test_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(root_);
        derived_ = root_ / "derived";
        block_dir_ = root_ / "data" / "ethereum" / "blocks" / "46147";
        fs::create_directories(derived_);
        fs::create_directories(block_dir_);
        code_ = bytes{0x60, 0x00, 0x60, 0x00, 0xf3};  // PUSH1 0 PUSH1 0 RETURN
        code_hash_ = keccak256(code_);
        write_codes(json{{to_hex(code_hash_), to_hex(code_)}}.dump());
        write_file(derived_ / "block_hashes.json",
                   R"({"46146": "0x)" + std::string(64, '1') + R"("})");
        block_ = read_json_file(blocks_dir() / "46147" / "block.json");
        pre_ = read_json_file(blocks_dir() / "46147" / "pre_state.json");
    }
    void TearDown() override {
        if (!root_.empty()) fs::remove_all(root_);
    }

    static void write_file(const fs::path& p, const std::string& text) {
        std::ofstream f(p, std::ios::binary | std::ios::trunc);
        f << text;
    }
    void write_codes(const std::string& text) const {
        gzFile f = gzopen((derived_ / "bytecodes.json.gz").c_str(), "wb");
        ASSERT_NE(f, nullptr);
        gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
        gzclose(f);
    }
    void write_block() const {
        write_file(block_dir_ / "block.json", block_.dump());
        write_file(block_dir_ / "pre_state.json", pre_.dump());
    }
    MainnetBlock load() const {
        write_block();
        const MainnetShared shared = load_mainnet_shared(derived_);
        return load_mainnet_block(block_dir_, shared);
    }
    /// The InputError message of load(), or "" (and a test failure) when it loads.
    std::string load_error() const {
        try {
            (void)load();
        } catch (const InputError& e) {
            return e.what();
        }
        ADD_FAILURE() << "expected an InputError";
        return {};
    }
    static bool has(const std::string& s, std::string_view what) {
        return s.find(what) != std::string::npos;
    }

    fs::path root_, derived_, block_dir_;
    bytes code_;
    Hash256 code_hash_;
    json block_, pre_;
    const std::string sender_ = "0xa1e4380a3b1f749673e270229993ee55f35663b4";
    const std::string miner_ = "0xe6a7a1d47ff21b6321162aea7c6cb457d5476bca";
};

TEST_F(DamagedFixture, UndamagedCopyLoadsWithCodeAndBlockHashes) {
    pre_[miner_]["code_hash"] = to_hex(code_hash_);
    const MainnetBlock mb = load();
    EXPECT_EQ(mb.block.txs.size(), 1u);
    EXPECT_EQ(mb.pre.code(code_hash_), bytes_view(code_));
    EXPECT_EQ(mb.pre.block_hash(46146), hash("0x" + std::string(64, '1')));
}

TEST_F(DamagedFixture, TruncatedBlockJson) {
    write_block();
    const std::string text = block_.dump();
    write_file(block_dir_ / "block.json", text.substr(0, text.size() / 2));
    const MainnetShared shared = load_mainnet_shared(derived_);
    try {
        (void)load_mainnet_block(block_dir_, shared);
        ADD_FAILURE() << "expected an InputError";
    } catch (const InputError& e) {
        const std::string msg = e.what();
        EXPECT_TRUE(has(msg, "block 46147")) << msg;
        EXPECT_TRUE(has(msg, "block.json")) << msg;
    }
}

TEST_F(DamagedFixture, MissingPreStateFile) {
    write_block();
    fs::remove(block_dir_ / "pre_state.json");
    const MainnetShared shared = load_mainnet_shared(derived_);
    try {
        (void)load_mainnet_block(block_dir_, shared);
        ADD_FAILURE() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_TRUE(has(e.what(), "pre_state.json")) << e.what();
    }
}

TEST_F(DamagedFixture, BadHexInPreState) {
    pre_[sender_]["balance"] = "0x6c6bzz";
    const std::string msg = load_error();
    EXPECT_TRUE(has(msg, "block 46147")) << msg;
    EXPECT_TRUE(has(msg, sender_ + ".balance")) << msg;
}

TEST_F(DamagedFixture, BadHexInTransaction) {
    block_["transactions"][0]["input"] = "0x123";  // odd number of digits
    const std::string msg = load_error();
    EXPECT_TRUE(has(msg, "transactions[0].input")) << msg;
}

TEST_F(DamagedFixture, MissingHeaderField) {
    block_.erase("gasUsed");
    const std::string msg = load_error();
    EXPECT_TRUE(has(msg, "gasUsed")) << msg;
}

TEST_F(DamagedFixture, SenderMissingFromPreStateIsListed) {
    // The sender pays gas: it must exist unless an earlier transaction funds it, which the
    // loader cannot know, so the transaction is listed for the replay's diagnosis.
    pre_.erase(sender_);
    const MainnetBlock mb = load();
    EXPECT_EQ(mb.senders_not_in_pre_state, std::vector<size_t>{0});
}

TEST(MainnetBlock, ZeroPriceSendersMayBeAbsent) {
    REQUIRE_FIXTURES();
    // Block 2688148: four zero-price transactions from accounts absent from the pre-state; only
    // the second one of 0xdc34.. (nonce 1) needs an account, which its first one created.
    const MainnetBlock mb = load_mainnet_block(blocks_dir() / "2688148");
    ASSERT_EQ(mb.block.txs.size(), 4u);
    EXPECT_FALSE(mb.pre.account(mb.block.txs[0].sender).has_value());
    EXPECT_EQ(mb.senders_not_in_pre_state, std::vector<size_t>{3});
}

TEST_F(DamagedFixture, UnknownCodeHash) {
    const std::string unknown = "0x" + std::string(63, '0') + "7";
    pre_[miner_]["code_hash"] = unknown;
    const std::string msg = load_error();
    EXPECT_TRUE(has(msg, "unknown code hash " + unknown)) << msg;
    EXPECT_TRUE(has(msg, miner_)) << msg;
}

TEST_F(DamagedFixture, FromDoesNotMatchSignature) {
    block_["transactions"][0]["from"] = miner_;
    const std::string msg = load_error();
    EXPECT_TRUE(has(msg, "transactions[0]")) << msg;
    EXPECT_TRUE(has(msg, "recovered")) << msg;
    EXPECT_TRUE(has(msg, sender_)) << msg;
}

TEST_F(DamagedFixture, FieldChangedSoHashDiffers) {
    block_["transactions"][0]["value"] = "0x7a6a";
    const std::string msg = load_error();
    EXPECT_TRUE(has(msg, "transactions[0]")) << msg;
    EXPECT_TRUE(has(msg, "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"))
        << msg;
}

TEST_F(DamagedFixture, TruncatedBytecodes) {
    const std::string text = json{{to_hex(code_hash_), to_hex(code_)}}.dump();
    write_codes(text);
    // Cut the gzip stream in the middle: the decompressor must notice.
    const fs::path gz = derived_ / "bytecodes.json.gz";
    std::ifstream in(gz, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    write_file(gz, data.substr(0, data.size() - 10));
    try {
        (void)load_mainnet_shared(derived_);
        ADD_FAILURE() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_TRUE(has(e.what(), "bytecodes.json.gz")) << e.what();
    }
}

TEST_F(DamagedFixture, BytecodeUnderWrongHash) {
    write_codes(json{{to_hex(code_hash_), "0x6001"}}.dump());
    try {
        (void)load_mainnet_shared(derived_);
        ADD_FAILURE() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_TRUE(has(e.what(), "keccak256")) << e.what();
    }
}

const HeaderCheck* find_check(const std::vector<HeaderCheck>& checks, std::string_view name) {
    for (const auto& c : checks)
        if (c.name == name) return &c;
    return nullptr;
}

TEST(MainnetCheck, ByzantiumBlockMatchesItsHeaderAndTamperingIsCaught) {
    REQUIRE_FIXTURES();
    MainnetBlock mb = load_mainnet_block(blocks_dir() / "4370000");
    const BlockResult result = execute_block(mb.block, mb.pre, ExecutionOptions{});
    auto checks = check_against_header(mb, result);
    for (const auto& name :
         {"valid", "gas_used", "logs_bloom", "receipts_root", "transactions_root"}) {
        const HeaderCheck* c = find_check(checks, name);
        ASSERT_NE(c, nullptr) << name;
        EXPECT_EQ(c->ok, std::optional<bool>(true)) << name << ": " << c->detail;
    }
    const HeaderCheck* state_root = find_check(checks, "state_root");
    ASSERT_NE(state_root, nullptr);
    EXPECT_FALSE(state_root->ok.has_value());

    // A header that disagrees with the execution must fail the matching check only.
    mb.header.gas_used += 1;
    mb.header.logs_bloom[100] ^= 0x10;
    mb.header.receipts_root.bytes[0] ^= 1;
    checks = check_against_header(mb, result);
    EXPECT_EQ(find_check(checks, "gas_used")->ok, std::optional<bool>(false));
    EXPECT_EQ(find_check(checks, "logs_bloom")->ok, std::optional<bool>(false));
    EXPECT_EQ(find_check(checks, "receipts_root")->ok, std::optional<bool>(false));
    EXPECT_EQ(find_check(checks, "transactions_root")->ok, std::optional<bool>(true));
}

TEST(MainnetCheck, PreByzantiumReceiptsRootIsNotCheckable) {
    REQUIRE_FIXTURES();
    const MainnetBlock mb = load_mainnet_block(blocks_dir() / "46147");
    const BlockResult result = execute_block(mb.block, mb.pre, ExecutionOptions{});
    const auto checks = check_against_header(mb, result);
    EXPECT_EQ(find_check(checks, "gas_used")->ok, std::optional<bool>(true));
    EXPECT_EQ(find_check(checks, "logs_bloom")->ok, std::optional<bool>(true));
    EXPECT_FALSE(find_check(checks, "receipts_root")->ok.has_value());
}

TEST(MainnetCheck, ResultDifferences) {
    REQUIRE_FIXTURES();
    const MainnetBlock mb = load_mainnet_block(blocks_dir() / "4370000");
    const BlockResult a = execute_block(mb.block, mb.pre, ExecutionOptions{});
    EXPECT_EQ(first_result_difference(a, a), "");
    ASSERT_GT(a.receipts.size(), 5u);
    BlockResult b = a;
    b.receipts[5].gas_used += 1;
    EXPECT_EQ(first_result_difference(a, b), "tx 5: gas used");
    b = a;
    ASSERT_FALSE(b.state_diff.accounts.empty());
    b.state_diff.accounts[0].storage.emplace_back(uint256{12345}, uint256{1});
    EXPECT_NE(first_result_difference(a, b).find("storage"), std::string::npos);
}

TEST_F(DamagedFixture, MissingSenderIsDiagnosedAsFixtureError) {
    pre_.erase(sender_);
    const MainnetBlock mb = load();
    const BlockResult result = execute_block(mb.block, mb.pre, ExecutionOptions{});
    ASSERT_TRUE(result.invalid.has_value());  // the sender cannot pay for gas
    const auto checks = check_against_header(mb, result);
    const HeaderCheck* valid = find_check(checks, "valid");
    ASSERT_NE(valid, nullptr);
    EXPECT_EQ(valid->ok, std::optional<bool>(false));
    EXPECT_TRUE(has(valid->detail, "fixture error: pre_state.json lacks the sender " + sender_))
        << valid->detail;
}

}  // namespace
}  // namespace parevm
