// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kernels/Activation.h"
#include "layers/Layer.h"

namespace digitpad {

/// Element-wise non-linearity; output shape = input shape, no parameters.
class ActivationLayer final : public Layer {
public:
    ActivationLayer(Shape input, Activation activation) : input_(input), activation_(activation) {}

    std::string spec() const override;
    Shape inputShape() const override { return input_; }
    Shape outputShape() const override { return input_; }
    Activation activation() const { return activation_; }

    void predict(const Matrix& in, Matrix& out) const override;
    /// sigmoid: dIn = dOut ⊙ out ⊙ (1 − out); tanh: dIn = dOut ⊙ (1 − out²); ReLU: dIn = dOut ⊙ [in > 0].
    void backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) override;
    void inputGradient(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix& dIn) const override;
    std::unique_ptr<Layer> clone() const override { return std::make_unique<ActivationLayer>(*this); }

private:
    Shape input_;
    Activation activation_;
};

} // namespace digitpad
