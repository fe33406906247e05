// SPDX-License-Identifier: Apache-2.0
// parevm: InMemoryState reads, StateDiff application and the resulting state roots.
#include <parevm/state/in_memory_state.hpp>

#include <parevm/core/rlp.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/state/mpt/state_root.hpp>
#include <parevm/state/mpt/trie.hpp>

#include <gtest/gtest.h>

using namespace parevm;

namespace {

const Address alice = address_from_u64(0xa11ce);
const Address bob = address_from_u64(0xb0b);
const Address carol = address_from_u64(0xca401);

const bytes code_a = {0x60, 0x01, 0x60, 0x00, 0x55, 0x00};  // PUSH1 1 PUSH1 0 SSTORE STOP
const bytes code_b = {0x60, 0x2a, 0x60, 0x00, 0x52, 0x00};  // PUSH1 42 PUSH1 0 MSTORE STOP

/// The state root recomputed from scratch: each account's leaf value built field by field.
Hash256 expected_root(
    const std::vector<std::tuple<Address, AccountInfo, std::map<uint256, uint256>>>& accounts) {
    std::vector<std::pair<bytes, bytes>> entries;
    for (const auto& [addr, info, storage] : accounts) {
        std::vector<std::pair<bytes, bytes>> slots;
        for (const auto& [k, v] : storage)
            slots.emplace_back(bytes{keccak256(be_store(k).view()).view()}, rlp::encode(v));
        const bytes account =
            rlp::encode_list({rlp::encode(info.nonce), rlp::encode(info.balance),
                              rlp::encode(trie_root(slots)), rlp::encode(info.code_hash)});
        entries.emplace_back(bytes{keccak256(addr.view()).view()}, account);
    }
    return trie_root(entries);
}

}  // namespace

TEST(InMemoryState, SetAccountAndRead) {
    InMemoryState s;
    EXPECT_FALSE(s.account(alice).has_value());
    EXPECT_EQ(s.storage(alice, 0), 0);
    EXPECT_FALSE(s.has_storage(alice));

    s.set_account(alice, 3, 1000, code_a, {{1, 5}, {2, 0}});
    const auto info = s.account(alice);
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->nonce, 3u);
    EXPECT_EQ(info->balance, 1000);
    EXPECT_EQ(info->code_hash, keccak256(code_a));
    EXPECT_EQ(s.code(info->code_hash), bytes_view{code_a});
    EXPECT_EQ(s.storage(alice, 1), 5);
    EXPECT_EQ(s.storage(alice, 2), 0);
    EXPECT_EQ(s.accounts().at(alice).storage.size(), 1u);  // zero values are not kept
    EXPECT_TRUE(s.has_storage(alice));

    s.set_account(bob, 0, 0, {}, {});
    EXPECT_EQ(s.account(bob)->code_hash, empty_code_hash);
    EXPECT_TRUE(s.code(empty_code_hash).empty());
    EXPECT_TRUE(s.code(keccak256(code_b)).empty());  // unknown hash
}

TEST(InMemoryState, BlockHashes) {
    InMemoryState s;
    const Hash256 h = keccak256(code_a);
    s.set_block_hash(7, h);
    EXPECT_EQ(s.block_hash(7), h);
    EXPECT_EQ(s.block_hash(8), Hash256{});
}

TEST(InMemoryState, ApplyDiff) {
    InMemoryState s;
    s.set_account(alice, 1, 500, {}, {});
    s.set_account(bob, 1, 0, code_a, {{1, 1}, {2, 2}});
    s.set_account(carol, 0, 7, {}, {{9, 9}});
    const Hash256 before = state_root(s);

    StateDiff diff;
    // alice: balance and nonce change, a new storage slot.
    AccountDiff a;
    a.address = alice;
    a.info = AccountInfo{2, 400, empty_code_hash};
    a.storage = {{3, 33}};
    // bob: destroyed and re-created in the block with new code and one slot.
    AccountDiff b;
    b.address = bob;
    b.storage_cleared = true;
    b.info = AccountInfo{1, 0, keccak256(code_b)};
    b.code = code_b;
    b.storage = {{5, 55}};
    // carol: deleted (the other fields must be ignored).
    AccountDiff c;
    c.address = carol;
    c.deleted = true;
    c.info = AccountInfo{9, 9, empty_code_hash};
    c.storage = {{1, 1}};
    diff.accounts = {a, b, c};
    s.apply(diff);

    EXPECT_EQ(s.account(alice)->nonce, 2u);
    EXPECT_EQ(s.account(alice)->balance, 400);
    EXPECT_EQ(s.storage(alice, 3), 33);
    EXPECT_EQ(s.storage(bob, 1), 0);
    EXPECT_EQ(s.storage(bob, 2), 0);
    EXPECT_EQ(s.storage(bob, 5), 55);
    EXPECT_EQ(s.code(keccak256(code_b)), bytes_view{code_b});
    EXPECT_FALSE(s.account(carol).has_value());
    EXPECT_FALSE(s.has_storage(carol));
    EXPECT_EQ(s.storage(carol, 9), 0);  // a deleted account's slots are gone

    const Hash256 after = state_root(s);
    EXPECT_NE(after, before);
    EXPECT_EQ(after, expected_root({{alice, AccountInfo{2, 400, empty_code_hash}, {{3, 33}}},
                                    {bob, AccountInfo{1, 0, keccak256(code_b)}, {{5, 55}}}}));

    // Zero values remove slots; an account whose storage empties gets the empty storage root.
    StateDiff clear;
    AccountDiff a2;
    a2.address = alice;
    a2.storage = {{3, 0}};
    clear.accounts = {a2};
    s.apply(clear);
    EXPECT_FALSE(s.has_storage(alice));
    EXPECT_EQ(s.storage(alice, 3), 0);
    // set_account replaces the storage too.
    s.set_account(bob, 1, 0, code_b, {{6, 66}});
    EXPECT_EQ(s.storage(bob, 5), 0);
    EXPECT_EQ(s.storage(bob, 6), 66);
    s.set_account(bob, 1, 0, code_b, {{5, 55}});
    EXPECT_EQ(s.storage(bob, 6), 0);
    EXPECT_EQ(state_root(s),
              expected_root({{alice, AccountInfo{2, 400, empty_code_hash}, {}},
                             {bob, AccountInfo{1, 0, keccak256(code_b)}, {{5, 55}}}}));
}

TEST(InMemoryState, ApplyCreatesNewAccounts) {
    InMemoryState s;
    StateDiff diff;
    AccountDiff d;
    d.address = carol;
    d.info = AccountInfo{1, 0, keccak256(code_a)};
    d.code = code_a;
    d.storage = {{0, 1}};
    diff.accounts = {d};
    s.apply(diff);
    ASSERT_TRUE(s.account(carol).has_value());
    EXPECT_EQ(s.code(s.account(carol)->code_hash), bytes_view{code_a});
    EXPECT_EQ(state_root(s),
              expected_root({{carol, AccountInfo{1, 0, keccak256(code_a)}, {{0, 1}}}}));
}

TEST(InMemoryState, SlotsReadTheSameThroughTheHashedCopy) {
    // storage() reads through a hashed copy of the slots, which every change must keep equal
    // to the ordered slots (a deleted slot may stay there as a zero).
    InMemoryState s;
    std::vector<std::pair<uint256, uint256>> slots;
    for (uint64_t k = 1; k <= 100; ++k) slots.emplace_back(k, k * 10);
    s.set_account(alice, 1, 0, code_a, slots);
    ASSERT_EQ(s.accounts().at(alice).hashed.size(), 100U);
    EXPECT_EQ(s.storage(alice, 7), 70);
    EXPECT_EQ(s.storage(alice, 101), 0);

    StateDiff diff;
    AccountDiff a;
    a.address = alice;
    a.storage = {{7, 0}, {8, 88}, {200, 2}};
    diff.accounts = {a};
    s.apply(diff);
    EXPECT_EQ(s.storage(alice, 7), 0);
    EXPECT_EQ(s.storage(alice, 8), 88);
    EXPECT_EQ(s.storage(alice, 200), 2);
    EXPECT_EQ(s.storage(alice, 9), 90);

    // Most slots deleted: the zeros left behind are dropped from the copy.
    AccountDiff clear_most;
    clear_most.address = alice;
    for (uint64_t k = 1; k <= 90; ++k) clear_most.storage.emplace_back(k, 0);
    diff.accounts = {clear_most};
    s.apply(diff);
    EXPECT_EQ(s.accounts().at(alice).storage.size(), 11U);
    EXPECT_LE(s.accounts().at(alice).hashed.size(), 2 * 11U + 8);
    EXPECT_EQ(s.storage(alice, 50), 0);
    EXPECT_EQ(s.storage(alice, 95), 950);
    EXPECT_EQ(s.storage(alice, 200), 2);

    // Wiped and re-created with one slot: the old slots read zero.
    AccountDiff wipe;
    wipe.address = alice;
    wipe.storage_cleared = true;
    wipe.info = AccountInfo{1, 0, keccak256(code_b)};
    wipe.code = code_b;
    wipe.storage = {{1, 5}};
    diff.accounts = {wipe};
    s.apply(diff);
    EXPECT_EQ(s.storage(alice, 1), 5);
    EXPECT_EQ(s.storage(alice, 9), 0);
    EXPECT_EQ(s.storage(alice, 200), 0);
    EXPECT_EQ(s.accounts().at(alice).hashed.size(), 1U);
}
