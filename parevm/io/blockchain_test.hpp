// SPDX-License-Identifier: Apache-2.0
// parevm: blockchain-test fixtures (EEST): strict block RLP decoding, header checks, import.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>
#include <parevm/evm/revision.hpp>
#include <parevm/execution/block.hpp>
#include <parevm/io/alloc.hpp>
#include <parevm/io/state_test_runner.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace parevm {

/// A block header with the fields of every fork; the fork-dependent ones are set exactly when
/// the encoding carried them.
struct BlockHeader {
    Hash256 parent_hash;
    Hash256 ommers_hash;
    Address coinbase;
    Hash256 state_root;
    Hash256 transactions_root;
    Hash256 receipts_root;
    Bloom logs_bloom{};
    uint256 difficulty;
    int64_t number = 0;
    int64_t gas_limit = 0;
    int64_t gas_used = 0;
    int64_t timestamp = 0;
    bytes extra_data;
    Hash256 mix_hash;
    uint64_t nonce = 0;
    std::optional<uint256> base_fee;                  // London (EIP-1559)
    std::optional<Hash256> withdrawals_root;          // Shanghai (EIP-4895)
    std::optional<uint64_t> blob_gas_used;            // Cancun (EIP-4844)
    std::optional<uint64_t> excess_blob_gas;          // Cancun (EIP-4844)
    std::optional<Hash256> parent_beacon_block_root;  // Cancun (EIP-4788)
    std::optional<Hash256> requests_hash;             // Prague (EIP-7685)
    size_t field_count = 0;                           // as encoded
    Hash256 hash;                                     // keccak256 of the header's encoding
};

/// Why a block is invalid: the execution-spec-tests exception name it corresponds to
/// ("BlockException.INVALID_STATE_ROOT", "TransactionException.NONCE_MISMATCH_TOO_LOW", ...)
/// and a human-readable detail.
struct BlockError {
    std::string exception;
    std::string detail;
};

/// A decoded block body and header, before any check against its parent.
struct DecodedBlock {
    BlockHeader header;
    std::vector<Transaction> txs;  // senders not yet recovered
    std::vector<BlockHeader> ommers;
    Hash256 ommers_list_hash;                            // keccak256 of the encoded ommers list
    std::optional<std::vector<Withdrawal>> withdrawals;  // present iff the body has the list
    size_t rlp_size = 0;
};

/// Decodes one header from its RLP list (15 to 21 fields, canonical RLP only). Fields are read
/// by position; whether their number fits the fork is checked on import.
std::optional<BlockHeader> decode_block_header(bytes_view encoded, std::string& error);

/// Decodes `rlp([header, transactions, ommers(, withdrawals)])` strictly. The error is set
/// (exception RLP_STRUCTURES_ENCODING or a TransactionException) when it returns nullopt.
std::optional<DecodedBlock> decode_block(bytes_view encoded, BlockError& error);

/// The fork of each block of a test's `network`: a single fork ("Cancun") or a transition
/// ("CancunToPragueAtTime15k", "BerlinToLondonAt5": by timestamp or by block number).
struct ForkSchedule {
    std::string first_name;
    Revision first = Revision::frontier;
    std::string second_name;  // empty for a single fork
    Revision second = Revision::frontier;
    bool by_timestamp = false;
    uint64_t activation = 0;

    /// The fork name and revision of a block.
    std::string_view name_at(int64_t number, int64_t timestamp) const noexcept;
    Revision revision_at(int64_t number, int64_t timestamp) const noexcept;
};

/// Parses a network name; nullopt (with `why`) for an unknown fork or an unsupported
/// transition (DAO fork, transitions by total difficulty).
std::optional<ForkSchedule> parse_network(std::string_view network, std::string& why);

struct BlockchainTestBlock {
    bytes rlp;
    /// Empty: the block must be imported. Otherwise it must be rejected; these are the
    /// '|'-separated names of `expectException`.
    std::vector<std::string> expected_exceptions;
    std::optional<Hash256> expected_hash;  // blockHeader.hash, when given
};

/// One test of a blockchain-test file.
struct BlockchainTest {
    std::string name;
    std::string network;
    bytes genesis_rlp;
    Hash256 genesis_hash;  // genesisBlockHeader.hash
    Alloc pre;
    std::vector<BlockchainTestBlock> blocks;
    std::optional<Alloc> post_state;         // postState
    std::optional<Hash256> post_state_hash;  // postStateHash (large tests)
    Hash256 last_block_hash;
    uint256 chain_id = 1;                                // config.chainid
    std::map<std::string, BlobSchedule> blob_schedules;  // config.blobSchedule by fork name
};

/// Parses one test (`name` is its key). Throws InputError naming `name.field...`.
BlockchainTest parse_blockchain_test(const std::string& name, const nlohmann::json& test);

/// The result of running one test.
struct BlockchainTestResult {
    bool passed = false;
    std::string message;  // the first failure
    /// Blocks rejected as expected but for a reason outside the expected names (the test still
    /// passes: exception names are client-specific), one line each.
    std::vector<std::string> notes;
};

/// Imports every block over the genesis state and compares the final state with postState.
/// `schedule` must come from parse_network(test.network). Never throws for bad fixture content
/// of blocks: decoding errors are block rejections.
BlockchainTestResult run_blockchain_test(const BlockchainTest& test,
                                         const ForkSchedule& schedule,
                                         unsigned threads);

/// Runs every selected test of one file, printing failures (and passes when verbose) to `out`
/// and read errors to `err`; a file or test that cannot be parsed counts as one failure.
/// `options.fork` selects tests whose network uses that fork.
void run_blockchain_test_file(const std::filesystem::path& file,
                              const StateTestOptions& options,
                              StateTestSummary& summary,
                              std::ostream& out,
                              std::ostream& err);

}  // namespace parevm
