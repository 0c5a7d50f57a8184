// SPDX-License-Identifier: GPL-3.0-or-later
#include "Interrupt.h"

namespace digitpad::cli {

namespace {

TrainingControl gControl;

extern "C" void onInterrupt(int) {
    gControl.cancel.store(true);
    // A second Ctrl+C kills the process the usual way, for a user who does not want to wait for the batch.
    std::signal(SIGINT, SIG_DFL);
}

} // namespace

TrainingControl& interruptControl() {
    return gControl;
}

InterruptGuard::InterruptGuard() {
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_);
}

InterruptGuard::~InterruptGuard() {
    sigaction(SIGINT, &previous_, nullptr);
}

} // namespace digitpad::cli
