// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "train/Trainer.h"

#include <chrono>

namespace digitpad::cli {

/// A one-line training progress bar on stderr, shown only when stderr is a terminal. Redraws at most ten
/// times a second, so the per-batch callback stays cheap even at batch size 1.
class ProgressBar {
public:
    /// `epochs` is the run's total, for the "epoch 2/5" label.
    explicit ProgressBar(int epochs);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    bool enabled() const { return enabled_; }
    void update(const BatchProgress& progress);
    /// Erases the bar, so a line printed next on the terminal starts clean.
    void clear();

private:
    int epochs_;
    bool enabled_;
    bool drawn_ = false;
    int currentEpoch_ = 0;
    int firstBatch_ = 0; ///< the batch at which this epoch's clock started
    std::chrono::steady_clock::time_point epochStart_;
    std::chrono::steady_clock::time_point lastDraw_;
};

} // namespace digitpad::cli
