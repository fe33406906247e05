// SPDX-License-Identifier: Apache-2.0
// parevm: the Block-STM worker loop, independent of what a transaction is.
//
// Each worker takes tasks from the Scheduler: an execution runs the caller's function for one
// transaction version and publishes its reads and writes to MvMemory; a validation re-reads the
// read set and aborts the version when a read changed. The loop is a template over the execution
// function so the same driver runs EVM transactions and the toy transactions of the tests.
#pragma once

#include <parevm/parallel/mv_memory.hpp>
#include <parevm/parallel/scheduler.hpp>
#include <parevm/parallel/worker_pool.hpp>

#include <optional>
#include <thread>
#include <vector>

namespace parevm::parallel {

/// What one execution of a transaction produced.
struct ExecutionOutput {
    /// Set when the execution read an ESTIMATE of this lower transaction: its result is void.
    std::optional<TxIdx> blocked_on;
    ReadSet reads;
    WriteSet writes;
    /// MvMemory::change_count() before the execution's first read, if it was taken.
    uint64_t changes_before = MvMemory::no_change_count;
};

/// Runs one worker until the block is done. `execute(TxVersion) -> ExecutionOutput`;
/// `jitter()` is called between steps (tests inject random yields there; pass a no-op).
template <class Execute, class Jitter>
void run_worker(unsigned worker,
                Scheduler& scheduler,
                MvMemory& memory,
                Execute& execute,
                Jitter& jitter) {
    Task task;
    while (!scheduler.done()) {
        jitter();
        if (task.kind == TaskKind::execute) {
            const TxVersion version = task.version;
            ExecutionOutput out = execute(version);
            if (out.blocked_on) {
                // Suspend on the blocking transaction; if it already finished, run again.
                if (!scheduler.add_dependency(worker, version.tx_idx, *out.blocked_on)) continue;
                task = {};
                continue;
            }
            const bool wrote_new = memory.record(version, std::move(out.reads),
                                                 std::move(out.writes), out.changes_before);
            task = scheduler.finish_execution(worker, version, wrote_new);
        } else if (task.kind == TaskKind::validate) {
            const TxVersion version = task.version;
            const bool valid = memory.validate_read_set(version.tx_idx);
            const bool aborted = !valid && scheduler.try_validation_abort(version);
            if (aborted) memory.convert_writes_to_estimates(version.tx_idx);
            task = scheduler.finish_validation(worker, version.tx_idx, aborted);
        } else {
            task = scheduler.next_task(worker);
            if (task.kind == TaskKind::none) std::this_thread::yield();
        }
    }
}

/// Runs `threads` workers (the calling thread is one of them, the others come from the
/// process-wide WorkerPool) until the block is done. The scheduler must have been made for
/// `threads` workers. `on_start(k)` runs on worker k before it takes its first task: work for
/// after the block that the calling thread (worker 0) does while the others start executing.
template <class Execute, class Jitter, class OnStart>
void run_block_stm(Scheduler& scheduler,
                   MvMemory& memory,
                   unsigned threads,
                   Execute& execute,
                   Jitter& jitter,
                   OnStart&& on_start) {
    WorkerPool::shared().run(threads, [&](unsigned k) {
        on_start(k);
        run_worker(k, scheduler, memory, execute, jitter);
    });
}

template <class Execute, class Jitter>
void run_block_stm(Scheduler& scheduler,
                   MvMemory& memory,
                   unsigned threads,
                   Execute& execute,
                   Jitter& jitter) {
    run_block_stm(scheduler, memory, threads, execute, jitter, [](unsigned) {});
}

}  // namespace parevm::parallel
