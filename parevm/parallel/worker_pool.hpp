// SPDX-License-Identifier: Apache-2.0
// parevm: a process-wide pool of worker threads, reused from block to block.
//
// Creating threads per block costs tens of microseconds and gives every block cold
// allocator caches; the pool keeps its threads between runs. A block makes several runs in a
// row (execution, fold, diff, release), so handoffs must be fast: a pool thread spins for a
// short while (spin_limit) after its run before it parks on a condition variable, and the
// caller spins the same way for the end of a run. Waking a parked thread on this kind of VM
// takes 25-150 us, several times a small block's work.
//
// Invariants:
//  - run() calls are serialized by run_mutex_; a caller that finds the pool busy (another
//    block running on another thread) runs on freshly created threads instead.
//  - run_word_ holds a run's generation and its thread count in one word, so that a pool
//    thread reads both of the same run. Only run() writes it (a store that starts the run,
//    after job_ is set); a pool thread with index k takes part iff k + 1 < that thread count,
//    and only participants read job_. Each participant decrements remaining_ exactly once;
//    run() returns when it reaches zero, so job_ (which points into run()'s frame) is never
//    used after run() returns, and the next run cannot change job_ under a participant.
//  - No lost wake-up: a parking thread increments sleepers_ and then re-reads run_word_
//    under mutex_; run() stores run_word_ and then reads sleepers_ (all seq_cst), and notifies
//    under mutex_ when it is not zero. One of the two sees the other's write. The caller's own
//    parking (caller_sleeping_, remaining_) follows the same pattern.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

namespace parevm::parallel {

class WorkerPool {
public:
    /// Stack of each pool thread: the EVM recurses once per call frame (depth up to 1024),
    /// which needs more than the default 8 MiB under sanitizers. Only touched pages are used.
    static constexpr size_t stack_bytes = size_t{256} << 20;

    WorkerPool() = default;
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    /// The pool shared by every parallel block execution of the process.
    static WorkerPool& shared();

    /// Runs fn(0) on the calling thread and fn(1) .. fn(threads - 1) on pool threads, and
    /// returns once all of them have returned. fn must not throw.
    void run(unsigned threads, const std::function<void(unsigned)>& fn);

    /// How long a thread spins for the next handoff before it parks.
    static constexpr auto spin_limit = std::chrono::microseconds(100);

    /// While a Hold lives, pool threads (and run()'s caller) spin for the next handoff without
    /// the time limit: a block's serial steps between its runs (the ordered receipts, the
    /// post-block steps) can outlast spin_limit, and each parked thread costs a wake-up.
    class Hold {
    public:
        explicit Hold(WorkerPool& pool) noexcept : pool_{&pool} { pool_->holds_.fetch_add(1); }
        ~Hold() { pool_->holds_.fetch_sub(1); }
        Hold(const Hold&) = delete;
        Hold& operator=(const Hold&) = delete;

    private:
        WorkerPool* pool_;
    };

private:
    struct Thread;
    void grow(size_t count);
    void worker_loop(size_t index);
    /// Waits until run_word_ differs from `seen` (or stopping_); returns the new value.
    uint64_t wait_for_job(uint64_t seen);
    /// run_word_: the generation above the low 16 bits, the run's thread count in them.
    static constexpr uint64_t threads_mask = 0xffff;
    /// Waits until remaining_ is zero.
    void wait_for_workers();
    /// Spins until `done()`, or for about spin_limit once no Hold lives; true when done.
    template <class Done>
    bool spin_until(Done done) const;

    std::mutex run_mutex_;
    std::mutex mutex_;  // for parking only
    std::condition_variable wake_;
    std::condition_variable finished_;
    std::vector<Thread*> threads_;
    std::atomic<uint64_t> run_word_{0};
    const std::function<void(unsigned)>* job_ = nullptr;
    std::atomic<unsigned> remaining_{0};
    std::atomic<unsigned> sleepers_{0};
    std::atomic<bool> caller_sleeping_{false};
    std::atomic<bool> stopping_{false};
    std::atomic<int> holds_{0};  // live Holds (read while spinning: relaxed is enough)
};

}  // namespace parevm::parallel
