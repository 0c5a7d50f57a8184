// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/AugmentSettings.h"
#include "layers/Activation.h"
#include "layers/Layer.h"
#include "nn/Loss.h"
#include "nn/Network.h"
#include "optim/Optimizer.h"

#include <string>
#include <vector>

namespace digitpad {

/// Everything that defines a training run. Presets fill it; every field can be overridden.
struct TrainConfig {
    std::string preset;                       ///< the preset it started from ("" for none)
    std::vector<int> hiddenLayers;            ///< dense hidden layer widths, e.g. {128, 64}
    Activation activation = Activation::Relu; ///< between the hidden dense layers
    bool sigmoidOutput = false; ///< a sigmoid after the last dense layer (the MSE tutorial's net)
    std::string architecture;   ///< explicit layer string; overrides hiddenLayers/activation when set
    LossKind loss = LossKind::CrossEntropy;
    Init init = Init::He;
    OptimizerSettings optimizer;
    int batchSize = 64;
    int epochs = 5;
    unsigned long long seed = 1;
    double validationFraction =
        0.1;             ///< share of the training set held out for validation (taken from the end)
    int lrStepEvery = 0; ///< multiply the learning rate by lrStepGamma every N epochs; 0 = constant
    double lrStepGamma = 0.5;
    AugmentSettings augment; ///< training-time augmentation of the training split (off unless enabled)
    /// Threads that run a batch's shards: 0 = one per core (at most one per shard), N = at most N. Which
    /// shards a batch has does not depend on it, so neither do the weights.
    int threads = 0;
    /// Parts each batch is split into, trained side by side on replicas of the network: 0 = automatic (up to
    /// four shards of at least 16 samples when the batch has enough work per parameter to pay for copying
    /// weights and summing gradients, see Trainer.cpp), 1 = never split, 2–4 = that many (at most one per
    /// sample).
    int shards = 0;

    /// The architecture string this config trains: `architecture` if set, otherwise built from hiddenLayers,
    /// activation and sigmoidOutput with `classes` outputs.
    std::string resolvedArchitecture(int classes = 10) const;
    /// The head that goes with the loss: Softmax for cross-entropy, Identity for MSE.
    OutputHead head() const;
    /// A network with this architecture for `input`, initialised with `init` from `seed`.
    /// Throws std::invalid_argument for a bad architecture.
    Network makeNetwork(Shape input, int classes = 10) const;
    /// Empty when valid, else a one-line reason such as "batch size must be at least 1 (got 0)": the
    /// training settings (validateTraining()) and the network description (hidden layers, activation,
    /// architecture, which it builds a network to check). Call it before makeNetwork().
    std::string validate() const;
    /// The part of validate() that train() checks, for a network that already exists: batch size, epochs,
    /// optimiser, validation fraction, schedule, shards, threads and augmentation.
    std::string validateTraining() const;
};

} // namespace digitpad
