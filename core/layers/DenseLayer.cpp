// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/DenseLayer.h"

#include "kernels/MatrixProduct.h"
#include "layers/WeightInit.h"
#include "tensor/DenormalGuard.h"

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

void DenseLayer::checkInputs(const Matrix& in) const {
    if (in.rows() != weights_.cols())
        throw std::invalid_argument("dense layer expects " + std::to_string(weights_.cols()) +
                                    " inputs, got " + std::to_string(in.rows()));
}

void DenseLayer::predict(const Matrix& in, Matrix& out) const {
    checkInputs(in);
    out.resize(units_, in.cols());
    activeKernels().denseForward({weights_.data(), weights_.rows(), weights_.cols(), weights_.outerStride()},
                                 {in.data(), in.rows(), in.cols(), in.outerStride()}, bias_.data(),
                                 {out.data(), out.rows(), out.cols(), out.outerStride()});
}

bool DenseLayer::splittable() const {
    // At least 32 inputs, so that both parts (cut on a multiple of 16, see partInputs) hold some.
    return weights_.size() >= kSplitMinimumWeights && weights_.cols() >= 32;
}

bool DenseLayer::splits(const Matrix& in) const {
    return pool_ && in.cols() > 1 && splittable();
}

std::pair<Eigen::Index, Eigen::Index> DenseLayer::partInputs(int part) const {
    static_assert(kSplitParts == 2, "the inputs are cut in two");
    // Part 1 starts on a multiple of 16 inputs, so with a multiple of 16 units its weights start on a
    // 64-byte boundary, as the whole matrix's do.
    const Eigen::Index split = weights_.cols() / 2 / 16 * 16;
    return part == 0 ? std::pair{Eigen::Index(0), split} : std::pair{split, weights_.cols() - split};
}

std::unique_ptr<Layer> DenseLayer::clone() const {
    auto copy = std::make_unique<DenseLayer>(*this);
    copy->pool_ = nullptr;
    return copy;
}

void DenseLayer::forward(const Matrix& in, Matrix& out, Rng&) {
    if (!splits(in)) {
        predict(in, out);
        return;
    }
    checkInputs(in);
    out.resize(units_, in.cols());
    if (partialOutput_.cols() < in.cols())
        partialOutput_.resize(units_, in.cols());
    auto partial = partialOutput_.leftCols(in.cols());
    auto work = [&](int part) {
        const DenormalGuard flushOnThisThread; // as on the training thread: the bits must not depend on it
        const auto [first, count] = partInputs(part);
        multiply(weights_.middleCols(first, count), Transpose::No, in.middleRows(first, count), Transpose::No,
                 part == 0 ? out.leftCols(in.cols()) : partial);
    };
    pool_->runPinned(kSplitParts, work);
    out += partial;
    out.colwise() += bias_.col(0);
}

void DenseLayer::backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) {
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
    } else if (splits(in)) {
        if (dIn)
            dIn->resize(in.rows(), in.cols());
        auto work = [&](int part) {
            const DenormalGuard flushOnThisThread;
            const auto [first, count] = partInputs(part);
            multiply(dOut, Transpose::No, in.middleRows(first, count), Transpose::Yes,
                     weightGrad_.middleCols(first, count));
            if (dIn)
                multiply(weights_.middleCols(first, count), Transpose::Yes, dOut, Transpose::No,
                         dIn->middleRows(first, count));
        };
        pool_->runPinned(kSplitParts, work);
        biasGrad_.col(0).noalias() = dOut.rowwise().sum();
        markEveryColumnActive();
        return;
    } else {
        multiply(dOut, Transpose::No, in, Transpose::Yes, weightGrad_);
        biasGrad_.col(0).noalias() = dOut.rowwise().sum();
        markEveryColumnActive();
    }
    if (dIn)
        inputGradient(in, out, dOut, *dIn);
}

void DenseLayer::inputGradient(const Matrix& in, const Matrix&, const Matrix& dOut, Matrix& dIn) const {
    dIn.resize(in.rows(), in.cols());
    multiply(weights_, Transpose::Yes, dOut, Transpose::No, dIn);
}

void DenseLayer::markEveryColumnActive() {
    if (gradientIsSparse_) {
        activeColumns_.resize(static_cast<std::size_t>(weights_.cols())); // within the reserved capacity
        for (std::size_t j = 0; j < activeColumns_.size(); ++j)
            activeColumns_[j] = static_cast<int>(j);
    }
    gradientIsSparse_ = false;
}

std::vector<ParamRef> DenseLayer::params() {
    // activeColumns_ always lists every column that may be non-zero (all of them after a multi-sample batch).
    return {
        {"weight", &weights_, &weightGrad_, true, &activeColumns_, splittable() ? partInputs(1).first : 0},
        {"bias", &bias_, &biasGrad_, false}};
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
