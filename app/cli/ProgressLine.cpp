// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProgressLine.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

namespace digitpad::cli {

namespace {

constexpr int kMaxBarWidth = 30;
/// Narrower than this, a bar says too little to be worth its columns next to the percentage.
constexpr int kMinBarWidth = 10;
constexpr int kFallbackWidth = 80;

std::string format(const char* pattern, auto... values) {
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, pattern, values...);
    return buffer;
}

std::string bar(double fraction, int width) {
    const int filled = std::clamp(static_cast<int>(fraction * width), 0, width);
    return '[' + std::string(static_cast<std::size_t>(filled), '#') +
           std::string(static_cast<std::size_t>(width - filled), '-') + ']';
}

} // namespace

std::string progressLine(const ProgressState& state, int width) {
    const int limit = std::max(0, width - 1);
    const double fraction =
        state.batchesPerEpoch > 0
            ? std::clamp(static_cast<double>(state.batch) / state.batchesPerEpoch, 0.0, 1.0)
            : 0.0;
    const std::string epoch = format("epoch %d/%d ", state.epoch, state.epochs);
    const std::string percent = format(" %3d%%", static_cast<int>(fraction * 100.0));
    const std::string batch = format("  batch %d/%d", state.batch, state.batchesPerEpoch);
    const std::string loss = format("  loss %.4f", state.loss);
    const std::string eta = format("  eta %.1f s", state.etaSeconds);

    // From the richest to the plainest; the first whose text fits next to a bar of kMinBarWidth wins.
    const std::vector<std::string> tails = {percent + batch + loss + eta, percent + loss + eta,
                                            percent + loss, percent};
    for (const std::string& tail : tails) {
        const int room = limit - static_cast<int>(epoch.size() + tail.size()) - 2; // 2: the brackets
        if (room >= kMinBarWidth)
            return epoch + bar(fraction, std::min(room, kMaxBarWidth)) + tail;
    }
    const std::string plain = epoch + percent.substr(1);
    return plain.substr(0, static_cast<std::size_t>(limit));
}

int terminalWidth() {
    winsize size{};
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    if (const char* columns = std::getenv("COLUMNS")) {
        char* end = nullptr;
        const long value = std::strtol(columns, &end, 10);
        if (end != columns && *end == '\0' && value > 0 && value < 10000)
            return static_cast<int>(value);
    }
    return kFallbackWidth;
}

} // namespace digitpad::cli
