// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/LearningRateSchedule.h"

#include <cmath>

namespace digitpad {

LearningRateSchedule::LearningRateSchedule(const TrainConfig& config)
    : base_(config.optimizer.learningRate), every_(config.lrStepEvery), gamma_(config.lrStepGamma) {}

double LearningRateSchedule::rate(int epoch) const {
    if (every_ <= 0)
        return base_;
    return base_ * std::pow(gamma_, (epoch - 1) / every_);
}

void LearningRateSchedule::apply(int epoch, Optimizer& optimizer) const {
    if (every_ > 0)
        optimizer.setLearningRate(rate(epoch));
}

} // namespace digitpad
