// SPDX-License-Identifier: Apache-2.0
// parevm: a spin lock for the short critical sections of multi-version memory.
//
// A shard of multi-version memory is held for a lookup and a copy of one entry: far less than
// the sleep and wake-up of a contended std::mutex (two system calls). Blocks that credit one
// address in every transaction (the coinbase, an exchange's deposit address) contend on that
// address's shard all the time. Waiters spin briefly, then yield, so that a holder preempted
// by an oversubscribed machine (more workers than cores) still gets to run.
#pragma once

#include <atomic>
#include <thread>

namespace parevm::parallel {

/// One step of a wait loop: for the first `pause_steps` steps a CPU pause (the wait is
/// expected to be short), then a yield, so that with more threads than cores the thread being
/// waited for gets to run.
inline void spin_wait_step(unsigned step, unsigned pause_steps) noexcept {
    if (step < pause_steps) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    } else {
        std::this_thread::yield();
    }
}

/// Satisfies Lockable (usable with std::lock_guard). Invariant: `locked_` is true exactly
/// while one thread is between a successful lock()/try_lock() and its unlock().
class SpinMutex {
public:
    void lock() noexcept {
        unsigned spins = 0;
        // Acquire: the holder's writes before its unlock() are visible after this succeeds.
        while (locked_.exchange(true, std::memory_order_acquire)) {
            // Relaxed: only a hint of when to try the exchange again.
            while (locked_.load(std::memory_order_relaxed)) spin_wait_step(++spins, 128);
        }
    }
    bool try_lock() noexcept {
        // Relaxed peek first (a hint); the acquiring exchange decides.
        return !locked_.load(std::memory_order_relaxed) &&
               !locked_.exchange(true, std::memory_order_acquire);
    }
    // Release: publishes the critical section's writes to the next holder.
    void unlock() noexcept { locked_.store(false, std::memory_order_release); }

private:
    std::atomic<bool> locked_{false};
};

}  // namespace parevm::parallel
