// SPDX-License-Identifier: Apache-2.0
// parevm: random pauses injected into the parallel workers by tests
// (ExecutionOptions::jitter_seed).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <thread>

namespace parevm::parallel {

/// With a non-zero seed, yields one time in eight and sleeps up to 50 us one time in 64, from a
/// per-thread generator seeded by `seed` and the thread's id: varies the interleavings a test
/// explores. Nothing with 0.
inline void random_pause(uint64_t seed) {
    if (seed == 0) return;
    thread_local std::mt19937_64 rng{seed ^
                                     std::hash<std::thread::id>{}(std::this_thread::get_id())};
    const uint64_t r = rng() % 64;
    if (r < 8)
        std::this_thread::yield();
    else if (r == 8)
        std::this_thread::sleep_for(std::chrono::microseconds(rng() % 50));
}

}  // namespace parevm::parallel
