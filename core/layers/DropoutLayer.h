// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layers/Layer.h"

#include <cstdint>
#include <vector>

namespace digitpad {

/// Inverted dropout: in training each unit is zeroed with probability p and the survivors are scaled by
/// 1 / (1 − p), so the expected activation is unchanged and inference is the identity.
class DropoutLayer final : public Layer {
public:
    /// `percent` is p in percent, 0 < p < 100; throws std::invalid_argument otherwise.
    DropoutLayer(Shape input, int percent);

    std::string spec() const override { return "dropout" + std::to_string(percent_); }
    Shape inputShape() const override { return input_; }
    Shape outputShape() const override { return input_; }
    int percent() const { return percent_; }

    /// Identity: out = in (features × batch).
    void predict(const Matrix& in, Matrix& out) const override;
    /// out = in ⊙ mask, mask[i] = 0 with probability p, else 1 / (1 − p); one draw of rng per unit, so the
    /// mask is reproducible from the training seed.
    void forward(const Matrix& in, Matrix& out, Rng& rng) override;
    /// dIn = dOut ⊙ mask of the last forward().
    void backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) override;
    void inputGradient(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix& dIn) const override;
    std::unique_ptr<Layer> clone() const override { return std::make_unique<DropoutLayer>(*this); }

private:
    Shape input_;
    int percent_;
    std::uint64_t dropBelow_; ///< a unit is dropped when its 64-bit draw is below this (= p · 2^64)
    /// features × batch: 0 or 1 / (1 − p). Grow-only storage, so alternating batch sizes do not reallocate.
    std::vector<Scalar, Eigen::aligned_allocator<Scalar>> mask_;
    Eigen::Index rows_ = 0, cols_ = 0; ///< the mask's shape in the last forward()
};

} // namespace digitpad
