// SPDX-License-Identifier: Apache-2.0
// parevm bench: the contract bytecode the workloads deploy, embedded from bench/contracts.
#pragma once

#include <parevm/core/bytes.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace parevm::bench {

/// The contracts in bench/contracts/artifacts: ours (Token, Nft, Governance, Router, compiled
/// with the pinned solc) and Uniswap V2's (UniswapV2Factory, UniswapV2Pair from
/// @uniswap/v2-core 1.0.1).
enum class Contract { token, nft, governance, router, uniswap_factory, uniswap_pair };

/// Runtime (deployed) bytecode: what the workloads place in the pre-state.
bytes_view runtime_code(Contract c);
/// Creation bytecode (constructor + runtime): the Uniswap factory's CREATE2 hashes the pair's.
bytes_view creation_code(Contract c);

/// One embedded artifact file, `<name>.<kind>.hex`, decoded.
struct Artifact {
    std::string name;  // "Token", "UniswapV2Pair", ...
    std::string kind;  // "runtime" or "creation"
    bytes code;
};
/// Every embedded artifact (for the test that compares them with the committed files).
const std::vector<Artifact>& artifacts();

namespace detail {
struct ArtifactHex {
    const char* name;
    const char* kind;
    const char* hex;
};
extern const ArtifactHex artifact_hex[];
extern const size_t artifact_hex_count;
}  // namespace detail

}  // namespace parevm::bench
