// SPDX-License-Identifier: Apache-2.0
// parevm: receipts: the logs bloom, the consensus receipt encoding and the state tests' logs hash.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/execution/block.hpp>

#include <span>

namespace parevm {

/// The 2048-bit bloom of `logs` (YP eq. 26-30): for the address and each topic of every log, three
/// bits chosen by the first three byte pairs of its keccak256, modulo 2048.
Bloom logs_bloom(std::span<const Log> logs);

/// Adds one bloom into another (bitwise or): the block bloom is the union of the receipt blooms.
void accumulate_bloom(Bloom& into, const Bloom& other) noexcept;

/// RLP of the logs: a list of [address, [topics...], data]. Receipts embed it.
bytes encode_logs(std::span<const Log> logs);

/// keccak256(encode_logs(logs)): the "logs" value of state-test post entries and t8n's logsHash.
Hash256 logs_hash(std::span<const Log> logs);

/// The consensus encoding from Byzantium on (EIP-658): [status, cumulativeGas, bloom, logs],
/// prefixed by the type byte for typed transactions (EIP-2718). Uses `r.bloom` as given.
bytes encode_receipt(const Receipt& r);

/// The pre-Byzantium encoding: [postStateRoot, cumulativeGas, bloom, logs] (always legacy type).
bytes encode_receipt(const Receipt& r, const Hash256& post_state_root);

}  // namespace parevm
