// SPDX-License-Identifier: Apache-2.0
// parevm: transactions, receipts and withdrawals roots against official block headers, and the
// transaction codec over every transaction of the mainnet block fixtures.
#include "../common/hex_literals.hpp"

#include <parevm/core/hex.hpp>
#include <parevm/execution/receipt.hpp>
#include <parevm/execution/roots.hpp>
#include <parevm/execution/tx_codec.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>

using namespace parevm;
using namespace parevm::test;

namespace {

/// keccak256(rlp("")): the root of an empty trie, as in every header with no transactions.
const Hash256 empty_root =
    h256("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

// EEST blockchain_tests/prague/eip7002_el_triggerable_withdrawals/test_eip_7002.json,
// single_withdrawal_request: block 1 holds this one legacy transaction (fields from the fixture's
// `transactions` entry) and one receipt whose only log is the predeploy's
// LOG0(caller || calldata). Header: transactionsTrie 0x09889b94..., receiptTrie 0x8ccb4bf2...
constexpr std::string_view request_calldata =
    "0x0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000010000000000000000";

Transaction withdrawal_request_tx() {
    Transaction tx;
    tx.type = TxType::legacy;
    tx.chain_id = 1;
    tx.nonce = 0;
    tx.max_fee_per_gas = tx.max_priority_fee_per_gas = 0x3b9aca00;
    tx.gas_limit = 0x0f4240;
    tx.to = addr("0x00000961ef480eb55e80d19ad83579a64c007002");
    tx.value = 1;
    tx.data = hex(request_calldata);
    tx.v = 0x25;
    tx.r = u256("0xf6cd8bfeb1f4574a88ba53f9e91c1af5d95acb53f6135cd0ab825ecaf495adf4");
    tx.s = u256("0x6d2ef6c0c838173e3eeb73e147f09a344a5f4421586684d22e3b9adf1b55feab");
    return tx;
}

Receipt withdrawal_request_receipt() {
    Receipt r;
    r.type = TxType::legacy;
    r.success = true;
    r.gas_used = r.cumulative_gas_used = 0x01c251;  // the header's gasUsed
    r.logs.push_back(
        Log{addr("0x00000961ef480eb55e80d19ad83579a64c007002"),
            {},
            hex("0x85298d386ba53c63b50e1148148218e885c00d0b") + hex(request_calldata)});
    r.bloom = logs_bloom(r.logs);
    return r;
}

std::filesystem::path fixtures_dir() {
    if (const char* env = std::getenv("PAREVM_FIXTURES")) return env;
    // test/unit/<this file> -> <repo>/../shared/fixtures
    return std::filesystem::path(__FILE__).parent_path() / "../../../shared/fixtures";
}

std::string str(const nlohmann::json& j, const char* key) {
    return j.at(key).get<std::string>();
}

/// A transaction from an eth_getBlockByNumber JSON object (all numbers 0x-hex).
Transaction tx_from_rpc(const nlohmann::json& j) {
    Transaction tx;
    tx.type = static_cast<TxType>(u256(str(j, "type")).low64());
    if (j.contains("chainId")) tx.chain_id = u256(str(j, "chainId"));
    tx.nonce = u256(str(j, "nonce")).low64();
    tx.gas_limit = u256(str(j, "gas")).low64();
    if (j.contains("maxFeePerGas")) {
        tx.max_fee_per_gas = u256(str(j, "maxFeePerGas"));
        tx.max_priority_fee_per_gas = u256(str(j, "maxPriorityFeePerGas"));
    } else {
        tx.max_fee_per_gas = tx.max_priority_fee_per_gas = u256(str(j, "gasPrice"));
    }
    if (j.contains("to") && !j.at("to").is_null()) tx.to = addr(str(j, "to"));
    tx.value = u256(str(j, "value"));
    tx.data = hex(str(j, "input"));
    if (j.contains("accessList")) {
        for (const auto& e : j.at("accessList")) {
            AccessListEntry entry{addr(str(e, "address")), {}};
            for (const auto& k : e.at("storageKeys"))
                entry.storage_keys.push_back(u256(k.get<std::string>()));
            tx.access_list.push_back(std::move(entry));
        }
    }
    if (j.contains("maxFeePerBlobGas")) tx.max_fee_per_blob_gas = u256(str(j, "maxFeePerBlobGas"));
    if (j.contains("blobVersionedHashes"))
        for (const auto& h : j.at("blobVersionedHashes"))
            tx.blob_hashes.push_back(h256(h.get<std::string>()));
    tx.v = u256(str(j, "v"));
    tx.r = u256(str(j, "r"));
    tx.s = u256(str(j, "s"));
    return tx;
}

Revision revision_at(uint64_t block_number) {
    if (block_number < 1'150'000) return Revision::frontier;
    if (block_number < 2'675'000) return Revision::homestead;
    return Revision::cancun;  // every later fork recovers senders the same way
}

}  // namespace

TEST(Roots, EmptyListsGiveEmptyTrieRoot) {
    EXPECT_EQ(transactions_root({}), empty_root);
    EXPECT_EQ(receipts_root({}), empty_root);
    EXPECT_EQ(withdrawals_root({}), empty_root);
}

TEST(Roots, WithdrawalRequestBlock) {
    const Transaction txs[] = {withdrawal_request_tx()};
    EXPECT_EQ(transactions_root(txs),
              h256("0x09889b94df489eeb54d922dad11a9d57f0fc48e77ba3a51fe1745fb57eaa745e"));
    Transaction tx = txs[0];
    ASSERT_TRUE(recover_sender(tx, Revision::prague));
    EXPECT_EQ(tx.sender, addr("0x85298d386ba53c63b50e1148148218e885c00d0b"));

    const Receipt receipts[] = {withdrawal_request_receipt()};
    EXPECT_EQ(receipts_root(receipts),
              h256("0x8ccb4bf2321b43d1acc284696b32ec8451f85f88b05b5a03b481eede95699609"));
}

// EEST blockchain_tests/shanghai/eip4895_withdrawals/test_no_evm_execution.json: block 1.
TEST(Roots, WithdrawalsRoot) {
    const Withdrawal ws[] = {
        {0, 0, addr("0xaf89e86d088761fae9bfb99a56f88bc00e57d5ed"), 1},
        {1, 1, addr("0xaf89e86d088761fae9bfb99a56f88bc00e57d6ed"), 1},
    };
    EXPECT_EQ(withdrawals_root(ws),
              h256("0xd4a9f1b7fd657cd29684de51009e0b0e02e91552fb00c683877a2415ba6f1720"));
}

// Every transaction of the mainnet block fixtures (Frontier .. Cancun; legacy with and without
// EIP-155, types 1, 2 and 3): tx_hash equals the block's `hash`, the recovered sender its `from`,
// the encoding decodes back to itself, and the header's transactionsRoot and withdrawalsRoot
// are reproduced.
TEST(Roots, MainnetBlocks) {
    const auto dir = fixtures_dir() / "mainnet/data/ethereum/blocks";
    if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no fixtures at " << dir;
    size_t blocks = 0, txs_checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::ifstream in(entry.path() / "block.json");
        if (!in) continue;
        const auto block = nlohmann::json::parse(in);
        const uint64_t number = u256(str(block, "number")).low64();
        std::vector<Transaction> txs;
        for (const auto& j : block.at("transactions")) {
            Transaction tx = tx_from_rpc(j);
            const Hash256 hash = h256(str(j, "hash"));
            EXPECT_EQ(tx_hash(tx), hash) << "block " << number;
            const auto decoded = decode_transaction(encode_transaction(tx));
            ASSERT_TRUE(decoded) << decoded.error;
            EXPECT_EQ(tx_hash(*decoded.tx), hash);
            EXPECT_EQ(decoded.tx->chain_id, tx.chain_id) << to_hex(hash);
            Transaction recovered = *decoded.tx;
            EXPECT_TRUE(recover_sender(recovered, revision_at(number))) << to_hex(hash);
            EXPECT_EQ(recovered.sender, addr(str(j, "from"))) << to_hex(hash);
            txs.push_back(std::move(tx));
            ++txs_checked;
        }
        EXPECT_EQ(transactions_root(txs), h256(str(block, "transactionsRoot"))) << number;
        if (block.contains("withdrawals")) {
            std::vector<Withdrawal> ws;
            for (const auto& w : block.at("withdrawals")) {
                ws.push_back(Withdrawal{u256(str(w, "index")).low64(),
                                        u256(str(w, "validatorIndex")).low64(),
                                        addr(str(w, "address")), u256(str(w, "amount")).low64()});
            }
            EXPECT_EQ(withdrawals_root(ws), h256(str(block, "withdrawalsRoot"))) << number;
        }
        ++blocks;
    }
    EXPECT_GT(blocks, 0u);
    RecordProperty("transactions", static_cast<int>(txs_checked));
}
