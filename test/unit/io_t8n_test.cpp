// SPDX-License-Identifier: Apache-2.0
// t8n: values derived from parent fields (difficulty, EIP-7918 excess blob gas), Prague
// requests in the result, geth-style rejection messages.
#include <parevm/core/hex.hpp>
#include <parevm/crypto/hashes.hpp>
#include <parevm/io/json_util.hpp>
#include <parevm/io/t8n.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace parevm;
using nlohmann::json;

namespace {

json base_env() {
    return {{"currentCoinbase", "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba"},
            {"currentGasLimit", "0x1c9c380"},
            {"currentNumber", "0x1"},
            {"currentTimestamp", "0x3e8"}};
}

/// A post-merge env (currentRandom, base fee) for Shanghai and later forks.
json merged_env() {
    json env = base_env();
    env["currentRandom"] = "0x" + std::string(64, '0');
    env["currentBaseFee"] = "0x7";
    return env;
}

T8nOutput run(const json& env,
              const std::string& fork,
              const json& alloc = json::object(),
              const json& txs = json::array()) {
    T8nInput input;
    input.alloc = alloc;
    input.env = env;
    input.txs = txs;
    T8nConfig config;
    config.fork = fork;
    return run_t8n(input, config);
}

uint256 result_u256(const T8nOutput& out, const char* key) {
    return read_uint256(out.result.at(key), key);
}

/// Runs `fn` and returns the T8nError it throws (exit code, message); {0, ""} if none.
template <typename F>
std::pair<int, std::string> t8n_error_of(F&& fn) {
    try {
        fn();
    } catch (const T8nError& e) {
        return {e.exit_code(), e.what()};
    }
    return {0, ""};
}

TEST(T8nDifficulty, FrontierFromParent) {
    json env = base_env();
    env["currentTimestamp"] = "0xa";  // 10 s after the parent: +1/2048
    env["parentTimestamp"] = "0x0";
    env["parentDifficulty"] = "0x20000";
    EXPECT_EQ(result_u256(run(env, "Frontier"), "currentDifficulty"), uint256{0x20000 + 64});
    env["currentTimestamp"] = "0x14";  // 20 s: -1/2048, floored at 131072
    EXPECT_EQ(result_u256(run(env, "Frontier"), "currentDifficulty"), uint256{0x20000});
}

TEST(T8nDifficulty, ByzantiumCountsParentOmmers) {
    json env = base_env();
    env["currentTimestamp"] = "0x5";
    env["parentTimestamp"] = "0x0";
    env["parentDifficulty"] = "0x20000000";  // step 262144
    EXPECT_EQ(result_u256(run(env, "Byzantium"), "currentDifficulty"),
              uint256{0x20000000 + 262144});
    env["parentUncleHash"] = "0x" + std::string(63, '0') + "1";  // the parent had ommers
    EXPECT_EQ(result_u256(run(env, "Byzantium"), "currentDifficulty"),
              uint256{0x20000000 + 2 * 262144});
}

TEST(T8nDifficulty, GlacierBombDelayByForkName) {
    json env = base_env();
    env["currentNumber"] = "11600000";  // GrayGlacier: 11.4M delay, period 2: bomb +1
    env["currentTimestamp"] = "0x5";
    env["parentTimestamp"] = "0x0";
    env["parentDifficulty"] = "0x20000000";
    env["currentBaseFee"] = "0x7";
    EXPECT_EQ(result_u256(run(env, "GrayGlacier"), "currentDifficulty"),
              uint256{0x20000000 + 262144 + 1});
    // London's delay (9.7M) puts the same block 19 periods into the bomb: +2^17.
    EXPECT_EQ(result_u256(run(env, "London"), "currentDifficulty"),
              uint256{0x20000000 + 262144 + (1u << 17)});
}

TEST(T8nDifficulty, MissingOrInconsistentParentValuesAreConfigErrors) {
    json env = base_env();
    auto [code, msg] = t8n_error_of([&] { run(env, "Frontier"); });
    EXPECT_EQ(code, t8n_exit::config_error);
    EXPECT_NE(msg.find("parentDifficulty"), std::string::npos) << msg;

    env["parentDifficulty"] = "0x20000";
    env["parentTimestamp"] = "0x3e8";  // not before currentTimestamp
    std::tie(code, msg) = t8n_error_of([&] { run(env, "Frontier"); });
    EXPECT_EQ(code, t8n_exit::config_error);
    EXPECT_NE(msg.find("parent time"), std::string::npos) << msg;
}

TEST(T8nExcessBlobGas, OsakaAppliesEip7918) {
    constexpr uint64_t blob = 131072;
    json env = merged_env();
    env["parentExcessBlobGas"] = "0x0";
    env["parentBlobGasUsed"] = std::to_string(7 * blob);  // target 6, max 9
    env["parentBaseFee"] = "17";  // reserve 2^13 * 17 > 2^17 * (blob base fee 1)
    EXPECT_EQ(result_u256(run(env, "Prague"), "currentExcessBlobGas"), uint256{blob});
    EXPECT_EQ(result_u256(run(env, "Osaka"), "currentExcessBlobGas"), uint256{7 * blob * 3 / 9});
    env["parentBaseFee"] = "16";  // reserve equals the blob price: the EIP-4844 rule
    EXPECT_EQ(result_u256(run(env, "Osaka"), "currentExcessBlobGas"), uint256{blob});
}

TEST(T8nRequests, PragueResultListsRequestsAndTheirHash) {
    json env = merged_env();
    const T8nOutput empty = run(env, "Prague");
    ASSERT_TRUE(empty.result.contains("requests"));
    EXPECT_TRUE(empty.result["requests"].empty());
    // sha256 of nothing.
    EXPECT_EQ(empty.result["requestsHash"],
              "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    // The EIP-7002 contract returns three bytes: one withdrawal request list 0x01 aabbcc.
    // PUSH3 aabbcc PUSH1 0 MSTORE PUSH1 3 PUSH1 29 RETURN
    const json alloc = {{"0x00000961Ef480Eb55e80D19ad83579A64c007002",
                         {{"balance", "0x0"}, {"code", "0x62aabbcc6000526003601df3"}}}};
    const T8nOutput out = run(env, "Prague", alloc);
    ASSERT_EQ(out.result["requests"].size(), 1u);
    EXPECT_EQ(out.result["requests"][0], "0x01aabbcc");
    const bytes request{0x01, 0xaa, 0xbb, 0xcc};
    EXPECT_EQ(out.result["requestsHash"], to_hex(sha256(sha256(request).view())));

    EXPECT_FALSE(run(env, "Cancun").result.contains("requests"));
}

TEST(T8nRejected, ErrorStartsWithGethTextAndKeepsTheExceptionName) {
    // The well-known test key of 0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b.
    const json alloc = {
        {"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b", {{"balance", "0x3635c9adc5dea00000"}}}};
    const json txs = json::array({{{"type", "0x0"},
                                   {"nonce", "0x5"},
                                   {"gasPrice", "0x10"},
                                   {"gas", "0x5208"},
                                   {"to", "0x0000000000000000000000000000000000000001"},
                                   {"value", "0x0"},
                                   {"input", "0x"},
                                   {"secretKey",
                                    "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240"
                                    "065ff2d8"}}});
    const T8nOutput out = run(merged_env(), "Shanghai", alloc, txs);
    ASSERT_TRUE(out.result.contains("rejected"));
    EXPECT_EQ(out.result["rejected"][0]["index"], 0);
    EXPECT_EQ(out.result["rejected"][0]["error"],
              "nonce too high: TransactionException.NONCE_MISMATCH_TOO_HIGH");
}

}  // namespace
