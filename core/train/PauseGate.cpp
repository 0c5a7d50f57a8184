// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/PauseGate.h"

#include "train/Trainer.h"

#include <thread>

namespace digitpad {

namespace {

double secondsBetween(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

} // namespace

PauseGate::PauseGate(TrainingControl& control) : control_(control), start_(Clock::now()) {}

bool PauseGate::waitWhilePaused() {
    if (control_.pause.load(std::memory_order_relaxed)) {
        const auto start = Clock::now();
        while (control_.pause.load(std::memory_order_relaxed) &&
               !control_.cancel.load(std::memory_order_relaxed))
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        pausedSeconds_ += secondsBetween(start, Clock::now());
    }
    return control_.cancel.load(std::memory_order_relaxed);
}

double PauseGate::trainingSeconds() const {
    return secondsBetween(start_, Clock::now()) - pausedSeconds_;
}

} // namespace digitpad
