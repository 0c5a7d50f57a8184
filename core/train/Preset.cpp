// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Preset.h"

namespace digitpad {

namespace {

TrainConfig makeConfig(const std::string& name, std::vector<int> hidden, Activation activation,
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

/// A preset with an explicit layer string (convolutional networks), softmax cross-entropy, He init and Adam.
/// `halveEvery` > 0 halves the learning rate every that many epochs.
TrainConfig makeLayered(const std::string& name, const std::string& architecture, double rate, int batch,
                        int epochs, int stepEvery = 0, double stepGamma = 0.5) {
    TrainConfig config = makeConfig(name, {}, Activation::Relu, false, LossKind::CrossEntropy, Init::He,
                                    OptimizerKind::Adam, rate, batch, epochs);
    config.architecture = architecture;
    config.lrStepEvery = stepEvery;
    config.lrStepGamma = stepGamma;
    return config;
}

/// `config` with the one-cycle schedule peaking at its learning rate, and label smoothing `smoothing`.
TrainConfig oneCycle(TrainConfig config, double smoothing) {
    config.schedule = ScheduleKind::OneCycle;
    config.labelSmoothing = smoothing;
    return config;
}

/// `config` with training-time augmentation at `strength` (AugmentSettings::scaled).
TrainConfig augmented(TrainConfig config, double strength) {
    config.augment = AugmentSettings{}.scaled(strength);
    config.augment.enabled = true;
    return config;
}

std::vector<Preset> makePresets() {
    return {
        {"mlp", "784-128-64-10 ReLU, softmax, He init; cross-entropy, Adam 1e-3, batch 64",
         makeConfig("mlp", {128, 64}, Activation::Relu, false, LossKind::CrossEntropy, Init::He,
                    OptimizerKind::Adam, 1e-3, 64, 5)},
        {"sigmoid-100", "784-100-10 sigmoid everywhere, small-normal init; MSE, SGD 0.1, sample by sample",
         makeConfig("sigmoid-100", {100}, Activation::Sigmoid, true, LossKind::MeanSquaredError,
                    Init::SmallNormal, OptimizerKind::Sgd, 0.1, 1, 5)},
        {"sigmoid-64-16", "784-64-16-10 sigmoid, softmax, Xavier init; cross-entropy, SGD 0.2, batch 128",
         makeConfig("sigmoid-64-16", {64, 16}, Activation::Sigmoid, false, LossKind::CrossEntropy,
                    Init::Xavier, OptimizerKind::Sgd, 0.2, 128, 10)},
        {"relu-25-25", "784-25-25-10 ReLU, softmax, He init; cross-entropy, Adam 1e-3, batch 64",
         makeConfig("relu-25-25", {25, 25}, Activation::Relu, false, LossKind::CrossEntropy, Init::He,
                    OptimizerKind::Adam, 1e-3, 64, 5)},
        // 28 → conv5 → 24 → pool → 12 → conv5 → 8 → pool → 4: 16·4·4 = 256 features into dense128.
        {"lenet",
         "LeNet-style CNN: conv 5x5 1→8, pool 2, conv 5x5 8→16, pool 2, dense 256→128→10; "
         "cross-entropy, Adam 1e-3 (1e-4 from epoch 5), batch 64",
         // The tenfold step before the last of the 5 epochs lifted MNIST test accuracy from 98.43–99.05 % to
         // 98.98–99.10 % over 3 seeds × 2 validation splits (models/README.md has the runs).
         makeLayered("lenet", "conv5x5x8,relu,pool2,conv5x5x16,relu,pool2,dense128,relu,dense10", 1e-3, 64, 5,
                     4, 0.1)},
        // LeNet widened to 24 and 48 channels (Caffe's MNIST LeNet uses 20 and 50) with a 256-unit classifier
        // and dropout, so augmentation has capacity to work with: about 4.8 MFLOP per image forward, ~14
        // MFLOP per image trained, ~0.85 TFLOP per 60 000-image epoch (7.5× lenet).
        {"cnn",
         "wider LeNet: conv 5x5 24, pool 2, conv 5x5 48, pool 2, dense 256, dropout 40 %; "
         "cross-entropy, Adam 1e-3 halved every 5 epochs, batch 64, 15 epochs",
         makeLayered("cnn", "conv5x5x24,relu,pool2,conv5x5x48,relu,pool2,dense256,relu,dropout40,dense10",
                     1e-3, 64, 15, 5)},
        // For the shortest time to 99 % MNIST test accuracy (issue 14; bench --only fast measures it over
        // five seeds): lenet's network, the cheapest per image of the convolutional presets, for two epochs
        // with a one-cycle schedule peaking at eight times lenet's rate and label smoothing 0.1. Of the
        // recipes tried (bench/README.md), per-epoch steps needed three epochs to clear 99 %; the per-batch
        // fall to zero gets there in two for most seeds, and label smoothing for every seed tried, with a
        // margin.
        {"fast",
         "LeNet-style CNN tuned for time to 99 %: conv 5x5 8, pool 2, conv 5x5 16, pool 2, dense 128; "
         "cross-entropy with label smoothing 0.1, Adam one-cycle to 8e-3, batch 64, 2 epochs",
         oneCycle(makeLayered("fast", "conv5x5x8,relu,pool2,conv5x5x16,relu,pool2,dense128,relu,dense10",
                              8e-3, 64, 2),
                  0.1)},
        // For the shortest time to 99.5 % MNIST test accuracy (issue 14; bench --only fast-99.5): the cnn
        // preset's network with the same one-cycle schedule and label smoothing as `fast`, and augmentation
        // at half strength. Without augmentation it fits the training set (99.8 % after 6 epochs) and stops
        // near 99.4 % on test; with it, 99.5 % in 5 or 6 epochs (bench/README.md has the recipes tried).
        {"fast-99.5",
         "wider LeNet tuned for time to 99.5 %: conv 5x5 24, pool 2, conv 5x5 48, pool 2, dense 256, dropout "
         "40 %; augmentation at strength 0.5; cross-entropy with label smoothing 0.1, Adam one-cycle to "
         "3e-3, "
         "batch 64, 6 epochs",
         augmented(oneCycle(makeLayered("fast-99.5",
                                        "conv5x5x24,relu,pool2,conv5x5x48,relu,pool2,dense256,relu,dropout40,"
                                        "dense10",
                                        3e-3, 64, 6),
                            0.1),
                   0.5)},
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
