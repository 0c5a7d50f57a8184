// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nn/Loss.h"

namespace digitpad {

/// Softmax followed by cross-entropy, fused: for logits z (classes × batch) and labels y,
/// L = −(1/B) Σ_b log softmax(z_b)[y_b] and dL/dz = (softmax(z) − onehot(y)) / B.
/// The fused gradient avoids the softmax Jacobian and stays finite for any logits.
class SoftmaxCrossEntropy final : public Loss {
public:
    LossKind kind() const override { return LossKind::CrossEntropy; }
    Scalar compute(const Matrix& output, std::span<const std::uint8_t> labels,
                   Matrix& dOutput) const override;
    Scalar value(const Matrix& output, std::span<const std::uint8_t> labels) const override;
};

} // namespace digitpad
