// SPDX-License-Identifier: GPL-3.0-or-later
#include "DenseLayer.h"

#include <cmath>
#include <stdexcept>

namespace digitpad {

DenseLayer::DenseLayer(Shape input, int units)
    : input_(input), units_(units), weights_(Matrix::Zero(units, input.size())),
      weightGrad_(Matrix::Zero(units, input.size())), bias_(Matrix::Zero(units, 1)),
      biasGrad_(Matrix::Zero(units, 1)) {
    if (units < 1)
        throw std::invalid_argument("dense layer needs at least 1 unit (got " + std::to_string(units) + ")");
}

void DenseLayer::predict(const Matrix& in, Matrix& out) const {
    if (in.rows() != weights_.cols())
        throw std::invalid_argument("dense layer expects " + std::to_string(weights_.cols()) +
                                    " inputs, got " + std::to_string(in.rows()));
    out.resize(units_, in.cols());
    if (in.cols() == 1) {
        // One sample: a matrix-vector product avoids GEMM's packing overhead (single-image latency).
        out.col(0).noalias() = weights_ * in.col(0);
        out.col(0) += bias_.col(0);
    } else {
        out.noalias() = weights_ * in;
        out.colwise() += bias_.col(0);
    }
}

void DenseLayer::backward(const Matrix& in, const Matrix&, const Matrix& dOut, Matrix* dIn) {
    if (in.cols() == 1) {
        weightGrad_.noalias() = dOut.col(0) * in.col(0).transpose();
        biasGrad_ = dOut;
    } else {
        weightGrad_.noalias() = dOut * in.transpose();
        biasGrad_.col(0).noalias() = dOut.rowwise().sum();
    }
    if (dIn) {
        dIn->resize(in.rows(), in.cols());
        dIn->noalias() = weights_.transpose() * dOut;
    }
}

std::vector<ParamRef> DenseLayer::params() {
    return {{"weight", &weights_, &weightGrad_, true}, {"bias", &bias_, &biasGrad_, false}};
}

void DenseLayer::initialise(Init init, Rng& rng) {
    const double fanIn = static_cast<double>(weights_.cols());
    const double fanOut = static_cast<double>(weights_.rows());
    auto fill = [&](auto&& distribution) {
        for (Eigen::Index i = 0; i < weights_.size(); ++i)
            weights_.data()[i] = static_cast<Scalar>(distribution(rng));
    };
    switch (init) {
    case Init::Xavier: {
        const double limit = std::sqrt(6.0 / (fanIn + fanOut));
        fill(std::uniform_real_distribution<double>(-limit, limit));
        break;
    }
    case Init::He:
        fill(std::normal_distribution<double>(0.0, std::sqrt(2.0 / fanIn)));
        break;
    case Init::SmallNormal:
        fill(std::normal_distribution<double>(0.0, 1.0 / std::sqrt(fanIn)));
        break;
    }
    bias_.setZero();
}

} // namespace digitpad
