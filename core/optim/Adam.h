// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kernels/Kernels.h"
#include "optim/Optimizer.h"

namespace digitpad {

/// Adam (Kingma & Ba 2015) with L2 weight decay added to the gradient, as PyTorch's Adam does:
/// g' = g + λw;  m ← β₁m + (1−β₁)g';  v ← β₂v + (1−β₂)g'²;
/// w ← w − (η / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε).
class Adam final : public Optimizer {
public:
    explicit Adam(const OptimizerSettings& settings) : settings_(settings) {}
    void beginStep(const std::vector<ParamRef>& params) override;
    void update(const std::vector<ParamRef>& params, const ParamSpan& span) override;
    void setLearningRate(double rate) override { settings_.learningRate = rate; }
    double learningRate() const override { return settings_.learningRate; }
    OptimizerState state() const override { return {steps_, firstMoment_, secondMoment_}; }
    void restore(const OptimizerState& state) override;

private:
    OptimizerSettings settings_;
    long long steps_ = 0;
    AdamCoefficients coefficients_;    ///< of the current step, weight decay aside (it differs per tensor)
    std::vector<Matrix> firstMoment_;  ///< m, one per parameter index
    std::vector<Matrix> secondMoment_; ///< v, one per parameter index
};

} // namespace digitpad
