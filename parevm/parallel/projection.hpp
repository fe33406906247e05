// SPDX-License-Identifier: Apache-2.0
// parevm: projected scaling of the Block-STM executor on W virtual workers.
//
// A discrete-event simulation on a virtual clock that drives the real parallel::Scheduler
// (single-threaded, deterministically) with the per-transaction profile of a block: W workers
// are each free at some virtual time; a free worker asks the scheduler for a task and runs it
// for its modelled duration. Multi-version memory is simulated by versions only (location ->
// tx -> {incarnation, estimate}), no values.
//
// Model (and its assumptions):
//  - An execution of tx i reads all its locations at its start time and publishes its writes
//    at its end time, exec_ns[i] + exec_overhead_ns later. The scheduler call that ends a task
//    happens at its end time. Events are ordered by (virtual time, order of scheduling), so a
//    publish at time t precedes any read started after it.
//  - A re-execution reads and writes the same locations and takes the same time as the
//    profiled (last) incarnation: the profile has no other incarnations to draw from.
//  - Reading an ESTIMATE of a lower tx suspends the execution (add_dependency) after
//    dependency_ns; it costs nothing else.
//  - A validation takes validation_base_ns + validation_per_read_ns * reads; it re-resolves
//    each read at its end time and compares versions (a value-based check of lazy balance
//    credits is not modelled: a credit counts as a full write).
//  - A worker that gets no task polls again after poll_ns; after max_idle_polls failures in a
//    row it sleeps until another worker ends a task.
//  - Not modelled: cache and lock contention between real cores, the re-execution budget
//    fallback of execute_block_parallel, and the phases around Block-STM (pre-block system
//    calls, ordered finalization): callers add those to the makespan; projected_finalize_ms
//    models the finalization.
#pragma once

#include <parevm/execution/block.hpp>
#include <parevm/parallel/location.hpp>
#include <parevm/parallel/profile.hpp>
#include <parevm/parallel/types.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace parevm::parallel {

/// The modelled costs of Block-STM's bookkeeping, in virtual nanoseconds. The defaults are
/// rough figures for a modern x86 core; calibrate_costs() measures them from a profiled run.
struct ProjectionCosts {
    double exec_overhead_ns = 1000;      // per execution: state view, write set, record, scheduler
    double validation_base_ns = 200;     // per validation: scheduler and read-set snapshot
    double validation_per_read_ns = 50;  // per read re-resolved by a validation
    double dependency_ns = 500;          // an execution that suspends on an ESTIMATE
    double poll_ns = 100;                // a next_task call that found nothing to do
    unsigned max_idle_polls = 16;        // failed polls in a row before a worker sleeps
};

/// The known dependency of a transaction on the previous one of the same sender (nonce),
/// which execute_block_parallel waits for once instead of discovering it by an abort.
struct SenderHint {
    TxIdx previous;   // the sender's previous transaction in the block
    Location sender;  // basic location of the sender
};

/// Outcome of one simulated block on `workers` workers.
struct Projection {
    unsigned workers = 0;
    double makespan_ns = 0;    // virtual time until the scheduler is done
    double sequential_ns = 0;  // sum of exec_ns: the transactions run once, back to back
    double speedup = 1;        // sequential_ns / makespan_ns (1 for an empty block)
    uint64_t executions = 0;   // incarnations started (suspended ones included)
    uint64_t validations = 0;
    uint64_t aborts = 0;            // validations that aborted an incarnation
    uint64_t dependency_waits = 0;  // executions suspended on an ESTIMATE
    double wasted_ns = 0;           // execution time (with overhead) of aborted incarnations
};

/// Simulates Block-STM over `txs` (one profile per transaction, in block order) on `workers`
/// virtual workers. Deterministic: the same input gives the same output. `hints`, when not
/// empty, has one entry per transaction (see sender_hints).
Projection project(const std::vector<TxProfile>& txs,
                   unsigned workers,
                   const ProjectionCosts& costs,
                   const std::vector<std::optional<SenderHint>>& hints = {});

/// The ordered finalization on `workers` workers, from a profile taken on one thread: its
/// serial part as measured (stats.finalize_serial_ms), plus the parts execute_block_parallel
/// splits, each at the pace of its busiest worker: the receipts (stats.finalize_receipts_ms)
/// by equal ranges of transactions; the fold of the write sets by account shard, shards dealt
/// out as there (shard s to worker s % workers; weights: locations written, a credit that the
/// fold sums into the one before it weighing nothing); and the state diff
/// (stats.finalize_diff_ms) the same way except that the slots of an account with more than
/// diff_split_slots of them spread over every worker. A hot account (a token) is one shard of
/// the fold: it bounds that split.
/// Not modelled: waking the workers, and that locations cost the fold and the diff unequally.
double projected_finalize_ms(const BlockProfile& profile, unsigned workers);

/// The same-sender hints execute_block_parallel uses, for `project`.
std::vector<std::optional<SenderHint>> sender_hints(const Block& block);

/// Costs measured from a profile taken on one thread: the Block-STM phase's time beyond the
/// transactions' own (execute_ms minus the sums of exec_ns and profile_ns) is split into
/// validations (at `base`'s per-validation and per-read costs) and a per-execution overhead
/// (the rest).
/// The other fields are kept from `base`.
ProjectionCosts calibrate_costs(const BlockProfile& profile, const ProjectionCosts& base = {});

/// The cost per execution to add to costs.exec_overhead_ns so that project() on `workers`
/// workers plus `finalize_ms` takes `target_ms`, the measured time of a real run on as many
/// cores: what real cores pay and the model leaves out (cache lines moving between cores, lock
/// hand-offs). Found by bisection within [-exec_overhead_ns, 1 ms]; clamped there when the
/// target lies outside.
double calibrate_cross_core_ns(const std::vector<TxProfile>& txs,
                               unsigned workers,
                               const ProjectionCosts& costs,
                               const std::vector<std::optional<SenderHint>>& hints,
                               double finalize_ms,
                               double target_ms);

}  // namespace parevm::parallel
