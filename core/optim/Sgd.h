// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "optim/Optimizer.h"

namespace digitpad {

/// Stochastic gradient descent, optionally with momentum (PyTorch's formulation):
/// g' = g + λw;  v ← μv + g';  w ← w − η·v   (μ = 0: w ← w − η·g').
class Sgd final : public Optimizer {
public:
    Sgd(double learningRate, double momentum, double weightDecay)
        : learningRate_(learningRate), momentum_(momentum), weightDecay_(weightDecay) {}
    /// Plain SGD updates only the columns a sparse gradient names (a dense layer fed one MNIST image).
    void step(const std::vector<ParamRef>& params) override;
    void beginStep(const std::vector<ParamRef>& params) override;
    void update(const std::vector<ParamRef>& params, const ParamSpan& span) override;
    void setLearningRate(double rate) override { learningRate_ = rate; }
    double learningRate() const override { return learningRate_; }
    OptimizerState state() const override { return {0, velocity_, {}}; }
    void restore(const OptimizerState& state) override { velocity_ = state.first; }

private:
    double learningRate_;
    double momentum_;
    double weightDecay_;
    std::vector<Matrix> velocity_; ///< one per parameter index, same shape as the parameter
};

} // namespace digitpad
