// SPDX-License-Identifier: Apache-2.0
#include <parevm/parallel/scheduler.hpp>

#include <parevm/core/assert.hpp>

#include <algorithm>

namespace parevm::parallel {

Scheduler::Scheduler(uint32_t num_txs, unsigned workers)
    : num_txs_{num_txs},
      txs_{std::make_unique<TxState[]>(num_txs)},
      num_workers_{std::max(1u, workers)},
      workers_{std::make_unique<WorkerCounters[]>(num_workers_)} {
    if (num_txs == 0) done_.store(true);
}

uint64_t Scheduler::sum(std::atomic<uint64_t> WorkerCounters::*counter) const noexcept {
    uint64_t total = 0;
    for (unsigned w = 0; w < num_workers_; ++w) total += (workers_[w].*counter).load();
    return total;
}

void Scheduler::decrease_execution_idx(uint32_t target) {
    uint32_t cur = execution_idx_.load();
    while (cur > target && !execution_idx_.compare_exchange_weak(cur, target)) {
    }
    decrease_cnt_.fetch_add(1);
}

void Scheduler::decrease_validation_idx(uint32_t target) {
    uint32_t cur = validation_idx_.load();
    while (cur > target && !validation_idx_.compare_exchange_weak(cur, target)) {
    }
    decrease_cnt_.fetch_add(1);
}

void Scheduler::check_done() {
    const uint64_t observed = decrease_cnt_.load();
    if (std::min(execution_idx_.load(), validation_idx_.load()) < num_txs_) return;
    for (unsigned w = 0; w < num_workers_; ++w)
        if (workers_[w].active.load() != 0) return;
    if (observed == decrease_cnt_.load()) done_.store(true);
}

std::optional<TxVersion> Scheduler::try_incarnate(WorkerCounters& w, TxIdx tx) {
    if (tx.value < num_txs_) {
        TxState& s = txs_[tx.value];
        std::lock_guard lock{s.status_mutex};
        if (s.status == Status::ready_to_execute) {
            s.status = Status::executing;
            w.executions.fetch_add(1);
            return TxVersion{tx, s.incarnation};
        }
    }
    return std::nullopt;
}

std::optional<TxVersion> Scheduler::next_version_to_execute(WorkerCounters& w) {
    if (execution_idx_.load() >= num_txs_) {
        check_done();
        return std::nullopt;
    }
    w.active.fetch_add(1);
    const uint32_t idx = execution_idx_.fetch_add(1);
    if (auto v = try_incarnate(w, TxIdx{idx})) return v;
    w.active.fetch_sub(1);
    return std::nullopt;
}

std::optional<TxVersion> Scheduler::next_version_to_validate(WorkerCounters& w) {
    const uint32_t peek = validation_idx_.load();
    if (peek >= num_txs_) {
        check_done();
        return std::nullopt;
    }
    {
        // Do not run the validation index past a transaction still in its execution: its
        // (first) writes would send the index back, so the validations of the transactions
        // above it would be repeated. The caller executes something else meanwhile. Only a
        // heuristic: the index may still move past it below, which the protocol allows.
        TxState& s = txs_[peek];
        std::lock_guard lock{s.status_mutex};
        if (s.status == Status::executing) return std::nullopt;
    }
    w.active.fetch_add(1);
    const uint32_t idx = validation_idx_.fetch_add(1);
    if (idx < num_txs_) {
        TxState& s = txs_[idx];
        std::lock_guard lock{s.status_mutex};
        if (s.status == Status::executed) {
            w.validations.fetch_add(1);
            return TxVersion{TxIdx{idx}, s.incarnation};
        }
    }
    w.active.fetch_sub(1);
    return std::nullopt;
}

Task Scheduler::next_task(unsigned worker) {
    WorkerCounters& w = workers_[worker];
    while (!done()) {
        if (validation_idx_.load() < execution_idx_.load()) {
            if (auto v = next_version_to_validate(w)) return {TaskKind::validate, *v};
        }
        if (auto v = next_version_to_execute(w)) return {TaskKind::execute, *v};
        // Nothing claimable at these indices: the caller loops (or backs off) and asks again.
        return {};
    }
    return {};
}

bool Scheduler::add_dependency(unsigned worker, TxIdx tx, TxIdx blocking) {
    PAREVM_ASSERT(blocking < tx);
    TxState& b = txs_[blocking.value];
    std::lock_guard deps_lock{b.deps_mutex};
    {
        std::lock_guard status_lock{b.status_mutex};
        if (b.status == Status::executed) return false;  // finished meanwhile: re-read
    }
    {
        TxState& s = txs_[tx.value];
        std::lock_guard status_lock{s.status_mutex};
        PAREVM_ASSERT(s.status == Status::executing);
        s.status = Status::aborting;
    }
    b.dependents.push_back(tx);
    dependency_waits_.fetch_add(1);
    workers_[worker].active.fetch_sub(1);
    return true;
}

void Scheduler::set_ready_status(TxIdx tx) {
    TxState& s = txs_[tx.value];
    std::lock_guard lock{s.status_mutex};
    PAREVM_ASSERT(s.status == Status::aborting);
    s.incarnation.value += 1;
    s.status = Status::ready_to_execute;
}

Task Scheduler::finish_execution(unsigned worker, TxVersion version, bool wrote_new_location) {
    WorkerCounters& w = workers_[worker];
    const TxIdx tx = version.tx_idx;
    TxState& s = txs_[tx.value];
    std::vector<TxIdx> dependents;
    {
        std::lock_guard deps_lock{s.deps_mutex};
        {
            std::lock_guard status_lock{s.status_mutex};
            PAREVM_ASSERT(s.status == Status::executing && s.incarnation == version.incarnation);
            s.status = Status::executed;
        }
        dependents.swap(s.dependents);
    }
    std::optional<TxIdx> min_dep;
    if (!dependents.empty()) {
        min_dep = dependents.front();
        for (TxIdx d : dependents) {
            set_ready_status(d);
            min_dep = std::min(*min_dep, d);
        }
        decrease_execution_idx(min_dep->value);
    }
    if (validation_idx_.load() > tx.value) {
        // Already passed by the validation index: validate this version now (or everything
        // from here on, when it wrote somewhere new that higher transactions may have read).
        if (!wrote_new_location) {
            w.validations.fetch_add(1);
            return {TaskKind::validate, version};
        }
        decrease_validation_idx(tx.value);
    }
    // A transaction that waited for this one runs next on this worker, at once: chains of
    // dependent transactions (one sender's nonces) then run back to back instead of waiting
    // at every link for a worker to come back to the execution index. (Whoever incarnates it
    // first runs it; the index above points at it too.)
    if (min_dep) {
        if (auto v = try_incarnate(w, *min_dep)) return {TaskKind::execute, *v};
    }
    w.active.fetch_sub(1);
    return {};
}

bool Scheduler::is_executed(TxIdx tx) {
    TxState& s = txs_[tx.value];
    std::lock_guard lock{s.status_mutex};
    return s.status == Status::executed;
}

bool Scheduler::try_validation_abort(TxVersion version) {
    TxState& s = txs_[version.tx_idx.value];
    std::lock_guard lock{s.status_mutex};
    if (s.status == Status::executed && s.incarnation == version.incarnation) {
        s.status = Status::aborting;
        return true;
    }
    return false;
}

Task Scheduler::finish_validation(unsigned worker, TxIdx tx, bool aborted) {
    WorkerCounters& w = workers_[worker];
    if (aborted) {
        aborts_.fetch_add(1);
        set_ready_status(tx);
        decrease_validation_idx(tx.value + 1);
        if (execution_idx_.load() > tx.value) {
            if (auto v = try_incarnate(w, tx)) return {TaskKind::execute, *v};
        }
    }
    w.active.fetch_sub(1);
    return {};
}

}  // namespace parevm::parallel
