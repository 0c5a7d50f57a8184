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

/// Values [first, last) of the parameter params[param], in the column-major order of its storage.
struct ParamSpan {
    std::size_t param = 0;
    Eigen::Index first = 0;
    Eigen::Index last = 0;
};

/// Updates parameters from their gradients. State (momentum, Adam moments) is kept per parameter index in the
/// order Network::params() returns, never per address, so it survives copies of the network.
///
/// A step is beginStep() followed by update() of spans that cover every value once. Each value's update
/// reads and writes only that value, its gradient and its own state, so spans that do not overlap can be
/// updated side by side on several threads and in any order, with the same result as step().
class Optimizer {
public:
    virtual ~Optimizer() = default;
    /// One whole step on one thread.
    virtual void step(const std::vector<ParamRef>& params);
    /// Starts a step: allocates the state on first use and advances what depends on the step count.
    virtual void beginStep(const std::vector<ParamRef>& params) = 0;
    /// The current step's update of the values of `span`.
    virtual void update(const std::vector<ParamRef>& params, const ParamSpan& span) = 0;
    virtual void setLearningRate(double rate) = 0;
    virtual double learningRate() const = 0;
    /// A copy of the state the next step() continues from.
    virtual OptimizerState state() const = 0;
    /// Continues from `state`, as state() returned it for the same parameters (the caller checks shapes).
    virtual void restore(const OptimizerState& state) = 0;
};

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSettings& settings);

} // namespace digitpad
