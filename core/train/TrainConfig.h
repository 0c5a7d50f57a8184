// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/AugmentSettings.h"
#include "data/DigitFormat.h"
#include "data/FramingSteps.h"
#include "kernels/Activation.h"
#include "layers/Layer.h"
#include "nn/Loss.h"
#include "nn/Network.h"
#include "optim/Optimizer.h"
#include "tensor/NameTable.h"
#include "tensor/Result.h"

#include <string>
#include <vector>

namespace digitpad {

/// How the learning rate moves during a run (train/LearningRateSchedule.h).
enum class ScheduleKind {
    Step, ///< per epoch: multiplied by lrStepGamma every lrStepEvery epochs (constant when lrStepEvery = 0)
    OneCycle, ///< per batch: up from a tenth of the rate to the rate, then down to zero at the last batch
};

inline constexpr NameTable<ScheduleKind, 2> kScheduleKindNames{{
    {ScheduleKind::Step, "step"},
    {ScheduleKind::OneCycle, "one-cycle"},
}};
constexpr const auto& names(ScheduleKind) {
    return kScheduleKindNames;
}

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
        0.1; ///< share of the training set held out for validation (taken from the end)
    ScheduleKind schedule = ScheduleKind::Step;
    /// Cross-entropy only: the training target is (1 − ε) on the label and ε / classes on every class
    /// (SoftmaxCrossEntropy), so the network is not pushed toward ever larger logits; 0 = plain labels.
    double labelSmoothing = 0.0;
    int lrStepEvery = 0; ///< Step: multiply the learning rate by lrStepGamma every N epochs; 0 = constant
    double lrStepGamma = 0.5;
    AugmentSettings augment; ///< training-time augmentation of the training split (off unless enabled)
    /// Corrections applied to every image after framing (and after augmentation), recorded in the model so
    /// that inference applies them too. Only for single-channel square images.
    FramingSteps framingSteps;
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
    std::string resolvedArchitecture(int classes = kDigitClasses) const;
    /// The head that goes with the loss: Softmax for cross-entropy, Identity for MSE.
    OutputHead head() const;
    /// A network with this architecture for `input`, initialised with `init` from `seed`. Call validate()
    /// first: an architecture that does not fit `input` and `classes` throws std::invalid_argument.
    Network makeNetwork(Shape input, int classes = kDigitClasses) const;
    /// The one check of a configuration, before anything is loaded or built: the training settings
    /// (validateTraining()), the hidden layer widths, and the architecture planned on `input` without
    /// allocating it (tokens, sizes, parameter limit, `classes` outputs). The error is one line such as
    /// "batch size must be at least 1 (got 0)".
    Status validate(Shape input = kDigitShape, int classes = kDigitClasses) const;
    /// The settings train() relies on for a network that already exists: batch size, epochs, optimiser,
    /// validation fraction, schedule, shards, threads and augmentation. Part of validate().
    Status validateTraining() const;
};

} // namespace digitpad
