// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Matrix.h"
#include "tensor/NameTable.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace digitpad {

enum class LossKind { CrossEntropy, MeanSquaredError };

inline constexpr NameTable<LossKind, 3> kLossKindNames{{
    {LossKind::CrossEntropy, "cross-entropy"},
    {LossKind::CrossEntropy, "ce", true},
    {LossKind::MeanSquaredError, "mse"},
}};
constexpr const auto& names(LossKind) {
    return kLossKindNames;
}

/// A loss over a batch of raw network outputs (classes × batch) and integer labels (one per column).
class Loss {
public:
    virtual ~Loss() = default;
    virtual LossKind kind() const = 0;
    /// Mean loss over the batch; writes dOutput = dLoss/dOutput (same shape as output, already divided by the
    /// batch size). dOutput is resized only if its shape differs.
    virtual Scalar compute(const Matrix& output, std::span<const std::uint8_t> labels,
                           Matrix& dOutput) const = 0;
    /// Mean loss only (evaluation).
    virtual Scalar value(const Matrix& output, std::span<const std::uint8_t> labels) const = 0;
};

/// The loss of `kind`; `labelSmoothing` ε (cross-entropy only, 0 ≤ ε < 1) trains toward (1 − ε) on the label
/// and ε / classes on every class.
std::unique_ptr<Loss> makeLoss(LossKind kind, double labelSmoothing = 0.0);

} // namespace digitpad
