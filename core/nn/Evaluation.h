// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Dataset.h"
#include "data/TestTimeAugmentation.h"
#include "nn/Loss.h"
#include "nn/Network.h"
#include "tensor/Result.h"

#include <span>
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
    /// The network's probability of its predicted class for each sample, 0..1, in the data set's order (count
    /// entries): its confidence in the answer, as Network::probabilities() computes it for the output head.
    std::vector<double> confidences;
    /// correct / total for each true class (0 when a class has no samples).
    std::vector<double> perClassAccuracy() const;
};

/// Evaluates in batches of `batchSize` columns.
Evaluation evaluate(const Network& network, const Loss& loss, const Dataset& data, int batchSize = 1000);

/// Evaluates an ensemble: the answer is the mean of the members' class probabilities, and the loss is
/// measured on the log of that mean (the logits whose softmax it is). All members take the same input and
/// have the same number of outputs; with two or more they must have the softmax head. One member gives
/// exactly evaluate(*members[0], …).
Evaluation evaluate(std::span<const Network* const> members, const Loss& loss, const Dataset& data,
                    int batchSize = 1000);

/// Evaluates an ensemble with test-time augmentation: each image's answer is the mean of the members'
/// probabilities over the images `testTime` makes of it (meanProbabilities()). Batches hold `batchSize`
/// columns after the copies are made. None gives exactly evaluate(members, loss, data, batchSize).
Evaluation evaluate(std::span<const Network* const> members, const Loss& loss, const Dataset& data,
                    TestTimeAugmentation testTime, int batchSize = 1000);

/// Fails when `network` cannot read `testTime`'s copies of its input: anything but None needs one channel
/// of images (the copies move pixels) and the softmax head (it averages probabilities).
Status checkTestTime(TestTimeAugmentation testTime, const Network& network);

/// Each member's answer with test-time augmentation, for x (inputSize × batch): one classes × batch matrix
/// per member, the mean of its Network::probabilities() over every image testTimeImages() makes of each
/// column. The copies are made and read a few hundred columns at a time. Throws std::invalid_argument when
/// checkTestTime() fails for a member. Thread-safe, like Network::probabilities().
std::vector<Matrix> memberProbabilities(std::span<const Network* const> members, const Matrix& x,
                                        TestTimeAugmentation testTime = TestTimeAugmentation::None);

/// The mean of the members' answers (memberProbabilities()), all of one shape.
Matrix meanOfMembers(const std::vector<Matrix>& memberAnswers);

/// The answer of an ensemble with test-time augmentation, for x (inputSize × batch) → classes × batch:
/// meanOfMembers(memberProbabilities()), the mean over members × copies. The one place where members and
/// copies are averaged: Model::probabilities() and evaluate() both answer through it.
Matrix meanProbabilities(std::span<const Network* const> members, const Matrix& x,
                         TestTimeAugmentation testTime = TestTimeAugmentation::None);

/// Index of the largest entry of each column.
int argmaxColumn(const Matrix& m, int column);

/// The probability that Network::probabilities() gives class `predicted` of column `column` of `raw` (the
/// network's raw output, classes × batch, for output head `head`), computed without allocating.
double probabilityOf(const Matrix& raw, int column, int predicted, OutputHead head);

} // namespace digitpad
