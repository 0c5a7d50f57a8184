// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/ShardPool.h"

#include <algorithm>

namespace digitpad {

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
        stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& worker : workers_)
        worker.join();
}

int ShardPool::threadsFor(int shards, int requested) {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return std::clamp(requested > 0 ? requested : cores, 1, std::max(shards, 1));
}

std::exception_ptr ShardPool::runShards() noexcept {
    try {
        for (int shard = nextShard_.fetch_add(1); shard < shards_; shard = nextShard_.fetch_add(1))
            function_(context_, shard);
    } catch (...) {
        return std::current_exception();
    }
    return nullptr;
}

void ShardPool::run(int shards, Function function, void* context) {
    if (workers_.empty() || shards <= 1) {
        for (int shard = 0; shard < shards; ++shard)
            function(context, shard);
        return;
    }
    {
        const std::lock_guard lock(mutex_);
        function_ = function;
        context_ = context;
        shards_ = shards;
        nextShard_.store(0);
        pending_ = static_cast<int>(workers_.size());
        ++generation_;
    }
    wake_.notify_all();
    std::exception_ptr error = runShards();
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
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
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
        if (stopping_)
            return;
        seen = generation_;
        lock.unlock();
        std::exception_ptr error = runShards();
        lock.lock();
        errors_[static_cast<std::size_t>(thread - 1)] = error;
        if (--pending_ == 0)
            done_.notify_one();
    }
}

} // namespace digitpad
