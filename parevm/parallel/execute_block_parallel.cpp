// SPDX-License-Identifier: Apache-2.0
// parevm: Block-STM applied to EVM transactions (DESIGN.md §3), and the entry policy that
// sends a block to it, to the chunked executor (chunked_executor.hpp) or to the sequential path.
//
// Block-STM's phases: (1) the pre-block system calls run sequentially into a BlockOverlay, the base
// view; (2) all transactions run under Block-STM, each incarnation in a fresh State over an
// MvStateView, publishing its WriteSet to MvMemory; (3) ordered finalization: cumulative gas and
// the block's gas limit, receipts, bloom, the final write sets folded into the overlay in block
// order; (4) withdrawals and rewards, sequentially.
#include <parevm/parallel/execute_block_parallel.hpp>

#include <parevm/execution/execute_block.hpp>
#include <parevm/execution/execute_transaction.hpp>
#include <parevm/execution/receipt.hpp>
#include <parevm/parallel/block_stm.hpp>
#include <parevm/parallel/chunked_executor.hpp>
#include <parevm/parallel/jitter.hpp>
#include <parevm/parallel/mv_state_view.hpp>
#include <parevm/parallel/parallel_diff.hpp>
#include <parevm/parallel/profile.hpp>
#include <parevm/parallel/worker_pool.hpp>
#include <parevm/state/block_overlay.hpp>
#include <parevm/state/state.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <chrono>
#include <functional>
#include <iterator>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>
#include <random>
#include <span>
#include <thread>
#include <tuple>

namespace parevm {
namespace {

using namespace parallel;

/// Code deployed by a transaction becomes visible to the others (by its hash) before the
/// accounts that name it are published.
void publish_code(const WriteSet& ws, CodeStore& codes) {
    for (const AccountDiff& d : ws.accounts)
        if (!d.deleted && d.code && d.info) codes.insert(d.info->code_hash, *d.code);
}

using Clock = std::chrono::steady_clock;

BlockResult sequential_fallback(const Block& block,
                                const StateView& pre,
                                const ExecutionOptions& options,
                                const char* reason) {
    BlockResult r = execute_block_sequential(block, pre, options);
    r.stats.fallback = reason;
    return r;
}

/// The entry policy's cost model: whether Block-STM on `threads` workers is expected to beat the
/// in-order path. Costs come from bench/block_executor_bench (Release, one core, 4000-transaction
/// blocks): a plain ether transfer (no data, to an address without code) takes 1.3-1.5 us,
/// an ERC-20 transfer about 5.6 us and a Uniswap swap about 30 us, so other transactions are
/// taken as 8 us; Block-STM adds about 1.5 us per transaction (multi-version reads and writes,
/// validation, ordered finalization) plus waking the pool. Blocks of plain transfers thus need
/// more than two workers to gain.
struct EntryPolicy {
    static constexpr double transfer_ns = 1300, other_ns = 8000, overhead_ns = 1500;
    static bool debits(const Transaction&) { return false; }  // Block-STM reads every sender
    static constexpr double fixed_ns = 30000;
    // A transaction without data is taken as a plain transfer without looking its recipient
    // up: the lookups cost about 4% of a block of transfers, which this decision must not
    // (a data-less call into a contract's receive() is then underestimated).
    static double cost(const Transaction& tx) {
        return tx.to.has_value() && tx.data.empty() ? transfer_ns : other_ns;
    }
    static double sequential_ns(const Block& block) {
        double ns = 0;
        for (const Transaction& tx : block.txs) ns += cost(tx);
        return ns;
    }
    /// The parallel time if the work spread evenly over the workers.
    static double spread_ns(const Block& block, double sequential_ns, unsigned threads) {
        const double n = static_cast<double>(block.txs.size());
        return (sequential_ns + n * overhead_ns) / threads + fixed_ns;
    }
};

/// The entry policy of the chunked executor (the automatic choice on few threads): it adds
/// about 0.4 us per transaction (read keys, a second fold of the speculated write sets, their
/// check) and 40 us per block (pool runs, the base overlay), and a block must be expected to
/// gain 10% even if its work spread evenly. On more threads Block-STM, whose re-executions
/// overlap, is left to run: the chunks commit one after the other.
struct ChunkPolicy {
    static constexpr unsigned most_threads = 4;
    /// A plain transfer's link to its sender's previous transaction is no dependency: it
    /// commits as a debit (execute_block_chunked). Taken, as in EntryPolicy::cost, from the
    /// transaction alone (a data-less call into code is then misjudged).
    static bool debits(const Transaction& tx) { return transfer_form(tx); }
    static constexpr double overhead_ns = 400, fixed_ns = 40000;
    static double spread_ns(const Block& block, double sequential_ns, unsigned threads) {
        const double n = static_cast<double>(block.txs.size());
        return (sequential_ns + n * overhead_ns) / threads + fixed_ns;
    }
};

/// First half of the entry policy: false when the block cannot gain even if its work spread
/// evenly (cheap, no allocation: decides blocks of plain transfers). `Policy`: EntryPolicy
/// (Block-STM) or ChunkPolicy, for their costs per transaction and block.
template <class Policy>
bool could_gain(const Block& block, double seq, unsigned threads) {
    return Policy::spread_ns(block, seq, threads) < 0.9 * seq;
}

/// Second half: the transactions of one sender run one after the other (nonces), so the
/// longest such chain bounds the parallel time from below. `previous` links each transaction
/// to its sender's previous one. `Policy`: as for could_gain.
template <class Policy>
bool chains_allow_gain(const Block& block,
                       double seq,
                       unsigned threads,
                       const std::vector<std::optional<TxIdx>>& previous) {
    std::vector<double> chain_ns(block.txs.size());
    double longest_ns = 0;
    for (size_t i = 0; i < block.txs.size(); ++i) {
        const bool linked = previous[i] && !Policy::debits(block.txs[i]);
        chain_ns[i] = (linked ? chain_ns[previous[i]->value] : 0.0) +
                      EntryPolicy::cost(block.txs[i]) + Policy::overhead_ns;
        longest_ns = std::max(longest_ns, chain_ns[i]);
    }
    const double parallel_ns =
        std::max(Policy::spread_ns(block, seq, threads), longest_ns + Policy::fixed_ns);
    return parallel_ns < 0.9 * seq;
}

/// For each transaction, the previous transaction of the same sender in the block.
std::vector<std::optional<TxIdx>> same_sender_links(const Block& block) {
    const auto n = static_cast<uint32_t>(block.txs.size());
    std::vector<std::optional<TxIdx>> previous(n);
    // Open addressing over the senders, at most half full (a node-based map cost 0.2 ms per
    // 4000 transactions, a cost every block on the parallel path paid up front).
    constexpr uint32_t empty = ~uint32_t{0};
    struct Slot {
        Address sender;
        uint32_t last = empty;  // the sender's latest transaction so far
    };
    const size_t mask = std::bit_ceil(std::max<size_t>(16, 2 * size_t{n})) - 1;
    std::vector<Slot> table(mask + 1);
    for (uint32_t i = 0; i < n; ++i) {
        const Address& sender = block.txs[i].sender;
        size_t at = std::hash<Address>{}(sender)&mask;
        while (table[at].last != empty && table[at].sender != sender) at = (at + 1) & mask;
        if (table[at].last != empty) previous[i] = TxIdx{table[at].last};
        table[at] = {sender, i};
    }
    return previous;
}

/// Folds the final write sets of `applied` (in multi-version memory) into the overlay in block
/// order. The overlay's shards are split among the workers (shard s to worker s % threads): a
/// shard's accounts depend only on their own writes. First each worker sorts the writes of a
/// contiguous range of the transactions by the worker that owns their shard; then each worker
/// folds its writes, taking the ranges in order, so every shard sees its writes in block
/// order. Each write set is read once in all, however many workers there are.
///
/// Within a range, the lazy credits to one address with no other write of it in between (the
/// coinbase's fees, a popular recipient's transfers) are summed into one credit, so that a hot
/// account does not weigh on the worker owning its shard once per transaction. Adding the sum
/// is adding the credits one by one as long as no partial balance wraps to zero (which would
/// empty the account and let EIP-161 delete it): the credits are not zero, their sum does not
/// overflow, and the fold checks that the account's balance plus the sum does not overflow
/// either; otherwise it returns false (the caller then runs the block in order).
///
/// `per_range(k, begin, end)`, when given, runs on worker k for its range of `applied` before
/// the range is sorted.
bool fold_writes(BlockOverlay& overlay,
                 const MvMemory& memory,
                 const std::vector<uint32_t>& applied,
                 unsigned threads,
                 const std::function<void(unsigned, size_t, size_t)>& per_range = {}) {
    if (threads <= 1) {
        if (per_range) per_range(0, 0, applied.size());
        for (uint32_t i : applied) overlay.apply(memory.last_writes(TxIdx{i}));
        return true;
    }
    constexpr uint32_t no_sum = ~uint32_t{0};
    struct Item {
        const AccountDiff* account;  // or, when null:
        const BalanceDelta* credit;  // a credit, unless `sum` is set:
        uint32_t sum;                // its index in the range's sums
    };
    // buckets[k * threads + d]: the writes of range k that worker d folds; sums[k]: the summed
    // credits of range k. Written by worker k in the first run, read in the second.
    std::vector<std::vector<Item>> buckets(size_t{threads} * threads);
    std::vector<std::vector<BalanceDelta>> sums(threads);
    const size_t m = applied.size();
    WorkerPool::shared().run(threads, [&](unsigned k) {
        const size_t begin = m * k / threads, end = m * (k + 1) / threads;
        if (per_range) per_range(k, begin, end);
        // Built in locals and moved in at the end: the workers' vectors sit side by side in
        // `buckets` and `sums`, and appending to them there made every worker write the cache
        // lines the others write.
        std::vector<std::vector<Item>> local(threads);
        std::vector<Item>* mine = local.data();
        std::vector<BalanceDelta> my_sums;
        // The last credit item of an address, if no other write of it followed: a
        // direct-mapped table by the address's last byte (a collision only misses a merge).
        // The item is found by position (bucket, index): buckets grow as it stays open.
        struct Open {
            const Address* address = nullptr;
            size_t bucket = 0, index = 0;
        };
        std::array<Open, 64> open{};
        auto slot = [&open](const Address& a) -> Open& { return open[a.bytes[19] % open.size()]; };
        for (size_t j = begin; j < end; ++j) {
            const WriteSet& ws = memory.last_writes(TxIdx{applied[j]});
            for (const AccountDiff& d : ws.accounts) {
                Open& o = slot(d.address);
                if (o.address != nullptr && *o.address == d.address) o.address = nullptr;
                mine[BlockOverlay::shard_of(d.address) % threads].push_back({&d, nullptr, no_sum});
            }
            for (const BalanceDelta& c : ws.balance_deltas) {
                const size_t b = BlockOverlay::shard_of(c.address) % threads;
                Open& o = slot(c.address);
                if (o.address != nullptr && *o.address == c.address && c.amount != 0) {
                    Item& item = mine[o.bucket][o.index];
                    if (item.sum == no_sum) {
                        item.sum = static_cast<uint32_t>(my_sums.size());
                        my_sums.push_back(*item.credit);
                    }
                    BalanceDelta& total = my_sums[item.sum];
                    const uint256 added = total.amount + c.amount;
                    if (added > total.amount) {  // no overflow: merged
                        total.amount = added;
                        total.clear_if_empty = c.clear_if_empty;
                        continue;
                    }
                }
                mine[b].push_back({nullptr, &c, no_sum});
                if (c.amount != 0)
                    o = Open{&c.address, b, mine[b].size() - 1};
                else
                    o.address = nullptr;
            }
        }
        for (unsigned d = 0; d < threads; ++d)
            buckets[size_t{k} * threads + d] = std::move(local[d]);
        sums[k] = std::move(my_sums);
    });
    std::atomic<bool> exact{true};
    WorkerPool::shared().run(threads, [&](unsigned d) {
        for (unsigned k = 0; k < threads; ++k)
            for (const Item& item : buckets[size_t{k} * threads + d]) {
                if (item.account != nullptr) {
                    overlay.apply(*item.account);
                } else if (item.sum == no_sum) {
                    overlay.apply(*item.credit);
                } else {
                    const BalanceDelta& total = sums[k][item.sum];
                    const std::optional<AccountInfo> before = overlay.account(total.address);
                    const uint256 balance = before ? before->balance : uint256{};
                    // Relaxed: read after the run, whose end orders it.
                    if (balance + total.amount < balance)
                        exact.store(false, std::memory_order_relaxed);
                    overlay.apply(total);
                }
            }
    });
    return exact.load(std::memory_order_relaxed);
}

}  // namespace

BlockResult execute_block_parallel(const Block& block,
                                   const StateView& pre,
                                   const ExecutionOptions& options,
                                   std::vector<TxProfile>* profile) {
    const auto n = static_cast<uint32_t>(block.txs.size());
    const unsigned threads =
        options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    if (!options.force_parallel) {
        if (threads <= 1) return execute_block_sequential(block, pre, options);
        if (n < std::max(2u, options.min_parallel_txs))
            return sequential_fallback(block, pre, options, "block too small");
    }
    const double sequential_ns = EntryPolicy::sequential_ns(block);
    // Known dependencies: a transaction reads the nonce its sender's previous transaction in the
    // block writes (Block-STM waits for it; the chunked executor re-executes it when the two
    // fall in distinct chunks, unless it is a plain transfer: then its sender's part is a
    // debit checked as it commits). Other chains of one sender run in order either way.
    const std::vector<std::optional<TxIdx>> previous_same_sender = same_sender_links(block);
    // On one thread (forced) the chunked executor runs one chunk directly: what its machinery
    // costs where nothing runs in parallel.
    if (options.executor == ExecutionOptions::Executor::chunks && profile == nullptr && n >= 2) {
        ChunkedRun r = execute_block_chunked(block, pre, options, threads, /*probe=*/false,
                                             previous_same_sender);
        if (r.end == ChunkedRun::End::done) return std::move(r.result);
        return sequential_fallback(block, pre, options, "block gas limit reached");
    }
    if (options.executor == ExecutionOptions::Executor::automatic && profile == nullptr &&
        threads > 1 && n >= 2 && threads <= ChunkPolicy::most_threads &&
        (options.force_parallel ||
         (could_gain<ChunkPolicy>(block, sequential_ns, threads) &&
          chains_allow_gain<ChunkPolicy>(block, sequential_ns, threads, previous_same_sender)))) {
        ChunkedRun r = execute_block_chunked(block, pre, options, threads, /*probe=*/true,
                                             previous_same_sender);
        if (r.end == ChunkedRun::End::done) return std::move(r.result);
        if (r.end == ChunkedRun::End::over_block_limits)
            return sequential_fallback(block, pre, options, "block gas limit reached");
        // Contended: Block-STM, if its own policy expects a gain.
    }
    // Block-STM waits for a transaction's same-sender predecessor to publish its writes instead
    // of executing with a stale nonce and aborting later (DESIGN.md §3, same sender).
    if (!options.force_parallel && !could_gain<EntryPolicy>(block, sequential_ns, threads))
        return sequential_fallback(block, pre, options, "too little work to gain");
    if (!options.force_parallel &&
        !chains_allow_gain<EntryPolicy>(block, sequential_ns, threads, previous_same_sender))
        return sequential_fallback(block, pre, options, "too little work to gain");
    const auto start = Clock::now();
    if (profile) profile->assign(n, TxProfile{});
    // The pool's threads stay awake between this block's runs (see WorkerPool::Hold), unless
    // the block halts: they are not needed while the rest runs in order.
    std::optional<WorkerPool::Hold> hold{std::in_place, WorkerPool::shared()};

    BlockOverlay overlay(pre);
    overlay.reserve(expected_accounts(block));
    const BlockContext ctx = make_block_context(block, shared_code_cache());
    apply_pre_block_system_calls(ctx, block, overlay);

    Scheduler scheduler{n, threads};
    MvMemory memory{n, /*track_changes=*/threads == 1};
    memory.reserve_versions(Location::basic(block.env.coinbase), n);  // every tx pays the fee
    CodeStore codes;
    // Each transaction's outcome, from its last execution, allocated by the worker that first
    // executes it: an array of whole (344-byte) outcomes would be first touched here, by this
    // thread alone (a 20,000-transaction block: 7 MB, about 2 ms of page faults).
    std::vector<std::unique_ptr<TxOutcome>> slots(n);
    const uint64_t max_blob_gas = parevm::max_blob_gas(block);

    // Each incarnation ignores the block's gas limit: cumulative gas is only known in order,
    // so the limit is checked during finalization below.
    // Fallback guard: once aborts (wasted executions) pass this budget the block is too
    // contended to gain, so the workers stop and the block runs in order (bounding the loss).
    // Waits on a dependency are not counted: they cost no execution.
    const bool budgeted = options.reexecution_budget_percent != 0;
    const uint64_t abort_budget =
        std::max<uint64_t>(16, uint64_t{n} * options.reexecution_budget_percent / 100);
    // The conflict probe looks at the first executions: 32, or 1/128 of a large block. A block
    // with one hot slot halts after them, so that little work is thrown away (worst_one_slot,
    // 4000 txs: 0.5% of its executions discarded, 0.95-0.96x; with 1/32 it was 1.6%, 0.89-0.91x).
    const uint64_t contention_probe = std::max<uint64_t>(32, n / 128);
    // The hint is taken once per transaction: if the predecessor turns out to be finished
    // (add_dependency refuses), the re-run executes normally.
    std::unique_ptr<std::atomic<bool>[]> hint_taken { new std::atomic<bool>[n] {} };
    std::atomic<uint64_t> hint_waits{0};  // executions suspended by the hint, for the policy

    auto execute = [&](TxVersion version) {
        ExecutionOutput out;
        if (budgeted) {
            const uint64_t aborts = scheduler.aborts();
            // Waits on an ESTIMATE (not the same-sender hint): each follows an abort.
            const uint64_t waits = scheduler.dependency_waits(), hints = hint_waits.load();
            const uint64_t conflicts = aborts + (waits > hints ? waits - hints : 0);
            // The budget; or, from the first few dozen executions on, a third of them hit a
            // conflict: chains of dependencies (hot slots) that threads cannot speed up. Stop
            // as early as possible: the work done so far is discarded. (The counters above
            // change only on conflicts, so a conflict-free block reads them from its cache; the
            // executions, summed over the workers' lines, are counted only once there is one.)
            if (aborts > abort_budget) scheduler.halt();
            if (conflicts != 0) {
                const uint64_t started = scheduler.executions();
                if (started >= contention_probe && 3 * conflicts > started) scheduler.halt();
            }
        }
        if (options.halt_after_executions != 0 &&
            scheduler.executions() >= options.halt_after_executions)
            scheduler.halt();
        const uint32_t i = version.tx_idx.value;
        if (const auto prev = previous_same_sender[i]; prev && !hint_taken[i].exchange(true)) {
            const ReadOutcome r = memory.read(Location::basic(block.txs[i].sender), version.tx_idx);
            if (r.kind != ReadOutcome::Kind::value || r.version.tx_idx < *prev) {
                hint_waits.fetch_add(1);  // (may be refused by add_dependency: then overcounted)
                out.blocked_on = *prev;
                return out;
            }
        }
        out.changes_before = memory.change_count();
        MvStateView view{overlay, memory, codes, version.tx_idx};
        State state{view};
        state.set_deferred_credits(true);
        const auto tx_start = profile ? Clock::now() : Clock::time_point{};
        TxOutcome outcome = execute_transaction(ctx, block.txs[i], state,
                                                std::numeric_limits<uint64_t>::max(), max_blob_gas);
        out.blocked_on = view.blocked_on();
        if (out.blocked_on) return out;
        if (!outcome.error) {
            out.writes = state.write_set();
            publish_code(out.writes, codes);
        }
        out.reads = view.take_reads();
        if (profile) {
            // Slot i of the profile, like slots[i], belongs to the worker executing i.
            TxProfile& p = (*profile)[i];
            const auto tx_end = Clock::now();
            p.exec_ns = static_cast<uint64_t>(
                std::chrono::duration_cast<std::chrono::nanoseconds>(tx_end - tx_start).count());
            p.reads.clear();
            p.writes.clear();
            for (const ReadDescriptor& r : out.reads) p.reads.push_back(r.location);
            for_each_write(out.writes, [&p](const WriteRef& w) { p.writes.push_back(w.location); });
            p.credits = static_cast<uint32_t>(out.writes.balance_deltas.size());
            p.profile_ns = static_cast<uint64_t>(
                std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - tx_end)
                    .count());
        }
        // Only the worker running this incarnation touches slot i until finish_execution
        // (scheduler locks order successive incarnations).
        if (slots[i])
            *slots[i] = std::move(outcome);
        else
            slots[i] = std::make_unique<TxOutcome>(std::move(outcome));
        return out;
    };
    // The receipts' room (4000 receipts: about 1.4 MB to construct, 0.1 ms) is made by the
    // calling thread as the block starts, while the other workers begin executing, instead of
    // in the finalization, where every worker would wait for it. Used by the ranges below.
    BlockResult result;
    const bool receipts_in_ranges = n >= 256;
    auto make_room = [&](unsigned k) {
        if (k == 0 && receipts_in_ranges) result.receipts.resize(n);
    };
    if (options.jitter_seed != 0) {
        auto jitter = [seed = options.jitter_seed] { random_pause(seed); };
        run_block_stm(scheduler, memory, threads, execute, jitter, make_room);
    } else {
        auto no_jitter = [] {};
        run_block_stm(scheduler, memory, threads, execute, no_jitter, make_room);
    }
    const auto executed = Clock::now();
    // After a halt (too many aborts) the workers are gone; the transactions of the longest
    // prefix that finished executing and whose reads still validate (all lower ones being
    // final too) keep their results, and the rest of the block runs in order after them.
    uint32_t final_count = n;
    if (scheduler.halted()) {
        final_count = 0;
        while (final_count < n && scheduler.is_executed(TxIdx{final_count}) &&
               memory.validate_read_set(TxIdx{final_count}))
            ++final_count;
    }

    std::vector<uint32_t> applied;  // transactions whose writes enter the state, in order
    // The phases split among the workers (the rest of the finalization runs on this thread
    // alone), timed for ExecutionStats::finalize_serial_ms and finalize_diff_ms.
    Clock::duration split{}, diff{};
    auto timed = [&split](auto&& phase) {
        const auto t = Clock::now();
        phase();
        const auto took = Clock::now() - t;
        split += took;
        return took;
    };
    // Waking the pool costs more than folding a small block on this thread.
    const unsigned fold_threads = final_count >= 256 ? threads : 1;

    // A whole block of valid transactions takes its receipts in ranges, one per worker (the
    // ranges the fold's first run takes): each worker sums its range's gas; then, the gas before
    // each range known, each worker checks its transactions against the block's remaining gas
    // and blob gas, numbers their cumulative gas, moves their receipts into place and ORs their
    // blooms, as the fold's first run. Otherwise (a halt, an invalid transaction, a small block)
    // the receipts are taken in order on this thread.
    struct alignas(64) RangeSums {  // written by one worker each
        uint64_t gas = 0, blob_gas = 0;
        Clock::duration took{};  // the receipts of the range in the fold's first run
        bool invalid = false;    // a transaction of the range failed
        ReceiptTally tally;      // the range's receipts (its gas counted from the block's start)
    };
    std::vector<RangeSums> ranges;
    std::function<void(unsigned, size_t, size_t)> receipts_by_range;
    Clock::duration receipts{};
    if (final_count == n && receipts_in_ranges) {
        ranges.resize(fold_threads);
        receipts = timed([&] {
            WorkerPool::shared().run(fold_threads, [&](unsigned k) {
                RangeSums& r = ranges[k];
                for (size_t i = size_t{n} * k / fold_threads;
                     i < size_t{n} * (k + 1) / fold_threads; ++i) {
                    const TxOutcome& o = *slots[i];
                    r.invalid |= o.error.has_value();
                    r.gas += o.receipt.gas_used;
                    r.blob_gas += o.receipt.blob_gas_used;
                }
            });
        });
        if (std::none_of(ranges.begin(), ranges.end(),
                         [](const RangeSums& r) { return r.invalid; })) {
            applied.resize(n);
            std::iota(applied.begin(), applied.end(), 0u);
            std::vector<std::pair<uint64_t, uint64_t>> before(fold_threads);  // gas, blob gas
            for (unsigned k = 1; k < fold_threads; ++k)
                before[k] = {before[k - 1].first + ranges[k - 1].gas,
                             before[k - 1].second + ranges[k - 1].blob_gas};
            receipts_by_range = [&, before](unsigned k, size_t begin, size_t end) {
                const auto t = Clock::now();
                RangeSums& r = ranges[k];
                std::tie(r.tally.gas, r.tally.blob_gas) = before[k];
                for (size_t i = begin; i < end; ++i) {
                    Receipt& rc = result.receipts[i];
                    rc = std::move(slots[i]->receipt);
                    r.tally.add(block, block.txs[i], rc);
                }
                r.took = Clock::now() - t;
            };
        }
    }
    if (!receipts_by_range) {
        applied.reserve(n);
        result.receipts.clear();  // the room made for the ranges, if any
        result.receipts.reserve(n);
        for (uint32_t i = 0; i < final_count; ++i) {
            // The in-order checks against the block's remaining gas and blob gas. Which error the
            // sequential executor reports for a transaction failing one of them as well as another
            // check depends on its check order, so such (invalid) blocks simply run in order.
            if (exceeds_block_limits(block, block.txs[i], result.gas_used, result.blob_gas_used))
                return sequential_fallback(block, pre, options, "block gas limit reached");
            const Taken taken = take_outcome(i, *slots[i], options, result);
            if (taken == Taken::invalid) return result;
            if (taken == Taken::receipt) applied.push_back(i);
        }
    }
    bool folded = false;
    timed([&] { folded = fold_writes(overlay, memory, applied, fold_threads, receipts_by_range); });
    if (receipts_by_range) {
        Clock::duration busiest{};
        for (const RangeSums& r : ranges) {
            if (r.tally.over)
                return sequential_fallback(block, pre, options, "block gas limit reached");
            busiest = std::max(busiest, r.took);
            result.gas_used += r.gas;
            result.blob_gas_used += r.blob_gas;
            accumulate_bloom(result.logs_bloom, r.tally.bloom);
        }
        receipts += busiest;
    }
    if (!folded) return sequential_fallback(block, pre, options, "a balance wraps past 2^256");
    if (final_count < n) hold.reset();
    if (final_count < n &&
        !execute_transactions_in_order(ctx, block, final_count, options, overlay, result))
        return result;  // invalid block
    apply_post_block(block, options, overlay, &result);
    // On more than one worker the block's structures are freed by the workers together (tens
    // of thousands of allocations for a large block), in the diff's last run, instead of by
    // this thread alone on the way out.
    std::function<void(unsigned)> release;
    if (fold_threads > 1) {
        release = [&](unsigned k) {
            memory.release(k, fold_threads);
            overlay.release(k, fold_threads);
            for (size_t i = k; i < slots.size(); i += fold_threads) slots[i].reset();
        };
    }
    diff = timed([&] { result.state_diff = parallel_diff(overlay, fold_threads, release); });
    ExecutionStats& st = result.stats;
    st.parallel = final_count == n;
    st.executor = executor_name(ExecutionOptions::Executor::block_stm);
    if (final_count < n) st.fallback = "too many re-executions";
    st.threads = threads;
    st.incarnations = scheduler.executions() + (n - final_count);
    st.validations = scheduler.validations();
    st.aborts = scheduler.aborts();
    st.dependency_waits = scheduler.dependency_waits();
    st.execute_ms = std::chrono::duration<double, std::milli>(executed - start).count();
    st.finalize_ms = std::chrono::duration<double, std::milli>(Clock::now() - executed).count();
    st.finalize_serial_ms =
        std::max(0.0, st.finalize_ms - std::chrono::duration<double, std::milli>(split).count());
    st.finalize_diff_ms = std::chrono::duration<double, std::milli>(diff).count();
    st.finalize_receipts_ms = std::chrono::duration<double, std::milli>(receipts).count();
    return result;
}

}  // namespace parevm
