// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "train/Trainer.h"

#include <chrono>
#include <optional>

/// Thins a worker's batch reports to at most one per interval (plus the last batch of every epoch), so a run
/// with tiny batches does not flood the GUI thread's event queue. A report it lets through carries the means
/// of loss and accuracy over the batches since the previous one, so throttling drops no information.
class BatchReportThrottle {
public:
    using Clock = std::chrono::steady_clock;

    explicit BatchReportThrottle(std::chrono::milliseconds interval);

    /// Takes one batch; returns the report to send now, or nullopt to wait for more.
    std::optional<digitpad::BatchProgress> add(const digitpad::BatchProgress& progress);

private:
    std::chrono::milliseconds interval_;
    Clock::time_point lastReport_;
    double lossSum_ = 0.0;
    double accuracySum_ = 0.0;
    int pending_ = 0;
};
