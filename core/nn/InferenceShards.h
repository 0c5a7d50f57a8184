// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kernels/ShardPool.h"

#include "tensor/Matrix.h"

namespace digitpad {

/// The multiply-adds a shard must hold for splitting a batch to pay: about 180 samples of the mlp preset
/// (784-128-64-10, 109 184 a sample), a few hundred microseconds on one core; with less, the hand-off to
/// another thread (microseconds, far more when the machine is busy) costs more than it saves.
inline constexpr long long kInferenceShardWork = 20'000'000;
/// More shards than cores, so a core slowed by other load takes fewer of them instead of holding up the
/// batch (as the training's shards do).
inline constexpr int kMaxInferenceShards = 4;
/// The most bytes one layer's output may take for the samples a shard runs through the network at once: a
/// layer reads its input while it writes its output, and both should stay in a core's L2 cache (1 MiB on
/// the development machine). A convolution's planes are large (the cnn preset's first layer writes 54 KB a
/// sample): a batch of 1000 passed whole made every layer stream 55 MB through memory and ran 5× slower per
/// image than batches of 100.
inline constexpr long long kInferenceChunkBytes = 512 * 1024;

/// How many column shards Network::predictRaw splits a batch of `columns` samples into, each sample costing
/// `multiplyAdds`: one per kInferenceShardWork of work, at least 1, at most kMaxInferenceShards and at most
/// one per sample. It depends on the batch and the network alone, never on the machine or the thread count,
/// so the same batch is always cut the same way.
int inferenceShards(Eigen::Index columns, long long multiplyAdds);

/// How many samples a shard runs through the network at once when the largest layer output holds
/// `largestOutput` values a sample: as many as fit kInferenceChunkBytes, at least 1.
Eigen::Index inferenceChunkColumns(long long largestOutput);

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
    if (shards <= 1) {
        work(0);
        return;
    }
    const InferencePoolLease lease;
    if (ShardPool* pool = lease.pool()) {
        pool->run(shards, work);
        return;
    }
    for (int shard = 0; shard < shards; ++shard)
        work(shard);
}

} // namespace digitpad
