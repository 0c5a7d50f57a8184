// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layers/Layer.h"

namespace digitpad {

/// Reinterprets C×H×W as 1×1×(C·H·W). The column layout is unchanged, so this is a copy; it exists so an
/// architecture string can say where the convolutional part ends.
class FlattenLayer final : public Layer {
public:
    explicit FlattenLayer(Shape input) : input_(input) {}

    std::string spec() const override { return "flatten"; }
    Shape inputShape() const override { return input_; }
    Shape outputShape() const override { return {1, 1, input_.size()}; }

    /// out = in ((C·H·W) × batch).
    void predict(const Matrix& in, Matrix& out) const override;
    /// dIn = dOut.
    void backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) override;
    void inputGradient(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix& dIn) const override;
    std::unique_ptr<Layer> clone() const override { return std::make_unique<FlattenLayer>(*this); }

private:
    Shape input_;
};

} // namespace digitpad
