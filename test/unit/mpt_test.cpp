// SPDX-License-Identifier: Apache-2.0
// parevm: trie roots against the ethereum/tests TrieTests vectors, and storage/state roots
// against nodes assembled by hand.
#include <parevm/state/mpt/state_root.hpp>
#include <parevm/state/mpt/trie.hpp>

#include <parevm/core/rlp.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/state/in_memory_state.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

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

bytes ascii(std::string_view s) {
    return bytes{reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

using Entries = std::vector<std::pair<bytes, bytes>>;

Entries strings(std::initializer_list<std::pair<std::string_view, std::string_view>> kv) {
    Entries out;
    for (const auto& [k, v] : kv) out.emplace_back(ascii(k), ascii(v));
    return out;
}

}  // namespace

TEST(TrieRoot, Empty) {
    EXPECT_EQ(trie_root({}),
              hash("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"));
    EXPECT_EQ(trie_root({}), empty_trie_root);
}

// ethereum/tests TrieTests (trieanyorder.json / trietest.json). The values there are the raw
// stored bytes, which is exactly what trie_root takes: it RLP-wraps each value itself.
TEST(TrieRoot, SingleItem) {
    const std::string value(50, 'a');
    EXPECT_EQ(trie_root(strings({{"A", value}})),
              hash("d23786fb4a010da3ce639d66d5e904a11dbc02746d1ce25029e53290cabf28ab"));
}

TEST(TrieRoot, Dogs) {
    // "dog" is a prefix of "dogglesworth": a branch with a value.
    EXPECT_EQ(trie_root(strings({{"doe", "reindeer"}, {"dog", "puppy"}, {"dogglesworth", "cat"}})),
              hash("8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3"));
}

TEST(TrieRoot, Puppy) {
    EXPECT_EQ(trie_root(strings(
                  {{"do", "verb"}, {"horse", "stallion"}, {"doge", "coin"}, {"dog", "puppy"}})),
              hash("5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84"));
}

TEST(TrieRoot, SmallNodesAreInlined) {
    EXPECT_EQ(trie_root(strings({{"foo", "bar"}, {"food", "bass"}})),
              hash("17beaa1648bafa633cda809c90c04af50fc8aed3cb40d16efbddee6fdf63c4c3"));
    EXPECT_EQ(trie_root(strings({{"be", "e"}, {"dog", "puppy"}, {"bed", "d"}})),
              hash("3f67c7a47520f79faa29255d2d3c084a7a6df0453116ed7232ff10277a8be68b"));
    EXPECT_EQ(trie_root(strings({{"test", "test"}, {"te", "testy"}})),
              hash("8452568af70d8d140f58d941338542f645fcca50094b20f3c3d8c3df49337928"));
    EXPECT_EQ(trie_root({{from_hex("0045"), from_hex("0123456789")},
                         {from_hex("4500"), from_hex("9876543210")}}),
              hash("285505fcabe84badc8aa310e2aae17eddc7d120aabec8a476902c8184b3a3503"));
}

// trietest.json "emptyValues": inserting an empty value deletes the key; the last write wins.
TEST(TrieRoot, EmptyValuesDeleteAndLastWriteWins) {
    EXPECT_EQ(trie_root(strings({{"do", "verb"},
                                 {"ether", "wookiedoo"},
                                 {"horse", "stallion"},
                                 {"shaman", "horse"},
                                 {"doge", "coin"},
                                 {"ether", ""},
                                 {"dog", "puppy"},
                                 {"shaman", ""}})),
              hash("5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84"));
    EXPECT_EQ(trie_root(strings({{"x", ""}})), empty_trie_root);
}

TEST(TrieRoot, OrderIndependent) {
    Entries e;
    for (int i = 0; i < 300; ++i) {
        const bytes key{
            keccak256(bytes{static_cast<uint8_t>(i), static_cast<uint8_t>(i >> 8)}).view()};
        e.emplace_back(key.substr(0, 1 + i % 5), rlp::encode(static_cast<uint64_t>(i + 1)));
    }
    // Shortened keys repeat; keep the first of each so both orders hold the same set.
    std::vector<std::pair<bytes, bytes>> unique;
    for (auto& kv : e)
        if (std::none_of(unique.begin(), unique.end(),
                         [&](const auto& u) { return u.first == kv.first; }))
            unique.push_back(kv);
    const Hash256 root = trie_root(unique);
    std::mt19937 rng(7);
    for (int round = 0; round < 5; ++round) {
        std::shuffle(unique.begin(), unique.end(), rng);
        EXPECT_EQ(trie_root(unique), root);
    }
}

// A one-entry trie is a single leaf: keccak(rlp([hp(key, leaf), value])), hex prefix 0x20 for an
// even-length path. Built here by hand from the Yellow Paper's node layout.
TEST(TrieRoot, OneEntryIsOneLeaf) {
    const bytes key = from_hex("abcd");
    const bytes value = ascii("a value longer than thirty-two bytes, so not inlined");
    const bytes leaf = rlp::encode_list({rlp::encode(from_hex("20abcd")), rlp::encode(value)});
    EXPECT_EQ(trie_root({{key, value}}), keccak256(leaf));
    // Even when the leaf is short, the root is its hash (only children are inlined).
    const bytes small_leaf =
        rlp::encode_list({rlp::encode(from_hex("20abcd")), rlp::encode(ascii("v"))});
    ASSERT_LT(small_leaf.size(), 32u);
    EXPECT_EQ(trie_root({{key, ascii("v")}}), keccak256(small_leaf));
}

// Long keys: hex prefixes of 56 bytes or more take the long RLP header, in a leaf and in an
// extension. Two keys share 100 bytes and differ in the next nibble: an extension over the 200
// shared nibbles, a branch with leaves at slots 1 and 2, each leaf holding the remaining 41
// nibbles.
TEST(TrieRoot, LongKeysByHand) {
    bytes shared(100, 0x5c);
    bytes k1 = shared + bytes(21, 0x1a);
    bytes k2 = shared + bytes(21, 0x2b);
    const bytes v1(40, 0x01), v2(40, 0x02);

    // Leaf paths after the branch nibble: 41 nibbles (odd): flag 3, first nibble, 20 bytes.
    bytes hp1{0x3a};
    hp1.append(bytes(20, 0x1a));
    bytes hp2{0x3b};
    hp2.append(bytes(20, 0x2b));
    const bytes leaf1 = rlp::encode_list({rlp::encode(hp1), rlp::encode(v1)});
    const bytes leaf2 = rlp::encode_list({rlp::encode(hp2), rlp::encode(v2)});
    ASSERT_GE(leaf1.size(), 32u);
    bytes branch_payload;
    for (int slot = 0; slot < 16; ++slot) {
        if (slot == 1)
            branch_payload += rlp::encode(keccak256(leaf1).view());
        else if (slot == 2)
            branch_payload += rlp::encode(keccak256(leaf2).view());
        else
            branch_payload.push_back(0x80);
    }
    branch_payload.push_back(0x80);  // no value at the branch
    const bytes branch = rlp::wrap_list(branch_payload);
    bytes hp_ext{0x00};  // even extension path: flag 0, padding nibble
    hp_ext += shared;
    ASSERT_GE(hp_ext.size(), 56u);
    const bytes ext =
        rlp::encode_list({rlp::encode(hp_ext), rlp::encode(keccak256(branch).view())});
    EXPECT_EQ(trie_root({{k1, v1}, {k2, v2}}), keccak256(ext));

    // A single long key: one leaf with a 122-byte hex prefix.
    bytes hp_leaf{0x20};
    hp_leaf += k1;
    EXPECT_EQ(trie_root({{k1, v1}}),
              keccak256(rlp::encode_list({rlp::encode(hp_leaf), rlp::encode(v1)})));
    bytes very_long(300, 0x77);
    bytes hp_very{0x20};
    hp_very += very_long;
    EXPECT_EQ(trie_root({{very_long, v1}}),
              keccak256(rlp::encode_list({rlp::encode(hp_very), rlp::encode(v1)})));
}

TEST(StorageRoot, MatchesHandBuiltTrie) {
    EXPECT_EQ(storage_root({}), empty_trie_root);
    EXPECT_EQ(storage_root({{1, 0}}), empty_trie_root);  // zero values are absent

    const std::map<uint256, uint256> storage{{0, 0x2a}, {1, 0}, {uint256{0, 0, 0, 1}, ~uint256{}}};
    const Entries expected_entries{
        {bytes{keccak256(be_store(uint256{0}).view()).view()}, rlp::encode(uint256{0x2a})},
        {bytes{keccak256(be_store(uint256{0, 0, 0, 1}).view()).view()}, rlp::encode(~uint256{})},
    };
    EXPECT_EQ(storage_root(storage), trie_root(expected_entries));

    // One slot by hand: leaf path = all 64 nibbles of keccak(be32(slot)), prefix byte 0x20.
    const Hash256 k = keccak256(be_store(uint256{0}).view());
    bytes path{0x20};
    path.append(k.view());
    const bytes leaf =
        rlp::encode_list({rlp::encode(path), rlp::encode(rlp::encode(uint256{0x2a}))});
    EXPECT_EQ(storage_root({{0, 0x2a}}), keccak256(leaf));
}

TEST(StateRoot, SingleAccountByHand) {
    InMemoryState state;
    const Address addr{from_hex("a94f5374fce5edbc8e2a8697c15331677e6ebf0b")};
    state.set_account(addr, 1, 1'000'000'000, {}, {});

    // account = rlp([nonce, balance, storage_root, code_hash]) at path keccak(address).
    const bytes account =
        rlp::encode_list({rlp::encode(uint64_t{1}), rlp::encode(uint256{1'000'000'000}),
                          rlp::encode(empty_trie_root), rlp::encode(empty_code_hash)});
    EXPECT_EQ(account_rlp(*state.account(addr), empty_trie_root), account);
    bytes path{0x20};
    path.append(keccak256(addr.view()).view());
    const bytes leaf = rlp::encode_list({rlp::encode(path), rlp::encode(account)});
    EXPECT_EQ(state_root(state), keccak256(leaf));
}

TEST(StateRoot, EmptyStateAndStorageChangesRoot) {
    InMemoryState state;
    EXPECT_EQ(state_root(state), empty_trie_root);
    const Address a{from_hex("1000000000000000000000000000000000000001")};
    state.set_account(a, 0, 5, from_hex("600160005500"), {});
    const Hash256 without_storage = state_root(state);
    state.set_account(a, 0, 5, from_hex("600160005500"), {{0, 1}});
    const Hash256 with_storage = state_root(state);
    EXPECT_NE(without_storage, with_storage);

    const auto& entry = state.accounts().at(a);
    const bytes expected_account = account_rlp(entry.info, storage_root(entry.storage));
    EXPECT_EQ(with_storage, trie_root({{bytes{keccak256(a.view()).view()}, expected_account}}));
    EXPECT_EQ(entry.info.code_hash, keccak256(from_hex("600160005500")));
}

namespace {

std::filesystem::path fixtures_dir() {
    if (const char* env = std::getenv("PAREVM_FIXTURES")) return env;
    // test/unit/mpt_test.cpp -> <repo>/../shared/fixtures
    return std::filesystem::path(__FILE__).parent_path() / "../../../shared/fixtures";
}

InMemoryState state_from_alloc(const nlohmann::json& alloc) {
    InMemoryState state;
    for (const auto& [addr_hex, acc] : alloc.items()) {
        std::vector<std::pair<uint256, uint256>> storage;
        for (const auto& [k, v] : acc.at("storage").items())
            storage.emplace_back(*parse_uint256(k), *parse_uint256(v.get<std::string>()));
        state.set_account(Address{from_hex(addr_hex)},
                          parse_uint256(acc.at("nonce").get<std::string>())->low64(),
                          *parse_uint256(acc.at("balance").get<std::string>()),
                          from_hex(acc.at("code").get<std::string>()), storage);
    }
    return state;
}

}  // namespace

// Independent check against the EEST blockchain fixtures: the genesis header commits to the
// pre-state, and the head block's header to the post-state. Skipped without the fixtures.
TEST(StateRoot, MatchesBlockchainFixtureHeaders) {
    const auto dir = fixtures_dir() / "eest/blockchain_tests";
    if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no fixtures at " << dir;
    size_t checked = 0;
    for (const auto& file : std::filesystem::recursive_directory_iterator(dir)) {
        if (file.path().extension() != ".json") continue;
        std::ifstream in(file.path());
        const auto doc = nlohmann::json::parse(in);
        for (const auto& [name, test] : doc.items()) {
            const auto& genesis = test.at("genesisBlockHeader");
            EXPECT_EQ(state_root(state_from_alloc(test.at("pre"))),
                      hash(genesis.at("stateRoot").get<std::string>()))
                << name;
            ++checked;
            if (!test.contains("postState")) continue;
            const std::string head = test.at("lastblockhash").get<std::string>();
            std::string head_root;
            if (genesis.at("hash") == head) head_root = genesis.at("stateRoot");
            for (const auto& block : test.at("blocks"))
                if (block.contains("blockHeader") && block["blockHeader"].at("hash") == head)
                    head_root = block["blockHeader"].at("stateRoot");
            ASSERT_FALSE(head_root.empty()) << name;
            EXPECT_EQ(state_root(state_from_alloc(test.at("postState"))), hash(head_root)) << name;
            ++checked;
        }
    }
    EXPECT_GT(checked, 0u);
}
