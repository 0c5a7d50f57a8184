// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Layer.h"

#include <vector>

namespace digitpad {

/// Max pooling over non-overlapping N×N windows (stride N), per channel: C×H×W → C×⌊H/N⌋×⌊W/N⌋ (trailing
/// rows and columns that do not fill a window are dropped, as in PyTorch's default). Within a window the
/// first maximum in row-major order wins a tie, so its gradient goes to the top-left-most of equal values.
class MaxPool2DLayer final : public Layer {
public:
    /// Throws std::invalid_argument when the window is below 1 or larger than the input.
    MaxPool2DLayer(Shape input, int window);

    std::string spec() const override { return "pool" + std::to_string(window_); }
    Shape inputShape() const override { return input_; }
    Shape outputShape() const override { return output_; }

    /// in: (C·H·W) × batch → out: (C·Ho·Wo) × batch. Keeps nothing.
    void predict(const Matrix& in, Matrix& out) const override;
    /// Like predict(), and records for every output the input row its maximum came from.
    void forward(const Matrix& in, Matrix& out, Rng& rng) override;
    /// dIn = 0 except dIn[argmax(i, n), n] = dOut[i, n] (windows do not overlap).
    void backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) override;
    std::unique_ptr<Layer> clone() const override { return std::make_unique<MaxPool2DLayer>(*this); }

private:
    /// Pools one sample; writes the argmax input rows into `argmax` when it is not null.
    void poolSample(const Scalar* in, Scalar* out, int* argmax) const;

    Shape input_;
    Shape output_;
    int window_;
    std::vector<int> argmax_; ///< (C·Ho·Wo) × batch, column-major: the input row of each output's maximum
};

} // namespace digitpad
