// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layers/Layer.h"

namespace digitpad {

/// Max pooling over non-overlapping N×N windows (stride N), per channel: C×H×W → C×⌊H/N⌋×⌊W/N⌋ (trailing
/// rows and columns that do not fill a window are dropped, as in PyTorch's default). Within a window the
/// first maximum in row-major order wins a tie, so its gradient goes to the top-left-most of equal values.
class MaxPool2DLayer final : public Layer {
public:
    /// Throws std::invalid_argument when the window is below 1 or larger than the input.
    MaxPool2DLayer(Shape input, int window);

    std::string spec() const override { return "pool" + std::to_string(window_); }
    /// N: the window's side, and its stride.
    int window() const { return window_; }
    Shape inputShape() const override { return input_; }
    Shape outputShape() const override { return output_; }

    /// in: (C·H·W) × batch → out: (C·Ho·Wo) × batch. Keeps nothing; training uses it as its forward pass too.
    void predict(const Matrix& in, Matrix& out) const override;
    /// dIn = 0 except at each window's first input equal to the window's output, which gets dOut (windows do
    /// not overlap). Finding that input again from in and out is cheaper than recording an argmax index for
    /// every output during forward().
    void backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) override;
    void inputGradient(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix& dIn) const override;
    std::unique_ptr<Layer> clone() const override { return std::make_unique<MaxPool2DLayer>(*this); }

private:
    /// Pools one sample, any window size.
    void poolSample(const Scalar* in, Scalar* out) const;
    /// backward() for one sample, any window size; dIn must be zero.
    void routeSample(const Scalar* in, const Scalar* out, const Scalar* dOut, Scalar* dIn) const;
    /// 2×2 windows that tile the input exactly: the batch-wide kernels (kernels/Kernels.h) apply.
    bool tiledByPairs() const;

    Shape input_;
    Shape output_;
    int window_;
};

} // namespace digitpad
