// SPDX-License-Identifier: Apache-2.0
#include <parevm/parallel/execute_block_parallel.hpp>
#include <parevm/parallel/parallel_diff.hpp>
#include <parevm/parallel/worker_pool.hpp>

#include <algorithm>
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
    std::vector<std::vector<AccountDiff>> parts(shards);
    std::vector<std::vector<size_t>> deferred(shards);  // positions in parts[s]
    // The written slots of each deferred account, listed by the worker of its shard.
    std::vector<std::vector<std::vector<BlockOverlay::SlotRef>>> slot_lists(shards);
    WorkerPool::shared().run(threads, [&](unsigned k) {
        // Built in locals, then moved in: the shards' vectors sit side by side, and appending
        // to them directly made the workers write to the same cache lines.
        for (unsigned s = k; s < shards; s += threads) {
            std::vector<AccountDiff> part;
            std::vector<size_t> big_ones;
            overlay.diff_shard(s, part, diff_split_slots, &big_ones);
            if (!big_ones.empty()) {
                std::vector<std::vector<BlockOverlay::SlotRef>> slots;
                slots.reserve(big_ones.size());
                for (size_t i : big_ones) slots.push_back(overlay.written_slots(part[i].address));
                slot_lists[s] = std::move(slots);
                deferred[s] = std::move(big_ones);
            }
            parts[s] = std::move(part);
        }
    });
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
            big.push_back({&parts[s][deferred[s][d]], std::move(slot_lists[s][d]), {}, {}, {}});
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
        // A large account whose writes all restored the pre-state values has no diff.
        for (unsigned s = 0; s < shards; ++s) {
            if (deferred[s].empty()) continue;
            std::erase_if(parts[s], [](const AccountDiff& d) { return d.changes_nothing(); });
        }
    }
    std::vector<size_t> offset(shards + 1, 0);
    for (unsigned s = 0; s < shards; ++s) offset[s + 1] = offset[s] + parts[s].size();
    StateDiff out;
    out.accounts.resize(offset[shards]);
    WorkerPool::shared().run(threads, [&](unsigned k) {
        for (unsigned s = k; s < shards; s += threads) {
            std::move(parts[s].begin(), parts[s].end(),
                      out.accounts.begin() + static_cast<std::ptrdiff_t>(offset[s]));
            std::vector<AccountDiff>().swap(parts[s]);  // freed here, by this worker
        }
        for (const Big& b : big)
            std::copy(b.changed[k].begin(), b.changed[k].end(),
                      b.storage + static_cast<std::ptrdiff_t>(b.offset[k]));
        if (then) then(k);
    });
    return out;
}

}  // namespace parevm::parallel
