// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/TrainConfig.h"

#include "layers/LayerFactory.h"
#include "train/Sharding.h"

#include <cmath>
#include <stdexcept>

namespace digitpad {

std::string TrainConfig::resolvedArchitecture(int classes) const {
    if (!architecture.empty())
        return architecture;
    std::string text;
    for (int width : hiddenLayers)
        text += "dense" + std::to_string(width) + "," + toName(activation) + ",";
    text += "dense" + std::to_string(classes);
    if (sigmoidOutput)
        text += ",sigmoid";
    return text;
}

OutputHead TrainConfig::head() const {
    return loss == LossKind::CrossEntropy ? OutputHead::Softmax : OutputHead::Identity;
}

Network TrainConfig::makeNetwork(Shape input, int classes) const {
    Network network = Network::fromArchitecture(input, resolvedArchitecture(classes), head());
    if (network.outputSize() != classes)
        throw std::invalid_argument("architecture '" + network.architecture() + "' has " +
                                    std::to_string(network.outputSize()) + " outputs, the data has " +
                                    std::to_string(classes) + " classes");
    network.initialise(init, seed);
    return network;
}

Status TrainConfig::validate(Shape input, int classes) const {
    if (Status settings = validateTraining(); !settings)
        return settings;
    if (Status steps = framingSteps.check(input); !steps)
        return steps;
    if (architecture.empty())
        for (int width : hiddenLayers)
            if (width < 1)
                return Error{"hidden layer widths must be at least 1 (got " + std::to_string(width) + ")",
                             ErrorKind::HiddenWidthTooSmall};
    const std::string layers = resolvedArchitecture(classes);
    try {
        const LayerPlan plan = planLayers(input, layers);
        if (plan.output.size() != classes)
            return Error{"architecture '" + layers + "' has " + std::to_string(plan.output.size()) +
                             " outputs, the data has " + std::to_string(classes) + " classes",
                         ErrorKind::LayersOutputMismatch, "", layers};
    } catch (const std::invalid_argument& error) {
        return Error{error.what(), ErrorKind::LayersInvalid, "", layers};
    }
    return Success{};
}

Status TrainConfig::validateTraining() const {
    if (batchSize < 1)
        return Error{"batch size must be at least 1 (got " + std::to_string(batchSize) + ")",
                     ErrorKind::BatchSizeTooSmall};
    if (epochs < 1)
        return Error{"epochs must be at least 1 (got " + std::to_string(epochs) + ")",
                     ErrorKind::TooFewEpochs};
    if (!(optimizer.learningRate > 0.0) || !std::isfinite(optimizer.learningRate))
        return Error{"learning rate must be a positive number (got " +
                         std::to_string(optimizer.learningRate) + ")",
                     ErrorKind::LearningRateNotPositive};
    if (optimizer.momentum < 0.0 || optimizer.momentum >= 1.0)
        return Error{"momentum must be in [0, 1) (got " + std::to_string(optimizer.momentum) + ")",
                     ErrorKind::MomentumOutOfRange};
    if (optimizer.weightDecay < 0.0)
        return Error{"weight decay must not be negative (got " + std::to_string(optimizer.weightDecay) + ")",
                     ErrorKind::WeightDecayNegative};
    if (validationFraction < 0.0 || validationFraction >= 1.0)
        return Error{"validation fraction must be in [0, 1) (got " + std::to_string(validationFraction) + ")",
                     ErrorKind::ValidationFractionOutOfRange};
    if (lrStepEvery < 0)
        return Error{"learning-rate step must not be negative (got " + std::to_string(lrStepEvery) + ")",
                     ErrorKind::LearningRateStepNegative};
    if (!(lrStepGamma > 0.0))
        return Error{"learning-rate factor must be positive (got " + std::to_string(lrStepGamma) + ")",
                     ErrorKind::LearningRateFactorNotPositive};
    if (!(labelSmoothing >= 0.0 && labelSmoothing < 1.0) ||
        (labelSmoothing > 0.0 && loss != LossKind::CrossEntropy))
        return Error{"label smoothing must be in [0, 1) and needs the cross-entropy loss (got " +
                         std::to_string(labelSmoothing) + " with " + std::string(toName(loss)) + ")",
                     ErrorKind::LabelSmoothingInvalid};
    if (shards < 0 || shards > kMaxShards)
        return Error{"shards must be 0 (automatic) or 1 to " + std::to_string(kMaxShards) + " (got " +
                         std::to_string(shards) + ")",
                     ErrorKind::ShardsOutOfRange};
    if (threads < 0)
        return Error{"threads must not be negative (got " + std::to_string(threads) + ")",
                     ErrorKind::ThreadsNegative};
    if (augment.enabled)
        if (Status valid = augment.validate(); !valid)
            return valid;
    return Success{};
}

} // namespace digitpad
