// SPDX-License-Identifier: GPL-3.0-or-later
#include "MaxPool2DLayer.h"

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

void MaxPool2DLayer::poolSample(const Scalar* in, Scalar* out, int* argmax) const {
    const int height = input_.height, width = input_.width;
    int o = 0;
    for (int c = 0; c < input_.channels; ++c)
        for (int oy = 0; oy < output_.height; ++oy)
            for (int ox = 0; ox < output_.width; ++ox, ++o) {
                int best = (c * height + oy * window_) * width + ox * window_;
                Scalar bestValue = in[best];
                for (int ky = 0; ky < window_; ++ky) {
                    const int row = (c * height + oy * window_ + ky) * width + ox * window_;
                    for (int kx = 0; kx < window_; ++kx)
                        if (in[row + kx] > bestValue) { // strict: the first maximum wins a tie
                            bestValue = in[row + kx];
                            best = row + kx;
                        }
                }
                out[o] = bestValue;
                if (argmax)
                    argmax[o] = best;
            }
}

void MaxPool2DLayer::predict(const Matrix& in, Matrix& out) const {
    if (in.rows() != input_.size())
        throw std::invalid_argument("pooling " + spec() + " expects " + std::to_string(input_.size()) +
                                    " inputs, got " + std::to_string(in.rows()));
    out.resize(output_.size(), in.cols());
    if (window_ != 2) {
        for (Eigen::Index n = 0; n < in.cols(); ++n)
            poolSample(in.col(n).data(), out.col(n).data(), nullptr);
        return;
    }
    // The common 2×2 case without index bookkeeping: the max of two row pairs, which GCC vectorises.
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

void MaxPool2DLayer::forward(const Matrix& in, Matrix& out, Rng&) {
    if (in.rows() != input_.size())
        throw std::invalid_argument("pooling " + spec() + " expects " + std::to_string(input_.size()) +
                                    " inputs, got " + std::to_string(in.rows()));
    out.resize(output_.size(), in.cols());
    argmax_.resize(static_cast<std::size_t>(output_.size() * in.cols()));
    for (Eigen::Index n = 0; n < in.cols(); ++n)
        poolSample(in.col(n).data(), out.col(n).data(), argmax_.data() + n * output_.size());
}

void MaxPool2DLayer::backward(const Matrix& in, const Matrix&, const Matrix& dOut, Matrix* dIn) {
    if (!dIn)
        return;
    if (argmax_.size() != static_cast<std::size_t>(dOut.size()))
        throw std::logic_error("pooling backward() without a matching forward()");
    dIn->resize(in.rows(), dOut.cols());
    dIn->setZero();
    for (Eigen::Index n = 0; n < dOut.cols(); ++n) {
        const int* argmax = argmax_.data() + n * output_.size();
        for (int o = 0; o < output_.size(); ++o)
            (*dIn)(argmax[o], n) += dOut(o, n);
    }
}

} // namespace digitpad
