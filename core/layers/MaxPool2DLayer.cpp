// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/MaxPool2DLayer.h"

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
    if (window_ != 2) {
        for (Eigen::Index n = 0; n < in.cols(); ++n)
            poolSample(in.col(n).data(), out.col(n).data());
        return;
    }
    // The common 2×2 case: the max of two row pairs, which GCC vectorises.
    const int width = input_.width, outW = output_.width;
    for (Eigen::Index n = 0; n < in.cols(); ++n) {
        Scalar* o = out.col(n).data();
        for (int c = 0; c < input_.channels; ++c)
            for (int oy = 0; oy < output_.height; ++oy, o += outW) {
                const Scalar* top = in.col(n).data() + (Eigen::Index(c) * input_.height + 2 * oy) * width;
                const Scalar* bottom = top + width;
                for (int ox = 0; ox < outW; ++ox)
                    o[ox] = std::max(std::max(top[2 * ox], top[2 * ox + 1]),
                                     std::max(bottom[2 * ox], bottom[2 * ox + 1]));
            }
    }
}

void MaxPool2DLayer::backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) {
    if (!dIn)
        return;
    if (out.rows() != output_.size() || dOut.rows() != output_.size() || in.cols() != dOut.cols() ||
        out.cols() != dOut.cols())
        throw std::logic_error("pooling backward() without a matching forward()");
    dIn->resize(in.rows(), dOut.cols());
    const bool windowsCoverInput =
        output_.height * window_ == input_.height && output_.width * window_ == input_.width;
    if (window_ != 2 || !windowsCoverInput) {
        dIn->setZero();
        for (Eigen::Index n = 0; n < dOut.cols(); ++n)
            routeSample(in.col(n).data(), out.col(n).data(), dOut.col(n).data(), dIn->col(n).data());
        return;
    }
    // 2×2 windows tiling the input: every input value is written once, so dIn needs no clearing first.
    const int width = input_.width, outW = output_.width;
    for (Eigen::Index n = 0; n < dOut.cols(); ++n) {
        const Scalar* m = out.col(n).data();
        const Scalar* g = dOut.col(n).data();
        for (int c = 0; c < input_.channels; ++c)
            for (int oy = 0; oy < output_.height; ++oy, m += outW, g += outW) {
                const Eigen::Index offset = (Eigen::Index(c) * input_.height + 2 * oy) * width;
                const Scalar* top = in.col(n).data() + offset;
                const Scalar* bottom = top + width;
                Scalar* dTop = dIn->col(n).data() + offset;
                Scalar* dBottom = dTop + width;
                for (int ox = 0; ox < outW; ++ox) {
                    // Bitwise, not short-circuit, logic: no branches, so GCC can vectorise the row.
                    const bool first = top[2 * ox] == m[ox];
                    const bool second = !first & (top[2 * ox + 1] == m[ox]);
                    const bool third = !(first | second) & (bottom[2 * ox] == m[ox]);
                    const bool fourth = !(first | second | third) & (bottom[2 * ox + 1] == m[ox]);
                    dTop[2 * ox] = first ? g[ox] : Scalar(0);
                    dTop[2 * ox + 1] = second ? g[ox] : Scalar(0);
                    dBottom[2 * ox] = third ? g[ox] : Scalar(0);
                    dBottom[2 * ox + 1] = fourth ? g[ox] : Scalar(0);
                }
            }
    }
}

} // namespace digitpad
