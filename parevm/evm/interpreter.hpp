// SPDX-License-Identifier: Apache-2.0
// parevm: the EVM interpreter. Executes one frame; nested frames go through Host::call.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/evm/host.hpp>
#include <parevm/evm/revision.hpp>

#include <memory>

namespace parevm {

/// Code prepared for execution: padded copy of the code plus the JUMPDEST bitmap. Immutable
/// once built, so one analysis is shared by all threads (cached by code hash by the caller).
struct CodeAnalysis;

std::shared_ptr<const CodeAnalysis> analyze(bytes_view code);

/// Executes `analysis` as the code of frame `msg`.
/// Preconditions checked by the caller of Host::call, not here: depth and balance.
Result execute(Host& host, Revision rev, const Message& msg, const CodeAnalysis& analysis) noexcept;

/// Convenience: analyze + execute (tests, one-off code).
Result execute(Host& host, Revision rev, const Message& msg, bytes_view code) noexcept;

}  // namespace parevm
