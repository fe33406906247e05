// SPDX-License-Identifier: Apache-2.0
// parevm: a block overlay's state diff, computed by the workers of the shared pool.
#pragma once

#include <parevm/state/block_overlay.hpp>

namespace parevm::parallel {

/// overlay.diff(), computed one set of shards per worker: the shards' lists in shard order are
/// the sorted diff, so they are moved into place side by side. The storage of an account with
/// many written slots (a token every transaction touches) is compared by all the workers, a
/// range of its slots each, instead of by the one that owns its shard. One thread: diff().
StateDiff parallel_diff(const BlockOverlay& overlay, unsigned threads);

}  // namespace parevm::parallel
