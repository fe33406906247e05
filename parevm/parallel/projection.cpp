// SPDX-License-Identifier: Apache-2.0
#include <parevm/parallel/projection.hpp>

#include <parevm/core/assert.hpp>
#include <parevm/parallel/execute_block_parallel.hpp>
#include <parevm/parallel/scheduler.hpp>
#include <parevm/state/block_overlay.hpp>

#include <algorithm>
#include <map>
#include <queue>
#include <unordered_map>
#include <unordered_set>

namespace parevm::parallel {
namespace {

/// Dense ids for the block's locations, so the simulated memory is indexed by vector.
struct InternedTx {
    std::vector<uint32_t> reads;
    std::vector<uint32_t> writes;
};

/// One entry of the simulated multi-version memory: versions only, no values.
struct SimEntry {
    Incarnation incarnation;
    bool estimate = false;
};

/// What a read saw: the writer's version, or nullopt for the pre-state.
struct SimRead {
    uint32_t location = 0;
    std::optional<TxVersion> version;
};

/// Result of resolving one read: an ESTIMATE of `blocking`, or the version seen.
struct Resolved {
    std::optional<TxIdx> blocking;
    std::optional<TxVersion> version;
};

class SimMemory {
public:
    explicit SimMemory(size_t locations, size_t txs)
        : versions_(locations), last_writes_(txs), last_reads_(txs) {}

    /// The entry of the highest transaction below tx (MvMemory::read on versions).
    Resolved read(uint32_t location, TxIdx tx) const {
        const auto& versions = versions_[location];
        auto it = versions.lower_bound(tx.value);
        if (it == versions.begin()) return {};
        --it;
        if (it->second.estimate) return {TxIdx{it->first}, std::nullopt};
        return {std::nullopt, TxVersion{TxIdx{it->first}, it->second.incarnation}};
    }

    /// Publishes an execution (MvMemory::record): true when it wrote a location the previous
    /// incarnation did not.
    bool record(TxVersion version,
                std::vector<SimRead> reads,
                const std::vector<uint32_t>& writes) {
        const uint32_t tx = version.tx_idx.value;
        std::vector<uint32_t>& previous = last_writes_[tx];
        bool wrote_new = false;
        for (uint32_t l : writes) {
            versions_[l][tx] = SimEntry{version.incarnation, false};
            wrote_new |= std::find(previous.begin(), previous.end(), l) == previous.end();
        }
        for (uint32_t l : previous)
            if (std::find(writes.begin(), writes.end(), l) == writes.end()) versions_[l].erase(tx);
        previous = writes;
        last_reads_[tx] = std::move(reads);
        return wrote_new;
    }

    void convert_writes_to_estimates(TxIdx tx) {
        for (uint32_t l : last_writes_[tx.value]) {
            const auto it = versions_[l].find(tx.value);
            PAREVM_ASSERT(it != versions_[l].end());
            it->second.estimate = true;
        }
    }

    /// Re-resolves the last read set of tx: false when any read now sees another version.
    bool validate(TxIdx tx) const {
        for (const SimRead& r : last_reads_[tx.value]) {
            const Resolved now = read(r.location, tx);
            if (now.blocking || !(now.version == r.version)) return false;
        }
        return true;
    }

private:
    std::vector<std::map<uint32_t, SimEntry>> versions_;  // per location: tx index -> entry
    std::vector<std::vector<uint32_t>> last_writes_;
    std::vector<std::vector<SimRead>> last_reads_;
};

enum class EventKind : uint8_t { poll, start, end };

struct Event {
    double time = 0;
    uint64_t seq = 0;  // order of scheduling: ties at one time run first-scheduled first
    unsigned worker = 0;
    EventKind kind = EventKind::poll;
    friend bool operator>(const Event& a, const Event& b) {
        return a.time != b.time ? a.time > b.time : a.seq > b.seq;
    }
};

struct Worker {
    Task task;                   // the task it holds (start/end events)
    std::vector<SimRead> reads;  // of the execution in flight
    unsigned failed_polls = 0;
    bool parked = false;
    bool finished = false;
};

class Simulation {
public:
    Simulation(const std::vector<TxProfile>& txs,
               unsigned workers,
               const ProjectionCosts& costs,
               const std::vector<std::optional<SenderHint>>& hints)
        : profiles_(txs),
          costs_(costs),
          n_(static_cast<uint32_t>(txs.size())),
          scheduler_(n_, std::max(1u, workers)),
          workers_(std::max(1u, workers)),
          hint_taken_(n_, false) {
        std::unordered_map<Location, uint32_t> ids;
        auto id = [&ids](const Location& l) {
            return ids.try_emplace(l, static_cast<uint32_t>(ids.size())).first->second;
        };
        txs_.resize(n_);
        for (uint32_t i = 0; i < n_; ++i) {
            for (const Location& l : txs[i].reads) txs_[i].reads.push_back(id(l));
            for (const Location& l : txs[i].writes) txs_[i].writes.push_back(id(l));
        }
        hint_.assign(n_, std::nullopt);
        if (hints.size() == n_) {
            for (uint32_t i = 0; i < n_; ++i)
                if (hints[i] && hints[i]->previous.value < i)
                    hint_[i] = std::pair{hints[i]->previous, id(hints[i]->sender)};
        }
        memory_.emplace(ids.size(), n_);
    }

    Projection run() {
        Projection p;
        p.workers = static_cast<unsigned>(workers_.size());
        for (const TxProfile& t : profiles_) p.sequential_ns += static_cast<double>(t.exec_ns);
        for (unsigned w = 0; w < workers_.size(); ++w) push(0, w, EventKind::poll);
        while (!scheduler_.done()) {
            if (queue_.empty()) {
                // Every worker sleeps and nothing is in flight: polls make progress now (each
                // advances an index of the scheduler or ends the block).
                bool woke = wake_parked(now_);
                PAREVM_ASSERT(woke);
                continue;
            }
            const Event e = queue_.top();
            queue_.pop();
            now_ = e.time;
            switch (e.kind) {
                case EventKind::poll:
                    poll(e.worker);
                    break;
                case EventKind::start:
                    start_execution(e.worker);
                    break;
                case EventKind::end:
                    end_task(e.worker);
                    break;
            }
        }
        p.makespan_ns = makespan_;
        p.speedup = makespan_ > 0 ? p.sequential_ns / makespan_ : 1.0;
        p.executions = scheduler_.executions();
        p.validations = scheduler_.validations();
        p.aborts = scheduler_.aborts();
        p.dependency_waits = scheduler_.dependency_waits();
        p.wasted_ns = wasted_ns_;
        return p;
    }

private:
    void push(double time, unsigned worker, EventKind kind) {
        queue_.push(Event{time, next_seq_++, worker, kind});
    }

    double exec_duration(TxIdx tx) const {
        return static_cast<double>(profiles_[tx.value].exec_ns) + costs_.exec_overhead_ns;
    }

    double validation_duration(TxIdx tx) const {
        return costs_.validation_base_ns +
               costs_.validation_per_read_ns * static_cast<double>(txs_[tx.value].reads.size());
    }

    /// The worker holds `task` from time `now_`: an execution starts after the events already
    /// scheduled at this time (their publishes come first); a validation ends after its cost.
    void take(unsigned w, Task task) {
        Worker& worker = workers_[w];
        worker.task = task;
        switch (task.kind) {
            case TaskKind::execute:
                push(now_, w, EventKind::start);
                break;
            case TaskKind::validate:
                push(now_ + validation_duration(task.version.tx_idx), w, EventKind::end);
                break;
            case TaskKind::none:
                push(now_, w, EventKind::poll);
                break;
        }
    }

    void poll(unsigned w) {
        Worker& worker = workers_[w];
        if (scheduler_.done()) {
            worker.finished = true;
            return;
        }
        const Task task = scheduler_.next_task(w);
        if (task.kind != TaskKind::none) {
            worker.failed_polls = 0;
            take(w, task);
            return;
        }
        if (scheduler_.done()) {
            worker.finished = true;
            return;
        }
        if (++worker.failed_polls < std::max(1u, costs_.max_idle_polls))
            push(now_ + costs_.poll_ns, w, EventKind::poll);
        else
            worker.parked = true;
    }

    /// An execution reads its locations now; an ESTIMATE suspends it (add_dependency).
    void start_execution(unsigned w) {
        Worker& worker = workers_[w];
        const TxVersion version = worker.task.version;
        const TxIdx tx = version.tx_idx;
        for (;;) {
            const std::optional<TxIdx> blocking = first_blocking(tx);
            if (!blocking) break;
            if (scheduler_.add_dependency(w, tx, *blocking)) {
                worker.task = {};
                push(now_ + costs_.dependency_ns, w, EventKind::poll);
                return;
            }
            // The blocking transaction finished meanwhile: execute again (the hint is spent).
        }
        worker.reads.clear();
        for (uint32_t l : txs_[tx.value].reads)
            worker.reads.push_back(SimRead{l, memory_->read(l, tx).version});
        push(now_ + exec_duration(tx), w, EventKind::end);
    }

    /// The transaction this execution must wait for: the same-sender hint (taken once per
    /// transaction, as execute_block_parallel does), else the first ESTIMATE it reads.
    std::optional<TxIdx> first_blocking(TxIdx tx) {
        if (const auto& h = hint_[tx.value]; h && !hint_taken_[tx.value]) {
            hint_taken_[tx.value] = true;
            const Resolved r = memory_->read(h->second, tx);
            if (!r.version || r.version->tx_idx < h->first) return h->first;
        }
        for (uint32_t l : txs_[tx.value].reads) {
            const Resolved r = memory_->read(l, tx);
            if (r.blocking) return r.blocking;
        }
        return std::nullopt;
    }

    void end_task(unsigned w) {
        Worker& worker = workers_[w];
        const Task task = worker.task;
        const TxIdx tx = task.version.tx_idx;
        makespan_ = std::max(makespan_, now_);
        Task next;
        if (task.kind == TaskKind::execute) {
            const bool wrote_new =
                memory_->record(task.version, std::move(worker.reads), txs_[tx.value].writes);
            worker.reads = {};
            next = scheduler_.finish_execution(w, task.version, wrote_new);
        } else {
            PAREVM_ASSERT(task.kind == TaskKind::validate);
            const bool valid = memory_->validate(tx);
            const bool aborted = !valid && scheduler_.try_validation_abort(task.version);
            if (aborted) {
                memory_->convert_writes_to_estimates(tx);
                wasted_ns_ += exec_duration(tx);
            }
            next = scheduler_.finish_validation(w, tx, aborted);
        }
        take(w, next);
        wake_parked(now_);
    }

    /// A task ended (the scheduler's state changed): sleeping workers poll again.
    bool wake_parked(double time) {
        bool woke = false;
        for (unsigned w = 0; w < workers_.size(); ++w) {
            Worker& worker = workers_[w];
            if (!worker.parked) continue;
            worker.parked = false;
            worker.failed_polls = 0;
            push(time, w, EventKind::poll);
            woke = true;
        }
        return woke;
    }

    const std::vector<TxProfile>& profiles_;
    const ProjectionCosts costs_;
    const uint32_t n_;
    Scheduler scheduler_;
    std::vector<Worker> workers_;
    std::vector<InternedTx> txs_;
    std::vector<std::optional<std::pair<TxIdx, uint32_t>>> hint_;  // previous tx, sender location
    std::vector<bool> hint_taken_;
    std::optional<SimMemory> memory_;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> queue_;
    uint64_t next_seq_ = 0;
    double now_ = 0;
    double makespan_ = 0;
    double wasted_ns_ = 0;
};

}  // namespace

Projection project(const std::vector<TxProfile>& txs,
                   unsigned workers,
                   const ProjectionCosts& costs,
                   const std::vector<std::optional<SenderHint>>& hints) {
    Simulation sim{txs, workers, costs, hints};
    return sim.run();
}

std::vector<std::optional<SenderHint>> sender_hints(const Block& block) {
    std::vector<std::optional<SenderHint>> out(block.txs.size());
    std::unordered_map<Address, uint32_t> last_by_sender;
    for (uint32_t i = 0; i < block.txs.size(); ++i) {
        const Address& sender = block.txs[i].sender;
        const auto [it, fresh] = last_by_sender.try_emplace(sender, i);
        if (!fresh) {
            out[i] = SenderHint{TxIdx{it->second}, Location::basic(sender)};
            it->second = i;
        }
    }
    return out;
}

ProjectionCosts calibrate_costs(const BlockProfile& profile, const ProjectionCosts& base) {
    ProjectionCosts costs = base;
    const ExecutionStats& st = profile.result.stats;
    if (profile.txs.empty() || st.incarnations == 0) return costs;
    double exec_sum = 0, reads = 0, profiler = 0;
    for (const TxProfile& t : profile.txs) {
        exec_sum += static_cast<double>(t.exec_ns);
        reads += static_cast<double>(t.reads.size());
        profiler += static_cast<double>(t.profile_ns);
    }
    // The profiler's own recording is not Block-STM's: an unprofiled run does not pay it.
    const double overhead = st.execute_ms * 1e6 - exec_sum - profiler;
    // One validation per transaction on one thread; re-validations are rare there.
    const double validation = static_cast<double>(st.validations) * base.validation_base_ns +
                              base.validation_per_read_ns * reads;
    costs.exec_overhead_ns =
        std::max(0.0, (overhead - validation) / static_cast<double>(st.incarnations));
    return costs;
}

double projected_finalize_ms(const BlockProfile& profile, unsigned workers) {
    const ExecutionStats& st = profile.result.stats;
    const double split_ms = std::max(0.0, st.finalize_ms - st.finalize_serial_ms);
    const double receipts_ms = std::min(st.finalize_receipts_ms, split_ms);
    const double diff_ms = std::min(st.finalize_diff_ms, split_ms - receipts_ms);
    const double fold_ms = std::max(0.0, split_ms - receipts_ms - diff_ms);
    workers = std::max(1u, workers);
    // Slots written per account, to find the accounts whose diff every worker shares.
    std::unordered_map<Address, std::unordered_set<uint256>> slots;
    for (const TxProfile& tx : profile.txs)
        for (const Location& l : tx.writes)
            if (l.kind == LocationKind::storage) slots[l.address].insert(l.slot);
    std::vector<double> fold(workers, 0.0), diff(workers, 0.0);
    double total = 0, spread = 0;
    // The fold takes the transactions in ranges, one per worker, and sums the credits to an
    // address that follow each other in a range with no other write of it in between.
    std::unordered_set<Address> open;  // addresses whose last write in the range is a credit
    const size_t n = profile.txs.size();
    size_t range = 0;
    for (size_t i = 0; i < n; ++i) {
        if (i == n * range / workers) {
            open.clear();
            ++range;
        }
        const TxProfile& tx = profile.txs[i];
        const size_t credits_from =
            tx.writes.size() - std::min<size_t>(tx.credits, tx.writes.size());
        for (size_t w = 0; w < tx.writes.size(); ++w) {
            const Location& l = tx.writes[w];
            const unsigned owner = BlockOverlay::shard_of(l.address) % workers;
            total += 1;
            if (w < credits_from)
                open.erase(l.address);
            else if (!open.insert(l.address).second)
                continue;  // summed into the open credit: no fold of its own
            fold[owner] += 1;
            if (l.kind == LocationKind::storage && slots.at(l.address).size() > diff_split_slots)
                spread += 1;
            else
                diff[owner] += 1;
        }
    }
    const double receipts_share = 1.0 / workers;
    if (total == 0) return st.finalize_serial_ms + (receipts_ms + fold_ms + diff_ms) / workers;
    const double fold_share = *std::max_element(fold.begin(), fold.end()) / total;
    const double diff_share =
        (*std::max_element(diff.begin(), diff.end()) + spread / workers) / total;
    return st.finalize_serial_ms + receipts_ms * receipts_share + fold_ms * fold_share +
           diff_ms * diff_share;
}

double calibrate_cross_core_ns(const std::vector<TxProfile>& txs,
                               unsigned workers,
                               const ProjectionCosts& costs,
                               const std::vector<std::optional<SenderHint>>& hints,
                               double finalize_ms,
                               double target_ms) {
    auto wall_ms = [&](double extra) {
        ProjectionCosts c = costs;
        c.exec_overhead_ns += extra;
        return project(txs, workers, c, hints).makespan_ns / 1e6 + finalize_ms;
    };
    double lo = -costs.exec_overhead_ns, hi = 1e6;  // the makespan grows with the overhead
    for (int i = 0; i < 40 && hi - lo > 0.5; ++i) {
        const double mid = (lo + hi) / 2;
        (wall_ms(mid) < target_ms ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

}  // namespace parevm::parallel
