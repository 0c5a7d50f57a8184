// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nn/ShardPool.h"

#include <Eigen/Core>

namespace digitpad {

/// How many column shards Network::predictRaw splits a batch of `columns` samples into: 1 below
/// 2 × kInferenceShardColumns (a single image, a small batch: the hand-off to another thread, some
/// microseconds, would cost more than it saves), else one per kInferenceShardColumns samples, at most
/// kMaxInferenceShards. It depends on the batch alone, never on the machine or the thread count, so the
/// same batch is always cut the same way.
int inferenceShards(Eigen::Index columns);

/// Samples per shard at which splitting a batch starts to pay for itself.
inline constexpr Eigen::Index kInferenceShardColumns = 128;
/// More shards than cores, so a core slowed by other load takes fewer of them instead of holding up the
/// batch (as the training's shards do).
inline constexpr int kMaxInferenceShards = 4;

/// Calls work(shard) for shard in [0, shards) on the process's inference threads (one per core, started at
/// the first batch that needs them), or on the calling thread alone when another caller is already using
/// them: several threads that infer at once (the GUI's evaluation beside the CLI's or a test's) then share
/// the cores instead of waiting for each other.
template <typename Work> void runInferenceShards(int shards, Work& work);

/// The pool behind runInferenceShards, locked for one caller; nullptr when another caller holds it.
class InferencePoolLease {
public:
    InferencePoolLease();
    ~InferencePoolLease();
    InferencePoolLease(const InferencePoolLease&) = delete;
    InferencePoolLease& operator=(const InferencePoolLease&) = delete;
    ShardPool* pool() const { return pool_; }

private:
    ShardPool* pool_ = nullptr;
};

template <typename Work> void runInferenceShards(int shards, Work& work) {
    const InferencePoolLease lease;
    if (ShardPool* pool = lease.pool()) {
        pool->run(shards, work);
        return;
    }
    for (int shard = 0; shard < shards; ++shard)
        work(shard);
}

} // namespace digitpad
