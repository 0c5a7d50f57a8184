// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace digitpad {

/// Runs the shards of one training step on persistent threads: run(shards, work) calls work(shard) for every
/// shard, spread over the calling thread and the pool's workers, and returns when all have finished. Each
/// thread takes the next unstarted shard until none is left, so a thread slowed down by other load (a busy
/// core, a VM host taking time away) simply runs fewer shards. Every shard works on its own data and the
/// caller combines their results in shard order, so the numbers do not depend on which thread ran what.
///
/// runPinned() instead gives each part to the same thread every time, for work that should stay in one
/// core's cache from call to call: the part of a layer's weights that a thread multiplies, differentiates
/// and updates (DenseLayer's split).
///
/// A training step hands work over several times (the shards, then the gradient sum, then the optimiser's
/// update), a few hundred microseconds apart for a small network. Waking a sleeping thread costs tens of
/// microseconds on a virtual machine, so a thread that has finished waits by spinning for a short while
/// (kSpinSeconds) before it sleeps on a condition variable. run() takes the work as a plain function pointer
/// plus context, so a step allocates nothing.
class ShardPool {
public:
    /// threads ≥ 1 counts the calling thread; threads − 1 workers are started.
    explicit ShardPool(int threads);
    ~ShardPool();
    ShardPool(const ShardPool&) = delete;
    ShardPool& operator=(const ShardPool&) = delete;

    int threads() const { return static_cast<int>(workers_.size()) + 1; }

    /// Calls work(shard) for shard in [0, shards). Rethrows the first exception a shard threw, after every
    /// thread has finished.
    template <typename Work> void run(int shards, Work& work) { run(shards, &call<Work>, &work, false); }

    /// Calls work(part) for part in [0, parts), part p on thread p mod threads() (thread 0 is the caller), so
    /// a part runs on the same thread at every call. Rethrows like run().
    template <typename Work> void runPinned(int parts, Work& work) { run(parts, &call<Work>, &work, true); }

    /// The number of threads worth using on this machine for `shards` shards: one per core, at most one per
    /// shard. `requested` > 0 overrides the core count.
    static int threadsFor(int shards, int requested = 0);

    /// How long a thread spins for the next hand-over before it sleeps: long enough to bridge the gaps
    /// inside a training step and between steps, short enough that an idle pool gives its core back at once.
    static constexpr double kSpinSeconds = 0.5e-3;

private:
    using Function = void (*)(void* context, int shard);
    /// The Function that calls a `Work` passed as context.
    template <typename Work> static void call(void* context, int shard) {
        (*static_cast<Work*>(context))(shard);
    }
    void run(int shards, Function function, void* context, bool pinned);
    /// Runs thread `thread`'s shards: unstarted ones until none is left, or its own when pinned. Returns the
    /// first exception instead of throwing it.
    std::exception_ptr runShards(int thread) noexcept;
    void workerLoop(int thread);

    std::mutex mutex_; ///< guards sleeping on wake_ and done_, so that no notification is lost
    std::condition_variable wake_;
    std::condition_variable done_;
    Function function_ = nullptr; ///< written before generation_ is raised, read after it is seen
    void* context_ = nullptr;
    int shards_ = 0;
    bool pinned_ = false;
    std::atomic<int> nextShard_{0};
    std::atomic<long long> generation_{0}; ///< raised per hand-over; a worker runs each generation once
    std::atomic<int> pending_{0};          ///< workers still busy with the current generation
    std::atomic<bool> stopping_{false};
    std::vector<std::exception_ptr> errors_; ///< per worker, of the current generation
    std::vector<std::thread> workers_;
};

} // namespace digitpad
