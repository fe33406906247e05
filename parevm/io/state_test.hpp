// SPDX-License-Identifier: Apache-2.0
// parevm: the state-test fixture format (ethereum/tests, execution-spec-tests, evm-benchmarks).
#pragma once

#include <parevm/execution/block.hpp>
#include <parevm/execution/transaction.hpp>
#include <parevm/io/alloc.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace parevm {

/// Which entry of each of the transaction's indexed arrays (data, gasLimit, value) a post
/// expectation uses.
struct TxIndexes {
    size_t data = 0;
    size_t gas = 0;
    size_t value = 0;
};

/// One expected outcome: a post entry of one fork.
struct StateTestExpectation {
    TxIndexes indexes;
    Hash256 state_root;
    Hash256 logs_hash;  // keccak256(rlp(logs))
    /// Empty: the transaction must be valid. Otherwise any of these exception names
    /// ("TransactionException.X", from the '|'-separated `expectException`).
    std::vector<std::string> expected_exceptions;
    std::optional<Alloc> expected_state;  // the full post alloc, for reporting differences
};

/// The expectations under one fork name, in fixture order.
struct StateTestFork {
    std::string name;  // as written in the fixture, possibly unknown to parse_revision
    std::vector<StateTestExpectation> expectations;
};

/// The fixture's transaction: scalar fields plus the indexed data/gas/value arrays that the post
/// entries pick from.
struct StateTestTx {
    TxType type = TxType::legacy;
    uint64_t nonce = 0;
    uint256 max_fee_per_gas;           // gasPrice for types 0 and 1
    uint256 max_priority_fee_per_gas;  // gasPrice for types 0 and 1
    std::optional<Address> to;         // "" in the fixture: contract creation
    std::vector<bytes> data;
    std::vector<uint64_t> gas_limits;
    std::vector<uint256> values;
    /// Empty, or one access list per data entry (`accessLists`).
    std::vector<std::vector<AccessListEntry>> access_lists;
    uint256 max_fee_per_blob_gas;
    std::vector<Hash256> blob_hashes;
    std::vector<Authorization> authorizations;  // signer as given by the fixture, if any
    Address sender;  // the fixture's `sender`, or derived from the secret key
    std::optional<Hash256> secret_key;

    /// The transaction selected by `idx`. Types 1+ get `chain_id`; legacy transactions keep no
    /// chain id (they are not replay-protected by the fixture's rules). Throws InputError when an
    /// index is out of range.
    Transaction build(const TxIndexes& idx, const uint256& chain_id) const;
};

/// One named test of a state-test file.
struct StateTest {
    std::string name;
    BlockEnv env;                          // prev_randao unset; see `random`
    std::optional<Hash256> random;         // currentRandom: PREVRANDAO from Paris on
    std::optional<Hash256> previous_hash;  // previousHash: BLOCKHASH(number - 1)
    Alloc pre;
    StateTestTx tx;
    std::vector<StateTestFork> post;
    uint256 chain_id = 1;                                // config.chainid
    std::map<std::string, BlobSchedule> blob_schedules;  // config.blobSchedule by fork name
};

/// Parses one test (`name` is its key in the document). Throws InputError naming `name.field...`.
StateTest parse_state_test(const std::string& name, const nlohmann::json& test);
/// The fixture format of a test object when it is not a state test ("blockchain_test", ...), or
/// an empty string for a state test. Lets a runner skip other fixture kinds in a directory.
std::string non_state_test_format(const nlohmann::json& test);
/// Parses every test of one state-test document. Throws InputError naming `test_name.field...`.
std::vector<StateTest> parse_state_tests(const nlohmann::json& doc);
/// Reads and parses a state-test file; errors name the file, then the JSON path.
std::vector<StateTest> load_state_tests(const std::filesystem::path& file);

/// The blob schedule a block of `fork` uses: the fixture's `config.blobSchedule` entry when
/// present, else the fork's defaults (EIP-4844 for Cancun, EIP-7691 from Prague on).
BlobSchedule blob_schedule_for(const StateTest& test,
                               std::string_view fork_name,
                               Revision revision);

}  // namespace parevm
