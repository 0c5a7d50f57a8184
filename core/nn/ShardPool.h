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
/// Threads are started once and woken per step (two condition-variable hand-offs), and run() takes the work
/// as a plain function pointer plus context, so a step allocates nothing.
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
    template <typename Work> void run(int shards, Work& work) {
        run(
            shards, [](void* context, int shard) { (*static_cast<Work*>(context))(shard); }, &work);
    }

    /// The number of threads worth using on this machine for `shards` shards: one per core, at most one per
    /// shard. `requested` > 0 overrides the core count.
    static int threadsFor(int shards, int requested = 0);

private:
    using Function = void (*)(void* context, int shard);
    void run(int shards, Function function, void* context);
    /// Runs unstarted shards until none is left; returns the first exception instead of throwing it.
    std::exception_ptr runShards() noexcept;
    void workerLoop(int thread);

    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable done_;
    Function function_ = nullptr;
    void* context_ = nullptr;
    int shards_ = 0;
    std::atomic<int> nextShard_{0};
    long long generation_ = 0; ///< incremented per step; a worker runs each generation once
    int pending_ = 0;          ///< workers still busy with the current generation
    bool stopping_ = false;
    std::vector<std::exception_ptr> errors_; ///< per worker, of the current generation
    std::vector<std::thread> workers_;
};

} // namespace digitpad
