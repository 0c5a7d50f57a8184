// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernels/ShardPool.h"

#include <algorithm>
#include <chrono>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace digitpad {

namespace {

/// Tells the core this thread is spinning (frees the sibling hyper-thread's resources, saves power).
inline void pauseWhileSpinning() {
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#else
    std::this_thread::yield();
#endif
}

/// Spins until ready() holds or ShardPool::kSpinSeconds have passed; says whether it held.
template <typename Ready> bool spinUntil(Ready ready) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline =
        Clock::now() +
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(ShardPool::kSpinSeconds));
    while (true) {
        for (int i = 0; i < 64; ++i) {
            if (ready())
                return true;
            pauseWhileSpinning();
        }
        if (Clock::now() >= deadline)
            return ready();
    }
}

} // namespace

ShardPool::ShardPool(int threads) {
    const int workers = std::max(threads, 1) - 1;
    errors_.resize(static_cast<std::size_t>(workers));
    workers_.reserve(static_cast<std::size_t>(workers));
    for (int w = 0; w < workers; ++w)
        workers_.emplace_back([this, w] { workerLoop(w + 1); });
}

ShardPool::~ShardPool() {
    {
        const std::lock_guard lock(mutex_);
        stopping_.store(true);
        generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    for (std::thread& worker : workers_)
        worker.join();
}

int ShardPool::threadsFor(int shards, int requested) {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return std::clamp(requested > 0 ? requested : cores, 1, std::max(shards, 1));
}

std::exception_ptr ShardPool::runShards(int thread) noexcept {
    try {
        if (pinned_) {
            for (int shard = thread; shard < shards_; shard += threads())
                function_(context_, shard);
            return nullptr;
        }
        for (int shard = nextShard_.fetch_add(1); shard < shards_; shard = nextShard_.fetch_add(1))
            function_(context_, shard);
    } catch (...) {
        return std::current_exception();
    }
    return nullptr;
}

void ShardPool::run(int shards, Function function, void* context, bool pinned) {
    if (workers_.empty() || shards <= 1) {
        for (int shard = 0; shard < shards; ++shard)
            function(context, shard);
        return;
    }
    function_ = function;
    context_ = context;
    shards_ = shards;
    pinned_ = pinned;
    nextShard_.store(0, std::memory_order_relaxed);
    pending_.store(static_cast<int>(workers_.size()), std::memory_order_relaxed);
    {
        // Under the mutex, so a worker that is about to sleep either sees the new generation or is woken.
        const std::lock_guard lock(mutex_);
        generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    std::exception_ptr error = runShards(0);
    auto finished = [this] { return pending_.load(std::memory_order_acquire) == 0; };
    if (!spinUntil(finished)) {
        std::unique_lock lock(mutex_);
        done_.wait(lock, finished);
    }
    for (std::exception_ptr& workerError : errors_) {
        if (!error)
            error = workerError;
        workerError = nullptr;
    }
    if (error)
        std::rethrow_exception(error);
}

void ShardPool::workerLoop(int thread) {
    long long seen = 0;
    while (true) {
        auto handedOver = [&] { return generation_.load(std::memory_order_acquire) != seen; };
        if (!spinUntil(handedOver)) {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, handedOver);
        }
        seen = generation_.load(std::memory_order_acquire);
        if (stopping_.load())
            return;
        errors_[static_cast<std::size_t>(thread - 1)] = runShards(thread);
        if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            const std::lock_guard lock(mutex_);
            done_.notify_one();
        }
    }
}

} // namespace digitpad
