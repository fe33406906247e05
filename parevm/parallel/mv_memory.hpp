// SPDX-License-Identifier: Apache-2.0
// parevm: multi-version memory of Block-STM (Gelashvili et al., §3).
//
// For every location, the values written by the transactions of the block, keyed by transaction
// index and tagged with the writer's incarnation. A read by transaction i returns the entry of
// the highest index below i: a value (with its version), an ESTIMATE (the writer is being
// re-executed; the reader must wait for it), or nothing (read the pre-state).
//
// Invariants:
//  - After record(v, ...) returns, every location of v's write set holds an entry of v, and no
//    location outside it holds an entry of v.tx_idx (stale ones are removed).
//  - convert_writes_to_estimates(i) marks exactly the locations of i's last write set.
//  - Each location's entry map is guarded by the mutex of the shard the location hashes to.
//  - last_writes_[i] is touched only by the worker executing i, or by the one worker that won
//    the abort of i's current incarnation (no execution of i can run then); the scheduler's
//    status locks order these accesses.
//  - last_reads_[i] can be read by several validators of i while a new incarnation of i records
//    its reads, so it is an immutable snapshot swapped under a per-transaction mutex.
#pragma once

#include <parevm/parallel/location.hpp>
#include <parevm/parallel/types.hpp>

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

namespace parevm::parallel {

/// A lazy balance credit on a basic location (the coinbase fee): applied to whatever value
/// lies below it when read (parevm::apply_balance_delta).
struct BalanceCredit {
    uint256 amount;
    bool clear_if_empty = false;
};

struct ReadOutcome {
    enum class Kind : uint8_t { not_found, value, estimate } kind = Kind::not_found;
    TxVersion version;    // value: the writer; estimate: the blocking tx in version.tx_idx
    LocationValue value;  // value only
    /// Credits written above the value (or above the pre-state when not_found), lowest
    /// transaction first.
    std::vector<BalanceCredit> credits;
};

/// One read of an execution: the location and what it saw (nullopt: the pre-state). A read
/// that resolved balance credits is validated by value instead: `resolved` is what it
/// returned and `base` the pre-state value it started from when no full value was below.
struct ReadDescriptor {
    Location location;
    std::optional<TxVersion> version;
    std::optional<LocationValue> resolved;
    LocationValue base;
};

/// A write: a full value, or (basic locations only) a lazy credit.
struct WriteDescriptor {
    Location location;
    LocationValue value;
    std::optional<BalanceCredit> credit;
};

/// Applies credits, lowest first, to an account value.
std::optional<AccountInfo> apply_credits(std::optional<AccountInfo> account,
                                         const std::vector<BalanceCredit>& credits);

class MvMemory {
public:
    explicit MvMemory(uint32_t num_txs);
    MvMemory(const MvMemory&) = delete;
    MvMemory& operator=(const MvMemory&) = delete;

    ReadOutcome read(const Location& location, TxIdx tx) const;

    /// Publishes the reads and writes of an execution. Returns true when the write set contains
    /// a location the previous incarnation of this transaction did not write.
    bool record(TxVersion version,
                std::vector<ReadDescriptor> reads,
                std::vector<WriteDescriptor> writes);

    /// Marks the last writes of `tx` as ESTIMATE (its incarnation was aborted).
    void convert_writes_to_estimates(TxIdx tx);

    /// Re-reads the last read set of `tx`; false when any read would now see another version.
    bool validate_read_set(TxIdx tx) const;

    /// After the block finished: for every written location, the value of the highest writer
    /// (for tests of full-value writes; credits are not resolved here).
    std::vector<WriteDescriptor> snapshot() const;

    /// The last write set of `tx` (after the block finished: its final one).
    const std::vector<WriteDescriptor>& last_writes(TxIdx tx) const {
        return last_writes_[tx.value];
    }

private:
    struct Entry {
        Incarnation incarnation;
        bool estimate = false;
        LocationValue value;
        std::optional<BalanceCredit> credit;
    };
    using Versions = std::map<uint32_t, Entry>;  // tx index -> entry

    static constexpr size_t shard_count = 64;
    struct alignas(64) Shard {
        mutable std::mutex mutex;
        std::unordered_map<Location, Versions> locations;
    };

    Shard& shard_of(const Location& l) const {
        return shards_[std::hash<Location>{}(l) % shard_count];
    }

    mutable std::array<Shard, shard_count> shards_;
    std::vector<std::vector<WriteDescriptor>> last_writes_;
    struct alignas(64) ReadSetSlot {
        mutable std::mutex mutex;
        std::shared_ptr<const std::vector<ReadDescriptor>> reads;
    };
    std::unique_ptr<ReadSetSlot[]> last_reads_;
};

}  // namespace parevm::parallel
