// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/DropoutLayer.h"

#include <cmath>
#include <stdexcept>

namespace digitpad {

DropoutLayer::DropoutLayer(Shape input, int percent) : input_(input), percent_(percent) {
    if (percent < 1 || percent > 99)
        throw std::invalid_argument("dropout percentage must be between 1 and 99 (got " +
                                    std::to_string(percent) + ")");
    // p · 2^64 < 2^64 for p < 1, so it fits; comparing raw draws avoids a floating-point distribution.
    dropBelow_ = static_cast<std::uint64_t>(std::ldexp(percent / 100.0, 64));
}

void DropoutLayer::predict(const Matrix& in, Matrix& out) const {
    out = in;
}

void DropoutLayer::forward(const Matrix& in, Matrix& out, Rng& rng) {
    static_assert(Rng::min() == 0 && Rng::max() == ~std::uint64_t(0), "dropout expects full 64-bit draws");
    const Scalar keepScale = Scalar(100.0 / (100 - percent_));
    rows_ = in.rows();
    cols_ = in.cols();
    if (mask_.size() < static_cast<std::size_t>(in.size()))
        mask_.resize(static_cast<std::size_t>(in.size()));
    for (Eigen::Index i = 0; i < in.size(); ++i)
        mask_[static_cast<std::size_t>(i)] = rng() < dropBelow_ ? Scalar(0) : keepScale;
    out.resize(in.rows(), in.cols());
    out.array() = in.array() * Eigen::Map<const Matrix>(mask_.data(), rows_, cols_).array();
}

void DropoutLayer::inputGradient(const Matrix&, const Matrix&, const Matrix& dOut, Matrix& dIn) const {
    // At inference dropout passes its input through unchanged.
    dIn = dOut;
}

void DropoutLayer::backward(const Matrix&, const Matrix&, const Matrix& dOut, Matrix* dIn) {
    if (!dIn)
        return;
    if (rows_ != dOut.rows() || cols_ != dOut.cols())
        throw std::logic_error("dropout backward() without a matching forward()");
    dIn->resize(dOut.rows(), dOut.cols());
    dIn->array() = dOut.array() * Eigen::Map<const Matrix>(mask_.data(), rows_, cols_).array();
}

} // namespace digitpad
