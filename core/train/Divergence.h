// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace digitpad {

/// What made a run count as diverged.
enum class DivergenceKind {
    LossNaN,      ///< a batch loss became NaN
    LossInfinite, ///< a batch loss became infinite
    LossExploded, ///< a finite batch loss rose above the limit (kDivergenceFactor × the first batch's loss)
};

/// Why and where a run diverged, as numbers, so a front end can word it in its own language;
/// TrainingOutcome::reason says the same in English.
struct Divergence {
    DivergenceKind kind = DivergenceKind::LossNaN;
    int epoch = 0;          ///< 1-based; the weights kept are those from the end of epoch − 1
    int batch = 0;          ///< 1-based, within the epoch
    double loss = 0.0;      ///< the batch loss that was too high (LossExploded)
    double limit = 0.0;     ///< the limit it crossed (LossExploded)
    double firstLoss = 0.0; ///< the run's first batch loss, the limit's base (LossExploded)
    /// Whether firstLoss was below kDivergenceLossFloor, so the floor was the base (LossExploded).
    bool floorUsed = false;
};

} // namespace digitpad
