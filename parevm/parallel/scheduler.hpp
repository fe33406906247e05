// SPDX-License-Identifier: Apache-2.0
// parevm: the collaborative scheduler of Block-STM (Gelashvili et al., PPoPP 2023, §4).
//
// Workers repeatedly ask for the lowest-indexed pending task. Two shared counters hold the next
// transaction to execute and the next to validate; both only move down when a transaction must
// be (re-)executed or (re-)validated, and every such decrease bumps `decrease_cnt_` so that the
// termination check can detect a race with it. Per transaction the scheduler keeps an
// incarnation number and a status:
//
//   ReadyToExecute(i) --try_incarnate--> Executing(i) --finish_execution--> Executed(i)
//   Executing(i) --add_dependency--> Aborting(i)    (suspended on an ESTIMATE of a lower tx)
//   Executed(i) --try_validation_abort--> Aborting(i)
//   Aborting(i) --set_ready_status--> ReadyToExecute(i+1)
//
// Invariants:
//  - A (tx, incarnation) is executed by at most one worker: only try_incarnate moves a status
//    to Executing, under the status lock, from ReadyToExecute.
//  - A worker's `active` counter counts the tasks it was handed and has not finished; a task
//    is finished by the worker that took it (a task a call hands back stays with its caller).
//    The block is done when both indices are past the end, no worker holds a task, and no index
//    decreased meanwhile. Each worker writes only its own counters (own cache line): the
//    counters every task touches are not passed between cores.
//  - dependencies_[j] holds transactions suspended until j finishes its current execution;
//    entries are added only while j is not Executed (checked under j's dependency lock, which
//    finish_execution also takes before resuming them), so no wake-up is lost.
#pragma once

#include <parevm/parallel/spin_mutex.hpp>
#include <parevm/parallel/types.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace parevm::parallel {

enum class TaskKind : uint8_t { none, execute, validate };

struct Task {
    TaskKind kind = TaskKind::none;
    TxVersion version;
};

class Scheduler {
public:
    /// `workers`: how many workers will call it, numbered 0..workers-1 in the calls below.
    explicit Scheduler(uint32_t num_txs, unsigned workers = 1);
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    /// The next task for a worker, or TaskKind::none when there is nothing to do right now
    /// (check done() and ask again).
    Task next_task(unsigned worker);

    /// True once every transaction is executed and validated with nothing in flight, or once
    /// halt() was called.
    bool done() const noexcept { return done_.load(); }

    /// Stops the block early: workers finish their current task and leave. The results in
    /// multi-version memory are then incomplete and must be discarded (fallback policy).
    void halt() noexcept {
        halted_.store(true);
        done_.store(true);
    }
    bool halted() const noexcept { return halted_.load(); }
    /// True when tx's current incarnation has finished executing (and is not being aborted).
    /// Used after a halt, with every worker gone, to find the prefix of finished transactions.
    bool is_executed(TxIdx tx);

    /// `tx` read an ESTIMATE written by `blocking`. Suspends tx until blocking re-executes.
    /// Returns false when blocking has already finished meanwhile: the caller re-executes.
    bool add_dependency(unsigned worker, TxIdx tx, TxIdx blocking);

    /// The execution of `version` ended; `wrote_new_location` when its write set has a location
    /// the previous incarnation did not write (higher transactions must then be revalidated).
    /// May hand the caller the validation of this same version.
    Task finish_execution(unsigned worker, TxVersion version, bool wrote_new_location);

    /// A validation of `version` failed: returns true when this caller won the right to abort it.
    bool try_validation_abort(TxVersion version);

    /// A validation ended; when it aborted, may hand the caller the re-execution.
    Task finish_validation(unsigned worker, TxIdx tx, bool aborted);

    /// Statistics: executions started (incarnations) and validations started.
    uint64_t executions() const noexcept { return sum(&WorkerCounters::executions); }
    uint64_t validations() const noexcept { return sum(&WorkerCounters::validations); }
    /// Statistics: incarnations aborted by validation, executions suspended on a dependency.
    uint64_t aborts() const noexcept { return aborts_.load(); }
    uint64_t dependency_waits() const noexcept { return dependency_waits_.load(); }

private:
    enum class Status : uint8_t { ready_to_execute, executing, executed, aborting };

    /// Per-transaction state; one cache line each so that workers on neighbouring
    /// transactions do not contend on the same line. Spin locks: every critical section is a
    /// few loads and stores (a sleeping mutex also made the line twice as long).
    struct alignas(64) TxState {
        std::vector<TxIdx> dependents;
        Incarnation incarnation;
        Status status = Status::ready_to_execute;
        SpinMutex status_mutex;
        SpinMutex deps_mutex;
    };
    static_assert(sizeof(TxState) == 64);

    /// One worker's counters, on a line of their own.
    struct alignas(64) WorkerCounters {
        std::atomic<int64_t> active{0};  // tasks held (see the invariants)
        std::atomic<uint64_t> executions{0};
        std::atomic<uint64_t> validations{0};
    };

    /// A counter summed over the workers.
    uint64_t sum(std::atomic<uint64_t> WorkerCounters::*counter) const noexcept;
    std::optional<TxVersion> try_incarnate(WorkerCounters& w, TxIdx tx);
    std::optional<TxVersion> next_version_to_execute(WorkerCounters& w);
    std::optional<TxVersion> next_version_to_validate(WorkerCounters& w);
    void set_ready_status(TxIdx tx);
    void decrease_execution_idx(uint32_t target);
    void decrease_validation_idx(uint32_t target);
    void check_done();

    const uint32_t num_txs_;
    std::unique_ptr<TxState[]> txs_;
    const unsigned num_workers_;
    std::unique_ptr<WorkerCounters[]> workers_;
    // All atomics use the default seq_cst order: the termination check reads the indices, the
    // workers' active counters and decrease_cnt_, and relies on a single total order of their
    // updates.
    alignas(64) std::atomic<uint32_t> execution_idx_{0};
    alignas(64) std::atomic<uint32_t> validation_idx_{0};
    alignas(64) std::atomic<uint64_t> decrease_cnt_{0};
    alignas(64) std::atomic<bool> done_{false};  // polled by every idle worker: own line
    std::atomic<bool> halted_{false};
    alignas(64) std::atomic<uint64_t> aborts_{0};
    std::atomic<uint64_t> dependency_waits_{0};
};

}  // namespace parevm::parallel
