// SPDX-License-Identifier: Apache-2.0
#include <parevm/parallel/worker_pool.hpp>

#include <parevm/core/assert.hpp>
#include <parevm/parallel/spin_mutex.hpp>

#include <pthread.h>

#include <stdexcept>
#include <thread>

namespace parevm::parallel {

struct WorkerPool::Thread {
    WorkerPool* pool;
    size_t index;
    pthread_t handle{};
};

namespace {

/// Starts a thread with the pool's stack size running `body(arg)`.
pthread_t start_thread(void* (*body)(void*), void* arg) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, WorkerPool::stack_bytes);
    pthread_t handle{};
    const int rc = pthread_create(&handle, &attr, body, arg);
    pthread_attr_destroy(&attr);
    if (rc != 0) throw std::runtime_error("parevm: cannot start a worker thread");
    return handle;
}

}  // namespace

WorkerPool& WorkerPool::shared() {
    static WorkerPool pool;
    return pool;
}

template <class Done>
bool WorkerPool::spin_until(Done done) const {
    auto until = std::chrono::steady_clock::now() + spin_limit;
    for (unsigned i = 1;; ++i) {
        if (done()) return true;
        // After a short while, yield between checks: with more threads than cores (the tests
        // run 8 workers on 2 cores) a spinning thread must leave the core to the ones working.
        spin_wait_step(i, 256);
        if (i % 64 != 0) continue;
        const auto now = std::chrono::steady_clock::now();
        // Relaxed: a stale count only spins a little longer or parks a little sooner.
        if (holds_.load(std::memory_order_relaxed) > 0)
            until = now + spin_limit;  // the limit counts from the hold's end
        else if (now > until)
            return false;
    }
}

WorkerPool::~WorkerPool() {
    stopping_.store(true);
    { std::lock_guard lock{mutex_}; }
    wake_.notify_all();
    for (Thread* t : threads_) {
        pthread_join(t->handle, nullptr);
        delete t;
    }
}

void WorkerPool::grow(size_t count) {
    while (threads_.size() < count) {
        auto* t = new Thread{this, threads_.size()};
        t->handle = start_thread(
            [](void* arg) -> void* {
                auto* self = static_cast<Thread*>(arg);
                self->pool->worker_loop(self->index);
                return nullptr;
            },
            t);
        threads_.push_back(t);
    }
}

uint64_t WorkerPool::wait_for_job(uint64_t seen) {
    // seq_cst loads: the parking protocol (see the invariants) needs them; they also
    // acquire job_ of the new run.
    const auto changed = [&] { return stopping_.load() || run_word_.load() != seen; };
    if (!spin_until(changed)) {
        std::unique_lock lock{mutex_};
        sleepers_.fetch_add(1);
        wake_.wait(lock, changed);
        sleepers_.fetch_sub(1);
    }
    return run_word_.load();
}

void WorkerPool::worker_loop(size_t index) {
    uint64_t seen = 0;
    for (;;) {
        seen = wait_for_job(seen);
        if (stopping_.load()) return;
        if (index + 1 >= (seen & threads_mask)) continue;  // not needed for this run
        (*job_)(static_cast<unsigned>(index + 1));
        // This thread's work is visible to run() once it sees the count reach zero.
        if (remaining_.fetch_sub(1) == 1 && caller_sleeping_.load()) {
            std::lock_guard lock{mutex_};
            finished_.notify_one();
        }
    }
}

void WorkerPool::wait_for_workers() {
    // Pairs with the workers' decrements (their work is visible after this); seq_cst for
    // the parking protocol.
    const auto finished = [&] { return remaining_.load() == 0; };
    if (spin_until(finished)) return;
    std::unique_lock lock{mutex_};
    caller_sleeping_.store(true);
    finished_.wait(lock, finished);
    caller_sleeping_.store(false);
}

void WorkerPool::run(unsigned threads, const std::function<void(unsigned)>& fn) {
    if (threads <= 1) {
        fn(0);
        return;
    }
    std::unique_lock run_lock{run_mutex_, std::try_to_lock};
    if (!run_lock.owns_lock()) {
        // Another block is using the pool: run this one on threads of its own.
        std::vector<pthread_t> extra;
        struct Arg {
            const std::function<void(unsigned)>* fn;
            unsigned index;
        };
        std::vector<Arg> args(threads);
        for (unsigned t = 1; t < threads; ++t) {
            args[t] = {&fn, t};
            extra.push_back(start_thread(
                [](void* p) -> void* {
                    const auto* a = static_cast<Arg*>(p);
                    (*a->fn)(a->index);
                    return nullptr;
                },
                &args[t]));
        }
        fn(0);
        for (pthread_t h : extra) pthread_join(h, nullptr);
        return;
    }
    grow(threads - 1);  // only run() (under run_mutex_) touches threads_
    PAREVM_ASSERT(threads <= threads_mask);
    job_ = &fn;
    remaining_.store(threads - 1, std::memory_order_relaxed);  // published by the store below
    const uint64_t generation = (run_word_.load() >> 16) + 1;
    // seq_cst: releases the job, and is ordered before the read of sleepers_.
    run_word_.store(generation << 16 | threads);
    if (sleepers_.load() != 0) {
        std::lock_guard lock{mutex_};
        wake_.notify_all();
    }
    fn(0);
    wait_for_workers();
    job_ = nullptr;
}

}  // namespace parevm::parallel
