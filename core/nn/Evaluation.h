// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Dataset.h"
#include "nn/Loss.h"
#include "nn/Network.h"

#include <vector>

namespace digitpad {

/// How a network does on a labelled data set.
struct Evaluation {
    double loss = 0.0;     ///< mean loss
    double accuracy = 0.0; ///< fraction correct, 0..1
    int count = 0;
    /// confusion[truth][predicted] counts, classes × classes.
    std::vector<std::vector<int>> confusion;
    /// The predicted class of each sample, in the data set's order (count entries).
    std::vector<int> predictions;
    /// correct / total for each true class (0 when a class has no samples).
    std::vector<double> perClassAccuracy() const;
};

/// Evaluates in batches of `batchSize` columns.
Evaluation evaluate(const Network& network, const Loss& loss, const Dataset& data, int batchSize = 1000);

/// Index of the largest entry of each column.
int argmaxColumn(const Matrix& m, int column);

} // namespace digitpad
