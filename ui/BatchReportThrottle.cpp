// SPDX-License-Identifier: GPL-3.0-or-later
#include "BatchReportThrottle.h"

BatchReportThrottle::BatchReportThrottle(std::chrono::milliseconds interval)
    : interval_(interval), lastReport_(Clock::now()) {}

std::optional<digitpad::BatchProgress> BatchReportThrottle::add(const digitpad::BatchProgress& progress) {
    lossSum_ += progress.loss;
    accuracySum_ += progress.accuracy;
    ++pending_;
    const Clock::time_point now = Clock::now();
    // An epoch's first report spans a full interval: the evaluation between epochs must not leave it holding
    // a single batch, which the chart's moving average would weigh like a full interval.
    if (progress.batch == 1 && pending_ == 1)
        lastReport_ = now;
    if (progress.batch < progress.batchesPerEpoch && now - lastReport_ < interval_)
        return std::nullopt;
    digitpad::BatchProgress report = progress;
    report.loss = lossSum_ / pending_;
    report.accuracy = accuracySum_ / pending_;
    lossSum_ = accuracySum_ = 0.0;
    pending_ = 0;
    lastReport_ = now;
    return report;
}
