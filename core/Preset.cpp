// SPDX-License-Identifier: GPL-3.0-or-later
#include "Preset.h"

namespace digitpad {

namespace {

TrainConfig makeConfig(const std::string& name, std::vector<int> hidden, const std::string& activation,
                       bool sigmoidOutput, LossKind loss, Init init, OptimizerKind optimizer, double rate,
                       int batch, int epochs) {
    TrainConfig config;
    config.preset = name;
    config.hiddenLayers = std::move(hidden);
    config.activation = activation;
    config.sigmoidOutput = sigmoidOutput;
    config.loss = loss;
    config.init = init;
    config.optimizer.kind = optimizer;
    config.optimizer.learningRate = rate;
    config.batchSize = batch;
    config.epochs = epochs;
    return config;
}

std::vector<Preset> makePresets() {
    return {
        {"mlp", "784-128-64-10 ReLU, softmax, He init; cross-entropy, Adam 1e-3, batch 64",
         makeConfig("mlp", {128, 64}, "relu", false, LossKind::CrossEntropy, Init::He, OptimizerKind::Adam,
                    1e-3, 64, 5)},
        {"sigmoid-100", "784-100-10 sigmoid everywhere, small-normal init; MSE, SGD 0.1, sample by sample",
         makeConfig("sigmoid-100", {100}, "sigmoid", true, LossKind::MeanSquaredError, Init::SmallNormal,
                    OptimizerKind::Sgd, 0.1, 1, 5)},
        {"sigmoid-64-16", "784-64-16-10 sigmoid, softmax, Xavier init; cross-entropy, SGD 0.2, batch 128",
         makeConfig("sigmoid-64-16", {64, 16}, "sigmoid", false, LossKind::CrossEntropy, Init::Xavier,
                    OptimizerKind::Sgd, 0.2, 128, 10)},
        {"relu-25-25", "784-25-25-10 ReLU, softmax, He init; cross-entropy, Adam 1e-3, batch 64",
         makeConfig("relu-25-25", {25, 25}, "relu", false, LossKind::CrossEntropy, Init::He,
                    OptimizerKind::Adam, 1e-3, 64, 5)},
    };
}

} // namespace

const std::vector<Preset>& presets() {
    static const std::vector<Preset> all = makePresets();
    return all;
}

std::optional<TrainConfig> presetConfig(const std::string& name) {
    for (const Preset& preset : presets())
        if (preset.name == name)
            return preset.config;
    return std::nullopt;
}

} // namespace digitpad
