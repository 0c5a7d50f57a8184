// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kernels/ShardPool.h"
#include "nn/Loss.h"
#include "nn/Network.h"
#include "optim/Optimizer.h"
#include "train/BatchSource.h"
#include "train/TrainConfig.h"

#include <array>
#include <memory>
#include <vector>

namespace digitpad {

/// What one step measured on its batch.
struct StepResult {
    double loss = 0.0; ///< the batch's mean loss (NaN or infinite when training diverged)
    int correct = 0;   ///< samples whose largest output is their label
};

/// One training step, data-parallel: each shard of a batch runs forward and backward on its own copy of the
/// network (shard 0 on the network itself, the others on replicas), on a ShardPool's threads; the network's
/// gradients then become the size-weighted sum of the shards' gradients, added in shard order so the numbers
/// do not depend on which thread ran what. The optimiser then updates the network and the replicas take its
/// new weights, both in spans shared out over the same threads (see ParameterSpans).
///
/// A batch that is not split (one shard) may still train on two threads: the network's large dense layers
/// split their products and their update in two (Layer::shareWork), each part staying on one thread. Both
/// splits are fixed by the configuration, never by the thread count, so the weights are the same on one
/// thread or two.
///
/// Buffers are kept per batch size (full batches and the epoch's last, partial one), so a step allocates
/// nothing once both sizes have been seen.
class DataParallelStep {
public:
    /// Steps on `network` with batches of up to `batchSize` samples split into `shards` (1 ≤ shards ≤
    /// kMaxShards), the loss config.loss, at most config.threads threads (0 = one per core). Shard 0 draws
    /// its random numbers (dropout) from `rng`, the caller's shuffling generator, so they are the same as
    /// without sharding; the other shards get their own streams derived from config.seed. `network` and `rng`
    /// must outlive the step.
    DataParallelStep(Network& network, int batchSize, int shards, const TrainConfig& config, Rng& rng);
    ~DataParallelStep();
    DataParallelStep(const DataParallelStep&) = delete;
    DataParallelStep& operator=(const DataParallelStep&) = delete;

    int shards() const { return shards_; }
    /// The generators of shards 1, 2, … (shard 0 uses the caller's), for a checkpoint.
    std::vector<Rng> shardRngs() const;
    /// Continues with generators shardRngs() returned; throws std::invalid_argument for a wrong count.
    void restoreShardRngs(const std::vector<Rng>& rngs);
    /// The network's parameters, whose gradients run() fills.
    const std::vector<ParamRef>& params() const { return params_; }

    /// Forward and backward of every shard of `batch`. With shard s holding n_s of the batch's N samples and
    /// mean loss L_s and gradient g_s over them, the batch's loss is L = Σ_s (n_s / N)·L_s and the network's
    /// gradients become g = Σ_s (n_s / N)·g_s, the gradient of L. When L is not finite the gradients are left
    /// as they are (the caller discards the step).
    StepResult run(const Batch& batch);
    /// The optimiser's step from the gradients run() left, and the replicas brought up to the new weights.
    /// The replicas hold the network's weights from construction on and are kept current only here: change
    /// the network's weights otherwise and the next run() trains shards on the old ones.
    void update(Optimizer& optimizer);

private:
    /// What one shard trains with.
    struct Shard {
        Network* network = nullptr; ///< the caller's network for shard 0, a replica for the others
        std::vector<ParamRef> params;
        std::unique_ptr<Loss> loss;
        Rng ownRng;         ///< the generator of shards ≥ 1
        Rng* rng = nullptr; ///< the caller's generator for shard 0, ownRng for the others
        /// dL_s/d(output) (classes × shard size): [0] for full batches, [1] for the last, partial one.
        std::array<Matrix, 2> outputGradient;
        double meanLoss = 0.0; ///< L_s of the current step
        int correct = 0;       ///< of the shard's samples in the current step
    };

    /// Forward and backward of shard `shard` of `batch`, on whichever thread the pool runs it.
    void runShard(const Batch& batch, int shard);
    /// The network's gradient over spans_[span]: the shards' gradients weighted by their share of `count`.
    void sumGradients(int count, int shards, std::size_t span);

    Network& network_;
    std::vector<ParamRef> params_;
    std::vector<ParamSpan> spans_; ///< params_' values cut for the gradient sum and the update
    int batchSize_;
    int shards_;
    /// One shard, several samples and a tensor with a ParamRef::splitColumn: the layers split their work.
    bool splitsLayers_;
    std::array<std::vector<ParamSpan>, kSplitParts>
        partSpans_; ///< the update's spans per part, when splitsLayers_
    /// Replicas of the network for shards 1 …: the optimiser only ever updates the caller's network, and
    /// update() copies its new weights in.
    std::vector<Network> replicas_;
    std::array<Shard, kMaxShards> states_;
    ShardPool pool_;
};

} // namespace digitpad
