// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "optim/Optimizer.h"
#include "train/TrainConfig.h"

namespace digitpad {

/// The step schedule of TrainConfig: the learning rate starts at config.optimizer.learningRate and is
/// multiplied by lrStepGamma every lrStepEvery epochs (lrStepEvery = 0: constant).
class LearningRateSchedule {
public:
    explicit LearningRateSchedule(const TrainConfig& config);

    /// The rate of epoch `epoch` (1-based): base · gamma^⌊(epoch − 1) / every⌋.
    double rate(int epoch) const;
    /// Sets the optimiser's rate for `epoch`. A constant schedule leaves the optimiser as it is.
    void apply(int epoch, Optimizer& optimizer) const;

private:
    double base_;
    int every_;
    double gamma_;
};

} // namespace digitpad
