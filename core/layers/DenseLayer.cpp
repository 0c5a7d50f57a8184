// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/DenseLayer.h"

#include "kernels/MatrixProduct.h"
#include "layers/WeightInit.h"

#include <cmath>
#include <stdexcept>

namespace digitpad {

DenseLayer::DenseLayer(Shape input, int units)
    : input_(input), units_(units), weights_(Matrix::Zero(units, input.size())),
      weightGrad_(Matrix::Zero(units, input.size())), bias_(Matrix::Zero(units, 1)),
      biasGrad_(Matrix::Zero(units, 1)) {
    if (units < 1)
        throw std::invalid_argument("dense layer needs at least 1 unit (got " + std::to_string(units) + ")");
    activeColumns_.reserve(static_cast<std::size_t>(input.size()));
    for (int j = 0; j < input.size(); ++j)
        activeColumns_.push_back(j);
}

void DenseLayer::predict(const Matrix& in, Matrix& out) const {
    if (in.rows() != weights_.cols())
        throw std::invalid_argument("dense layer expects " + std::to_string(weights_.cols()) +
                                    " inputs, got " + std::to_string(in.rows()));
    out.resize(units_, in.cols());
    activeKernels().denseForward({weights_.data(), weights_.rows(), weights_.cols(), weights_.outerStride()},
                                 {in.data(), in.rows(), in.cols(), in.outerStride()}, bias_.data(),
                                 {out.data(), out.rows(), out.cols(), out.outerStride()});
}

void DenseLayer::backward(const Matrix& in, const Matrix&, const Matrix& dOut, Matrix* dIn) {
    if (in.cols() == 1) {
        // dW = dOut · xᵀ has a non-zero column only where x_j ≠ 0: clear the columns the last sample set,
        // then write the new ones, instead of rewriting the whole units × inputs matrix for every sample.
        if (gradientIsSparse_) {
            for (int j : activeColumns_)
                weightGrad_.col(j).setZero();
        } else {
            weightGrad_.setZero();
        }
        activeColumns_.clear();
        for (Eigen::Index j = 0; j < in.rows(); ++j)
            if (const Scalar x = in(j, 0); x != Scalar(0)) {
                activeColumns_.push_back(static_cast<int>(j));
                weightGrad_.col(j).noalias() = dOut.col(0) * x;
            }
        gradientIsSparse_ = true;
        biasGrad_ = dOut;
    } else {
        multiply(dOut, Transpose::No, in, Transpose::Yes, weightGrad_);
        biasGrad_.col(0).noalias() = dOut.rowwise().sum();
        if (gradientIsSparse_) {
            activeColumns_.resize(static_cast<std::size_t>(in.rows())); // within the reserved capacity
            for (std::size_t j = 0; j < activeColumns_.size(); ++j)
                activeColumns_[j] = static_cast<int>(j);
        }
        gradientIsSparse_ = false;
    }
    if (dIn) {
        dIn->resize(in.rows(), in.cols());
        multiply(weights_, Transpose::Yes, dOut, Transpose::No, *dIn);
    }
}

std::vector<ParamRef> DenseLayer::params() {
    // activeColumns_ always lists every column that may be non-zero (all of them after a multi-sample batch).
    return {{"weight", &weights_, &weightGrad_, true, &activeColumns_}, {"bias", &bias_, &biasGrad_, false}};
}

void DenseLayer::initialise(Init init, Rng& rng) {
    const double fanIn = static_cast<double>(weights_.cols());
    const double fanOut = static_cast<double>(weights_.rows());
    drawWeights(weights_, init, fanIn, fanOut, rng);
    bias_.setZero();
    weightGrad_.setZero();
    activeColumns_.resize(static_cast<std::size_t>(weights_.cols()));
    for (std::size_t j = 0; j < activeColumns_.size(); ++j)
        activeColumns_[j] = static_cast<int>(j);
    gradientIsSparse_ = false;
}

} // namespace digitpad
