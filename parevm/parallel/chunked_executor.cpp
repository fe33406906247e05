// SPDX-License-Identifier: Apache-2.0
#include <parevm/parallel/chunked_executor.hpp>

#include <parevm/core/assert.hpp>
#include <parevm/execution/execute_block.hpp>
#include <parevm/execution/execute_transaction.hpp>
#include <parevm/execution/receipt.hpp>
#include <parevm/parallel/chunk_keys.hpp>
#include <parevm/parallel/jitter.hpp>
#include <parevm/parallel/location.hpp>
#include <parevm/parallel/mv_memory.hpp>
#include <parevm/parallel/parallel_diff.hpp>
#include <parevm/parallel/worker_pool.hpp>
#include <parevm/state/block_overlay.hpp>
#include <parevm/state/state.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <limits>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_set>
#include <vector>

namespace parevm::parallel {
namespace {

using namespace chunks;
using Clock = std::chrono::steady_clock;

/// One worker's chunk of the block, [begin, end). Everything here is written by that worker
/// alone. `written` and `committed` are read by the workers of later chunks once they saw
/// `committed` true: the release store publishes everything the worker wrote before it.
struct alignas(64) Chunk {
    uint32_t begin = 0, end = 0;
    /// Per speculated transaction of the chunk, in order: the outcome (the final one once
    /// committed). Transactions executed directly hand theirs to the block's receipts at once.
    std::vector<TxOutcome> outcomes;
    /// Per speculated transaction: its write set, where its read keys end in `reads`, and
    /// whether a read went unrecorded (then it is executed again).
    std::vector<WriteSet> writes;
    std::vector<uint32_t> reads_end;
    std::vector<uint64_t> reads;
    std::vector<uint8_t> unchecked;
    /// Whether a read of speculated transaction j has `hit(key)`.
    template <class Hit>
    bool any_read(uint32_t j, Hit&& hit) const {
        for (uint32_t r = j == 0 ? 0 : reads_end[j - 1]; r < reads_end[j]; ++r)
            if (hit(reads[r])) return true;
        return false;
    }
    /// Keys of every write of the chunk's transactions, speculative or final (a superset of
    /// what the chunk committed: extra keys only cost re-executions).
    KeySet written;
    uint32_t speculated = 0, reexecuted = 0;
    uint32_t debits = 0;                 // sender debits among the speculated transactions' writes
    uint32_t validations_of_pieces = 0;  // transactions of its pieces it checked
    // While its worker executes it directly (in order over the block's state, its turn having
    // come): the transactions not claimed yet, [next, end) packed as next | end << 32. The
    // worker claims from below; an idle worker may take the upper half as a piece, which it
    // speculates and this chunk's worker commits after its own. `owner`: for a piece, the
    // chunk it was taken from, stored (release) once begin and end are set; -1 until then.
    std::atomic<uint64_t> direct_range{0};
    std::atomic<bool> direct_open{false};
    std::atomic<int> owner{-1};
    std::atomic<bool> committed{false};
    // For a piece: set by the chunk it was taken from once that chunk's worker is done with
    // its own part and would wait for the piece; the thief then stops speculating after the
    // transaction at hand, and the chunk's worker executes the rest of the piece directly
    // (a piece misjudged by its count of transactions must not leave that worker idle).
    std::atomic<bool> reclaim{false};
    // The commit shared with the previous chunk's worker, done by then (the helper): the
    // owner publishes its speculation (stage 1: the helper checks the upper half of the reads),
    // then the first transaction that fails the checks (stage 2: both fold the write sets below
    // it into the block's state, each the accounts of half the overlay's shards). helper_done
    // counts the helper's finished steps. Release stores, acquire loads: each publishes what
    // its writer did before it.
    std::vector<uint8_t> conflict;  // per speculated transaction: its reads fail the checks
    uint32_t valid_prefix = 0;      // the speculated transactions before the first that fails
    std::atomic<int> stage{0};
    std::atomic<int> helper_done{0};
};

/// What the contention probe decided (Mode below).
enum class Mode : int { undecided, sealed, collapse, restart };

/// Cuts [0, n) into `threads` chunks by gas limit (the only measure of a transaction's work
/// known before it runs), each of at least one transaction. The first chunk, executed
/// directly, gets a larger share: speculating a transaction (recording its reads, folding its
/// writes twice, reading through two overlays) costs about 6% more, and a speculating worker
/// that falls behind leaves the rest of its chunk to run alone after the commit.
void cut_chunks(const Block& block, std::vector<Chunk>& chunks) {
    constexpr double speculated_weight = 0.94;
    const auto n = static_cast<uint32_t>(block.txs.size());
    const auto threads = static_cast<uint32_t>(chunks.size());
    // Each limit clamped to [21000, the block's limit].
    const double most_gas = std::max(21'000.0, static_cast<double>(block.env.gas_limit));
    std::vector<double> limit_sum(n + 1, 0);
    for (uint32_t i = 0; i < n; ++i)
        limit_sum[i + 1] = limit_sum[i] + std::clamp(static_cast<double>(block.txs[i].gas_limit),
                                                     21'000.0, most_gas);
    const double weights = 1 + (threads - 1) * speculated_weight;
    uint32_t at = 0;
    for (uint32_t k = 0; k < threads; ++k) {
        chunks[k].begin = at;
        const double target = limit_sum[n] * (1 + k * speculated_weight) / weights;
        const uint32_t most = n - (threads - 1 - k);  // one left for each later chunk
        ++at;
        while (at < most && limit_sum[at] < target) ++at;
        chunks[k].end = k + 1 == threads ? n : at;
        at = chunks[k].end;
    }
}

}  // namespace

ChunkedRun execute_block_chunked(const Block& block,
                                 const StateView& pre,
                                 const ExecutionOptions& options,
                                 unsigned threads,
                                 bool probe,
                                 const std::vector<std::optional<TxIdx>>& previous_same_sender) {
    const auto start = Clock::now();
    const auto n = static_cast<uint32_t>(block.txs.size());
    PAREVM_ASSERT(n >= 2 && threads >= 1);
    threads = std::min<unsigned>(threads, n);
    probe = probe && threads >= 2;  // on one thread: one chunk, executed directly
    // The pool threads stay awake between this block's runs (unless the block collapses).
    std::optional<WorkerPool::Hold> hold{std::in_place, WorkerPool::shared()};
    const BlockContext ctx = make_block_context(block, shared_code_cache());
    // `committed`: the block's state, transactions folded in as they commit. `base`: the state
    // before any transaction, which the speculative chunks read while `committed` changes.
    BlockOverlay committed(pre), base(pre);
    committed.reserve(expected_accounts(block));
    {
        std::vector<WriteSet> system_writes;
        apply_pre_block_system_calls(ctx, block, committed, &system_writes);
        for (const WriteSet& ws : system_writes) base.apply(ws);
    }
    const uint64_t max_blob_gas = parevm::max_blob_gas(block);
    std::vector<Chunk> chunks(threads);
    cut_chunks(block, chunks);

    // The contention probe: the second chunk's first `probe_txs` transactions are checked
    // against what the first chunk wrote so far. When a third of them conflict, the block is
    // contended: on a few locations (a hot slot), or when nearly all of them conflict on the
    // same locations (every transaction on one hot contract, such as one Uniswap pair, whose
    // swaps touch 5 keys each), it runs in order on the first chunk's worker (collapse);
    // otherwise (several hot spots, or transactions beside them) it is left to Block-STM
    // (restart), which overlaps the re-executions that chunks would run one after the other.
    // The first chunk's worker seals the mode when it finishes its chunk: a verdict after that
    // is ignored.
    std::atomic<Mode> mode{Mode::undecided};
    ProbeSet probe_writes;
    const uint32_t probe_txs =
        probe ? std::clamp<uint32_t>((chunks[1].end - chunks[1].begin) / 8, 8, 32) : 0;
    std::atomic<bool> probing{probe};  // relaxed: only decides what worker 0 records

    // Each transaction ignores the block's gas limit (the gas used before it is known only in
    // order); the limit is checked as the receipts are appended (see `append`).
    // `speculated`: over the base state; a transaction whose sender sent an earlier one of the
    // block then defers its sender's part if it is a plain transfer (execute_debited_transfer;
    // the debit is checked as it commits, see check_debits and commit_rest).
    auto run_tx = [&](uint32_t i, const StateView& view, WriteSet& ws,
                      bool speculated) -> TxOutcome {
        State state{view};
        state.set_deferred_credits(true);
        if (speculated && previous_same_sender[i]) {
            SenderDebit debit;
            if (std::optional<TxOutcome> debited = execute_debited_transfer(
                    ctx, block.txs[i], state, std::numeric_limits<uint64_t>::max(), max_blob_gas,
                    debit)) {
                if (!debited->error) {
                    ws = state.write_set();
                    ws.debits.push_back(debit);
                }
                return std::move(*debited);
            }
        }
        TxOutcome outcome = execute_transaction(ctx, block.txs[i], state,
                                                std::numeric_limits<uint64_t>::max(), max_blob_gas);
        if (!outcome.error) ws = state.write_set();
        return outcome;
    };
    auto jitter = [seed = options.jitter_seed] { random_pause(seed); };
    // Worker 1's verdict after its probe: conflicting transactions, their distinct keys, and
    // the sum over the conflicting transactions of how many of those keys each hit: keys x
    // conflicting / hits is about the number of hot spots (one Uniswap pair: 5 keys, 3 hit
    // per swap: 1.6; swaps on 4 pairs: 5.6; votes on 13 proposals: 13). Below 2 the conflicts
    // form one chain.
    auto judge = [&](uint32_t conflicting, const std::vector<uint64_t>& keys, uint64_t hits) {
        probing.store(false, std::memory_order_relaxed);
        if (3 * conflicting <= probe_txs) return;
        const bool nearly_all = 10 * conflicting >= 9 * probe_txs;
        const bool one_chain = keys.size() * conflicting < 2 * hits;
        Mode expected = Mode::undecided;
        mode.compare_exchange_strong(expected, keys.size() <= 4 || (nearly_all && one_chain)
                                                   ? Mode::collapse
                                                   : Mode::restart);
    };
    auto decided = [&mode] {
        const Mode m = mode.load(std::memory_order_relaxed);  // re-read by CAS or after the run
        return m == Mode::collapse || m == Mode::restart;
    };

    // Pieces taken from chunks executing directly by idle workers (see Chunk::direct_range).
    constexpr uint32_t max_pieces = 16;
    std::vector<Chunk> pieces(max_pieces);
    std::atomic<uint32_t> piece_slots{0};  // slots handed out (may pass max_pieces)
    std::atomic<uint32_t> stealing{0};     // thieves between claiming a slot and registering
    auto pack = [](uint64_t next, uint64_t end) { return next | end << 32; };
    constexpr uint32_t least_stolen = 4;  // transactions of a piece, at least
    // The registered pieces of chunk k, lowest first (once no thief can take more of it).
    auto pieces_of = [&](unsigned k) {
        std::vector<Chunk*> out;
        for (uint32_t p = 0; p < std::min(piece_slots.load(), max_pieces); ++p)
            if (pieces[p].owner.load(std::memory_order_acquire) == static_cast<int>(k))
                out.push_back(&pieces[p]);
        std::sort(out.begin(), out.end(),
                  [](const Chunk* a, const Chunk* b) { return a->begin < b->begin; });
        return out;
    };

    // Whether a read key of a transaction conflicts with one of `earlier` sets of writes.
    auto conflicts = [](const std::vector<const KeySet*>& earlier, uint64_t key) {
        for (const KeySet* set : earlier)
            if (set->conflicts(key)) return true;
        return false;
    };
    // The write sets chunk k's speculated transactions are checked against: those of the
    // chunks before it (with their re-executions) and of their pieces.
    auto sets_before = [&](unsigned k) {
        std::vector<const KeySet*> out;
        for (unsigned m = 0; m < k; ++m) out.push_back(&chunks[m].written);
        for (uint32_t p = 0; p < std::min(piece_slots.load(), max_pieces); ++p) {
            const int owner = pieces[p].owner.load(std::memory_order_acquire);
            if (owner >= 0 && owner < static_cast<int>(k)) out.push_back(&pieces[p].written);
        }
        return out;
    };
    // Takes the upper half of a directly executing chunk's unclaimed transactions as a piece;
    // nullptr when no chunk has enough left.
    auto steal = [&]() -> Chunk* {
        for (unsigned j = 0; j < chunks.size(); ++j) {
            Chunk& victim = chunks[j];
            if (!victim.direct_open.load()) continue;
            const uint64_t seen = victim.direct_range.load();
            if (static_cast<uint32_t>(seen >> 32) < static_cast<uint32_t>(seen) + 2 * least_stolen)
                continue;  // too little left: no slot spent on it
            const uint32_t slot = piece_slots.fetch_add(1);
            if (slot >= max_pieces) return nullptr;
            stealing.fetch_add(1);
            Chunk& piece = pieces[slot];
            bool stolen = false;
            for (uint64_t r = victim.direct_range.load();;) {
                const auto next = static_cast<uint32_t>(r), end = static_cast<uint32_t>(r >> 32);
                if (end < next + 2 * least_stolen) break;
                const uint32_t mid = next + (end - next) / 2;
                if (victim.direct_range.compare_exchange_weak(r, pack(next, mid))) {
                    piece.begin = mid;
                    piece.end = end;
                    piece.owner.store(static_cast<int>(j), std::memory_order_release);
                    stolen = true;
                    break;
                }
            }
            stealing.fetch_sub(1);  // the piece is registered (or the slot left empty)
            if (stolen) return &piece;
        }
        return nullptr;
    };
    // Marks the speculated transactions [from, to) of c that read what `earlier` wrote (or
    // made an unrecorded read).
    auto check_reads = [&](Chunk& c, const std::vector<const KeySet*>& earlier, uint32_t from,
                           uint32_t to) {
        for (uint32_t j = from; j < to; ++j)
            c.conflict[j] = c.unchecked[j] != 0 ||
                            c.any_read(j, [&](uint64_t key) { return conflicts(earlier, key); });
    };
    // Folds the write sets of chunk c's valid prefix into the block's state: the accounts of
    // the overlay shards of one parity (0 or 1), each shard's in block order.
    auto fold_prefix = [&](const Chunk& c, unsigned parity) {
        for (uint32_t j = 0; j < c.valid_prefix; ++j) {
            const WriteSet& ws = c.writes[j];
            for (const AccountDiff& d : ws.accounts)
                if (BlockOverlay::shard_of(d.address) % 2 == parity) committed.apply(d);
            for (const SenderDebit& debit : ws.debits)  // checked by check_debits
                if (BlockOverlay::shard_of(debit.address) % 2 == parity) committed.apply(debit);
            for (const BalanceDelta& delta : ws.balance_deltas)
                if (BlockOverlay::shard_of(delta.address) % 2 == parity) committed.apply(delta);
        }
    };

    // The speculated transactions of c below `end` whose debits apply, in order: where the
    // first that fails its check is (or `end`). The senders' accounts are followed in an overlay
    // of the block's state (the chunks before c are committed), folding the transactions'
    // writes to them as they will be folded.
    auto check_debits = [&](const Chunk& c, uint32_t end) {
        if (c.debits == 0) return end;
        std::unordered_set<Address> senders;
        for (uint32_t j = 0; j < end; ++j)
            for (const SenderDebit& d : c.writes[j].debits) senders.insert(d.address);
        BlockOverlay followed(static_cast<const StateView&>(committed));
        for (uint32_t j = 0; j < end; ++j) {
            const WriteSet& ws = c.writes[j];
            for (const AccountDiff& d : ws.accounts)
                if (senders.contains(d.address)) followed.apply(d);
            for (const SenderDebit& d : ws.debits) {
                if (!debit_applies(followed.account(d.address), d)) return j;
                followed.apply(d);
            }
            for (const BalanceDelta& delta : ws.balance_deltas)
                if (senders.contains(delta.address)) followed.apply(delta);
        }
        return end;
    };
    // Whether the debits of a transaction apply to the block's state as it is.
    auto debits_apply = [&](const WriteSet& ws) {
        return std::all_of(ws.debits.begin(), ws.debits.end(), [&](const SenderDebit& d) {
            return debit_applies(committed.account(d.address), d);
        });
    };

    ChunkedRun run;
    BlockResult& result = run.result;
    bool collapsed_over = false;  // a collapsed block exceeded its limits

    // The block's final outcomes, appended in block order: the receipts of the transactions
    // that succeeded and the errors of those that failed (t8n skips them; a block is invalid
    // with one). Each chunk's are appended by its worker once the chunks before it are
    // committed (the chunk executing directly: as each transaction runs, its receipt still
    // hot), the `committed` flags passing the turn on; `tally` follows the appends. Only the
    // worker whose turn it is appends (the flags order the appends). With a failure the block
    // is taken in order from these (see take_appended).
    std::vector<Receipt> receipts;
    receipts.reserve(n);
    std::vector<std::pair<uint32_t, TxError>> failures;  // (transaction, its error)
    ReceiptTally tally;
    auto append = [&](uint32_t i, TxOutcome&& o) {
        if (o.error)
            failures.emplace_back(i, std::move(*o.error));
        else
            tally.add(block, block.txs[i], receipts.emplace_back(std::move(o.receipt)));
    };
    // Takes the appended outcomes of the transactions before `end` (the first `end` appended)
    // into the result in order, as the sequential executor does; false when one exceeds the
    // block's limits (the caller then runs the block in order, which reports it).
    auto take_appended = [&](uint32_t end) {
        PAREVM_ASSERT(receipts.size() + failures.size() >= end);
        size_t r = 0, f = 0;
        for (uint32_t i = 0; i < end; ++i) {
            if (exceeds_block_limits(block, block.txs[i], result.gas_used, result.blob_gas_used))
                return false;
            TxOutcome o;
            if (f < failures.size() && failures[f].first == i)
                o.error = std::move(failures[f++].second);
            else
                o.receipt = std::move(receipts[r++]);
            if (take_outcome(i, o, options, result) == Taken::invalid) return true;
        }
        return true;
    };

    WorkerPool::shared().run(threads, [&](unsigned k) {
        Chunk& c = chunks[k];
        const bool last = k + 1 == threads;
        if (k > 0) c.outcomes.reserve(c.end - c.begin);
        if (threads > 1) c.written.reserve(written_keys_per_tx * (c.end - c.begin));
        // Executes transaction i over the block's state (its turn has come).
        auto execute_committed = [&](uint32_t i, KeySet* dirty) {
            WriteSet ws;
            TxOutcome outcome = run_tx(i, committed, ws, false);
            if (!outcome.error) {
                if (dirty) dirty->add_writes(ws);
                if (threads > 1) c.written.add_writes(ws);  // one thread: nothing checks them
                if (k == 0 && probing.load(std::memory_order_relaxed)) probe_writes.add_writes(ws);
                committed.apply(ws);
            }
            return outcome;
        };
        // Speculates the transactions of `s` from s.begin on, over the base state and the
        // earlier ones' writes, while `go()`; records their reads and writes in `s`.
        auto speculate = [&](Chunk& s, auto&& go) {
            BlockOverlay spec(static_cast<const StateView&>(base));
            uint32_t conflicting = 0;
            std::vector<uint64_t> conflict_keys;  // distinct, for the probe's verdict
            uint64_t conflict_hits = 0;           // per conflicting transaction, its distinct keys
            const bool probe_here = probe && &s == &chunks[1];
            for (uint32_t i = s.begin; i < s.end && go(); ++i) {
                const auto reads_begin = static_cast<uint32_t>(s.reads.size());
                RecordingView view{spec, s.reads};
                WriteSet ws;
                s.outcomes.push_back(run_tx(i, view, ws, true));
                s.debits += static_cast<uint32_t>(ws.debits.size());
                s.unchecked.push_back(view.unchecked() ? 1 : 0);
                s.reads_end.push_back(static_cast<uint32_t>(s.reads.size()));
                if (!s.outcomes.back().error) {
                    s.written.add_writes(ws);
                    spec.apply(ws);
                }
                s.writes.push_back(std::move(ws));
                if (probe_here && probing.load(std::memory_order_relaxed)) {
                    std::vector<uint64_t> tx_keys;  // this transaction's conflicting keys
                    for (uint32_t r = reads_begin; r < s.reads.size(); ++r) {
                        if (!probe_writes.conflicts(s.reads[r])) continue;
                        const uint64_t key = s.reads[r] | 1;
                        if (std::find(tx_keys.begin(), tx_keys.end(), key) == tx_keys.end())
                            tx_keys.push_back(key);
                        if (std::find(conflict_keys.begin(), conflict_keys.end(), key) ==
                            conflict_keys.end())
                            conflict_keys.push_back(key);
                    }
                    conflicting += tx_keys.empty() ? 0 : 1;
                    conflict_hits += tx_keys.size();
                    if (i + 1 - s.begin == probe_txs)
                        judge(conflicting, conflict_keys, conflict_hits);
                }
                jitter();
            }
            s.speculated = static_cast<uint32_t>(s.outcomes.size());
            if (probe_here && probing.load(std::memory_order_relaxed)) judge(0, {}, 0);
        };  // the overlay is freed here, by the worker that made it (its memory serves the
            // allocations that follow)
        // Commits s's speculated transactions from `from` on, in order (s.conflict checked):
        // those that pass the checks and read nothing the re-executed ones before them wrote
        // (`dirty`: their speculative and final writes) keep their results, the others run
        // again over the block's state.
        auto commit_rest = [&](Chunk& s, uint32_t from) {
            KeySet dirty;
            for (uint32_t j = from; j < s.speculated; ++j) {
                const bool valid = s.conflict[j] == 0 && !s.any_read(j, [&](uint64_t key) {
                    return dirty.conflicts(key);
                }) && debits_apply(s.writes[j]);
                if (valid) {
                    if (!s.outcomes[j].error) committed.apply(s.writes[j]);
                } else {
                    ++s.reexecuted;
                    dirty.add_writes(s.writes[j]);
                    s.outcomes[j] = execute_committed(s.begin + j, &dirty);
                }
                jitter();
            }
        };

        // Executes c's transactions from `from` on directly, those idle workers do not take;
        // returns where this worker stopped (below c.end only after a probe's verdict). It
        // claims them a few at a time while many are left (an atomic operation per light
        // transaction costs a few percent); a thief takes half of what is left unclaimed.
        auto run_direct = [&](uint32_t from) {
            uint32_t i = from;
            c.direct_range.store(pack(from, c.end));
            c.direct_open.store(true);
            for (uint64_t r = c.direct_range.load(); !decided();) {
                const auto next = static_cast<uint32_t>(r), end = static_cast<uint32_t>(r >> 32);
                if (next >= end) break;
                const uint32_t batch =
                    threads == 1 ? end - next : std::clamp<uint32_t>((end - next) / 16, 1, 8);
                if (!c.direct_range.compare_exchange_weak(r, pack(next + batch, end))) continue;
                for (i = next; i < next + batch && !decided(); ++i) {
                    append(i, execute_committed(i, nullptr));
                    jitter();
                }
                if (i < next + batch) break;  // a probe's verdict
                r = pack(next + batch, end);
            }
            c.direct_open.store(false);
            return i;
        };
        // Commits the pieces taken from c, lowest first, each checked against the earlier
        // chunks and pieces, c's own writes and c's lower pieces.
        auto commit_pieces = [&](uint32_t direct_end) {
            c.end = direct_end;
            while (stealing.load() != 0) std::this_thread::yield();
            std::vector<const KeySet*> earlier = sets_before(k);
            earlier.push_back(&c.written);
            for (Chunk* piece : pieces_of(k)) {
                piece->reclaim.store(true, std::memory_order_relaxed);  // a hint, see Chunk
                while (!piece->committed.load(std::memory_order_acquire))
                    std::this_thread::yield();  // `committed`: its speculation ended
                piece->conflict.assign(piece->speculated, 0);
                check_reads(*piece, earlier, 0, piece->speculated);
                commit_rest(*piece, 0);
                earlier.push_back(&piece->written);
                for (uint32_t j = 0; j < piece->speculated; ++j)
                    append(piece->begin + j, std::move(piece->outcomes[j]));
                // The transactions the thief did not reach, over the block's state (their
                // writes go to c.written, which later pieces are checked against).
                for (uint32_t i = piece->begin + piece->speculated; i < piece->end; ++i) {
                    append(i, execute_committed(i, nullptr));
                    jitter();
                }
                c.end = piece->end;
                c.validations_of_pieces += piece->speculated;
                c.reexecuted += piece->reexecuted;
                std::vector<TxOutcome>().swap(piece->outcomes);
                std::vector<WriteSet>().swap(piece->writes);
            }
        };
        // Speculates pieces of directly executing chunks while `go()`.
        auto steal_work = [&](auto&& go) {
            while (go() && !decided()) {
                Chunk* piece = steal();
                if (piece == nullptr) {
                    std::this_thread::yield();
                    continue;
                }
                piece->written.reserve(written_keys_per_tx * (piece->end - piece->begin));
                speculate(*piece, [&] {
                    return !decided() && !piece->reclaim.load(std::memory_order_relaxed);
                });
                piece->committed.store(true, std::memory_order_release);  // speculation ended
            }
        };

        if (k == 0) {
            const uint32_t i = run_direct(c.begin);
            if (!decided()) {
                Mode expected = Mode::undecided;  // a verdict from now on is ignored
                mode.compare_exchange_strong(expected, Mode::sealed);
            }
            if (mode.load() == Mode::collapse) {
                // The whole block in order, here (pieces and chunks are dropped): the
                // transactions done so far give their receipts, the rest run through the
                // sequential executor's loop. The other workers may sleep instead of spinning
                // (`hold` is touched by this worker alone during the run).
                hold.reset();
                if (!take_appended(i))
                    collapsed_over = true;
                else if (!result.invalid)
                    execute_transactions_in_order(ctx, block, i, options, committed, result);
            } else if (mode.load() == Mode::restart) {
                return;
            } else {
                commit_pieces(i);
            }
        } else {
            const Chunk& previous = chunks[k - 1];
            speculate(c, [&] {
                return (options.speculate_whole_chunks ||
                        !previous.committed.load(std::memory_order_acquire)) &&
                       !decided();
            });
            // Out of work before the previous chunk is committed: take pieces of the chunk
            // executing directly.
            if (c.speculated == c.end - c.begin)
                steal_work([&] { return !previous.committed.load(std::memory_order_acquire); });
            // Wait for the previous chunk, unless the probe's verdict leaves this chunk to
            // the first worker (collapse) or to Block-STM (restart).
            while (!previous.committed.load(std::memory_order_acquire)) {
                if (decided()) break;
                std::this_thread::yield();
            }
            if (decided()) {
                c.outcomes.clear();
                c.speculated = 0;
                c.begin = c.end = n;  // nothing of the block's result is here
                return;
            }
            // Check the reads against the earlier writes, this worker the lower half, the
            // helper the upper; fold the valid prefix in together, by overlay shard.
            const std::vector<const KeySet*> earlier = sets_before(k);
            c.conflict.assign(c.speculated, 0);
            c.stage.store(1, std::memory_order_release);
            check_reads(c, earlier, 0, c.speculated / 2);
            while (c.helper_done.load(std::memory_order_acquire) < 1) std::this_thread::yield();
            c.valid_prefix = check_debits(
                c, static_cast<uint32_t>(std::find(c.conflict.begin(), c.conflict.end(), 1) -
                                         c.conflict.begin()));
            c.stage.store(2, std::memory_order_release);
            fold_prefix(c, 0);
            while (c.helper_done.load(std::memory_order_acquire) < 2) std::this_thread::yield();
            commit_rest(c, c.valid_prefix);
            for (uint32_t j = 0; j < c.speculated; ++j)
                append(c.begin + j, std::move(c.outcomes[j]));
            commit_pieces(run_direct(c.begin + c.speculated));
        }
        c.committed.store(true, std::memory_order_release);
        std::vector<WriteSet>().swap(c.writes);  // freed by the worker that made them
        if (last || decided()) return;
        // Help the next chunk's worker commit it (see Chunk).
        Chunk& next = chunks[k + 1];
        while (next.stage.load(std::memory_order_acquire) < 1) {
            if (decided()) return;
            std::this_thread::yield();
        }
        check_reads(next, sets_before(k + 1), next.speculated / 2, next.speculated);
        next.helper_done.store(1, std::memory_order_release);
        while (next.stage.load(std::memory_order_acquire) < 2) std::this_thread::yield();
        fold_prefix(next, 1);
        next.helper_done.store(2, std::memory_order_release);
        // Then take pieces of the chunks still executing directly, until the last commits.
        steal_work([&] { return !chunks.back().committed.load(std::memory_order_acquire); });
    });
    const auto executed = Clock::now();
    if (mode.load() == Mode::restart) {
        run.end = ChunkedRun::End::contended;
        return run;
    }
    const bool collapsed = mode.load() == Mode::collapse;
    if (collapsed_over) {
        run.end = ChunkedRun::End::over_block_limits;
        return run;
    }
    if (result.invalid) return run;
    // Waking the pool costs more than finalizing a small block on this thread.
    const unsigned final_threads = n >= 256 && !collapsed ? threads : 1;
    if (!collapsed) {
        if (!failures.empty()) {
            // In order, as the sequential executor takes them: the first failure decides.
            if (!take_appended(n)) {
                run.end = ChunkedRun::End::over_block_limits;
                return run;
            }
            if (result.invalid) return run;
        } else if (tally.over) {
            run.end = ChunkedRun::End::over_block_limits;
            return run;
        } else {
            result.gas_used = tally.gas;
            result.blob_gas_used = tally.blob_gas;
            result.logs_bloom = tally.bloom;
            result.receipts = std::move(receipts);
        }
    }
    apply_post_block(block, options, committed, &result);
    const auto diff_start = Clock::now();
    // The block's state is freed by the workers together (tens of thousands of allocations
    // for a large block): each its chunk's keys, then the overlay's shards, shards_per_claim
    // at a time (a speculated chunk's read keys take longer to free than a direct one's).
    std::atomic<unsigned> next_shard{0};
    auto release = [&](unsigned k) {
        Chunk& c = chunks[k];
        std::vector<uint64_t>().swap(c.reads);
        c.written = KeySet{};
        constexpr unsigned shards = BlockOverlay::shard_count;
        for (unsigned first; (first = next_shard.fetch_add(shards_per_claim)) < shards;)
            for (unsigned s = first; s < first + shards_per_claim; ++s)
                committed.release(s, shards);
    };
    result.state_diff = parallel_diff(
        committed, final_threads, final_threads > 1 ? release : std::function<void(unsigned)>{});
    const auto diff_end = Clock::now();

    ExecutionStats& st = result.stats;
    st.parallel = !collapsed;
    if (collapsed) st.fallback = collapsed_fallback;
    st.executor = executor_name(ExecutionOptions::Executor::chunks);
    st.threads = threads;
    for (const Chunk& c : chunks) {
        st.validations += c.speculated + c.validations_of_pieces;
        st.aborts += c.reexecuted;
    }
    st.incarnations = n + st.aborts;
    using ms = std::chrono::duration<double, std::milli>;
    st.execute_ms = ms(executed - start).count();
    st.finalize_ms = ms(Clock::now() - executed).count();
    // (The receipts were appended during the run; the diff's time includes the freeing.)
    if (final_threads > 1) st.finalize_diff_ms = ms(diff_end - diff_start).count();
    st.finalize_serial_ms = std::max(0.0, st.finalize_ms - st.finalize_diff_ms);
    return run;
}

}  // namespace parevm::parallel
