// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Mistakes.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace digitpad {

std::vector<Mistake> sortedMistakes(const Evaluation& evaluation, std::span<const std::uint8_t> labels) {
    const std::size_t count = evaluation.predictions.size();
    if (labels.size() != count || evaluation.confidences.size() != count)
        throw std::invalid_argument("mistakes of " + std::to_string(count) +
                                    " predictions need as many labels "
                                    "and confidences, got " +
                                    std::to_string(labels.size()) + " and " +
                                    std::to_string(evaluation.confidences.size()));
    std::vector<Mistake> mistakes;
    for (std::size_t i = 0; i < count; ++i)
        if (evaluation.predictions[i] != labels[i])
            mistakes.push_back(
                {static_cast<int>(i), labels[i], evaluation.predictions[i], evaluation.confidences[i]});
    // Stable on the index order, so equal confidences keep the data set's order whatever the sort does.
    std::stable_sort(mistakes.begin(), mistakes.end(),
                     [](const Mistake& a, const Mistake& b) { return a.confidence > b.confidence; });
    return mistakes;
}

} // namespace digitpad
