// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>

namespace digitpad {

struct TrainingControl;

/// Where training checks its TrainingControl between batches: waits while paused, reports a cancel, and
/// keeps the run's training time, which does not count the pauses.
class PauseGate {
public:
    /// Starts the clock. `control` must outlive the gate.
    explicit PauseGate(TrainingControl& control);

    /// Waits while paused (polling every 20 ms); returns true when the run is cancelled.
    bool waitWhilePaused();
    /// Seconds since construction, minus the time spent waiting in waitWhilePaused().
    double trainingSeconds() const;

private:
    using Clock = std::chrono::steady_clock;
    TrainingControl& control_;
    Clock::time_point start_;
    double pausedSeconds_ = 0.0;
};

} // namespace digitpad
