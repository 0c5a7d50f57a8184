// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Preprocess.h"
#include "data/TestTimeAugmentation.h"
#include "nn/Network.h"
#include "train/TrainConfig.h"

#include <optional>
#include <string>
#include <vector>

namespace digitpad {

/// What a model file records besides the weights: how the network was trained and how well it did.
struct ModelInfo {
    Framing framing = Framing::Mnist; ///< the preprocessing the model expects at inference
    FramingSteps framingSteps;        ///< the corrections after framing it was trained with (and expects)
    /// The copies of each preprocessed image the model also reads, its answer being the mean over them
    /// (Model::probabilities()); None in files written before test-time augmentation existed.
    TestTimeAugmentation testTime = TestTimeAugmentation::None;
    std::string preset;
    LossKind loss = LossKind::CrossEntropy;
    OptimizerKind optimizer = OptimizerKind::Adam;
    double learningRate = 0.0;
    int batchSize = 0;
    int epochs = 0;
    unsigned long long seed = 0;
    std::string dataset; ///< e.g. "MNIST": the data set whose test split testAccuracy was measured on
    /// Training data beyond the data set, e.g. "13000 canvases of synthetic" (train --extra); empty for none.
    std::string extraTrainingData;
    /// The training-time augmentation, as AugmentSettings::describe() wrote it; empty when training used none
    /// (and in files written before augmentation existed).
    std::string augmentation;
    std::optional<double> testAccuracy;  ///< measured on the data set's test split, 0..1
    std::optional<double> drawnAccuracy; ///< measured on DigitPad's drawn-digit set, 0..1
    std::string trainedAt;               ///< ISO 8601 UTC, e.g. "2026-11-22T17:03:00Z"
    /// Set when the model was fine-tuned on a person's drawings: the model it started from (its name and
    /// training time), and how many drawings it was tuned on. Empty / 0 for a model trained from scratch.
    std::string tunedFrom;
    int tunedOnDrawings = 0;
    std::string labels = "0123456789"; ///< one character per class, for compact display (table headers)
    /// Each class's full name, e.g. "T-shirt/top" (files since class names: data/ClassNames.h); empty when
    /// the labels' characters are the names, as for digits.
    std::vector<std::string> classNames;
    /// An ensemble's training seed for each network, in member order; empty for a single network (`seed`).
    std::vector<unsigned long long> memberSeeds;
};

/// The name of every class of `info`: its classNames, else each character of its labels.
std::vector<std::string> classNamesOf(const ModelInfo& info);
/// Whether `info` is a digit model (classes "0" … "9"), the kind the Recognize tab's pad is for.
bool isDigitModel(const ModelInfo& info);

/// A network (or an ensemble of networks) plus what it needs to be used and explained.
struct Model {
    /// The network, or an ensemble's first member: the one Look inside shows and the ONNX graph starts with.
    Network network;
    ModelInfo info;
    /// An ensemble's other members, empty for a single network. Every member takes the same input, has the
    /// same classes and the softmax head; the model's answer is the mean of the members' probabilities.
    std::vector<Network> otherMembers;

    int memberCount() const { return 1 + static_cast<int>(otherMembers.size()); }
    /// network, then otherMembers.
    std::vector<const Network*> members() const;
    /// Class probabilities for x (inputSize × batch) → classes × batch: the mean of the members'
    /// Network::probabilities() over the copies info.testTime makes of each column (meanProbabilities()).
    /// Thread-safe, like Network::probabilities().
    Matrix probabilities(const Matrix& x) const;
    /// Each member's own answer to x, averaged over the copies info.testTime makes (memberProbabilities()):
    /// probabilities() is their mean.
    std::vector<Matrix> memberProbabilities(const Matrix& x) const;
    long long parameterCount() const;
    /// The network's architecture string; for an ensemble "3 × A" when every member is A, else "A + B + …".
    std::string architecture() const;
};

/// Fills a ModelInfo from a training config and stamps trainedAt with the current UTC time (accuracies are
/// left for the caller to measure).
ModelInfo describeTraining(const TrainConfig& config, const std::string& dataset);

} // namespace digitpad
