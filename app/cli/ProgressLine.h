// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace digitpad::cli {

/// What one redraw of the training progress bar shows.
struct ProgressState {
    int epoch = 0;
    int epochs = 0;
    int batch = 0;
    int batchesPerEpoch = 0;
    double loss = 0.0;
    double etaSeconds = 0.0;
};

/// The progress bar's text for a terminal `width` columns wide: at most width − 1 characters (all ASCII), so
/// the cursor never reaches the last column and the terminal never wraps the line (a wrapped line is what
/// \r cannot go back over, leaving a stale copy per redraw). The bar shrinks first; on narrow terminals the
/// batch count, the time left and the loss are dropped in that order, and at last the text is cut.
std::string progressLine(const ProgressState& state, int width);

/// The width of the terminal on stderr (TIOCGWINSZ), else $COLUMNS, else 80.
int terminalWidth();

} // namespace digitpad::cli
