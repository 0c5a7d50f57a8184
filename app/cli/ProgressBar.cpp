// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProgressBar.h"

#include <cstdio>
#include <string>
#include <unistd.h>

namespace digitpad::cli {

namespace {
constexpr int kBarWidth = 30;
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

    const double fraction =
        progress.batchesPerEpoch > 0 ? static_cast<double>(progress.batch) / progress.batchesPerEpoch : 0.0;
    const int filled = static_cast<int>(fraction * kBarWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(kBarWidth - filled), '-');
    const int batchesDone = progress.batch - firstBatch_;
    const double elapsed = std::chrono::duration<double>(now - epochStart_).count();
    const double remaining =
        batchesDone > 0 ? elapsed / batchesDone * (progress.batchesPerEpoch - progress.batch) : 0.0;
    // \r plus "erase to end of line" redraws in place without leaving stale characters behind.
    std::fprintf(stderr, "\r\033[Kepoch %d/%d [%s] %3d%%  batch %d/%d  loss %.4f  eta %.1f s", progress.epoch,
                 epochs_, bar.c_str(), static_cast<int>(fraction * 100.0), progress.batch,
                 progress.batchesPerEpoch, progress.loss, remaining);
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
