// SPDX-License-Identifier: Apache-2.0
// Tests of State (journal, storage_cleared reads, finalize, write sets) and BlockOverlay.
#include <parevm/crypto/keccak.hpp>
#include <parevm/state/block_overlay.hpp>
#include <parevm/state/in_memory_state.hpp>
#include <parevm/state/state.hpp>

#include <gtest/gtest.h>

#include <algorithm>

using namespace parevm;

namespace {

const Address alice = address_from_u64(0xa11ce);
const Address bob = address_from_u64(0xb0b);
const Address contract = address_from_u64(0xc0de);
const Address nobody = address_from_u64(0xdead);

/// alice: nonce 1, balance 1000; contract: code 0x00, storage {1: 10, 2: 20}.
InMemoryState make_pre() {
    InMemoryState pre;
    pre.set_account(alice, 1, 1000, {}, {});
    const bytes code{0x00};
    pre.set_account(contract, 1, 5, code, {{1, 10}, {2, 20}});
    return pre;
}

const AccountDiff* find(const WriteSet& ws, const Address& a) {
    const auto it = std::find_if(ws.accounts.begin(), ws.accounts.end(),
                                 [&](const AccountDiff& d) { return d.address == a; });
    return it == ws.accounts.end() ? nullptr : &*it;
}

uint256 slot_of(const AccountDiff& d, const uint256& key) {
    for (const auto& [k, v] : d.storage)
        if (k == key) return v;
    ADD_FAILURE() << "slot not in diff";
    return {};
}

}  // namespace

TEST(State, ReadsFallThroughToTheView) {
    const InMemoryState pre = make_pre();
    State s(pre);
    EXPECT_TRUE(s.exists(alice));
    EXPECT_FALSE(s.exists(nobody));
    EXPECT_TRUE(s.is_empty(nobody));
    EXPECT_EQ(s.balance(alice), uint256{1000});
    EXPECT_EQ(s.nonce(contract), 1u);
    EXPECT_EQ(s.code(contract), bytes({0x00}));
    EXPECT_EQ(s.storage(contract, 2), uint256{20});
    EXPECT_EQ(s.storage(contract, 3), uint256{0});
    EXPECT_TRUE(s.has_storage(contract));
    EXPECT_FALSE(s.has_storage(alice));
}

TEST(State, RollbackUndoesEveryKindOfChange) {
    const InMemoryState pre = make_pre();
    State s(pre);
    s.add_balance(alice, 1);
    const auto cp = s.checkpoint();
    s.sub_balance(alice, 500);
    s.add_balance(bob, 500);  // creates bob
    s.set_nonce(alice, 7);
    s.set_storage(contract, 1, 11);
    s.set_transient_storage(contract, 9, 99);
    EXPECT_FALSE(s.warm_account(nobody));
    EXPECT_FALSE(s.warm_slot(contract, 1));
    s.add_log(StateLog{contract, {}, bytes{0x01}});
    s.set_code(bob, bytes{0x60, 0x00});
    EXPECT_TRUE(s.exists(bob));
    EXPECT_EQ(s.storage(contract, 1), uint256{11});
    EXPECT_EQ(s.transient_storage(contract, 9), uint256{99});
    EXPECT_TRUE(s.warm_account(nobody));

    s.rollback(cp);
    EXPECT_EQ(s.balance(alice), uint256{1001});  // the change before the checkpoint stays
    EXPECT_EQ(s.nonce(alice), 1u);
    EXPECT_FALSE(s.exists(bob));
    EXPECT_TRUE(s.code(bob).empty());
    EXPECT_EQ(s.storage(contract, 1), uint256{10});
    EXPECT_EQ(s.transient_storage(contract, 9), uint256{0});
    EXPECT_FALSE(s.warm_account(nobody));  // cold again (and now warm)
    EXPECT_FALSE(s.warm_slot(contract, 1));
    EXPECT_TRUE(s.logs().empty());
}

TEST(State, NestedCheckpoints) {
    const InMemoryState pre = make_pre();
    State s(pre);
    const auto outer = s.checkpoint();
    s.set_storage(contract, 1, 100);
    const auto inner = s.checkpoint();
    s.set_storage(contract, 1, 200);
    s.set_storage(contract, 2, 0);
    s.rollback(inner);
    EXPECT_EQ(s.storage(contract, 1), uint256{100});
    EXPECT_EQ(s.storage(contract, 2), uint256{20});
    EXPECT_EQ(s.original_storage(contract, 1), uint256{10});
    s.rollback(outer);
    EXPECT_EQ(s.storage(contract, 1), uint256{10});
}

TEST(State, CreatedAccountReadsZeroStorageAndRollsBack) {
    const InMemoryState pre = make_pre();
    State s(pre);
    EXPECT_EQ(s.storage(contract, 1), uint256{10});  // loaded before the creation
    const auto cp = s.checkpoint();
    s.create_contract(contract, 1);
    EXPECT_TRUE(s.is_created(contract));
    EXPECT_EQ(s.balance(contract), uint256{5});  // the balance survives a creation
    EXPECT_TRUE(s.code(contract).empty());
    EXPECT_EQ(s.storage(contract, 1), uint256{0});           // loaded slot is cleared
    EXPECT_EQ(s.storage(contract, 2), uint256{0});           // never loaded: not read from the view
    EXPECT_EQ(s.original_storage(contract, 1), uint256{0});  // EIP-2200 for new accounts
    EXPECT_FALSE(s.has_storage(contract));
    s.set_storage(contract, 3, 33);
    EXPECT_TRUE(s.has_storage(contract));

    s.rollback(cp);
    EXPECT_FALSE(s.is_created(contract));
    EXPECT_EQ(s.storage(contract, 1), uint256{10});
    EXPECT_EQ(s.storage(contract, 2), uint256{20});
    EXPECT_EQ(s.storage(contract, 3), uint256{0});
    EXPECT_EQ(s.code(contract), bytes({0x00}));
}

TEST(State, FinalizeDeletesDestructedAndTouchedEmptyAccounts) {
    InMemoryState pre = make_pre();
    pre.set_account(bob, 0, 0, {}, {});  // empty account in the pre-state
    {
        State s(pre);
        EXPECT_TRUE(s.destruct(contract));
        EXPECT_FALSE(s.destruct(contract));  // only the first registration counts
        EXPECT_EQ(s.balance(contract), uint256{0});
        s.touch(bob);
        s.finalize(true);
        const WriteSet ws = s.write_set();
        ASSERT_NE(find(ws, contract), nullptr);
        EXPECT_TRUE(find(ws, contract)->deleted);
        ASSERT_NE(find(ws, bob), nullptr);
        EXPECT_TRUE(find(ws, bob)->deleted);
    }
    {
        // Before Spurious Dragon touched empty accounts stay.
        State s(pre);
        s.touch(bob);
        s.finalize(false);
        EXPECT_EQ(find(s.write_set(), bob), nullptr);
    }
    {
        // A touch that is rolled back does not delete.
        State s(pre);
        const auto cp = s.checkpoint();
        s.touch(bob);
        s.rollback(cp);
        s.finalize(true);
        EXPECT_EQ(find(s.write_set(), bob), nullptr);
    }
}

TEST(State, RipemdTouchSurvivesRollback) {
    const Address ripemd = address_from_u64(3);
    InMemoryState pre;
    pre.set_account(ripemd, 0, 0, {}, {});
    State s(pre);
    const auto cp = s.checkpoint();
    s.touch(ripemd);
    s.rollback(cp);
    s.keep_touched(ripemd);
    s.finalize(true);
    const WriteSet ws = s.write_set();
    ASSERT_NE(find(ws, ripemd), nullptr);
    EXPECT_TRUE(find(ws, ripemd)->deleted);
}

TEST(State, WriteSetHoldsOnlyNetChanges) {
    const InMemoryState pre = make_pre();
    State s(pre);
    s.set_storage(contract, 1, 11);
    s.set_storage(contract, 2, 21);
    s.set_storage(contract, 2, 20);  // back to the original: no write
    (void)s.storage(contract, 5);    // a read is no write
    s.sub_balance(alice, 100);
    s.add_balance(bob, 100);
    s.set_code(bob, bytes{0x60, 0x01});
    s.add_balance(nobody, 0);  // touched empty account: created then cleared
    s.finalize(true);
    const WriteSet ws = s.write_set();
    EXPECT_EQ(ws.accounts.size(), 3u);  // alice, bob, contract

    const AccountDiff* c = find(ws, contract);
    ASSERT_NE(c, nullptr);
    EXPECT_FALSE(c->info.has_value());
    ASSERT_EQ(c->storage.size(), 1u);
    EXPECT_EQ(slot_of(*c, 1), uint256{11});

    const AccountDiff* a = find(ws, alice);
    ASSERT_NE(a, nullptr);
    ASSERT_TRUE(a->info.has_value());
    EXPECT_EQ(a->info->balance, uint256{900});
    EXPECT_EQ(a->info->nonce, 1u);

    const AccountDiff* b = find(ws, bob);
    ASSERT_NE(b, nullptr);
    ASSERT_TRUE(b->info && b->code);
    EXPECT_EQ(*b->code, bytes({0x60, 0x01}));
    EXPECT_EQ(b->info->code_hash, keccak256(*b->code));
    EXPECT_EQ(find(ws, nobody), nullptr);
}

TEST(State, WriteSetOfRecreatedAccountClearsStorage) {
    const InMemoryState pre = make_pre();
    State s(pre);
    s.create_contract(contract, 1);
    s.set_storage(contract, 7, 70);
    s.set_code(contract, bytes{0x5f});
    s.finalize(true);
    const WriteSet ws = s.write_set();
    const AccountDiff* c = find(ws, contract);
    ASSERT_NE(c, nullptr);
    EXPECT_TRUE(c->storage_cleared);
    ASSERT_EQ(c->storage.size(), 1u);
    EXPECT_EQ(slot_of(*c, 7), uint256{70});
    ASSERT_TRUE(c->code.has_value());
}

TEST(BlockOverlay, LaterTransactionsSeeEarlierWrites) {
    const InMemoryState pre = make_pre();
    BlockOverlay overlay(pre);
    {
        State s(overlay);
        s.sub_balance(alice, 300);
        s.add_balance(bob, 300);
        s.set_storage(contract, 1, 0);
        s.finalize(true);
        overlay.apply(s.write_set());
    }
    EXPECT_EQ(overlay.account(alice)->balance, uint256{700});
    EXPECT_EQ(overlay.account(bob)->balance, uint256{300});
    EXPECT_EQ(overlay.storage(contract, 1), uint256{0});
    EXPECT_EQ(overlay.storage(contract, 2), uint256{20});
    {
        State s(overlay);
        EXPECT_EQ(s.balance(bob), uint256{300});
        EXPECT_TRUE(s.destruct(contract));
        s.finalize(true);
        overlay.apply(s.write_set());
    }
    EXPECT_FALSE(overlay.account(contract).has_value());
    EXPECT_EQ(overlay.storage(contract, 2), uint256{0});
    EXPECT_FALSE(overlay.has_storage(contract));
    {
        // Re-created in a later transaction: the old slots stay gone.
        State s(overlay);
        EXPECT_EQ(s.storage(contract, 2), uint256{0});
        s.create_contract(contract, 1);
        s.set_storage(contract, 4, 44);
        s.set_code(contract, bytes{0x01, 0x02});
        s.finalize(true);
        overlay.apply(s.write_set());
    }
    EXPECT_EQ(overlay.storage(contract, 2), uint256{0});
    EXPECT_EQ(overlay.storage(contract, 4), uint256{44});
    EXPECT_EQ(overlay.code(overlay.account(contract)->code_hash), bytes({0x01, 0x02}));

    const StateDiff diff = overlay.diff();
    ASSERT_EQ(diff.accounts.size(), 3u);
    EXPECT_TRUE(std::is_sorted(
        diff.accounts.begin(), diff.accounts.end(),
        [](const AccountDiff& x, const AccountDiff& y) { return x.address < y.address; }));
    for (const AccountDiff& d : diff.accounts) {
        if (d.address == contract) {
            EXPECT_FALSE(d.deleted);
            EXPECT_TRUE(d.storage_cleared);
            ASSERT_EQ(d.storage.size(), 1u);
            EXPECT_EQ(d.storage[0].second, uint256{44});
            ASSERT_TRUE(d.code.has_value());
        } else if (d.address == bob) {
            ASSERT_TRUE(d.info.has_value());
            EXPECT_EQ(d.info->balance, uint256{300});
        } else {
            EXPECT_EQ(d.address, alice);
        }
    }

    // Applying the diff to the pre-state gives the overlay's view.
    InMemoryState post = make_pre();
    post.apply(diff);
    EXPECT_EQ(post.account(alice)->balance, uint256{700});
    EXPECT_EQ(post.storage(contract, 2), uint256{0});
    EXPECT_EQ(post.storage(contract, 4), uint256{44});
}

TEST(BlockOverlay, AccountCreatedAndDeletedInBlockLeavesNoDiff) {
    const InMemoryState pre = make_pre();
    BlockOverlay overlay(pre);
    {
        State s(overlay);
        s.add_balance(nobody, 5);
        s.finalize(true);
        overlay.apply(s.write_set());
    }
    {
        State s(overlay);
        s.destruct(nobody);
        s.finalize(true);
        overlay.apply(s.write_set());
    }
    EXPECT_FALSE(overlay.account(nobody).has_value());
    EXPECT_TRUE(overlay.diff().accounts.empty());
}
