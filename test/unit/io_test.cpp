// SPDX-License-Identifier: Apache-2.0
// io layer: strict JSON readers, state-test loading, and the CLI's handling of bad input.
#include <parevm/core/hex.hpp>
#include <parevm/core/rlp.hpp>
#include <parevm/io/alloc.hpp>
#include <parevm/io/json_util.hpp>
#include <parevm/io/state_test.hpp>
#include <parevm/io/state_test_runner.hpp>
#include <parevm/io/t8n.hpp>

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace parevm;
using nlohmann::json;

namespace {

/// Runs `fn` and returns the InputError message it throws ("" if it does not throw).
template <typename F>
std::string error_of(F&& fn) {
    try {
        fn();
    } catch (const InputError& e) {
        return e.what();
    }
    return {};
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

/// A minimal valid state test: one legacy transfer, one Cancun post entry.
json minimal_state_test() {
    return json::parse(R"({
      "t1": {
        "env": {"currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba",
                "currentGasLimit": "0x07270e00", "currentNumber": "0x01",
                "currentTimestamp": "0x03e8", "currentDifficulty": "0x00",
                "currentRandom": "0x0000000000000000000000000000000000000000000000000000000000000001",
                "currentBaseFee": "0x07", "currentExcessBlobGas": "0x00"},
        "pre": {"0x9c58bb793f00b6a91026617e2fa32d7133d1f3a1":
                  {"nonce": "0x00", "balance": "0x6124fee993bc0000", "code": "0x",
                   "storage": {"0x01": "0x00", "0x02": "0x05"}}},
        "transaction": {"nonce": "0x00", "gasPrice": "0x0a",
                        "gasLimit": ["0x5208", "0x010000"],
                        "to": "", "value": ["0x00"], "data": ["0x", "0x6000"],
                        "accessLists": [[], [{"address": "0x0000000000000000000000000000000000000001",
                                              "storageKeys": ["0x00"]}]],
                        "sender": "0x9c58bb793f00b6a91026617e2fa32d7133d1f3a1",
                        "secretKey": "0x2093fb340a511a23eb5226567ca8fc12a0791ab121001400ced804d5823ff86d"},
        "post": {"Cancun": [{"hash": "0x00000000000000000000000000000000000000000000000000000000000000aa",
                             "logs": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
                             "txbytes": "0x", "indexes": {"data": 1, "gas": 1, "value": 0},
                             "expectException": "TransactionException.A|TransactionException.B"}],
                 "ShanghaiToCancunAtTime15k": []},
        "config": {"chainid": "0x05",
                   "blobSchedule": {"Cancun": {"target": "0x03", "max": "0x06",
                                               "baseFeeUpdateFraction": "0x32f0ed"}}}
      }
    })");
}

struct CliRun {
    int exit_code = -1;
    std::string out;
    std::string err;
};

#ifdef PAREVM_BIN
std::filesystem::path temp_dir() {
    static const auto dir = [] {
        auto d = std::filesystem::temp_directory_path() /
                 ("parevm_io_test_" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    return dir;
}

/// Removes the temporary directory when the test program ends.
class TempDirCleanup : public ::testing::Environment {
public:
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(temp_dir(), ec);
    }
};
const auto* const temp_cleanup = ::testing::AddGlobalTestEnvironment(new TempDirCleanup);

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
    const auto p = temp_dir() / name;
    std::ofstream(p) << text;
    return p;
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Runs the built `parevm` with `args` (shell syntax), capturing exit code, stdout and stderr.
CliRun run_cli(const std::string& args, const std::string& stdin_file = "/dev/null") {
    const auto out = temp_dir() / "stdout.txt";
    const auto err = temp_dir() / "stderr.txt";
    const std::string cmd = std::string("'") + PAREVM_BIN + "' " + args + " >'" + out.string() +
                            "' 2>'" + err.string() + "' <'" + stdin_file + "'";
    const int status = std::system(cmd.c_str());
    CliRun r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}
#endif

}  // namespace

TEST(JsonUtil, QuantitiesAreHexOnlyAndBounded) {
    EXPECT_EQ(read_uint256(json("0x00ff"), "x"), uint256{255});
    EXPECT_EQ(read_uint64(json("0xffffffffffffffff"), "x"), ~uint64_t{0});

    const auto bad = error_of([] { read_uint256(json("0xzz"), "pre.0xabc.balance"); });
    EXPECT_TRUE(contains(bad, "pre.0xabc.balance")) << bad;
    EXPECT_TRUE(contains(bad, "invalid hex quantity \"0xzz\"")) << bad;

    EXPECT_FALSE(error_of([] { read_uint256(json("0x"), "x"); }).empty());
    EXPECT_FALSE(error_of([] { read_uint256(json("12"), "x"); }).empty());  // decimal: not here
    EXPECT_EQ(read_uint256(json("12"), "x", true), uint256{12});  // but allowed for t8n env
    EXPECT_FALSE(error_of([] { read_uint256(json(12), "x"); }).empty());
    EXPECT_FALSE(error_of([] { read_uint256(json("0x" + std::string(65, '1')), "x"); }).empty());

    const auto big = error_of([] { read_uint64(json("0x010000000000000000"), "tx.nonce"); });
    EXPECT_TRUE(contains(big, "tx.nonce")) << big;
    EXPECT_TRUE(contains(big, "64 bits")) << big;
    EXPECT_FALSE(error_of([] { read_int64(json("0x8000000000000000"), "env.x"); }).empty());
}

TEST(JsonUtil, DataAddressesAndHashes) {
    EXPECT_EQ(read_bytes(json("0x"), "d"), bytes{});
    EXPECT_EQ(read_bytes(json("0x00Ab"), "d"), (bytes{0x00, 0xab}));
    EXPECT_FALSE(error_of([] { read_bytes(json("0x123"), "d"); }).empty());  // odd length
    EXPECT_FALSE(error_of([] { read_bytes(json("1234"), "d"); }).empty());   // no prefix

    const auto a = read_address(json("0x9c58bb793f00b6a91026617e2fa32d7133d1f3a1"), "a");
    EXPECT_EQ(a.bytes[0], 0x9c);
    EXPECT_EQ(a.bytes[19], 0xa1);
    const auto short_addr =
        error_of([] { read_address(json("0x9c58bb793f00b6a91026617e2fa32d7133d1f3"), "to"); });
    EXPECT_TRUE(contains(short_addr, "to: expected a 20-byte address, got 19 bytes")) << short_addr;
    EXPECT_FALSE(error_of([] { read_hash(json("0x" + std::string(62, '0')), "h"); }).empty());
    EXPECT_TRUE(error_of([] { read_hash(json("0x" + std::string(64, 'f')), "h"); }).empty());
}

TEST(JsonUtil, FieldsAndFiles) {
    const json obj = json::parse(R"({"a": 1, "n": null})");
    EXPECT_TRUE(contains(error_of([&] { json_field(obj, "b", "env"); }), "env.b: missing field"));
    EXPECT_EQ(json_optional_field(obj, "n", "env"), nullptr);
    EXPECT_NE(json_optional_field(obj, "a", "env"), nullptr);

    const auto truncated = error_of([] { parse_json_text(R"({"a": [1, 2)", "f.json"); });
    EXPECT_TRUE(contains(truncated, "f.json: malformed JSON")) << truncated;
    const auto missing = error_of([] { read_json_file("/nonexistent/parevm/x.json"); });
    EXPECT_TRUE(contains(missing, "/nonexistent/parevm/x.json: no such file")) << missing;
}

TEST(StateTestLoader, ReadsAllFields) {
    const auto tests = parse_state_tests(minimal_state_test());
    ASSERT_EQ(tests.size(), 1u);
    const StateTest& t = tests[0];
    EXPECT_EQ(t.name, "t1");
    EXPECT_EQ(t.env.gas_limit, 0x07270e00);
    EXPECT_EQ(t.env.number, 1);
    EXPECT_EQ(t.env.timestamp, 1000);
    EXPECT_EQ(t.env.base_fee, uint256{7});
    ASSERT_TRUE(t.random.has_value());
    EXPECT_EQ(t.random->bytes[31], 1);
    EXPECT_EQ(t.chain_id, uint256{5});
    ASSERT_EQ(t.blob_schedules.count("Cancun"), 1u);
    EXPECT_EQ(t.blob_schedules.at("Cancun").base_fee_update_fraction, 3338477u);

    ASSERT_EQ(t.pre.size(), 1u);
    const auto& acc = t.pre.begin()->second;
    EXPECT_EQ(acc.balance, uint256{0x6124fee993bc0000});
    ASSERT_EQ(acc.storage.size(), 1u);  // the zero slot is dropped
    EXPECT_EQ(acc.storage.at(uint256{2}), uint256{5});

    EXPECT_EQ(t.tx.type, TxType::access_list);  // accessLists present, gasPrice given
    EXPECT_FALSE(t.tx.to.has_value());          // "" is a contract creation
    ASSERT_EQ(t.post.size(), 2u);
    const auto& cancun = t.post[0].name == "Cancun" ? t.post[0] : t.post[1];
    ASSERT_EQ(cancun.expectations.size(), 1u);
    const auto& e = cancun.expectations[0];
    EXPECT_EQ(e.indexes.data, 1u);
    EXPECT_EQ(e.indexes.gas, 1u);
    EXPECT_EQ(e.expected_exceptions,
              (std::vector<std::string>{"TransactionException.A", "TransactionException.B"}));

    const Transaction tx = t.tx.build(e.indexes, t.chain_id);
    EXPECT_EQ(tx.gas_limit, 0x10000u);
    EXPECT_EQ(tx.data, (bytes{0x60, 0x00}));
    ASSERT_EQ(tx.access_list.size(), 1u);
    EXPECT_EQ(tx.chain_id, uint256{5});
    EXPECT_FALSE(error_of([&] { t.tx.build({2, 0, 0}, 1); }).empty());  // data index out of range
}

TEST(StateTestLoader, ErrorsNameTheJsonPath) {
    auto doc = minimal_state_test();
    doc["t1"]["pre"]["0x9c58bb793f00b6a91026617e2fa32d7133d1f3a1"]["balance"] = "0xzz";
    const auto bad_hex = error_of([&] { parse_state_tests(doc); });
    EXPECT_TRUE(contains(bad_hex, "t1.pre.0x9c58bb793f00b6a91026617e2fa32d7133d1f3a1.balance"))
        << bad_hex;
    EXPECT_TRUE(contains(bad_hex, "\"0xzz\"")) << bad_hex;

    doc = minimal_state_test();
    doc["t1"]["transaction"]["to"] = "0x1234";
    const auto short_to = error_of([&] { parse_state_tests(doc); });
    EXPECT_TRUE(contains(short_to, "t1.transaction.to: expected a 20-byte address")) << short_to;

    doc = minimal_state_test();
    doc["t1"]["transaction"]["gasLimit"][1] = "0x010000000000000000";
    const auto gas = error_of([&] { parse_state_tests(doc); });
    EXPECT_TRUE(contains(gas, "t1.transaction.gasLimit[1]")) << gas;

    doc = minimal_state_test();
    doc["t1"].erase("env");
    EXPECT_TRUE(contains(error_of([&] { parse_state_tests(doc); }), "t1.env: missing field"));
}

TEST(StateTestRunner, UnknownForkIsSkippedWithItsReason) {
    auto doc = minimal_state_test();
    doc["t1"]["post"].erase("Cancun");
    doc["t1"]["post"]["ShanghaiToCancunAtTime15k"] = doc["t1"]["post"]["ShanghaiToCancunAtTime15k"];
    doc["t1"]["post"]["ShanghaiToCancunAtTime15k"].push_back(json::parse(
        R"({"hash": "0x00000000000000000000000000000000000000000000000000000000000000aa",
                        "logs": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
                        "indexes": {"data": 0, "gas": 0, "value": 0}})"));
    const auto tests = parse_state_tests(doc);
    StateTestSummary summary;
    std::ostringstream out;
    run_state_test(tests[0], "f.json", {}, summary, out);
    EXPECT_EQ(summary.passed, 0u);
    EXPECT_EQ(summary.failed, 0u);
    EXPECT_EQ(summary.skipped, 1u);
    ASSERT_EQ(summary.skip_reasons.size(), 1u);
    EXPECT_EQ(summary.skip_reasons.begin()->first, "unknown fork ShanghaiToCancunAtTime15k");

    std::ostringstream printed;
    summary.print(printed);
    EXPECT_TRUE(contains(printed.str(), "\n0 passed, 0 failed, 1 skipped\n")) << printed.str();
}

TEST(Alloc, FirstDifference) {
    const Alloc expected = read_alloc(json::parse(R"({
        "0x0000000000000000000000000000000000000001": {"balance": "0x05", "storage": {"0x01": "0x07"}},
        "0x0000000000000000000000000000000000000002": {"nonce": "0x01"}})"),
                                      "post");
    const InMemoryState same = make_state(expected);
    EXPECT_EQ(first_alloc_difference(same, expected), "");

    Alloc changed = expected;
    changed.begin()->second.storage[uint256{1}] = 8;
    const auto diff = first_alloc_difference(make_state(changed), expected);
    EXPECT_EQ(diff, "0x0000000000000000000000000000000000000001: storage[0x1] = 0x8, expected 0x7");

    Alloc fewer = expected;
    fewer.erase(fewer.begin());
    EXPECT_TRUE(contains(first_alloc_difference(make_state(fewer), expected),
                         "0x0000000000000000000000000000000000000001: account absent"));
}

#ifdef PAREVM_BIN

TEST(Cli, VersionAndHelp) {
    const CliRun v = run_cli("--version");
    EXPECT_EQ(v.exit_code, 0);
    EXPECT_TRUE(contains(v.out, "parevm")) << v.out;
    const CliRun h = run_cli("--help");
    EXPECT_EQ(h.exit_code, 0);
    EXPECT_TRUE(contains(h.out, "statetest")) << h.out;
    EXPECT_TRUE(contains(h.out, "t8n")) << h.out;
}

TEST(Cli, StatetestBadInputs) {
    const CliRun missing = run_cli("statetest /nonexistent/parevm/dir");
    EXPECT_NE(missing.exit_code, 0);
    EXPECT_TRUE(contains(missing.err, "/nonexistent/parevm/dir: no such file")) << missing.err;
    EXPECT_TRUE(contains(missing.out, "0 passed, 1 failed, 0 skipped")) << missing.out;

    const auto truncated = write_temp("truncated.json", R"({"t1": {"env": {)");
    const CliRun t = run_cli("statetest '" + truncated.string() + "'");
    EXPECT_NE(t.exit_code, 0);
    EXPECT_TRUE(contains(t.err, truncated.string() + ": malformed JSON")) << t.err;

    auto doc = minimal_state_test();
    doc["t1"]["pre"]["0x9c58bb793f00b6a91026617e2fa32d7133d1f3a1"]["nonce"] = "0xg1";
    const auto bad_hex = write_temp("bad_hex.json", doc.dump());
    const CliRun b = run_cli("statetest '" + bad_hex.string() + "'");
    EXPECT_NE(b.exit_code, 0);
    EXPECT_TRUE(contains(b.err, bad_hex.string() + ": t1.pre.")) << b.err;
    EXPECT_TRUE(contains(b.err, "invalid hex quantity \"0xg1\"")) << b.err;

    // A bad file does not stop the others: the truncated file and the bad one both count.
    const CliRun both =
        run_cli("statetest '" + truncated.string() + "' '" + bad_hex.string() + "'");
    EXPECT_TRUE(contains(both.out, "0 passed, 2 failed, 0 skipped")) << both.out;

    const CliRun fork = run_cli("statetest --fork Bogus '" + bad_hex.string() + "'");
    EXPECT_NE(fork.exit_code, 0);
    EXPECT_TRUE(contains(fork.err, "unknown fork name 'Bogus'")) << fork.err;

    const CliRun regex = run_cli("statetest --run '(' '" + bad_hex.string() + "'");
    EXPECT_NE(regex.exit_code, 0);
    EXPECT_TRUE(contains(regex.err, "invalid --run expression")) << regex.err;
}

TEST(Cli, StatetestSkipsUnknownForkAndSucceeds) {
    auto doc = minimal_state_test();
    doc["t1"]["post"].erase("Cancun");
    doc["t1"]["post"]["ShanghaiToCancunAtTime15k"].push_back(json::parse(
        R"({"hash": "0x00000000000000000000000000000000000000000000000000000000000000aa",
                        "logs": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
                        "indexes": {"data": 0, "gas": 0, "value": 0}})"));
    const auto file = write_temp("transition.json", doc.dump());
    const CliRun r = run_cli("statetest '" + file.string() + "'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "unknown fork ShanghaiToCancunAtTime15k")) << r.out;
    EXPECT_TRUE(contains(r.out, "\n0 passed, 0 failed, 1 skipped\n")) << r.out;
}

TEST(Cli, T8nExitCodes) {
    const std::string dir = std::string(PAREVM_SOURCE_DIR) + "/test/t8n/";
    const std::string inputs = "--input.alloc " + dir + "alloc.json --input.env " + dir +
                               "env.json --input.txs " + dir + "txs.json";
    const std::string out = " --output.basedir '" + (temp_dir() / "t8n").string() + "'";

    const CliRun fork = run_cli("t8n " + inputs + " --state.fork Bogus" + out);
    EXPECT_EQ(fork.exit_code, t8n_exit::config_error);
    EXPECT_TRUE(contains(fork.err, "Bogus")) << fork.err;

    const CliRun missing =
        run_cli("t8n --input.alloc /nonexistent/a.json --input.env " + dir +
                "env.json --input.txs " + dir + "txs.json --state.fork Cancun" + out);
    EXPECT_EQ(missing.exit_code, t8n_exit::io_error);
    EXPECT_TRUE(contains(missing.err, "/nonexistent/a.json")) << missing.err;

    const auto truncated = write_temp("env_truncated.json", R"({"currentCoinbase": )");
    const CliRun bad_json =
        run_cli("t8n --input.alloc " + dir + "alloc.json --input.env '" + truncated.string() +
                "' --input.txs " + dir + "txs.json --state.fork Cancun" + out);
    EXPECT_EQ(bad_json.exit_code, t8n_exit::json_error);
    EXPECT_TRUE(contains(bad_json.err, "malformed JSON")) << bad_json.err;

    const auto bad_alloc = write_temp("alloc_short.json", R"({"0x1234": {"balance": "0x1"}})");
    const CliRun short_addr =
        run_cli("t8n --input.alloc '" + bad_alloc.string() + "' --input.env " + dir +
                "env.json --input.txs " + dir + "txs.json --state.fork Cancun" + out);
    EXPECT_EQ(short_addr.exit_code, t8n_exit::json_error);
    EXPECT_TRUE(contains(short_addr.err, "alloc.0x1234: expected a 20-byte address"))
        << short_addr.err;

    const auto bad_rlp = write_temp("txs.rlp", R"("0xf8")");  // a list header with no body
    const CliRun rlp =
        run_cli("t8n --input.alloc " + dir + "alloc.json --input.env " + dir +
                "env.json --input.txs '" + bad_rlp.string() + "' --state.fork Cancun" + out);
    EXPECT_EQ(rlp.exit_code, t8n_exit::rlp_error);
}

TEST(Cli, T8nExample) {
    const std::string dir = std::string(PAREVM_SOURCE_DIR) + "/test/t8n/";
    const CliRun r = run_cli("t8n --input.alloc " + dir + "alloc.json --input.env " + dir +
                             "env.json --input.txs " + dir +
                             "txs.json --state.fork Cancun --output.result stdout "
                             "--output.alloc stdout");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json out = json::parse(r.out);
    const json& result = out.at("result");
    const json& alloc = out.at("alloc");
    EXPECT_FALSE(result.contains("rejected")) << result.dump(2);
    ASSERT_EQ(result.at("receipts").size(), 3u);
    for (const auto& rc : result.at("receipts")) EXPECT_EQ(rc.at("status"), "0x1");
    // Two plain transfers cost 21000 each (YP: G_transaction).
    EXPECT_EQ(result["receipts"][0]["gasUsed"], "0x5208");
    EXPECT_EQ(result["receipts"][1]["gasUsed"], "0x5208");
    EXPECT_EQ(result["receipts"][2]["logs"].size(), 1u);  // the LOG0
    EXPECT_EQ(alloc.at("0x0000000000000000000000000000000000001001").at("balance"), "0x3e8");
    EXPECT_EQ(alloc.at("0x0000000000000000000000000000000000001002").at("balance"), "0x7d0");
    EXPECT_EQ(alloc.at("0x000000000000000000000000000000000000c0de")
                  .at("storage")
                  .at("0x0000000000000000000000000000000000000000000000000000000000000000"),
              "0x000000000000000000000000000000000000000000000000000000000000002a");
    EXPECT_EQ(alloc.at("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b").at("nonce"), "0x3");

    // The same inputs through stdin, as one object, give the same state root.
    json combined;
    combined["alloc"] = json::parse(slurp(dir + "alloc.json"));
    combined["env"] = json::parse(slurp(dir + "env.json"));
    combined["txs"] = json::parse(slurp(dir + "txs.json"));
    const auto in = write_temp("stdin.json", combined.dump());
    const CliRun s = run_cli(
        "t8n --input.alloc stdin --input.env stdin --input.txs stdin "
        "--state.fork Cancun --output.result stdout --output.alloc stderr",
        in.string());
    ASSERT_EQ(s.exit_code, 0) << s.err;
    const json via_stdin = json::parse(s.out);
    EXPECT_TRUE(json::parse(s.err).contains("alloc")) << s.err;
    EXPECT_EQ(via_stdin.at("result").at("stateRoot"), result.at("stateRoot"));

    // The signed transactions written as a body (RLP) and read back as a .rlp input: same block.
    const CliRun b = run_cli("t8n --input.alloc " + dir + "alloc.json --input.env " + dir +
                             "env.json --input.txs " + dir +
                             "txs.json --state.fork Cancun --output.body stdout "
                             "--output.result stdout --output.alloc stderr");
    ASSERT_EQ(b.exit_code, 0) << b.err;
    const auto rlp_file = write_temp("body.rlp", json(json::parse(b.out).at("body")).dump());
    const CliRun from_rlp = run_cli("t8n --input.alloc " + dir + "alloc.json --input.env " + dir +
                                    "env.json --input.txs '" + rlp_file.string() +
                                    "' --state.fork Cancun --output.result stdout "
                                    "--output.alloc stderr");
    ASSERT_EQ(from_rlp.exit_code, 0) << from_rlp.err;
    EXPECT_EQ(json::parse(from_rlp.out).at("result").at("stateRoot"), result.at("stateRoot"));
    EXPECT_EQ(json::parse(from_rlp.out).at("result").at("txRoot"), result.at("txRoot"));
}

#endif

#ifdef PAREVM_FIXTURES_DIR
/// The t8n path and the state-test path are independent front ends over the same engine: feeding
/// a fixture's pre/env/transaction through t8n must give the fixture's own state root, logs hash
/// and (the signature being deterministic, RFC 6979) exactly the fixture's transaction bytes.
TEST(T8n, ReproducesAStateTestFixture) {
    const char* env_dir = std::getenv("PAREVM_FIXTURES");
    const std::filesystem::path fixtures = env_dir ? env_dir : PAREVM_FIXTURES_DIR;
    const auto file =
        fixtures / "eest/state_tests/cancun/eip1153_tstore/test_basic_tload_works.json";
    if (!std::filesystem::exists(file)) GTEST_SKIP() << "fixtures not found: " << file;
    const json doc = read_json_file(file);
    size_t checked = 0;
    for (const auto& [name, t] : doc.items()) {
        for (const auto& [fork, posts] : t.at("post").items()) {
            const json& ftx = t.at("transaction");
            const json& post = posts.at(0);
            const auto& idx = post.at("indexes");
            json tx = {{"type", "0x0"},
                       {"nonce", ftx.at("nonce")},
                       {"gasPrice", ftx.at("gasPrice")},
                       {"gas", ftx.at("gasLimit").at(idx.at("gas").get<size_t>())},
                       {"to", ftx.at("to")},
                       {"value", ftx.at("value").at(idx.at("value").get<size_t>())},
                       {"input", ftx.at("data").at(idx.at("data").get<size_t>())},
                       {"secretKey", ftx.at("secretKey")}};
            T8nInput input;
            input.alloc = t.at("pre");
            input.env = t.at("env");
            input.txs = json::array({tx});
            T8nConfig config;
            config.fork = fork;
            config.chain_id = read_uint256(t.at("config").at("chainid"), "chainid");
            const T8nOutput out = run_t8n(input, config);
            EXPECT_EQ(out.result.at("stateRoot"), post.at("hash")) << name;
            EXPECT_EQ(out.result.at("logsHash"), post.at("logs")) << name;
            const bytes txbytes = read_bytes(post.at("txbytes"), "txbytes");
            EXPECT_EQ(to_hex(out.body), to_hex(rlp::wrap_list(txbytes))) << name;
            ++checked;
        }
    }
    EXPECT_GE(checked, 3u);
}
#endif
