// SPDX-License-Identifier: Apache-2.0
// parevm: header values derived from the parent: base fee, excess blob gas, PoW difficulty.
#pragma once

#include <parevm/core/uint256.hpp>
#include <parevm/evm/revision.hpp>
#include <parevm/execution/block.hpp>

#include <cstdint>
#include <span>
#include <string_view>

namespace parevm {

/// EIP-1559: the base fee of a block whose parent used `parent_gas_used` of `parent_gas_limit`
/// at `parent_base_fee`. The gas target is half the limit (ELASTICITY_MULTIPLIER = 2) and the fee
/// moves by at most 1/8 (BASE_FEE_MAX_CHANGE_DENOMINATOR) per block, by at least 1 wei upwards.
/// Shared by t8n (env derived from parent values) and the blockchain-test header checks.
uint256 next_base_fee(const uint256& parent_base_fee,
                      uint64_t parent_gas_used,
                      uint64_t parent_gas_limit);

/// EIP-1559: the base fee of the first London block.
inline constexpr uint64_t initial_base_fee = 1'000'000'000;

/// EIP-4844 calc_excess_blob_gas with the blob schedule of the block being built; from Osaka on
/// with EIP-7918's rule: while the blob base fee is below the reserve price
/// (BLOB_BASE_COST * parent base fee per blob gas), excess grows by the parent's blob gas used
/// scaled by (max - target) / max instead of falling by the target.
uint64_t next_excess_blob_gas(Revision revision,
                              const BlobSchedule& schedule,
                              uint64_t parent_excess_blob_gas,
                              uint64_t parent_blob_gas_used,
                              const uint256& parent_base_fee);

/// Which pre-Merge difficulty formula applies and how far the difficulty bomb is pushed back.
struct DifficultyRules {
    enum class Formula : uint8_t { frontier, homestead, byzantium };
    Formula formula = Formula::frontier;
    uint64_t bomb_delay = 0;  // blocks (EIP-649, 1234, 2384, 3554, 4345, 5133)
};

/// The difficulty rules of a fork. The glacier forks change nothing the EVM sees, so they are
/// recognised by name ("MuirGlacier", "ArrowGlacier", "GrayGlacier"); otherwise by revision.
DifficultyRules difficulty_rules(Revision revision, std::string_view fork_name = {});

/// The ethash difficulty of block `number` (YP eq. 41-46, EIP-2, EIP-100): the parent's
/// difficulty adjusted by the block time, never below 131072, plus the bomb
/// 2^(period - 2) where period = max(number - bomb_delay, 0) / 100000.
uint256 next_difficulty(const DifficultyRules& rules,
                        int64_t number,
                        int64_t timestamp,
                        int64_t parent_timestamp,
                        const uint256& parent_difficulty,
                        bool parent_has_ommers);

/// EIP-7685: sha256(sha256(r0) ++ sha256(r1) ++ ...) over the requests (each its type byte
/// followed by its data) that carry data; a request of the type byte alone is skipped.
Hash256 requests_hash(std::span<const bytes> requests);

/// keccak256(rlp([])): the ommers hash of a block without ommers.
Hash256 empty_ommers_hash() noexcept;

}  // namespace parevm
