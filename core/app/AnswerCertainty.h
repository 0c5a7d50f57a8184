// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nn/Evaluation.h"
#include "nn/Mistakes.h"

#include <vector>

namespace digitpad {

/// An answer whose probability is below this is shown as unsure ("not sure: 1 or 7?") instead of as a plain
/// digit. Chosen on the style-digits dev set with the bundled ensemble, among 0.5 to 0.99 in steps of 0.01
/// (docs/uncertainty.md has the table): the highest threshold that flags at most 2 % of the right answers
/// there. Reported on sets no choice looked at: MNIST test, the drawn digits and the style-digits held-out
/// part.
inline constexpr double kSureProbability = 0.79;

/// Whether an answer with this probability is flagged as unsure.
bool isUnsure(double probability);

/// How the unsure flag splits a scored set: of its wrong answers and of its right ones, how many it flags.
struct FlagRates {
    int wrong = 0;
    int wrongFlagged = 0;
    int right = 0;
    int rightFlagged = 0;
};

/// The flag rates of `evaluation` for answers below `threshold`; `mistakes` are its misclassified samples
/// (sortedMistakes()), every other sample counts as right.
FlagRates flagRates(const Evaluation& evaluation, const std::vector<Mistake>& mistakes,
                    double threshold = kSureProbability);

} // namespace digitpad
