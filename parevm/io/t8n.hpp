// SPDX-License-Identifier: Apache-2.0
// parevm: the state transition tool (t8n) in the format of geth's `evm t8n`.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>
#include <parevm/io/json_util.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace parevm {

/// Exit codes of geth's t8ntool (cmd/evm/internal/t8ntool), which test fillers rely on.
namespace t8n_exit {
inline constexpr int ok = 0;
inline constexpr int evm_error = 2;
inline constexpr int config_error = 3;  // unknown fork, env inconsistent with the fork
inline constexpr int missing_blockhash = 4;
inline constexpr int json_error = 10;  // input that is not valid JSON or not the expected shape
inline constexpr int io_error = 11;    // a file that cannot be read or written
inline constexpr int rlp_error = 12;   // transactions RLP that does not decode
}  // namespace t8n_exit

/// A t8n failure with the exit code geth would use for it.
class T8nError : public InputError {
public:
    T8nError(int exit_code, const std::string& what) : InputError(what), exit_code_(exit_code) {}
    int exit_code() const noexcept { return exit_code_; }

private:
    int exit_code_;
};

/// The three inputs, already parsed as JSON. Transactions come either as a JSON array of
/// transaction objects (`txs`) or as the RLP list of their canonical encodings (`txs_rlp`).
struct T8nInput {
    nlohmann::json alloc;
    nlohmann::json env;
    std::optional<nlohmann::json> txs;
    std::optional<bytes> txs_rlp;
};

struct T8nConfig {
    std::string fork = "GrayGlacier";  // geth's default
    uint256 chain_id = 1;
    /// Block reward in wei; -1 disables it (geth's --state.reward).
    int64_t reward = 0;
    unsigned threads = 1;
};

struct T8nOutput {
    nlohmann::json result;  // stateRoot, txRoot, receipts, rejected, ...
    nlohmann::json alloc;   // the post state
    bytes body;             // RLP list of the signed input transactions
};

/// Applies the transactions to the alloc under the env. Invalid transactions are listed in
/// `result.rejected`, not fatal. Throws T8nError for bad input or an inconsistent config.
T8nOutput run_t8n(const T8nInput& input, const T8nConfig& config);

}  // namespace parevm
