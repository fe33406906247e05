// SPDX-License-Identifier: Apache-2.0
#include <parevm/parallel/worker_pool.hpp>

#include <parevm/core/assert.hpp>

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

WorkerPool::~WorkerPool() {
    {
        std::lock_guard lock{mutex_};
        stopping_ = true;
    }
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

void WorkerPool::worker_loop(size_t index) {
    uint64_t seen = 0;
    std::unique_lock lock{mutex_};
    for (;;) {
        wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
        if (stopping_) return;
        seen = generation_;
        if (index + 1 >= job_threads_) continue;  // not needed for this run
        const auto* job = job_;
        lock.unlock();
        (*job)(static_cast<unsigned>(index + 1));
        lock.lock();
        if (--remaining_ == 0) finished_.notify_one();
    }
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
    {
        std::lock_guard lock{mutex_};
        grow(threads - 1);
        job_ = &fn;
        job_threads_ = threads;
        remaining_ = threads - 1;
        ++generation_;
    }
    wake_.notify_all();
    fn(0);
    std::unique_lock lock{mutex_};
    finished_.wait(lock, [&] { return remaining_ == 0; });
    job_ = nullptr;
}

}  // namespace parevm::parallel
