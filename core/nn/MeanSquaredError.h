// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nn/Loss.h"

namespace digitpad {

/// Quadratic cost against one-hot targets, as in the classic sigmoid tutorial:
/// L = (1/B) Σ_b ½ ‖o_b − onehot(y_b)‖², so dL/do = (o − onehot(y)) / B.
class MeanSquaredError final : public Loss {
public:
    LossKind kind() const override { return LossKind::MeanSquaredError; }
    Scalar compute(const Matrix& output, std::span<const std::uint8_t> labels,
                   Matrix& dOutput) const override;
    Scalar value(const Matrix& output, std::span<const std::uint8_t> labels) const override;
};

} // namespace digitpad
