// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "optim/Optimizer.h"
#include "train/TrainConfig.h"

namespace digitpad {

/// The learning-rate schedule of TrainConfig, from the rate r = config.optimizer.learningRate:
/// - Step: r · lrStepGamma^⌊(epoch − 1) / lrStepEvery⌋ for the whole epoch (lrStepEvery = 0: constant r);
/// - OneCycle: per batch, over the run's S = epochs × batchesPerEpoch steps, step s (0-based) gets
///   r · (0.1 + 0.9 · s / W) while s < W = kOneCycleWarmUp · S, then r · (S − s) / (S − W), falling to r / (S
///   − W) at the last step. A short run gains most from a high rate early and a small one at the end.
/// The rate is a function of the epoch and the batch only, so a resumed run continues the same schedule.
class LearningRateSchedule {
public:
    /// `batchesPerEpoch` ≥ 1 (only OneCycle uses it).
    LearningRateSchedule(const TrainConfig& config, int batchesPerEpoch);

    /// The rate of batch `batch` (0-based) of epoch `epoch` (1-based).
    double rate(int epoch, int batch = 0) const;
    /// Sets the optimiser's rate at the start of `epoch`. A constant schedule leaves the optimiser as it is.
    void startEpoch(int epoch, Optimizer& optimizer) const;
    /// Sets the optimiser's rate before batch `batch` of `epoch`; only a per-batch schedule changes it.
    void startBatch(int epoch, int batch, Optimizer& optimizer) const;

private:
    ScheduleKind kind_;
    double base_;
    int every_;
    double gamma_;
    int batchesPerEpoch_;
    long long steps_; ///< OneCycle: the run's batches
    double warmUp_;   ///< OneCycle: steps rising to the peak
};

/// OneCycle's share of the run spent rising to the peak rate.
inline constexpr double kOneCycleWarmUp = 0.1;

} // namespace digitpad
