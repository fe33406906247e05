// SPDX-License-Identifier: Apache-2.0
// parevm bench: the committed contract artifacts match their manifest and the embedded copies.
#include <bench/workloads/contracts.hpp>
#include <parevm/core/hex.hpp>
#include <parevm/crypto/keccak.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace parevm;

const fs::path artifacts_dir = fs::path(PAREVM_SOURCE_DIR) / "bench" / "contracts" / "artifacts";

std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// MANIFEST: "<keccak256 hex>  <file>" per line; '#' lines are comments.
std::map<std::string, std::string> read_manifest() {
    std::map<std::string, std::string> m;
    std::istringstream in(read_text(artifacts_dir / "MANIFEST"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string hash, file;
        fields >> hash >> file;
        m[file] = hash;
    }
    return m;
}

bool contains(bytes_view code, bytes_view needle) {
    return code.find(needle) != bytes_view::npos;
}

/// The 4-byte selector as it appears after PUSH4 in a dispatcher.
bytes push4_selector(std::string_view signature) {
    const Hash256 h =
        keccak256(bytes_view{reinterpret_cast<const uint8_t*>(signature.data()), signature.size()});
    bytes b{0x63};
    b.append(h.bytes.begin(), h.bytes.begin() + 4);
    return b;
}

TEST(BenchContracts, ManifestMatchesCommittedFiles) {
    const auto manifest = read_manifest();
    ASSERT_EQ(manifest.size(), 12U);  // 6 contracts, runtime + creation each
    size_t hex_files = 0;
    for (const auto& e : fs::directory_iterator(artifacts_dir))
        if (e.path().extension() == ".hex") ++hex_files;
    EXPECT_EQ(hex_files, manifest.size());
    for (const auto& [file, hash] : manifest) {
        std::string text = read_text(artifacts_dir / file);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        const auto code = from_hex(text);
        ASSERT_TRUE(code.has_value()) << file;
        ASSERT_FALSE(code->empty()) << file;
        EXPECT_EQ(to_hex(keccak256(*code), false), hash) << file;
    }
}

TEST(BenchContracts, EmbeddedArtifactsEqualCommittedFiles) {
    const auto manifest = read_manifest();
    ASSERT_EQ(bench::artifacts().size(), manifest.size());
    for (const auto& a : bench::artifacts()) {
        const std::string file = a.name + "." + a.kind + ".hex";
        ASSERT_TRUE(manifest.count(file)) << file;
        EXPECT_EQ(to_hex(keccak256(a.code), false), manifest.at(file)) << file;
    }
}

TEST(BenchContracts, RuntimeCodeDispatchesTheExpectedFunctions) {
    using bench::Contract;
    const auto has = [](Contract c, std::string_view sig) {
        return contains(bench::runtime_code(c), push4_selector(sig));
    };
    EXPECT_TRUE(has(Contract::token, "transfer(address,uint256)"));
    EXPECT_TRUE(has(Contract::token, "transferFrom(address,address,uint256)"));
    EXPECT_TRUE(has(Contract::nft, "mint(address,uint256)"));
    EXPECT_TRUE(has(Contract::governance, "castVote(uint256,bool)"));
    EXPECT_TRUE(has(Contract::router, "swapExactIn(address,address,uint256,uint256)"));
    EXPECT_TRUE(has(Contract::uniswap_pair, "swap(uint256,uint256,address,bytes)"));
    EXPECT_TRUE(has(Contract::uniswap_pair, "getReserves()"));
    EXPECT_TRUE(has(Contract::uniswap_factory, "createPair(address,address)"));
    EXPECT_FALSE(has(Contract::token, "swap(uint256,uint256,address,bytes)"));
    // The factory deploys pairs with CREATE2, so its runtime embeds the pair's creation code.
    EXPECT_TRUE(contains(bench::runtime_code(Contract::uniswap_factory),
                         bench::creation_code(Contract::uniswap_pair)));
    // Creation code ends with (or carries) the runtime code it deploys.
    EXPECT_TRUE(
        contains(bench::creation_code(Contract::token), bench::runtime_code(Contract::token)));
}

}  // namespace
