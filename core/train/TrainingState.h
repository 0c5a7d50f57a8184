// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "optim/Optimizer.h"
#include "tensor/Matrix.h"
#include "tensor/Random.h"
#include "train/Trainer.h"

#include <limits>
#include <vector>

namespace digitpad {

/// Everything train() carries from one epoch into the next besides the network's weights, taken after every
/// completed epoch, so that a run stopped after it continues bit-identically (train(…, resumeFrom)).
///
/// What need not be kept: augmentation draws each batch from a seed derived from (seed, epoch, batch, shard)
/// and the learning-rate schedule is a function of the epoch, so both follow from the settings and the epoch
/// reached; the last-good weights are the network's own at an epoch's end.
struct TrainingState {
    /// The completed epochs in order (the curves so far); their count is the epoch reached.
    std::vector<EpochMetrics> epochs;
    /// The generator that shuffles each epoch and draws shard 0's dropout masks.
    Rng rng;
    /// The generators of shards 1, 2, … (their dropout masks), one per shard beyond the first.
    std::vector<Rng> shardRngs;
    /// Momentum / Adam moments and step count, per parameter in Network::params() order.
    OptimizerState optimizer;
    /// The divergence check's reference: the run's first finite batch loss, NaN before any batch.
    double firstLoss = std::numeric_limits<double>::quiet_NaN();
    int bestEpoch = 0;         ///< as TrainingOutcome::bestEpoch
    double bestAccuracy = 0.0; ///< its validation accuracy
    /// The weights of bestEpoch in Network::params() order when it is not the last completed epoch (the
    /// network holds those); empty otherwise.
    std::vector<Matrix> bestWeights;
};

} // namespace digitpad
