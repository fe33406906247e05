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
//  - Each location's versions are guarded by the mutex of the shard the location hashes to; a
//    shard's cells only grow (never removed, never moved), under that same mutex, like any
//    rehash of its index.
//  - An entry points at its value inside the writer's WriteSet, last_writes_[tx], instead of
//    holding a copy; it is read only under its shard's mutex. record() frees the previous
//    WriteSet only after every entry pointing into it was replaced or erased (each under its
//    mutex), so no reader can still reach it.
//  - lowest_writer_ holds, per hash bucket of locations, a lower bound of the transactions
//    that ever wrote a location of the bucket (as a coarse index, see writer_shift_): it starts at
//    "none" and is lowered to tx before tx's first entry there is inserted, never raised. A read by
//    tx i that finds it at i or above may treat the location as not found without a lookup: no
//    lower transaction has written the location yet, so one that does later writes it for the first
//    time, its record() reports a new location, and that schedules the revalidation of every higher
//    transaction (which then finds the bound below it and looks the location up). This also
//    spares the lookup of a location only the reader itself (or higher ones) wrote, which is
//    what most re-reads of a validation are.
//  - last_writes_[i] is touched only by the worker executing i, or by the one worker that won
//    the abort of i's current incarnation (no execution of i can run then); the scheduler's
//    status locks order these accesses.
//  - changes_ counts published changes (record, convert_writes_to_estimates) and is
//    incremented after the change is in place. An execution that read changes_ == c before its
//    first read, and whose own record's increment returned c, saw no change but its own; its
//    reads stay current as long as changes_ == c + 1, so a validation then needs no re-reads
//    (clean_[i] holds c + 1, or 0, under the read-set mutex of i). Tracking is on only when
//    asked for (one worker): with more, another worker records between nearly any execution's
//    first read and its record, and the counter's cache line would move between cores at
//    every record for nothing (measured: 1-3% of validations clean at two workers).
//  - last_reads_[i] can be read by several validators of i while a new incarnation of i records
//    its reads: all of them hold the transaction's read-set mutex while they use it.
#pragma once

#include <parevm/parallel/location.hpp>
#include <parevm/parallel/spin_mutex.hpp>
#include <parevm/parallel/types.hpp>
#include <parevm/state/state.hpp>

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
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

/// A read that resolved balance credits: validated by value. `resolved` is what it returned,
/// `base` the pre-state value it started from when no full value was below.
struct ResolvedRead {
    LocationValue resolved;
    LocationValue base;
};

/// One read of an execution: the location and what it saw (nullopt: the pre-state), or, when
/// it resolved credits (rare: only reads of the coinbase), the value it resolved: then
/// `resolved` is 1 + its index in the read set's `resolved` list. A `code_only` read (always
/// resolved) asked for an account's code hash alone: `resolved` holds the account below any
/// credits, and the read stays valid while the code hash there does. Trivially destructible,
/// so a read set is freed without visiting its reads.
struct ReadDescriptor {
    Location location;
    std::optional<TxVersion> version;
    uint32_t resolved = 0;
    bool code_only = false;
};

/// Everything one execution read.
struct ReadSet {
    std::vector<ReadDescriptor> reads;
    std::vector<ResolvedRead> resolved;

    void push_back(const ReadDescriptor& r) { reads.push_back(r); }
    auto begin() const { return reads.begin(); }
    auto end() const { return reads.end(); }
};

/// One write of a transaction's WriteSet as multi-version memory publishes it: the location,
/// what kind of value it is, and where that value lives inside the WriteSet.
struct WriteRef {
    enum class Kind : uint8_t {
        account,        // basic: `value` is the AccountInfo
        deleted,        // basic: the account is gone
        storage_clear,  // the account's older slots read as zero
        word,           // storage: `value` is the uint256
        credit,         // basic: a lazy credit, `value` is the BalanceDelta
    };
    Location location;
    Kind kind;
    const void* value;
};

/// Calls f(const WriteRef&) for every write of `ws`, in the order they apply: per account its
/// basic value, its storage wipe, its slots; then the lazy credits. A deleted account writes
/// `deleted` and `storage_clear`.
template <class F>
void for_each_write(const WriteSet& ws, F&& f) {
    using Kind = WriteRef::Kind;
    for (const AccountDiff& d : ws.accounts) {
        if (d.deleted) {
            f(WriteRef{Location::basic(d.address), Kind::deleted, nullptr});
            f(WriteRef{Location::storage_clear(d.address), Kind::storage_clear, nullptr});
            continue;
        }
        if (d.info) f(WriteRef{Location::basic(d.address), Kind::account, &*d.info});
        if (d.storage_cleared)
            f(WriteRef{Location::storage_clear(d.address), Kind::storage_clear, nullptr});
        for (const auto& [key, value] : d.storage)
            f(WriteRef{Location::storage(d.address, key), Kind::word, &value});
    }
    for (const BalanceDelta& delta : ws.balance_deltas)
        f(WriteRef{Location::basic(delta.address), Kind::credit, &delta});
}

/// Applies credits, lowest first, to an account value.
std::optional<AccountInfo> apply_credits(std::optional<AccountInfo> account,
                                         const std::vector<BalanceCredit>& credits);

class MvMemory {
public:
    /// `track_changes`: keep the change count that lets a validation skip its re-reads (see
    /// the invariants); worth it for a single worker only.
    explicit MvMemory(uint32_t num_txs, bool track_changes = true);
    MvMemory(const MvMemory&) = delete;
    MvMemory& operator=(const MvMemory&) = delete;

    /// `code_only`: the caller needs the account's code alone (a basic location), which
    /// credits never change: a location holding only credits then reads as not found at once,
    /// without walking them (a hot recipient of lazy transfers holds one per transaction).
    ReadOutcome read(const Location& location, TxIdx tx, bool code_only = false) const;

    /// Makes room for `count` versions of `location` before the block starts: for a location
    /// nearly every transaction writes (the coinbase's lazy fee credit), so that its entries
    /// never move while a worker holds the shard.
    void reserve_versions(const Location& location, size_t count);

    /// False when no transaction below `tx` has written `location` yet: a read by tx may then
    /// be recorded as not found without a lookup (see the invariants). One load.
    bool may_be_written_below(const Location& location, TxIdx tx) const noexcept {
        // Acquire: not needed for the argument of the invariants (a lowering that this load
        // misses is followed by a revalidation of tx), but free on the targets that matter.
        const uint32_t lowest = lowest_writer_[bucket_of(location)].load(std::memory_order_acquire);
        const uint32_t coarse = tx.value >> writer_shift_;
        // Coarse indices: an equal one may stand for a lower transaction (unless exact).
        return lowest < coarse || (writer_shift_ != 0 && lowest == coarse);
    }

    /// Publishes the reads and writes of an execution. Returns true when the write set contains
    /// a location the previous incarnation of this transaction did not write.
    bool record(TxVersion version,
                ReadSet reads,
                WriteSet writes,
                uint64_t changes_before = no_change_count);

    /// Published changes so far; an execution that reads it before its first read and passes
    /// it to record() lets an immediately following validation skip its re-reads.
    uint64_t change_count() const noexcept {
        return track_changes_ ? changes_.load() : no_change_count;
    }
    static constexpr uint64_t no_change_count = ~uint64_t{0};

    /// Marks the last writes of `tx` as ESTIMATE (its incarnation was aborted).
    void convert_writes_to_estimates(TxIdx tx);

    /// Re-reads the last read set of `tx`; false when any read would now see another version.
    bool validate_read_set(TxIdx tx) const;

    /// After the block finished: for every location whose highest writer wrote a full value,
    /// that value (for tests; credits are not resolved here).
    std::vector<std::pair<Location, LocationValue>> snapshot() const;

    /// After the block finished and nothing reads it any more: frees the write and read sets of
    /// the transactions i with i % parts == part, and the shards s with s % parts == part, so
    /// that the workers share the freeing. Calls for distinct parts may run concurrently; the
    /// object is then only fit to be destroyed.
    void release(unsigned part, unsigned parts);

    /// The last write set of `tx` (after the block finished: its final one).
    const WriteSet& last_writes(TxIdx tx) const { return last_writes_[tx.value]; }

private:
    /// 16 bytes: the value stays in the writer's WriteSet (see the invariants).
    struct Entry {
        const void* value;  // as in WriteRef
        uint32_t tx;
        uint32_t incarnation : 28;
        uint32_t estimate : 1;
        uint32_t kind : 3;  // WriteRef::Kind
        bool is_credit() const { return kind == static_cast<uint32_t>(WriteRef::Kind::credit); }
        /// The full value (not a credit).
        LocationValue full_value() const;
    };
    static_assert(sizeof(Entry) == 16);
    /// Bump allocator of a shard's entry arrays, used under the shard's mutex. Nothing is
    /// freed before the MvMemory is: an array outgrown by its location is abandoned (at most
    /// as much again as the live arrays), and the whole arena goes at once at the end.
    class Arena {
    public:
        Arena() = default;
        Arena(const Arena&) = delete;
        Arena& operator=(const Arena&) = delete;
        ~Arena();
        /// Frees every chunk (the entries in them are gone).
        void release();
        /// Room for `count` entries, uninitialized (entries are trivially copyable: they are
        /// copied in whole).
        Entry* allocate(size_t count);

    private:
        struct Chunk {
            Entry* data;
            size_t size;
        };
        std::vector<Chunk> chunks_;
        Entry* next_ = nullptr;
        size_t left_ = 0;
    };
    /// Entries of one location sorted by transaction index (usually one or two), in an array
    /// of the shard's arena. Trivially destructible, like Cell: the table is freed without
    /// visiting its cells.
    class Versions {
    public:
        Entry* begin() const { return data_; }
        Entry* end() const { return data_ + size_; }
        bool empty() const { return size_ == 0; }
        const Entry& back() const { return data_[size_ - 1]; }
        /// The entry of `tx`, or nullptr.
        Entry* find(uint32_t tx) const;
        void reserve(Arena& arena, uint32_t capacity);
        void insert(Arena& arena, Entry* at, const Entry& entry);
        void replace(Entry* at, const Entry& entry);
        void mark_estimate(Entry* at);
        void erase(Entry* at);
        /// True when every entry is a credit and none an ESTIMATE.
        bool only_credits() const { return full_ == 0 && estimates_ == 0; }

    private:
        void count(const Entry& e, int sign);

        Entry* data_ = nullptr;
        uint32_t size_ = 0;
        uint32_t capacity_ = 0;
        uint32_t full_ = 0;       // entries that are values, not credits
        uint32_t estimates_ = 0;  // entries marked ESTIMATE
    };
    struct Cell {
        Location location;
        Versions versions;
    };
    /// A shard's cells in insertion order, in chunks that never move: growing adds a chunk
    /// instead of copying every cell (a block of swaps writes tens of thousands of locations).
    class Cells {
    public:
        static constexpr size_t chunk_cells = 256;
        size_t size() const noexcept { return size_; }
        Cell& operator[](size_t i) { return chunks_[i / chunk_cells][i % chunk_cells]; }
        const Cell& operator[](size_t i) const { return chunks_[i / chunk_cells][i % chunk_cells]; }
        Cell& push_back(const Cell& cell) {
            if (size_ % chunk_cells == 0)
                chunks_.push_back(std::make_unique_for_overwrite<Cell[]>(chunk_cells));
            Cell& at = (*this)[size_++];
            at = cell;
            return at;
        }
        void clear() {
            chunks_.clear();
            size_ = 0;
        }

    private:
        std::vector<std::unique_ptr<Cell[]>> chunks_;
        size_t size_ = 0;
    };
    /// A slot of a shard's index: 1 + the cell's position in `cells` (0: empty), and bits of
    /// the location's hash that the slot's position does not give, to skip most other cells.
    struct Slot {
        uint32_t tag = 0;
        uint32_t cell = 0;
    };
    /// The locations of a shard in insertion order (`cells`, dense, so inserting touches
    /// memory in sequence), found through an index of slots: open addressing with linear
    /// probing over the location hash, at most half full. Eight bytes a slot keep the index
    /// in cache where a table of whole cells would miss on nearly every insert.
    struct alignas(64) Shard {
        mutable SpinMutex mutex;
        std::vector<Slot> index;
        size_t initial_slots = 16;  // the index's size when the first location comes
        Cells cells;
        Arena arena;
        const Versions* find(const Location& l) const;
        Versions* find(const Location& l) {
            return const_cast<Versions*>(std::as_const(*this).find(l));
        }
        Versions& find_or_insert(const Location& l);
    };
    static constexpr size_t shard_count = 64;  // the top 6 bits of the hash pick the shard

    Shard& shard_of(const Location& l) const { return shards_[l.hash >> 58]; }
    /// The bucket of lowest_writer_ that stands for `l`.
    size_t bucket_of(const Location& l) const noexcept {
        return static_cast<size_t>((l.hash >> 16) & bucket_mask_);
    }
    /// Lowers the bucket of `l` to `tx` (before tx inserts its first entry at `l`).
    void note_writer(const Location& l, uint32_t tx) noexcept;
    bool validate_read(const ReadSet& set, const ReadDescriptor& r, TxIdx tx) const;

    mutable std::array<Shard, shard_count> shards_;
    const bool track_changes_;
    std::atomic<uint64_t> changes_{0};
    // 16-bit entries keep the table small (it is read at every read): a transaction index
    // shifted right by writer_shift_ (0 unless the block has more than 65,535 transactions).
    static constexpr uint16_t no_writer = 0xffff;
    unsigned writer_shift_ = 0;
    uint64_t bucket_mask_ = 0;  // number of buckets in lowest_writer_, minus one
    std::unique_ptr<std::atomic<uint16_t>[]> lowest_writer_;
    std::vector<WriteSet> last_writes_;
    /// One cache line per transaction (a spin lock: held for a swap, or for a validation).
    struct alignas(64) ReadSetSlot {
        ReadSet reads;
        uint64_t clean = 0;  // see changes_ in the invariants
        mutable SpinMutex mutex;
        bool recorded = false;
    };
    static_assert(sizeof(ReadSetSlot) == 64);
    std::unique_ptr<ReadSetSlot[]> last_reads_;
};

}  // namespace parevm::parallel
