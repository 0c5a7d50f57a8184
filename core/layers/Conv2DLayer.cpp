// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/Conv2DLayer.h"

#include "layers/WeightInit.h"

#include <stdexcept>

namespace digitpad {

Conv2DLayer::Conv2DLayer(Shape input, ConvGeometry geometry)
    : shape_(input, geometry), weights_(Matrix::Zero(geometry.outChannels, shape_.taps())),
      weightGrad_(Matrix::Zero(geometry.outChannels, shape_.taps())),
      bias_(Matrix::Zero(geometry.outChannels, 1)), biasGrad_(Matrix::Zero(geometry.outChannels, 1)),
      algorithm_(makeConvolutionAlgorithm(shape_)) {}

Conv2DLayer::Conv2DLayer(const Conv2DLayer& other)
    : Layer(other), shape_(other.shape_), weights_(other.weights_), weightGrad_(other.weightGrad_),
      bias_(other.bias_), biasGrad_(other.biasGrad_), batch_(other.batch_),
      algorithm_(other.algorithm_->clone()) {}

std::string Conv2DLayer::spec() const {
    const auto& g = shape_.geometry;
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) about "s" + std::to_string(...).
    std::string text = "conv";
    text += std::to_string(g.kernel);
    text += 'x';
    text += std::to_string(g.kernel);
    text += 'x';
    text += std::to_string(g.outChannels);
    if (g.stride != 1) {
        text += 's';
        text += std::to_string(g.stride);
    }
    if (g.padding != 0) {
        text += 'p';
        text += std::to_string(g.padding);
    }
    return text;
}

void Conv2DLayer::checkInput(const Matrix& in) const {
    if (in.rows() != shape_.input.size())
        throw std::invalid_argument("convolution " + spec() + " expects " +
                                    std::to_string(shape_.input.size()) + " inputs, got " +
                                    std::to_string(in.rows()));
}

void Conv2DLayer::predict(const Matrix& in, Matrix& out) const {
    checkInput(in);
    out.resize(shape_.output.size(), in.cols());
    algorithm_->predict(in, weights_, bias_, out);
}

void Conv2DLayer::forward(const Matrix& in, Matrix& out, Rng&) {
    checkInput(in);
    batch_ = in.cols();
    out.resize(shape_.output.size(), batch_);
    algorithm_->forward(in, weights_, bias_, out);
}

void Conv2DLayer::backward(const Matrix& in, const Matrix&, const Matrix& dOut, Matrix* dIn) {
    const Eigen::Index batch = dOut.cols();
    if (batch != batch_)
        throw std::logic_error("convolution backward() for a batch of " + std::to_string(batch) +
                               " after a forward() of " + std::to_string(batch_));
    if (dIn)
        dIn->resize(in.rows(), batch);
    algorithm_->backward(in, dOut, weights_, weightGrad_, biasGrad_, dIn);
}

void Conv2DLayer::inputGradient(const Matrix& in, const Matrix&, const Matrix& dOut, Matrix& dIn) const {
    if (in.rows() != shape_.input.size() || dOut.rows() != shape_.output.size() || in.cols() != dOut.cols())
        throw std::logic_error("convolution inputGradient() for a batch predict() did not give");
    dIn.resize(in.rows(), dOut.cols());
    algorithm_->inputGradient(dOut, weights_, dIn);
}

std::vector<ParamRef> Conv2DLayer::params() {
    return {{"weight", &weights_, &weightGrad_, true}, {"bias", &bias_, &biasGrad_, false}};
}

void Conv2DLayer::initialise(Init init, Rng& rng) {
    const double kk = double(shape_.geometry.kernel) * shape_.geometry.kernel;
    const double fanIn = double(shape_.input.channels) * kk;
    const double fanOut = double(shape_.geometry.outChannels) * kk;
    drawWeights(weights_, init, fanIn, fanOut, rng);
    bias_.setZero();
    weightGrad_.setZero();
    biasGrad_.setZero();
}

} // namespace digitpad
