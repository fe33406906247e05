// SPDX-License-Identifier: Apache-2.0
// parevm: loader for the real mainnet block fixtures (RPC block + partial pre-state + bytecodes).
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/evm/revision.hpp>
#include <parevm/execution/block.hpp>
#include <parevm/state/in_memory_state.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace parevm {

/// The data every block of a fixture set shares: the bytecodes by code hash
/// (derived/bytecodes.json.gz) and the BLOCKHASH answers (derived/block_hashes.json). Loading the
/// bytecodes takes about a second (43 MiB of JSON), so it is done once per set and cached.
struct MainnetShared {
    std::filesystem::path derived_dir;
    std::unordered_map<Hash256, bytes> bytecodes;  // keccak256(code) -> code, checked on load
    std::map<int64_t, Hash256> block_hashes;
};

/// Reads `derived_dir`/bytecodes.json.gz and `derived_dir`/block_hashes.json. Throws InputError
/// naming the file for a missing or truncated file, malformed JSON or hex, and for a code whose
/// keccak256 is not the hash it is listed under.
MainnetShared load_mainnet_shared(const std::filesystem::path& derived_dir);

/// As load_mainnet_shared, but loads each directory only once per process (thread-safe); the
/// result lives until the process ends.
const MainnetShared& cached_mainnet_shared(const std::filesystem::path& derived_dir);

/// The derived/ directory of the fixture set a block directory belongs to: the nearest ancestor
/// of `block_dir` that has a `derived/bytecodes.json.gz` (blocks live in
/// <set>/data/ethereum/blocks/<n>). Throws InputError when there is none.
std::filesystem::path find_mainnet_derived_dir(const std::filesystem::path& block_dir);

/// The mainnet revision of a block: by number up to Paris, by timestamp from Shanghai on.
/// nullopt for blocks of forks the loader does not model (Osaka and later).
std::optional<Revision> mainnet_revision(int64_t number, int64_t timestamp) noexcept;

/// The header values a replay can check against, read from block.json.
struct MainnetHeader {
    Hash256 hash;
    Hash256 parent_hash;
    uint64_t gas_used = 0;
    Bloom logs_bloom{};
    Hash256 receipts_root;
    Hash256 state_root;  // cannot be checked from a partial pre-state; kept for reports
    Hash256 transactions_root;
    std::optional<Hash256> withdrawals_root;  // Shanghai+
    std::optional<uint64_t> blob_gas_used;    // Cancun+
    /// Hashes of the ommers. The RPC block has only these, not the ommer headers, so the ommer
    /// rewards (which need each ommer's miner and number) cannot be applied exactly.
    std::vector<Hash256> uncles;
};

/// One loaded block, ready for execute_block.
struct MainnetBlock {
    std::filesystem::path dir;
    Block block;
    InMemoryState pre;
    MainnetHeader header;
    std::vector<Hash256> tx_hashes;  // the fixture's `hash` of each transaction, checked on load
    /// Transactions whose sender has a nonce or pays something but is absent from the
    /// pre-state. Valid only if an earlier transaction of the block funds the sender; when the
    /// execution rejects one of them, the fixture (not the engine) is the likely culprit.
    std::vector<size_t> senders_not_in_pre_state;
};

/// Loads `block_dir`/block.json and `block_dir`/pre_state.json using the shared bytecodes and
/// block hashes. Transactions are built from their JSON fields; each one's hash is recomputed
/// from its canonical encoding and its sender recovered from the signature, and both must match
/// the fixture's `hash` and `from`. Every code hash must be in the bytecodes; senders absent from
/// the pre-state are listed (see MainnetBlock). Throws InputError naming the block and what is
/// missing or malformed.
MainnetBlock load_mainnet_block(const std::filesystem::path& block_dir,
                                const MainnetShared& shared);

/// As above, with the shared data found by find_mainnet_derived_dir and cached.
MainnetBlock load_mainnet_block(const std::filesystem::path& block_dir);

/// One comparison of an execution result with the block header.
struct HeaderCheck {
    std::string name;        // "gas_used", "logs_bloom", "receipts_root", ...
    std::optional<bool> ok;  // nullopt: cannot be checked for this block (`detail` says why)
    std::string detail;      // why it failed or why it cannot be checked
};

/// Compares the result of executing `mb` with its header: the block must be valid; gas used,
/// logs bloom (the OR of the receipt blooms), from Byzantium on the receipts root (before, each
/// receipt holds an intermediate state root that a partial pre-state cannot give), the blob gas
/// used (Cancun+), the transactions root and the withdrawals root (Shanghai+). The state root is
/// listed as not checkable.
std::vector<HeaderCheck> check_against_header(const MainnetBlock& mb, const BlockResult& result);

/// The first difference between two results of the same block ("tx 3: logs", "state of 0x..:
/// storage"), or "" when they are identical field for field: validity, receipts, gas, bloom and
/// the state diff. The parallel executor must match the sequential one exactly.
std::string first_result_difference(const BlockResult& a, const BlockResult& b);

}  // namespace parevm
