// SPDX-License-Identifier: Apache-2.0
// parevm bench: deterministic workload generators: a seed gives a signed block and its pre-state.
#pragma once

#include <parevm/execution/block.hpp>
#include <parevm/state/in_memory_state.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace parevm::bench {

/// What a generator is asked for. Everything it produces is a function of these values only.
struct WorkloadParams {
    uint64_t seed = 1;
    size_t txs = 1000;
    /// hybrid: the fraction of transactions that touch the hot spot (one exchange account for
    /// transfers and ERC-20 transfers, one pair for swaps) instead of their own accounts.
    double hot_ratio = 0.1;
    /// uniswap_contended: the number of pairs all swaps are spread over.
    size_t pairs = 4;
};

/// A generated block with everything needed to execute it.
struct Workload {
    std::string name;
    Block block;
    InMemoryState pre;
    /// keccak256 over the block environment and the encoded transactions: same seed, same hash.
    Hash256 hash;
};

struct WorkloadInfo {
    std::string_view name;
    std::string_view description;
    bool in_default_set;  // run by `parevm bench` without --workload (and `make demo`)
};

/// Every workload, in the order `parevm bench` runs them.
std::span<const WorkloadInfo> workload_list();

/// Generates workload `name` (nullopt for an unknown name). Every transaction is signed with a
/// key derived from the seed, so senders are real; all of them succeed when executed in order.
std::optional<Workload> make_workload(std::string_view name, const WorkloadParams& params);

/// The number of transactions of workload `name` whose gas adds up to about `gas`: measured by
/// executing a small sample block of the same workload sequentially.
size_t txs_for_gas(std::string_view name, uint64_t gas, const WorkloadParams& params);

}  // namespace parevm::bench
