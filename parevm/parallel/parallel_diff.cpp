// SPDX-License-Identifier: Apache-2.0
#include <parevm/parallel/execute_block_parallel.hpp>
#include <parevm/parallel/parallel_diff.hpp>
#include <parevm/parallel/worker_pool.hpp>

#include <algorithm>
#include <atomic>
#include <span>
#include <vector>

namespace parevm::parallel {

StateDiff parallel_diff(const BlockOverlay& overlay,
                        unsigned threads,
                        const std::function<void(unsigned)>& then) {
    if (threads <= 1) {
        StateDiff out = overlay.diff();
        if (then) then(0);
        return out;
    }
    constexpr unsigned shards = BlockOverlay::shard_count;
    // Room for one diff per account of the overlay, shard after shard: shard s writes its
    // diffs in place from at[s] on, count[s] of them (an account written back to its value
    // before the block has none: the gaps are closed at the end). The calling thread makes the
    // room (default-constructs the diffs) while the other workers start: the shards are taken
    // shards_per_claim at a time, and one taken before the room is there is diffed into room of
    // its own in `early` (built there by the worker, then moved in: the shards' vectors sit
    // side by side, and appending to them directly made the workers write to the same cache
    // lines).
    std::vector<size_t> at(shards + 1, 0);
    for (unsigned s = 0; s < shards; ++s) at[s + 1] = at[s] + overlay.shard_size(s);
    std::vector<size_t> count(shards, 0);
    std::vector<std::vector<AccountDiff>> early(shards);
    std::vector<std::vector<size_t>> deferred(shards);  // positions in shard s's diffs
    // The written slots of each deferred account, listed by the worker of its shard.
    std::vector<std::vector<std::vector<BlockOverlay::SlotRef>>> slot_lists(shards);
    StateDiff out;
    // Release/acquire: the room, made before the store, is seen by a worker that loads true.
    std::atomic<bool> room{false};
    std::atomic<unsigned> next_shard{0};
    static_assert(shards % shards_per_claim == 0);
    WorkerPool::shared().run(threads, [&](unsigned k) {
        if (k == 0) {
            out.accounts.resize(at[shards]);
            room.store(true, std::memory_order_release);
        }
        for (unsigned first; (first = next_shard.fetch_add(shards_per_claim)) < shards;)
            for (unsigned s = first; s < first + shards_per_claim; ++s) {
                std::vector<size_t> big_ones;
                AccountDiff* diffs = nullptr;
                if (room.load(std::memory_order_acquire)) {
                    diffs = out.accounts.data() + at[s];
                } else {
                    early[s].resize(overlay.shard_size(s));
                    diffs = early[s].data();
                }
                count[s] = overlay.diff_shard_into(s, diffs, diff_split_slots, &big_ones);
                if (!big_ones.empty()) {
                    std::vector<std::vector<BlockOverlay::SlotRef>> slots;
                    slots.reserve(big_ones.size());
                    for (size_t i : big_ones)
                        slots.push_back(overlay.written_slots(diffs[i].address));
                    slot_lists[s] = std::move(slots);
                    deferred[s] = std::move(big_ones);
                }
            }
    });
    // The shards diffed before the room was there (a few), moved into place.
    for (unsigned s = 0; s < shards; ++s) {
        if (early[s].empty()) continue;
        std::move(early[s].begin(), early[s].begin() + static_cast<std::ptrdiff_t>(count[s]),
                  out.accounts.begin() + static_cast<std::ptrdiff_t>(at[s]));
        std::vector<AccountDiff>().swap(early[s]);
    }
    struct Big {
        AccountDiff* diff;
        std::vector<BlockOverlay::SlotRef> slots;
        std::vector<std::vector<std::pair<uint256, uint256>>> changed;  // per worker
        std::vector<size_t> offset;                      // of each worker's part in diff->storage
        std::pair<uint256, uint256>* storage = nullptr;  // diff->storage's buffer
    };
    std::vector<Big> big;
    for (unsigned s = 0; s < shards; ++s)
        for (size_t d = 0; d < deferred[s].size(); ++d)
            big.push_back(
                {&out.accounts[at[s] + deferred[s][d]], std::move(slot_lists[s][d]), {}, {}, {}});
    if (!big.empty()) {
        for (Big& b : big) b.changed.resize(threads);
        WorkerPool::shared().run(threads, [&](unsigned k) {
            for (Big& b : big) {
                const size_t m = b.slots.size();
                const std::span<const BlockOverlay::SlotRef> range{
                    b.slots.data() + m * k / threads, b.slots.data() + m * (k + 1) / threads};
                // Into a local first: the workers' vectors of one account sit side by side.
                std::vector<std::pair<uint256, uint256>> changed;
                changed.reserve(range.size());
                overlay.diff_slots(b.diff->address, b.diff->storage_cleared, range, changed);
                b.changed[k] = std::move(changed);
            }
        });
        // Each worker copies its parts into place in the last run below: into the storage's
        // buffer, which stays where it is as the AccountDiff moves.
        for (Big& b : big) {
            b.offset.assign(threads + 1, 0);
            for (unsigned k = 0; k < threads; ++k)
                b.offset[k + 1] = b.offset[k] + b.changed[k].size();
            b.diff->storage.resize(b.offset[threads]);
            b.storage = b.diff->storage.data();
        }
    }
    // Close the gaps, in order: accounts without a diff, and large accounts whose writes all
    // restored the values before the block (none in most blocks: then nothing moves).
    size_t kept = 0;
    for (unsigned s = 0; s < shards; ++s)
        for (size_t i = at[s]; i < at[s] + count[s]; ++i) {
            if (!deferred[s].empty() && out.accounts[i].changes_nothing()) continue;
            if (kept != i) out.accounts[kept] = std::move(out.accounts[i]);
            ++kept;
        }
    out.accounts.resize(kept);
    if (!big.empty() || then) {
        WorkerPool::shared().run(threads, [&](unsigned k) {
            for (const Big& b : big)
                std::copy(b.changed[k].begin(), b.changed[k].end(),
                          b.storage + static_cast<std::ptrdiff_t>(b.offset[k]));
            if (then) then(k);
        });
    }
    return out;
}

}  // namespace parevm::parallel
