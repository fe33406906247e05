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
//  - num_active_tasks_ counts tasks handed out and not yet finished; the block is done when both
//    counters are past the end, no task is active, and no counter decreased meanwhile.
//  - dependencies_[j] holds transactions suspended until j finishes its current execution;
//    entries are added only while j is not Executed (checked under j's dependency lock, which
//    finish_execution also takes before resuming them), so no wake-up is lost.
#pragma once

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
    explicit Scheduler(uint32_t num_txs);
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    /// The next task for a worker, or TaskKind::none when there is nothing to do right now
    /// (check done() and ask again).
    Task next_task();

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
    bool add_dependency(TxIdx tx, TxIdx blocking);

    /// The execution of `version` ended; `wrote_new_location` when its write set has a location
    /// the previous incarnation did not write (higher transactions must then be revalidated).
    /// May hand the caller the validation of this same version.
    Task finish_execution(TxVersion version, bool wrote_new_location);

    /// A validation of `version` failed: returns true when this caller won the right to abort it.
    bool try_validation_abort(TxVersion version);

    /// A validation ended; when it aborted, may hand the caller the re-execution.
    Task finish_validation(TxIdx tx, bool aborted);

    /// Statistics: executions started (incarnations) and validations started.
    uint64_t executions() const noexcept { return executions_.load(); }
    uint64_t validations() const noexcept { return validations_.load(); }
    /// Statistics: incarnations aborted by validation, executions suspended on a dependency.
    uint64_t aborts() const noexcept { return aborts_.load(); }
    uint64_t dependency_waits() const noexcept { return dependency_waits_.load(); }

private:
    enum class Status : uint8_t { ready_to_execute, executing, executed, aborting };

    /// Per-transaction state; one cache line each so that workers on neighbouring
    /// transactions do not contend on the same line.
    struct alignas(64) TxState {
        std::mutex status_mutex;
        Incarnation incarnation;
        Status status = Status::ready_to_execute;
        std::mutex deps_mutex;
        std::vector<TxIdx> dependents;
    };

    std::optional<TxVersion> try_incarnate(TxIdx tx);
    std::optional<TxVersion> next_version_to_execute();
    std::optional<TxVersion> next_version_to_validate();
    void set_ready_status(TxIdx tx);
    void decrease_execution_idx(uint32_t target);
    void decrease_validation_idx(uint32_t target);
    void check_done();

    const uint32_t num_txs_;
    std::unique_ptr<TxState[]> txs_;
    // All atomics use the default seq_cst order: the termination check reads three of them and
    // relies on a single total order of their updates.
    alignas(64) std::atomic<uint32_t> execution_idx_{0};
    alignas(64) std::atomic<uint32_t> validation_idx_{0};
    alignas(64) std::atomic<uint64_t> decrease_cnt_{0};
    alignas(64) std::atomic<int64_t> num_active_tasks_{0};
    alignas(64) std::atomic<bool> done_{false};  // polled by every idle worker: own line
    std::atomic<bool> halted_{false};
    alignas(64) std::atomic<uint64_t> executions_{0};
    std::atomic<uint64_t> validations_{0};
    std::atomic<uint64_t> aborts_{0};
    std::atomic<uint64_t> dependency_waits_{0};
};

}  // namespace parevm::parallel
