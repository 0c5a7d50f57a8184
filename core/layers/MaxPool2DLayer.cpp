// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/MaxPool2DLayer.h"

#include "kernels/Kernels.h"

#include <algorithm>
#include <stdexcept>

namespace digitpad {

MaxPool2DLayer::MaxPool2DLayer(Shape input, int window) : input_(input), window_(window) {
    if (window < 1)
        throw std::invalid_argument("pooling window must be at least 1 (got " + std::to_string(window) + ")");
    if (input.height < window || input.width < window)
        throw std::invalid_argument("pooling window " + std::to_string(window) + "x" +
                                    std::to_string(window) + " does not fit input " + input.toString());
    output_ = {input.channels, input.height / window, input.width / window};
}

void MaxPool2DLayer::poolSample(const Scalar* in, Scalar* out) const {
    const int height = input_.height, width = input_.width;
    int o = 0;
    for (int c = 0; c < input_.channels; ++c)
        for (int oy = 0; oy < output_.height; ++oy)
            for (int ox = 0; ox < output_.width; ++ox, ++o) {
                Scalar best = in[(c * height + oy * window_) * width + ox * window_];
                for (int ky = 0; ky < window_; ++ky) {
                    const Scalar* row = in + (c * height + oy * window_ + ky) * width + ox * window_;
                    for (int kx = 0; kx < window_; ++kx)
                        best = std::max(best, row[kx]);
                }
                out[o] = best;
            }
}

void MaxPool2DLayer::routeSample(const Scalar* in, const Scalar* out, const Scalar* dOut, Scalar* dIn) const {
    const int height = input_.height, width = input_.width;
    int o = 0;
    for (int c = 0; c < input_.channels; ++c)
        for (int oy = 0; oy < output_.height; ++oy)
            for (int ox = 0; ox < output_.width; ++ox, ++o) {
                bool routed = false;
                for (int ky = 0; ky < window_ && !routed; ++ky) {
                    const int row = (c * height + oy * window_ + ky) * width + ox * window_;
                    for (int kx = 0; kx < window_ && !routed; ++kx)
                        if (in[row + kx] == out[o]) { // the first maximum in row-major order wins a tie
                            dIn[row + kx] = dOut[o];
                            routed = true;
                        }
                }
            }
}

void MaxPool2DLayer::predict(const Matrix& in, Matrix& out) const {
    if (in.rows() != input_.size())
        throw std::invalid_argument("pooling " + spec() + " expects " + std::to_string(input_.size()) +
                                    " inputs, got " + std::to_string(in.rows()));
    out.resize(output_.size(), in.cols());
    if (!tiledByPairs()) {
        for (Eigen::Index n = 0; n < in.cols(); ++n)
            poolSample(in.col(n).data(), out.col(n).data());
        return;
    }
    // The common case, 2×2 windows tiling the input: the whole batch is one run of row pairs.
    activeKernels().maxPool2Forward(in.data(), out.data(), in.cols() * input_.channels * output_.height,
                                    output_.width);
}

void MaxPool2DLayer::backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) {
    if (dIn)
        inputGradient(in, out, dOut, *dIn);
}

void MaxPool2DLayer::inputGradient(const Matrix& in, const Matrix& out, const Matrix& dOut,
                                   Matrix& dIn) const {
    if (out.rows() != output_.size() || dOut.rows() != output_.size() || in.cols() != dOut.cols() ||
        out.cols() != dOut.cols())
        throw std::logic_error(
            "pooling gradient for in, out and dOut that are not one forward() or predict()");
    dIn.resize(in.rows(), dOut.cols());
    if (!tiledByPairs()) {
        dIn.setZero();
        for (Eigen::Index n = 0; n < dOut.cols(); ++n)
            routeSample(in.col(n).data(), out.col(n).data(), dOut.col(n).data(), dIn.col(n).data());
        return;
    }
    // 2×2 windows tiling the input: every input value is written once, so dIn needs no clearing first.
    activeKernels().maxPool2Backward(in.data(), out.data(), dOut.data(), dIn.data(),
                                     dOut.cols() * input_.channels * output_.height, output_.width);
}

bool MaxPool2DLayer::tiledByPairs() const {
    return window_ == 2 && output_.height * 2 == input_.height && output_.width * 2 == input_.width;
}

} // namespace digitpad
