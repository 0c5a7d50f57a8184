// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/AnswerCertainty.h"

namespace digitpad {

bool isUnsure(double probability) {
    return probability < kSureProbability;
}

FlagRates flagRates(const Evaluation& evaluation, const std::vector<Mistake>& mistakes, double threshold) {
    FlagRates rates;
    std::vector<bool> wrong(evaluation.confidences.size(), false);
    for (const Mistake& mistake : mistakes) {
        wrong.at(static_cast<std::size_t>(mistake.index)) = true;
        ++rates.wrong;
        rates.wrongFlagged += mistake.confidence < threshold;
    }
    for (std::size_t i = 0; i < evaluation.confidences.size(); ++i) {
        if (wrong[i])
            continue;
        ++rates.right;
        rates.rightFlagged += evaluation.confidences[i] < threshold;
    }
    return rates;
}

} // namespace digitpad
