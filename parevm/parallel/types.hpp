// SPDX-License-Identifier: Apache-2.0
// parevm: strong types of the Block-STM executor (transaction index, incarnation, version).
#pragma once

#include <compare>
#include <cstdint>

namespace parevm::parallel {

/// Position of a transaction in its block. Never a bare size_t: mixing it up with an
/// incarnation or a count is a class of bugs the type system catches.
struct TxIdx {
    uint32_t value = 0;
    friend constexpr auto operator<=>(TxIdx, TxIdx) noexcept = default;
};

/// How many times a transaction has been (re-)started: 0 for the first execution.
struct Incarnation {
    uint32_t value = 0;
    friend constexpr auto operator<=>(Incarnation, Incarnation) noexcept = default;
};

/// One execution of one transaction: what a read records and a validation compares.
struct TxVersion {
    TxIdx tx_idx;
    Incarnation incarnation;
    friend constexpr bool operator==(TxVersion, TxVersion) noexcept = default;
};

}  // namespace parevm::parallel
