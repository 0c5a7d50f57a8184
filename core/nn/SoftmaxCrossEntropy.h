// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nn/Loss.h"

namespace digitpad {

/// Softmax followed by cross-entropy, fused: for logits z (classes × batch) and labels y,
/// L = −(1/B) Σ_b log softmax(z_b)[y_b] and dL/dz = (softmax(z) − onehot(y)) / B.
/// The fused gradient avoids the softmax Jacobian and stays finite for any logits.
class SoftmaxCrossEntropy final : public Loss {
public:
    /// `smoothing` ε in [0, 1): the target is t = (1 − ε)·onehot(label) + ε / classes, and for logits z
    /// (classes × batch) the loss is the batch mean of −Σ_k t_k log softmax(z)_k, whose gradient is
    /// (softmax(z) − t) / batch.
    explicit SoftmaxCrossEntropy(Scalar smoothing = 0) : smoothing_(smoothing) {}
    LossKind kind() const override { return LossKind::CrossEntropy; }
    Scalar compute(const Matrix& output, std::span<const std::uint8_t> labels,
                   Matrix& dOutput) const override;
    Scalar value(const Matrix& output, std::span<const std::uint8_t> labels) const override;

private:
    Scalar smoothing_;
};

} // namespace digitpad
