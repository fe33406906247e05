// SPDX-License-Identifier: Apache-2.0
// parevm: a block overlay's state diff, computed by the workers of the shared pool.
#pragma once

#include <parevm/state/block_overlay.hpp>

#include <functional>

namespace parevm::parallel {

/// How many of the overlay's shards a worker claims at once when the workers share them out
/// (the diff below, the freeing of a block's state): one at a time, the claims on a small
/// block's few accounts per shard cost more than the work (mainnet block 5891667: 0.89x
/// against 1.05x).
inline constexpr unsigned shards_per_claim = 16;

/// overlay.diff(), computed by shard, the workers claiming shards_per_claim shards at a time:
/// the shards' lists in shard order are the sorted diff, so each is written in place, into room
/// for one diff per account of its shard. The storage of an account with
/// many written slots (a token every transaction touches) is compared by all the workers, a
/// range of its slots each, instead of by the one that owns its shard. One thread: diff().
/// `then(k)`, when given, runs on worker k (0 on one thread) once the diff no longer reads the
/// overlay, in the same run as the diff's last step: for the block's structures to be freed by
/// the workers together without another handoff.
StateDiff parallel_diff(const BlockOverlay& overlay,
                        unsigned threads,
                        const std::function<void(unsigned)>& then = {});

}  // namespace parevm::parallel
