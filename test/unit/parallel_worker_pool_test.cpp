// SPDX-License-Identifier: Apache-2.0
// WorkerPool: every index runs exactly once per run, runs can follow each other with more or
// fewer threads, and a second caller while the pool is busy still gets all its workers.
#include <parevm/parallel/worker_pool.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

using parevm::parallel::WorkerPool;

TEST(WorkerPool, EveryIndexRunsOncePerRun) {
    WorkerPool pool;
    for (unsigned round = 0; round < 200; ++round) {
        const unsigned threads = 1 + round % 6;
        std::vector<std::atomic<int>> hits(threads);
        pool.run(threads, [&](unsigned k) { hits[k].fetch_add(1); });
        for (unsigned k = 0; k < threads; ++k)
            ASSERT_EQ(hits[k].load(), 1) << "round " << round << " index " << k;
    }
}

TEST(WorkerPool, WorkersRunConcurrently) {
    // Each worker waits until all have arrived: returns only if they run at the same time.
    WorkerPool pool;
    constexpr unsigned threads = 4;
    std::atomic<unsigned> arrived{0};
    pool.run(threads, [&](unsigned) {
        arrived.fetch_add(1);
        while (arrived.load() < threads) std::this_thread::yield();
    });
    EXPECT_EQ(arrived.load(), threads);
}

TEST(WorkerPool, BusyPoolGivesASecondCallerItsOwnThreads) {
    WorkerPool pool;
    std::atomic<bool> started{false}, release{false};
    std::atomic<unsigned> inner_hits{0};
    std::thread other([&] {
        // Holds the pool until the main thread's run has finished.
        pool.run(2, [&](unsigned) {
            started.store(true);
            while (!release.load()) std::this_thread::yield();
        });
    });
    while (!started.load()) std::this_thread::yield();  // the pool is busy from here on
    pool.run(3, [&](unsigned) { inner_hits.fetch_add(1); });
    EXPECT_EQ(inner_hits.load(), 3u);
    release.store(true);
    other.join();
}
