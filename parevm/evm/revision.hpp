// SPDX-License-Identifier: Apache-2.0
// parevm: protocol revisions (hard forks) that change EVM or transaction rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace parevm {

/// Ethereum revisions in activation order. Only forks that change execution rules are listed;
/// DAO, Muir/Arrow/Gray Glacier change nothing the EVM sees.
enum class Revision : uint8_t {
    frontier,
    homestead,          // EIP-2, EIP-7: DELEGATECALL
    tangerine_whistle,  // EIP-150
    spurious_dragon,    // EIP-155, 158/161, 170
    byzantium,          // REVERT, RETURNDATA*, STATICCALL, precompiles 5-8
    constantinople,     // SHL/SHR/SAR, CREATE2, EXTCODEHASH, EIP-1283
    petersburg,         // Constantinople without EIP-1283
    istanbul,           // EIP-1344, 1884, 2028, 2200, blake2f
    berlin,             // EIP-2929, 2930, 2718, 2565
    london,             // EIP-1559, 3198, 3529, 3541
    paris,              // The Merge: PREVRANDAO
    shanghai,           // PUSH0, EIP-3651, 3860, withdrawals
    cancun,             // EIP-1153, 4844, 5656, 6780, 4788, 7516
    prague,             // EIP-7702, 2537, 2935, 7623, 7685 requests
    osaka,              // EIP-7939 CLZ, 7825, 7823, 7883, 7951
};

inline constexpr Revision latest_revision = Revision::osaka;
inline constexpr int revision_count = static_cast<int>(latest_revision) + 1;

/// The name used by the test fixtures ("Frontier", ..., "ConstantinopleFix", "Osaka").
std::string_view revision_name(Revision r) noexcept;
/// Parses fixture/t8n fork names, including aliases ("EIP150", "EIP158", "ConstantinopleFix",
/// "Merge"/"Paris", "Petersburg"). nullopt for an unknown name.
std::optional<Revision> parse_revision(std::string_view name) noexcept;

}  // namespace parevm
