// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nn/Evaluation.h"

#include <cstdint>
#include <span>
#include <vector>

namespace digitpad {

/// One misclassified sample of an evaluated data set.
struct Mistake {
    int index = 0;           ///< the sample's position in the data set
    int label = 0;           ///< its true class
    int predicted = 0;       ///< the class the network answered
    double confidence = 0.0; ///< the network's probability of that wrong answer, 0..1

    bool operator==(const Mistake&) const = default;
};

/// The misclassified samples of `evaluation`, most confidently wrong first (equal confidences by index), so
/// the worst mistakes a network makes come first. `labels` are the true classes of the evaluated data set
/// (evaluation.count entries, in its order). Throws std::invalid_argument when the counts differ.
std::vector<Mistake> sortedMistakes(const Evaluation& evaluation, std::span<const std::uint8_t> labels);

} // namespace digitpad
