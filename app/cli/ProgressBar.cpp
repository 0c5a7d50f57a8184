// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProgressBar.h"
#include "ProgressLine.h"

#include <cstdio>
#include <string>
#include <unistd.h>

namespace digitpad::cli {

namespace {
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
} // namespace

ProgressBar::ProgressBar(int epochs) : epochs_(epochs), enabled_(isatty(fileno(stderr)) == 1) {}

ProgressBar::~ProgressBar() {
    clear();
}

void ProgressBar::update(const BatchProgress& progress) {
    if (!enabled_)
        return;
    const auto now = std::chrono::steady_clock::now();
    // The time left is measured from this epoch's own first batch, independent of how the trainer counts
    // time.
    if (progress.epoch != currentEpoch_) {
        currentEpoch_ = progress.epoch;
        firstBatch_ = progress.batch;
        epochStart_ = now;
    }
    const bool last = progress.batch == progress.batchesPerEpoch;
    if (drawn_ && !last && now - lastDraw_ < kRedrawInterval)
        return;
    lastDraw_ = now;
    drawn_ = true;

    const int batchesDone = progress.batch - firstBatch_;
    const double elapsed = std::chrono::duration<double>(now - epochStart_).count();
    const double remaining =
        batchesDone > 0 ? elapsed / batchesDone * (progress.batchesPerEpoch - progress.batch) : 0.0;
    const ProgressState state{progress.epoch,           epochs_,       progress.batch,
                              progress.batchesPerEpoch, progress.loss, remaining};
    // The width is asked for on every redraw, so a resized terminal gets a fitting line at once. The line is
    // shorter than the terminal, so \r reaches its start; "erase to end of line" removes a longer previous
    // one.
    const std::string line = progressLine(state, terminalWidth());
    std::fprintf(stderr, "\r%s\033[K", line.c_str());
    std::fflush(stderr);
}

void ProgressBar::clear() {
    if (!enabled_ || !drawn_)
        return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    drawn_ = false;
}

} // namespace digitpad::cli
