// SPDX-License-Identifier: Apache-2.0
// parevm: a process-wide pool of worker threads, reused from block to block.
//
// Creating threads per block costs tens of microseconds and gives every block cold
// allocator caches; the pool keeps its threads parked on a condition variable between runs.
//
// Invariants:
//  - run() calls are serialized by run_mutex_; a caller that finds the pool busy (another
//    block running on another thread) runs on freshly created threads instead.
//  - mutex_ guards generation_, job_, job_threads_ and remaining_; a pool thread with index k
//    takes part in a run iff k + 1 < job_threads_ of the generation it woke for, and each
//    participant decrements remaining_ exactly once; run() returns when it reaches zero, so
//    job_ (which points into run()'s frame) is never used after run() returns.
#pragma once

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

private:
    struct Thread;
    void grow(size_t count);
    void worker_loop(size_t index);

    std::mutex run_mutex_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable finished_;
    std::vector<Thread*> threads_;
    uint64_t generation_ = 0;
    const std::function<void(unsigned)>* job_ = nullptr;
    unsigned job_threads_ = 0;
    unsigned remaining_ = 0;
    bool stopping_ = false;
};

}  // namespace parevm::parallel
