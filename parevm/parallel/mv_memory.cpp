// SPDX-License-Identifier: Apache-2.0
#include <parevm/parallel/mv_memory.hpp>

#include <parevm/core/assert.hpp>
#include <parevm/state/state.hpp>

#include <algorithm>
#include <bit>
#include <type_traits>

namespace parevm::parallel {

std::optional<AccountInfo> apply_credits(std::optional<AccountInfo> account,
                                         const std::vector<BalanceCredit>& credits) {
    for (const BalanceCredit& c : credits)
        account = apply_balance_delta(account, c.amount, c.clear_if_empty);
    return account;
}

MvMemory::Arena::~Arena() {
    release();
}

void MvMemory::Arena::release() {
    for (const Chunk& c : chunks_) std::allocator<Entry>{}.deallocate(c.data, c.size);
    chunks_.clear();
    next_ = nullptr;
    left_ = 0;
}

void MvMemory::release(unsigned part, unsigned parts) {
    for (size_t i = part; i < last_writes_.size(); i += parts) {
        WriteSet().accounts.swap(last_writes_[i].accounts);
        WriteSet().balance_deltas.swap(last_writes_[i].balance_deltas);
        ReadSet().reads.swap(last_reads_[i].reads.reads);
        ReadSet().resolved.swap(last_reads_[i].reads.resolved);
    }
    for (size_t s = part; s < shard_count; s += parts) {
        Shard& shard = shards_[s];
        std::vector<Slot>().swap(shard.index);
        shard.cells.clear();
        shard.arena.release();
    }
}

MvMemory::Entry* MvMemory::Arena::allocate(size_t count) {
    static_assert(std::is_trivially_copyable_v<Entry> && std::is_trivially_destructible_v<Cell>);
    if (count > left_) {
        // Chunks double from 16 entries up to 512 (about 90 KiB): a small block's shards hold
        // a few entries each. A large reservation gets a chunk of its own size.
        const size_t grown =
            std::min<size_t>(512, size_t{16} << std::min<size_t>(chunks_.size(), 5));
        const size_t size = std::max(grown, count);
        chunks_.push_back({std::allocator<Entry>{}.allocate(size), size});
        next_ = chunks_.back().data;
        left_ = size;
    }
    Entry* out = next_;
    next_ += count;
    left_ -= count;
    return out;
}

void MvMemory::Versions::reserve(Arena& arena, uint32_t capacity) {
    if (capacity <= capacity_) return;
    Entry* data = arena.allocate(capacity);
    std::copy(begin(), end(), data);
    data_ = data;
    capacity_ = capacity;
}

MvMemory::Entry* MvMemory::Versions::find(uint32_t tx) const {
    Entry* it =
        std::lower_bound(begin(), end(), tx, [](const Entry& e, uint32_t t) { return e.tx < t; });
    return it != end() && it->tx == tx ? it : nullptr;
}

LocationValue MvMemory::Entry::full_value() const {
    LocationValue v;
    switch (static_cast<WriteRef::Kind>(kind)) {
        case WriteRef::Kind::account:
            v.account = *static_cast<const AccountInfo*>(value);
            break;
        case WriteRef::Kind::word:
            v.word = *static_cast<const uint256*>(value);
            break;
        case WriteRef::Kind::deleted:
        case WriteRef::Kind::storage_clear:
        case WriteRef::Kind::credit:
            break;
    }
    return v;
}

void MvMemory::Versions::count(const Entry& e, int sign) {
    if (!e.is_credit()) full_ += sign;
    if (e.estimate) estimates_ += sign;
}

void MvMemory::Versions::insert(Arena& arena, Entry* at, const Entry& entry) {
    const auto offset = at - data_;
    if (size_ == capacity_) reserve(arena, capacity_ == 0 ? 1 : 2 * capacity_);
    at = data_ + offset;
    std::copy_backward(at, end(), end() + 1);
    *at = entry;
    ++size_;
    count(entry, 1);
}

void MvMemory::Versions::replace(Entry* at, const Entry& entry) {
    count(*at, -1);
    *at = entry;
    count(entry, 1);
}

void MvMemory::Versions::mark_estimate(Entry* at) {
    if (at->estimate != 0) return;
    at->estimate = 1;
    ++estimates_;
}

void MvMemory::Versions::erase(Entry* at) {
    count(*at, -1);
    std::copy(at + 1, end(), at);
    --size_;
}

namespace {
/// The hash bits a slot keeps: the index position uses the low bits, the shard the top six.
uint32_t tag_of(const Location& l) {
    return static_cast<uint32_t>(l.hash >> 24);
}
}  // namespace

const MvMemory::Versions* MvMemory::Shard::find(const Location& l) const {
    if (index.empty()) return nullptr;
    const size_t mask = index.size() - 1;
    const uint32_t tag = tag_of(l);
    for (size_t i = l.hash & mask;; i = (i + 1) & mask) {
        const Slot s = index[i];
        if (s.cell == 0) return nullptr;
        if (s.tag == tag && cells[s.cell - 1].location == l) return &cells[s.cell - 1].versions;
    }
}

MvMemory::Versions& MvMemory::Shard::find_or_insert(const Location& l) {
    if (2 * (cells.size() + 1) > index.size()) {
        // Grow the index to keep probes short; the cells stay where they are.
        index.assign(std::max(initial_slots, 2 * index.size()), Slot{});
        const size_t mask = index.size() - 1;
        for (size_t c = 0; c < cells.size(); ++c) {
            const Location& at = cells[c].location;
            size_t i = at.hash & mask;
            while (index[i].cell != 0) i = (i + 1) & mask;
            index[i] = {tag_of(at), static_cast<uint32_t>(c + 1)};
        }
    }
    const size_t mask = index.size() - 1;
    const uint32_t tag = tag_of(l);
    size_t i = l.hash & mask;
    for (; index[i].cell != 0; i = (i + 1) & mask)
        if (index[i].tag == tag && cells[index[i].cell - 1].location == l)
            return cells[index[i].cell - 1].versions;
    Cell& cell = cells.push_back({l, Versions{}});
    index[i] = {tag, static_cast<uint32_t>(cells.size())};
    return cell.versions;
}

MvMemory::MvMemory(uint32_t num_txs, bool track_changes)
    : track_changes_{track_changes},
      last_writes_(num_txs),
      last_reads_{std::make_unique<ReadSetSlot[]>(num_txs)} {
    // Sixteen buckets per transaction (a few locations written each): a read meets a bucket
    // that a lower transaction wrote for another location about one time in ten.
    const uint64_t buckets =
        std::bit_ceil(std::max<uint64_t>(uint64_t{1} << 12, uint64_t{num_txs} * 16));
    bucket_mask_ = buckets - 1;
    while (num_txs != 0 && ((num_txs - 1) >> writer_shift_) >= no_writer) ++writer_shift_;
    lowest_writer_ = std::make_unique<std::atomic<uint16_t>[]>(buckets);
    for (uint64_t b = 0; b < buckets; ++b)
        lowest_writer_[b].store(no_writer, std::memory_order_relaxed);  // before any worker
    // Tables sized for about four written locations per transaction (the sender, the fee's
    // credit, a token's two balances), spread over the shards, so that common blocks never
    // rehash. Each is allocated on its shard's first write, by the worker making it: a block
    // that halts early (a hot slot) touches few shards.
    const size_t slots = std::bit_ceil(size_t{num_txs} * 8 / shard_count);
    for (Shard& shard : shards_) shard.initial_slots = std::max<size_t>(16, slots);
}

void MvMemory::note_writer(const Location& l, uint32_t tx) noexcept {
    std::atomic<uint16_t>& lowest = lowest_writer_[bucket_of(l)];
    const auto coarse = static_cast<uint16_t>(tx >> writer_shift_);
    // Relaxed load: a stale (higher) value only sends us to the compare-exchange, which
    // re-reads; in increasing execution order the bound is usually below tx already.
    uint16_t current = lowest.load(std::memory_order_relaxed);
    while (coarse < current && !lowest.compare_exchange_weak(current, coarse)) {
    }
}

void MvMemory::reserve_versions(const Location& location, size_t count) {
    Shard& shard = shard_of(location);
    std::lock_guard lock{shard.mutex};
    shard.find_or_insert(location).reserve(shard.arena, static_cast<uint32_t>(count));
}

ReadOutcome MvMemory::read(const Location& location, TxIdx tx, bool code_only) const {
    if (!may_be_written_below(location, tx)) return {};  // see the invariants
    const Shard& shard = shard_of(location);
    std::lock_guard lock{shard.mutex};
    const Versions* versions = shard.find(location);
    ReadOutcome out;
    if (versions == nullptr || (code_only && versions->only_credits())) return out;
    // Walk down from the highest entry below tx, collecting credits until a full value.
    auto v = std::lower_bound(versions->begin(), versions->end(), tx.value,
                              [](const Entry& e, uint32_t t) { return e.tx < t; });
    while (v != versions->begin()) {
        --v;
        const TxVersion writer{TxIdx{v->tx}, Incarnation{v->incarnation}};
        if (v->estimate != 0) {
            out.kind = ReadOutcome::Kind::estimate;
            out.version = writer;
            out.credits.clear();
            return out;
        }
        if (v->is_credit()) {
            if (!code_only) {  // code-only: never applied
                const auto& delta = *static_cast<const BalanceDelta*>(v->value);
                out.credits.push_back({delta.amount, delta.clear_if_empty});
            }
            continue;
        }
        out.kind = ReadOutcome::Kind::value;
        out.version = writer;
        out.value = v->full_value();  // under the shard's mutex (see the invariants)
        break;
    }
    std::reverse(out.credits.begin(), out.credits.end());
    return out;
}

bool MvMemory::record(TxVersion version, ReadSet reads, WriteSet writes, uint64_t changes_before) {
    const uint32_t tx = version.tx_idx.value;
    PAREVM_ASSERT(version.incarnation.value < (1u << 28));  // fits Entry::incarnation
    PAREVM_ASSERT(writes.debits.empty());                   // Block-STM never defers debits
    WriteSet& previous = last_writes_[tx];
    const bool rerun = !previous.accounts.empty() || !previous.balance_deltas.empty();
    std::vector<Location> written;  // only for a re-execution: the stale entries below
    bool wrote_new_location = false;
    for_each_write(writes, [&](const WriteRef& w) {
        note_writer(w.location, tx);
        Shard& shard = shard_of(w.location);
        std::lock_guard lock{shard.mutex};
        Versions& versions = shard.find_or_insert(w.location);
        // Transactions mostly finish in block order: a location every transaction writes (the
        // coinbase's fee credits) is then appended to, without a search of its thousands of
        // entries (each probe a cache miss).
        Entry* it = versions.empty() || versions.back().tx < tx
                        ? versions.end()
                        : std::lower_bound(versions.begin(), versions.end(), tx,
                                           [](const Entry& e, uint32_t t) { return e.tx < t; });
        const Entry entry{w.value, tx, version.incarnation.value, 0, static_cast<uint32_t>(w.kind)};
        if (it != versions.end() && it->tx == tx) {
            // Written by the previous incarnation too (stale entries are always removed).
            versions.replace(it, entry);
        } else {
            versions.insert(shard.arena, it, entry);
            wrote_new_location = true;
        }
        if (rerun) written.push_back(w.location);
    });
    // Remove entries of locations the previous incarnation wrote and this one did not.
    if (rerun) {
        for_each_write(previous, [&](const WriteRef& p) {
            if (std::find(written.begin(), written.end(), p.location) != written.end()) return;
            Shard& shard = shard_of(p.location);
            std::lock_guard lock{shard.mutex};
            Versions* versions = shard.find(p.location);
            PAREVM_ASSERT(versions != nullptr);
            Entry* const it = versions->find(tx);
            PAREVM_ASSERT(it != nullptr);
            versions->erase(it);
        });
    }
    previous = std::move(writes);  // the old set is unreachable now (see the invariants)
    ReadSetSlot& slot = last_reads_[tx];
    std::lock_guard lock{slot.mutex};
    std::swap(slot.reads, reads);
    slot.recorded = true;
    // After the writes are in place (see the invariants); under the read-set lock so that a
    // validator sees the read set and its clean mark together.
    if (track_changes_) {
        const uint64_t before = changes_.fetch_add(1);
        slot.clean = before == changes_before ? before + 1 : 0;
    }
    return wrote_new_location;
}  // the previous read set is freed here, outside the lock

void MvMemory::convert_writes_to_estimates(TxIdx tx) {
    for_each_write(last_writes_[tx.value], [&](const WriteRef& w) {
        Shard& shard = shard_of(w.location);
        std::lock_guard lock{shard.mutex};
        Versions* versions = shard.find(w.location);
        PAREVM_ASSERT(versions != nullptr);
        Entry* const it = versions->find(tx.value);
        PAREVM_ASSERT(it != nullptr);
        versions->mark_estimate(it);
    });
    if (track_changes_) changes_.fetch_add(1);  // after the marks are in place (invariants)
}

bool MvMemory::validate_read(const ReadSet& set, const ReadDescriptor& r, TxIdx tx) const {
    const ReadOutcome now = read(r.location, tx, r.code_only);
    if (r.resolved != 0) {
        // Resolved through credits: valid when the same value comes out now.
        const ResolvedRead& then = set.resolved[r.resolved - 1];
        if (now.kind == ReadOutcome::Kind::estimate) return false;
        if (r.code_only) {
            // Credits never change code. Nothing below now: valid when nothing was below then
            // either (the base view does not change); a value below: compare its code.
            if (now.kind != ReadOutcome::Kind::value) return !r.version;
            const auto code = [](const std::optional<AccountInfo>& a) {
                return a ? a->code_hash : empty_code_hash;
            };
            return code(now.value.account) == code(then.resolved.account);
        }
        const auto& below = now.kind == ReadOutcome::Kind::value ? now.value : then.base;
        return apply_credits(below.account, now.credits) == then.resolved.account;
    }
    if (!now.credits.empty()) return false;
    switch (now.kind) {
        case ReadOutcome::Kind::estimate:
            return false;
        case ReadOutcome::Kind::not_found:
            return !r.version.has_value();
        case ReadOutcome::Kind::value:
            return r.version.has_value() && *r.version == now.version;
    }
    return false;
}

bool MvMemory::validate_read_set(TxIdx tx) const {
    const ReadSetSlot& slot = last_reads_[tx.value];
    std::lock_guard lock{slot.mutex};
    PAREVM_ASSERT(slot.recorded);  // only executed transactions are validated
    if (slot.clean != 0 && changes_.load() == slot.clean) return true;  // nothing changed
    return std::all_of(slot.reads.begin(), slot.reads.end(),
                       [&](const ReadDescriptor& r) { return validate_read(slot.reads, r, tx); });
}

std::vector<std::pair<Location, LocationValue>> MvMemory::snapshot() const {
    std::vector<std::pair<Location, LocationValue>> out;
    for (const Shard& shard : shards_) {
        std::lock_guard lock{shard.mutex};
        for (size_t c = 0; c < shard.cells.size(); ++c) {
            const Cell& cell = shard.cells[c];
            if (cell.versions.empty()) continue;
            const Entry& last = cell.versions.back();
            PAREVM_ASSERT(last.estimate == 0);
            if (!last.is_credit()) out.emplace_back(cell.location, last.full_value());
        }
    }
    return out;
}

}  // namespace parevm::parallel
