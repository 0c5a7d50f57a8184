// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Preprocess.h"
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
};

/// The name of every class of `info`: its classNames, else each character of its labels.
std::vector<std::string> classNamesOf(const ModelInfo& info);
/// Whether `info` is a digit model (classes "0" … "9"), the kind the Recognize tab's pad is for.
bool isDigitModel(const ModelInfo& info);

/// A network plus what it needs to be used and explained.
struct Model {
    Network network;
    ModelInfo info;
};

/// Fills a ModelInfo from a training config and stamps trainedAt with the current UTC time (accuracies are
/// left for the caller to measure).
ModelInfo describeTraining(const TrainConfig& config, const std::string& dataset);

} // namespace digitpad
