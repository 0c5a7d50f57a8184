// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Dataset.h"
#include "nn/Network.h"
#include "tensor/NameTable.h"
#include "train/TrainConfig.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace digitpad {

/// Reported after every batch (keep the callback cheap: it runs on the training thread).
struct BatchProgress {
    int epoch = 0; ///< 1-based
    int batch = 0; ///< 1-based within the epoch
    int batchesPerEpoch = 0;
    double loss = 0.0;     ///< this batch's mean loss
    double accuracy = 0.0; ///< this batch's accuracy
    double elapsedSeconds = 0.0;
};

/// Reported after every epoch.
struct EpochMetrics {
    int epoch = 0;
    double trainLoss = 0.0;
    double trainAccuracy = 0.0;
    double validationLoss = 0.0;     ///< NaN when there is no validation set
    double validationAccuracy = 0.0; ///< NaN when there is no validation set
    double testAccuracy = 0.0;       ///< NaN when there is no test set
    double learningRate = 0.0;
    double seconds = 0.0; ///< wall time of this epoch's training (without evaluation)
};

enum class TrainingStatus { Completed, Cancelled, Diverged };

inline constexpr NameTable<TrainingStatus, 3> kTrainingStatusNames{{
    {TrainingStatus::Completed, "completed"},
    {TrainingStatus::Cancelled, "cancelled"},
    {TrainingStatus::Diverged, "diverged"},
}};
constexpr const auto& names(TrainingStatus) {
    return kTrainingStatusNames;
}

struct TrainingOutcome {
    TrainingStatus status = TrainingStatus::Completed;
    std::string reason; ///< why it diverged, e.g. "loss became NaN at epoch 2, batch 17"
    std::vector<EpochMetrics> epochs;
    int shards = 1; ///< how many parts each full batch was split into (see TrainConfig::shards)
};

/// Read between batches: cancel stops the run, pause makes it wait.
struct TrainingControl {
    std::atomic<bool> cancel{false};
    std::atomic<bool> pause{false};
};

struct TrainingCallbacks {
    std::function<void(const BatchProgress&)> onBatch;
    std::function<void(const EpochMetrics&)> onEpoch;
};

/// Trains `network` in place with `config`. The training split is shuffled each epoch from config.seed (same
/// seed ⇒ bit-identical weights). The validation split is the last config.validationFraction of `train`.
/// `test` may be null. When a batch loss becomes NaN/Inf the run stops as Diverged and the network keeps the
/// weights of the last completed epoch (or its initial weights).
TrainingOutcome train(Network& network, const Dataset& train, const Dataset* test, const TrainConfig& config,
                      TrainingControl& control, const TrainingCallbacks& callbacks = {});

} // namespace digitpad
