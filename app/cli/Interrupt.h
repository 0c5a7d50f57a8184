// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "train/Trainer.h"

#include <csignal>

namespace digitpad::cli {

/// The control the training commands (train, finetune) hand to the trainer. It is a process-wide object
/// because the SIGINT handler can reach nothing else; its flags are lock-free atomics, the only state a
/// handler may touch.
TrainingControl& interruptControl();

/// While alive, Ctrl+C sets interruptControl().cancel, so the trainer stops after the current batch and the
/// command can exit 130 without writing a half-trained model; a second Ctrl+C kills the process the usual
/// way. Restores the previous handler afterwards.
class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    struct sigaction previous_ {};
};

} // namespace digitpad::cli
