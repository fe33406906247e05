// SPDX-License-Identifier: Apache-2.0
// Tests of transaction validation and execution, and of the sequential block executor.
#include <parevm/core/hex.hpp>
#include <parevm/execution/execute_transaction.hpp>
#include <parevm/execution/host.hpp>
#include <parevm/state/block_overlay.hpp>
#include <parevm/state/in_memory_state.hpp>

#include <gtest/gtest.h>

using namespace parevm;

namespace {

const Address sender = address_from_u64(0x5e4de4);
const Address recipient = address_from_u64(0x4ec1);
const Address coinbase = address_from_u64(0xc014ba5e);
const Address contract = address_from_u64(0xc0de);
constexpr uint64_t initial_balance = 1'000'000'000'000'000'000ull;  // 1 ether

Block make_block(Revision rev) {
    Block b;
    b.revision = rev;
    b.chain_id = 1;
    b.env.number = 1;
    b.env.timestamp = 1000;
    b.env.gas_limit = 30'000'000;
    b.env.coinbase = coinbase;
    b.env.base_fee = rev >= Revision::london ? 7 : 0;
    return b;
}

Transaction transfer(uint64_t nonce, uint64_t value, uint64_t gas_price = 10) {
    Transaction tx;
    tx.type = TxType::legacy;
    tx.chain_id = 1;
    tx.nonce = nonce;
    tx.max_fee_per_gas = gas_price;
    tx.max_priority_fee_per_gas = gas_price;
    tx.gas_limit = 21000;
    tx.to = recipient;
    tx.value = value;
    tx.sender = sender;
    return tx;
}

struct Run {
    TxOutcome outcome;
    BlockOverlay post;
    size_t writes = 0;
    explicit Run(const StateView& pre) : post(pre) {}
};

/// Executes one transaction over `pre`; the post-state is readable through `post`.
std::unique_ptr<Run> run(const Block& block,
                         const StateView& pre,
                         const Transaction& tx,
                         uint64_t block_gas_left = 30'000'000) {
    auto r = std::make_unique<Run>(pre);
    CodeCache cache;
    const BlockContext ctx = make_block_context(block, cache);
    State state(pre);
    r->outcome = execute_transaction(ctx, tx, state, block_gas_left, 6 * (uint64_t{1} << 17));
    const WriteSet ws = state.write_set();
    r->writes = ws.accounts.size();
    r->post.apply(ws);
    return r;
}

uint256 balance(const StateView& v, const Address& a) {
    const auto info = v.account(a);
    return info ? info->balance : uint256{};
}

InMemoryState funded_pre(uint64_t nonce = 0) {
    InMemoryState pre;
    pre.set_account(sender, nonce, initial_balance, {}, {});
    return pre;
}

}  // namespace

TEST(ExecuteTransaction, ValueTransferExactBalances) {
    const InMemoryState pre = funded_pre();
    const auto r = run(make_block(Revision::cancun), pre, transfer(0, 1000));
    ASSERT_FALSE(r->outcome.error);
    const Receipt& rc = r->outcome.receipt;
    EXPECT_TRUE(rc.success);
    EXPECT_EQ(rc.gas_used, 21000u);
    EXPECT_TRUE(rc.logs.empty());
    EXPECT_EQ(rc.bloom, Bloom{});
    EXPECT_FALSE(rc.contract_address);
    // Gas price 10, base fee 7: the sender pays 10 per gas, the coinbase earns 3 per gas.
    EXPECT_EQ(balance(r->post, sender), uint256{initial_balance - 21000 * 10 - 1000});
    EXPECT_EQ(balance(r->post, recipient), uint256{1000});
    EXPECT_EQ(balance(r->post, coinbase), uint256{21000 * 3});
    EXPECT_EQ(r->post.account(sender)->nonce, 1u);
}

TEST(ExecuteTransaction, IntrinsicGasTooLowLeavesStateUntouched) {
    const InMemoryState pre = funded_pre();
    Transaction tx = transfer(0, 1);
    tx.data = bytes{0x01};  // 21000 + 16 needed
    const auto r = run(make_block(Revision::cancun), pre, tx);
    ASSERT_TRUE(r->outcome.error);
    EXPECT_EQ(*r->outcome.error, TxError::intrinsic_gas_too_low);
    EXPECT_EQ(r->writes, 0u);

    // Before Istanbul a non-zero byte costs 68 (EIP-2028 lowered it to 16).
    tx.gas_limit = 21016;
    EXPECT_FALSE(run(make_block(Revision::istanbul), pre, tx)->outcome.error);
    EXPECT_EQ(run(make_block(Revision::petersburg), pre, tx)->outcome.error,
              TxError::intrinsic_gas_too_low);
}

TEST(ExecuteTransaction, IntrinsicGasComponents) {
    Transaction tx = transfer(0, 0);
    tx.data = bytes{0x00, 0x01, 0x00};
    EXPECT_EQ(intrinsic_gas(tx, Revision::frontier).gas, 21000u + 4 + 68 + 4);
    EXPECT_EQ(intrinsic_gas(tx, Revision::istanbul).gas, 21000u + 4 + 16 + 4);
    EXPECT_EQ(intrinsic_gas(tx, Revision::cancun).floor, 0u);
    EXPECT_EQ(intrinsic_gas(tx, Revision::prague).floor, 21000u + 10 * (2 + 4));
    tx.access_list = {{recipient, {1, 2}}};
    EXPECT_EQ(intrinsic_gas(tx, Revision::berlin).gas, 21000u + 24 + 2400 + 2 * 1900);
    tx.access_list.clear();
    tx.to.reset();
    EXPECT_EQ(intrinsic_gas(tx, Revision::frontier).gas, 21000u + 76);
    EXPECT_EQ(intrinsic_gas(tx, Revision::homestead).gas, 21000u + 32000 + 76);
    EXPECT_EQ(intrinsic_gas(tx, Revision::shanghai).gas, 21000u + 32000 + 24 + 2);  // EIP-3860
}

TEST(ExecuteTransaction, FloorCostEip7623) {
    const InMemoryState pre = funded_pre();
    Transaction tx = transfer(0, 0);
    tx.data = bytes(100, 0x00);  // intrinsic 21400, floor 22000
    tx.gas_limit = 21500;
    EXPECT_EQ(run(make_block(Revision::prague), pre, tx)->outcome.error,
              TxError::intrinsic_gas_below_floor_gas_cost);
    EXPECT_FALSE(run(make_block(Revision::cancun), pre, tx)->outcome.error);
    tx.gas_limit = 30000;
    const auto r = run(make_block(Revision::prague), pre, tx);
    ASSERT_FALSE(r->outcome.error);
    EXPECT_EQ(r->outcome.receipt.gas_used, 22000u);
    EXPECT_EQ(balance(r->post, sender), uint256{initial_balance - 22000 * 10});
}

TEST(ExecuteTransaction, NonceErrors) {
    const InMemoryState pre = funded_pre(5);
    const Block block = make_block(Revision::cancun);
    EXPECT_EQ(run(block, pre, transfer(4, 0))->outcome.error, TxError::nonce_mismatch_too_low);
    EXPECT_EQ(run(block, pre, transfer(6, 0))->outcome.error, TxError::nonce_mismatch_too_high);
    EXPECT_FALSE(run(block, pre, transfer(5, 0))->outcome.error);
    const InMemoryState max_pre = funded_pre(~uint64_t{0});
    EXPECT_EQ(run(block, max_pre, transfer(~uint64_t{0}, 0))->outcome.error, TxError::nonce_is_max);
}

TEST(ExecuteTransaction, FeeAndBalanceErrors) {
    const InMemoryState pre = funded_pre();
    const Block block = make_block(Revision::cancun);
    EXPECT_EQ(run(block, pre, transfer(0, initial_balance))->outcome.error,
              TxError::insufficient_account_funds);
    EXPECT_EQ(run(block, pre, transfer(0, 0, 6))->outcome.error,
              TxError::insufficient_max_fee_per_gas);

    Transaction tx = transfer(0, 0);
    tx.type = TxType::dynamic_fee;
    tx.max_priority_fee_per_gas = 11;
    EXPECT_EQ(run(block, pre, tx)->outcome.error, TxError::priority_greater_than_max_fee_per_gas);
    tx.max_priority_fee_per_gas = 1;
    EXPECT_EQ(run(make_block(Revision::berlin), pre, tx)->outcome.error,
              TxError::type_2_tx_pre_fork);
    tx.chain_id = 5;
    EXPECT_EQ(run(block, pre, tx)->outcome.error, TxError::invalid_chainid);

    EXPECT_EQ(run(block, pre, transfer(0, 0), 20999)->outcome.error,
              TxError::gas_allowance_exceeded);
    Transaction big = transfer(0, 0);
    big.gas_limit = (uint64_t{1} << 24) + 1;
    EXPECT_EQ(run(make_block(Revision::osaka), pre, big)->outcome.error,
              TxError::gas_limit_exceeds_maximum);
    EXPECT_FALSE(run(make_block(Revision::prague), pre, big)->outcome.error);
}

TEST(ExecuteTransaction, SenderWithCodeIsRejected) {
    InMemoryState pre;
    pre.set_account(sender, 0, initial_balance, bytes{0x00}, {});
    EXPECT_EQ(run(make_block(Revision::cancun), pre, transfer(0, 0))->outcome.error,
              TxError::sender_not_eoa);
    // EIP-7702: a delegated EOA may send.
    InMemoryState delegated;
    delegated.set_account(sender, 0, initial_balance, delegation_designator(contract), {});
    EXPECT_FALSE(run(make_block(Revision::prague), delegated, transfer(0, 0))->outcome.error);
}

TEST(ExecuteTransaction, ContractStoresAValue) {
    InMemoryState pre = funded_pre();
    // PUSH1 1 PUSH1 0 SSTORE STOP
    pre.set_account(contract, 1, 0, bytes{0x60, 0x01, 0x60, 0x00, 0x55, 0x00}, {});
    Transaction tx = transfer(0, 0);
    tx.type = TxType::dynamic_fee;
    tx.to = contract;
    tx.max_fee_per_gas = 10;
    tx.max_priority_fee_per_gas = 2;
    tx.gas_limit = 100000;
    const auto r = run(make_block(Revision::cancun), pre, tx);
    ASSERT_FALSE(r->outcome.error);
    EXPECT_TRUE(r->outcome.receipt.success);
    // 21000 + 2 * PUSH1 + SSTORE of a cold zero slot (2100 + 20000).
    const uint64_t gas = 21000 + 6 + 22100;
    EXPECT_EQ(r->outcome.receipt.gas_used, gas);
    EXPECT_EQ(r->post.storage(contract, 0), uint256{1});
    EXPECT_EQ(balance(r->post, sender), uint256{initial_balance - gas * 9});  // 7 + 2 per gas
    EXPECT_EQ(balance(r->post, coinbase), uint256{gas * 2});
}

TEST(ExecuteTransaction, RefundIsCappedByRevision) {
    InMemoryState pre = funded_pre();
    // PUSH1 0 PUSH1 0 SSTORE STOP: clears slot 0 (value 1).
    pre.set_account(contract, 1, 0, bytes{0x60, 0x00, 0x60, 0x00, 0x55, 0x00}, {{0, 1}});
    Transaction tx = transfer(0, 0);
    tx.to = contract;
    tx.gas_limit = 100000;
    // London: 21000 + 6 + 5000 = 26006 used; refund 4800 (EIP-3529) under the cap 26006 / 5.
    const auto london = run(make_block(Revision::london), pre, tx);
    ASSERT_FALSE(london->outcome.error);
    EXPECT_EQ(london->outcome.receipt.gas_used, 26006u - 4800);
    EXPECT_EQ(london->post.storage(contract, 0), uint256{0});
    // Berlin: refund 15000, capped at half of 26006.
    const auto berlin = run(make_block(Revision::berlin), pre, tx);
    ASSERT_FALSE(berlin->outcome.error);
    EXPECT_EQ(berlin->outcome.receipt.gas_used, 26006u - 13003);
    EXPECT_EQ(balance(berlin->post, sender), uint256{initial_balance - 13003 * 10});
}

TEST(ExecuteTransaction, CoinbasePayment) {
    const InMemoryState pre = funded_pre();
    // Before London the whole gas price goes to the coinbase.
    const auto berlin = run(make_block(Revision::berlin), pre, transfer(0, 0));
    EXPECT_EQ(balance(berlin->post, coinbase), uint256{21000 * 10});
    // A zero payment touches the coinbase: it is cleared again when empty (EIP-161)...
    const auto london = run(make_block(Revision::london), pre, transfer(0, 0, 7));
    ASSERT_FALSE(london->outcome.error);
    EXPECT_FALSE(london->post.account(coinbase).has_value());
    // ...but before Spurious Dragon the touch creates it.
    const auto frontier = run(make_block(Revision::frontier), pre, transfer(0, 0, 0));
    ASSERT_FALSE(frontier->outcome.error);
    ASSERT_TRUE(frontier->post.account(coinbase).has_value());
    EXPECT_EQ(balance(frontier->post, coinbase), uint256{0});
}

TEST(ExecuteTransaction, CreateDeploysCode) {
    const InMemoryState pre = funded_pre();
    Transaction tx = transfer(0, 5);
    tx.to.reset();
    tx.data = bytes{0x60, 0x01, 0x60, 0x00, 0xf3};  // RETURN(0, 1): deploys the byte 0x00
    tx.gas_limit = 100000;
    const auto r = run(make_block(Revision::shanghai), pre, tx);
    ASSERT_FALSE(r->outcome.error);
    const Address created = create_address(sender, 0);
    ASSERT_TRUE(r->outcome.receipt.contract_address);
    EXPECT_EQ(*r->outcome.receipt.contract_address, created);
    // 21000 + 32000 + 4 * 16 + 4 (calldata) + 2 (one initcode word) + 9 (execution) + 200
    // (deposit).
    EXPECT_EQ(r->outcome.receipt.gas_used, 53279u);
    const auto info = r->post.account(created);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->nonce, 1u);
    EXPECT_EQ(info->balance, uint256{5});
    EXPECT_EQ(r->post.code(info->code_hash), bytes({0x00}));
    EXPECT_EQ(r->post.account(sender)->nonce, 1u);
}

TEST(ExecuteTransaction, CreateOfEfCodeFailsFromLondon) {
    const InMemoryState pre = funded_pre();
    Transaction tx = transfer(0, 0);
    tx.to.reset();
    // MSTORE8(0, 0xef) RETURN(0, 1)
    tx.data = bytes{0x60, 0xef, 0x60, 0x00, 0x53, 0x60, 0x01, 0x60, 0x00, 0xf3};
    tx.gas_limit = 100000;
    const auto r = run(make_block(Revision::london), pre, tx);
    ASSERT_FALSE(r->outcome.error);
    EXPECT_FALSE(r->outcome.receipt.success);
    EXPECT_EQ(r->outcome.receipt.gas_used, 100000u);  // EIP-3541: all gas consumed
    EXPECT_FALSE(r->post.account(create_address(sender, 0)).has_value());
    EXPECT_EQ(r->post.account(sender)->nonce, 1u);
    // Berlin deploys it.
    const auto berlin = run(make_block(Revision::berlin), pre, tx);
    EXPECT_TRUE(berlin->outcome.receipt.success);
}

TEST(ExecuteTransaction, SelfdestructFollowsEip6780) {
    InMemoryState pre = funded_pre();
    bytes code{0x73};  // PUSH20 recipient SELFDESTRUCT
    code.append(recipient.view());
    code.push_back(0xff);
    pre.set_account(contract, 1, 100, code, {{1, 1}});
    Transaction tx = transfer(0, 0);
    tx.to = contract;
    tx.gas_limit = 100000;
    const auto cancun = run(make_block(Revision::cancun), pre, tx);
    ASSERT_TRUE(cancun->outcome.receipt.success);
    EXPECT_EQ(balance(cancun->post, recipient), uint256{100});
    ASSERT_TRUE(cancun->post.account(contract).has_value());  // not created in this tx: kept
    EXPECT_EQ(cancun->post.storage(contract, 1), uint256{1});
    const auto shanghai = run(make_block(Revision::shanghai), pre, tx);
    ASSERT_TRUE(shanghai->outcome.receipt.success);
    EXPECT_EQ(balance(shanghai->post, recipient), uint256{100});
    EXPECT_FALSE(shanghai->post.account(contract).has_value());
    EXPECT_EQ(shanghai->post.storage(contract, 1), uint256{0});
}

TEST(ExecuteTransaction, CreateAddresses) {
    const Address deployer = Address{*from_hex("6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0")};
    EXPECT_EQ(create_address(deployer, 0),
              Address{*from_hex("cd234a471b72ba2f1ccf0a70fcaba648a5eecd8d")});
    EXPECT_EQ(create_address(deployer, 1),
              Address{*from_hex("343c43a37d37dff08ae8c4a11544c718abb4fcf8")});
    // EIP-1014 example 0.
    EXPECT_EQ(create2_address(Address{}, 0, bytes{0x00}),
              Address{*from_hex("4d1a2e2bb4f88f0250f26ffff098b0b30b26bf38")});
}

TEST(ExecuteTransaction, BlobBaseFee) {
    EXPECT_EQ(fake_exponential(1, 0, 3338477), uint256{1});
    EXPECT_EQ(fake_exponential(1, 3338477, 3338477), uint256{2});              // floor(e)
    EXPECT_EQ(fake_exponential(1, 10 * 3338477ull, 3338477), uint256{22026});  // floor(e^10)
    EXPECT_EQ(fake_exponential(5, 100, 7), uint256{8000157});
}

TEST(ExecuteBlock, SequentialTransactionsAndRejections) {
    const InMemoryState pre = funded_pre();
    Block block = make_block(Revision::cancun);
    block.txs = {transfer(0, 1), transfer(1, 2), transfer(5, 3)};
    ExecutionOptions options;
    options.skip_invalid_txs = true;
    const BlockResult r = execute_block(block, pre, options);
    EXPECT_FALSE(r.invalid);
    ASSERT_EQ(r.receipts.size(), 2u);
    EXPECT_EQ(r.receipts[0].cumulative_gas_used, 21000u);
    EXPECT_EQ(r.receipts[1].cumulative_gas_used, 42000u);
    EXPECT_EQ(r.gas_used, 42000u);
    ASSERT_EQ(r.rejected.size(), 1u);
    EXPECT_EQ(r.rejected[0].index, 2u);
    EXPECT_EQ(r.rejected[0].error, TxError::nonce_mismatch_too_high);

    InMemoryState post = funded_pre();
    post.apply(r.state_diff);
    EXPECT_EQ(post.account(sender)->nonce, 2u);
    EXPECT_EQ(post.account(recipient)->balance, uint256{3});
    EXPECT_EQ(post.account(coinbase)->balance, uint256{42000 * 3});
    EXPECT_EQ(post.account(sender)->balance, uint256{initial_balance - 42000 * 10 - 3});

    options.skip_invalid_txs = false;
    const BlockResult bad = execute_block(block, pre, options);
    ASSERT_TRUE(bad.invalid);
    EXPECT_EQ(bad.invalid->index, 2u);
}

TEST(ExecuteBlock, RewardsAndWithdrawals) {
    const InMemoryState pre = funded_pre();
    Block block = make_block(Revision::byzantium);
    block.env.number = 10;
    block.env.ommers = {{recipient, 9}};
    const BlockResult r = execute_block(block, pre, ExecutionOptions{});
    InMemoryState post = funded_pre();
    post.apply(r.state_diff);
    const uint256 reward = uint256{3'000'000'000'000'000'000ull};  // Byzantium: 3 ether
    EXPECT_EQ(post.account(coinbase)->balance, reward + reward / uint256{32});
    EXPECT_EQ(post.account(recipient)->balance, reward * uint256{7} / uint256{8});

    Block shanghai = make_block(Revision::shanghai);
    shanghai.env.withdrawals = {{0, 0, recipient, 2}, {1, 0, contract, 0}};
    const BlockResult w = execute_block(shanghai, pre, ExecutionOptions{});
    InMemoryState post2 = funded_pre();
    post2.apply(w.state_diff);
    EXPECT_EQ(post2.account(recipient)->balance, uint256{2'000'000'000});
    EXPECT_FALSE(post2.account(contract).has_value());  // zero withdrawal to an empty account
}

TEST(ExecuteBlock, SystemCallsStoreBeaconRootAndParentHash) {
    // A stand-in for both system contracts: SSTORE(0, CALLDATALOAD(0)); SSTORE(1, CALLER).
    const bytes code{0x60, 0x00, 0x35, 0x60, 0x00, 0x55, 0x33, 0x60, 0x01, 0x55, 0x00};
    const Address beacon_roots = Address{*from_hex("000F3df6D732807Ef1319fB7B8bB8522d0Beac02")};
    const Address history = Address{*from_hex("0000F90827F1C53a10cb7A02335B175320002935")};
    const Address system = Address{*from_hex("fffffffffffffffffffffffffffffffffffffffe")};
    InMemoryState pre = funded_pre();
    pre.set_account(beacon_roots, 1, 0, code, {});
    pre.set_account(history, 1, 0, code, {});
    Block block = make_block(Revision::prague);
    Hash256 root;
    root.bytes[31] = 0x42;
    Hash256 parent;
    parent.bytes[0] = 0x99;
    block.env.parent_beacon_block_root = root;
    block.env.parent_hash = parent;
    block.txs = {transfer(0, 1)};
    const BlockResult r = execute_block(block, pre, ExecutionOptions{});
    ASSERT_FALSE(r.invalid);
    EXPECT_EQ(r.gas_used, 21000u);  // system calls are not counted
    InMemoryState post = funded_pre();
    post.set_account(beacon_roots, 1, 0, code, {});
    post.set_account(history, 1, 0, code, {});
    post.apply(r.state_diff);
    EXPECT_EQ(post.storage(beacon_roots, 0), be_load(root));
    EXPECT_EQ(post.storage(history, 0), be_load(parent));
    EXPECT_EQ(post.storage(history, 1), be_load(bytes_view{system.data(), 20}));
    EXPECT_FALSE(post.account(system).has_value());  // the system address is not created
    // Cancun has the beacon root call only.
    block.revision = Revision::cancun;
    const BlockResult c = execute_block(block, pre, ExecutionOptions{});
    InMemoryState post_c = funded_pre();
    post_c.apply(c.state_diff);
    EXPECT_EQ(post_c.storage(history, 0), uint256{0});
}

TEST(ExecuteBlock, RequestsFromSystemCallOutputs) {
    // Stand-in for the EIP-7002 contract: returns the two bytes 0xabcd; the EIP-7251 contract
    // returns nothing, so no consolidation request is listed.
    const Address withdrawals = Address{*from_hex("00000961Ef480Eb55e80D19ad83579A64c007002")};
    const Address consolidations = Address{*from_hex("0000BBdDc7CE488642fb579F8B00f3a590007251")};
    InMemoryState pre = funded_pre();
    // MSTORE(0, 0xabcd) RETURN(30, 2)
    pre.set_account(withdrawals, 1, 0,
                    bytes{0x61, 0xab, 0xcd, 0x60, 0x00, 0x52, 0x60, 0x02, 0x60, 0x1e, 0xf3}, {});
    pre.set_account(consolidations, 1, 0, bytes{0x00}, {});
    const BlockResult r = execute_block(make_block(Revision::prague), pre, ExecutionOptions{});
    ASSERT_EQ(r.requests.size(), 1u);
    EXPECT_EQ(r.requests[0], bytes({0x01, 0xab, 0xcd}));
    // Before Prague there are no requests.
    EXPECT_TRUE(
        execute_block(make_block(Revision::cancun), pre, ExecutionOptions{}).requests.empty());
}
