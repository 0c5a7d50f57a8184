// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/InferenceShards.h"

#include <algorithm>
#include <mutex>

namespace digitpad {

namespace {

std::mutex gPoolMutex;

/// Started on first use, so a program that never infers a large batch (the CLI's predict) starts no thread.
ShardPool& inferencePool() {
    static ShardPool pool(ShardPool::threadsFor(kMaxInferenceShards));
    return pool;
}

} // namespace

int inferenceShards(Eigen::Index columns) {
    if (columns < 2 * kInferenceShardColumns)
        return 1;
    return static_cast<int>(std::min<Eigen::Index>(kMaxInferenceShards, columns / kInferenceShardColumns));
}

InferencePoolLease::InferencePoolLease() {
    if (!gPoolMutex.try_lock())
        return;
    try {
        pool_ = &inferencePool();
    } catch (...) {
        gPoolMutex.unlock();
        throw;
    }
}

InferencePoolLease::~InferencePoolLease() {
    if (pool_)
        gPoolMutex.unlock();
}

} // namespace digitpad
