// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nn/Network.h"
#include "train/Trainer.h"

#include <memory>

namespace digitpad {

/// Keeps a training outcome's best epoch (by validation accuracy) and a copy of its weights, so a run that
/// gets worse, is stopped or diverges still offers them. The copy is made when an epoch becomes the best,
/// because the next epoch overwrites the network; finish() drops it when the best epoch is the last
/// completed one, whose weights the trained network itself holds.
class BestEpoch {
public:
    /// Updates outcome.bestEpoch and outcome.bestEpochNetwork; `outcome` must outlive this object.
    explicit BestEpoch(TrainingOutcome& outcome) : outcome_(outcome) {}

    /// Called after each completed epoch with the network holding that epoch's weights. An epoch without a
    /// validation accuracy (NaN) is never the best; of equal accuracies the earliest stays.
    void consider(const Network& network, const EpochMetrics& metrics);

    /// The validation accuracy of outcome.bestEpoch (0 while there is none).
    double bestAccuracy() const { return bestAccuracy_; }
    /// Continues a resumed run: its best epoch so far, that epoch's accuracy and weights.
    void restore(int epoch, double accuracy, std::shared_ptr<const Network> weights);

    /// Called once the run ends, after the last completed epoch was added to outcome.epochs.
    void finish();

private:
    TrainingOutcome& outcome_;
    double bestAccuracy_ = 0.0;
};

} // namespace digitpad
