// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Dataset.h"
#include "nn/Network.h"
#include "tensor/NameTable.h"
#include "train/Divergence.h"
#include "train/TrainConfig.h"

#include <atomic>
#include <functional>
#include <memory>
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
    /// confusion[truth][predicted] counts on the validation set, classes × classes; empty without one.
    std::vector<std::vector<int>> validationConfusion;
    /// The predicted class of each validation sample in the set's order (empty without one), so a front end
    /// can find the images behind a confusion cell.
    std::vector<int> validationPredictions;
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

/// A finite batch loss above kDivergenceFactor × the run's starting loss (the first batch's, computed before
/// any step) means training has diverged, as NaN does. Plain SGD at a far too high rate can grow the loss to
/// 1e25 without ever overflowing, and the model it leaves is useless. An untrained network's loss is about
/// ln 10 ≈ 2.3 (cross-entropy) or 0.5 to 1 (MSE on one-hot targets), so the limit is in the tens of
/// thousands: no run that learns anything comes near it, while an exploding one passes it within a step or
/// two (lr 100: 1.1 → 1.8e11).
inline constexpr double kDivergenceFactor = 1e4;
/// The starting loss the factor applies to is at least this, so a network that starts out nearly perfect
/// (loss 1e-4, say) does not get a limit low enough for ordinary noise to cross. 1 is the order of an
/// untrained network's loss for both loss kinds.
inline constexpr double kDivergenceLossFloor = 1.0;

/// A divergence in English, e.g. "loss became NaN at epoch 2, batch 17; kept the weights from the end of
/// epoch 1 (try a lower learning rate)".
std::string describe(const Divergence& divergence);

struct TrainingOutcome {
    TrainingStatus status = TrainingStatus::Completed;
    std::string reason;    ///< why it diverged: describe(divergence)
    Divergence divergence; ///< why it diverged, as a kind and numbers; only when status is Diverged
    /// Every completed epoch, in order; the network ends with the weights of the last of them.
    std::vector<EpochMetrics> epochs;
    int shards = 1; ///< how many parts each full batch was split into (see TrainConfig::shards)
    /// The completed epoch with the highest validation accuracy (1-based; the earliest of equals), 0 without
    /// a validation set or before the first epoch ends.
    int bestEpoch = 0;
    /// A copy of the network as it was at the end of bestEpoch, kept only when that is not the last
    /// completed epoch (the trained network itself holds the last one). Shared, so copying an outcome
    /// between threads does not copy weights.
    std::shared_ptr<const Network> bestEpochNetwork;
};

/// Read between batches: cancel stops the run, pause makes it wait.
struct TrainingControl {
    std::atomic<bool> cancel{false};
    std::atomic<bool> pause{false};
};

struct TrainingState;

struct TrainingCallbacks {
    std::function<void(const BatchProgress&)> onBatch;
    std::function<void(const EpochMetrics&)> onEpoch;
    /// After every completed epoch (after onEpoch), with the network holding that epoch's weights and the
    /// state that continues the run from there: what a checkpoint saves. Only taken when set.
    std::function<void(const Network&, const TrainingState&)> onCheckpoint;
};

/// Trains `network` in place with `config`. The training split is shuffled each epoch from config.seed (same
/// seed ⇒ bit-identical weights). The validation split is the last config.validationFraction of `train`.
/// `test` may be null. When a batch loss becomes NaN/Inf, or exceeds kDivergenceFactor × the starting loss
/// (see there), the run stops as Diverged with a reason; when control.cancel is set, it stops as Cancelled.
/// Either way the network keeps the weights of the last completed epoch (or its initial weights), so a
/// stopped run keeps its work; the outcome also names the best epoch by validation accuracy and keeps its
/// weights when they differ from the last epoch's.
///
/// With `resumeFrom` (a state onCheckpoint reported for the same settings and data, `network` holding the
/// weights reported with it) the run continues after its last completed epoch: the outcome, the callbacks'
/// epoch numbers and the weights are those of a run that never stopped. Throws std::invalid_argument when the
/// state does not fit the network and settings (tensor shapes, shard count, more epochs than config.epochs).
TrainingOutcome train(Network& network, const Dataset& train, const Dataset* test, const TrainConfig& config,
                      TrainingControl& control, const TrainingCallbacks& callbacks = {},
                      const TrainingState* resumeFrom = nullptr);

} // namespace digitpad
