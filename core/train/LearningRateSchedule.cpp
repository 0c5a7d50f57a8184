// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/LearningRateSchedule.h"

#include <algorithm>
#include <cmath>

namespace digitpad {

LearningRateSchedule::LearningRateSchedule(const TrainConfig& config, int batchesPerEpoch)
    : kind_(config.schedule), base_(config.optimizer.learningRate), every_(config.lrStepEvery),
      gamma_(config.lrStepGamma), batchesPerEpoch_(std::max(1, batchesPerEpoch)),
      steps_(static_cast<long long>(std::max(1, config.epochs)) * batchesPerEpoch_),
      warmUp_(kOneCycleWarmUp * static_cast<double>(steps_)) {}

double LearningRateSchedule::rate(int epoch, int batch) const {
    if (kind_ == ScheduleKind::OneCycle) {
        const double step = static_cast<double>(epoch - 1) * batchesPerEpoch_ + batch;
        if (step < warmUp_)
            return base_ * (0.1 + 0.9 * step / warmUp_);
        return base_ * (static_cast<double>(steps_) - step) / (static_cast<double>(steps_) - warmUp_);
    }
    if (every_ <= 0)
        return base_;
    return base_ * std::pow(gamma_, (epoch - 1) / every_);
}

void LearningRateSchedule::startEpoch(int epoch, Optimizer& optimizer) const {
    if (kind_ == ScheduleKind::Step && every_ > 0)
        optimizer.setLearningRate(rate(epoch));
}

void LearningRateSchedule::startBatch(int epoch, int batch, Optimizer& optimizer) const {
    if (kind_ == ScheduleKind::OneCycle)
        optimizer.setLearningRate(rate(epoch, batch));
}

} // namespace digitpad
