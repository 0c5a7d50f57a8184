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

int inferenceShards(Eigen::Index columns, long long multiplyAdds) {
    const long long work = static_cast<long long>(columns) * std::max(multiplyAdds, 1LL);
    const long long shards = std::min<long long>({work / kInferenceShardWork, kMaxInferenceShards, columns});
    return static_cast<int>(std::max(shards, 1LL));
}

Eigen::Index inferenceChunkColumns(long long largestOutput) {
    const long long bytes = std::max(largestOutput, 1LL) * static_cast<long long>(sizeof(Scalar));
    return static_cast<Eigen::Index>(std::max(kInferenceChunkBytes / bytes, 1LL));
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
