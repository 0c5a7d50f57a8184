// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layers/Parameter.h"
#include "tensor/NameTable.h"

#include <memory>
#include <string>
#include <vector>

namespace digitpad {

enum class OptimizerKind { Sgd, Adam };

inline constexpr NameTable<OptimizerKind, 2> kOptimizerKindNames{{
    {OptimizerKind::Sgd, "sgd"},
    {OptimizerKind::Adam, "adam"},
}};
constexpr const auto& names(OptimizerKind) {
    return kOptimizerKindNames;
}

struct OptimizerSettings {
    OptimizerKind kind = OptimizerKind::Adam;
    double learningRate = 1e-3;
    double momentum = 0.0;    ///< SGD only; 0 = plain SGD
    double weightDecay = 0.0; ///< L2 coefficient λ: adds λ·w to the gradient of tensors with decay = true
    double beta1 = 0.9;       ///< Adam
    double beta2 = 0.999;     ///< Adam
    double epsilon = 1e-8;    ///< Adam
};

/// What an optimiser carries from one step to the next, per parameter index, so a stopped run can continue
/// exactly (see TrainingState). Empty before the first step.
struct OptimizerState {
    long long steps = 0; ///< Adam's step count t (its bias corrections depend on it); 0 for SGD
    std::vector<Matrix>
        first; ///< SGD's velocity v (with momentum), Adam's first moment m; shaped as the params
    std::vector<Matrix> second; ///< Adam's second moment v; empty for SGD
};

/// Updates parameters from their gradients. State (momentum, Adam moments) is kept per parameter index in the
/// order Network::params() returns, never per address, so it survives copies of the network.
class Optimizer {
public:
    virtual ~Optimizer() = default;
    virtual void step(const std::vector<ParamRef>& params) = 0;
    virtual void setLearningRate(double rate) = 0;
    virtual double learningRate() const = 0;
    /// A copy of the state the next step() continues from.
    virtual OptimizerState state() const = 0;
    /// Continues from `state`, as state() returned it for the same parameters (the caller checks shapes).
    virtual void restore(const OptimizerState& state) = 0;
};

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSettings& settings);

} // namespace digitpad
