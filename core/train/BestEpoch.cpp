// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/BestEpoch.h"

#include <cmath>
#include <memory>
#include <utility>

namespace digitpad {

void BestEpoch::consider(const Network& network, const EpochMetrics& metrics) {
    const double accuracy = metrics.validationAccuracy;
    if (!std::isfinite(accuracy) || (outcome_.bestEpoch > 0 && accuracy <= bestAccuracy_))
        return;
    outcome_.bestEpoch = metrics.epoch;
    outcome_.bestEpochNetwork = std::make_shared<const Network>(network);
    bestAccuracy_ = accuracy;
}

void BestEpoch::restore(int epoch, double accuracy, std::shared_ptr<const Network> weights) {
    outcome_.bestEpoch = epoch;
    outcome_.bestEpochNetwork = std::move(weights);
    bestAccuracy_ = accuracy;
}

void BestEpoch::finish() {
    if (!outcome_.epochs.empty() && outcome_.bestEpoch == outcome_.epochs.back().epoch)
        outcome_.bestEpochNetwork.reset();
}

} // namespace digitpad
