// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/DirectConvolution.h"

#include <algorithm>
#include <stdexcept>

namespace digitpad {

namespace {

using Index = Eigen::Index;

/// The kernels' plane sizes for `shape`: output rows rounded up to whole vectors, the input padded to fit.
DirectGeometry planFor(const ConvShape& shape) {
    if (shape.geometry.stride != 1)
        throw std::invalid_argument("the direct convolution needs stride 1 (got " +
                                    std::to_string(shape.geometry.stride) + ")");
    const int k = shape.geometry.kernel;
    const int vectorWidth = (shape.output.width + kConvLanes - 1) / kConvLanes * kConvLanes;
    return {shape.input.channels,        shape.output.channels, k, shape.output.height, vectorWidth,
            shape.output.height + k - 1, vectorWidth + k - 1};
}

} // namespace

DirectConvolution::DirectConvolution(const ConvShape& shape) : shape_(shape), plan_(planFor(shape)) {}

void DirectConvolution::padInput(const Scalar* in, Scalar* x) const {
    const int pad = shape_.geometry.padding;
    const Shape& input = shape_.input;
    Eigen::Map<Vector>(x, paddedInputSize()).setZero();
    for (int c = 0; c < input.channels; ++c)
        for (int y = 0; y < input.height; ++y) {
            const Scalar* from = in + (Index(c) * input.height + y) * input.width;
            Scalar* to = x + (Index(c) * plan_.inHeight + y + pad) * plan_.inWidth + pad;
            std::copy(from, from + input.width, to);
        }
}

void DirectConvolution::padGradient(const Scalar* dOut, Scalar* g) const {
    const Shape& output = shape_.output;
    for (Index row = 0; row < Index(output.channels) * output.height; ++row) {
        const Scalar* from = dOut + row * output.width;
        Scalar* to = g + row * plan_.outWidth;
        std::copy(from, from + output.width, to);
        std::fill(to + output.width, to + plan_.outWidth, Scalar(0));
    }
}

void DirectConvolution::cropOutput(const Scalar* y, Scalar* out) const {
    const Shape& output = shape_.output;
    for (Index row = 0; row < Index(output.channels) * output.height; ++row)
        std::copy(y + row * plan_.outWidth, y + row * plan_.outWidth + output.width,
                  out + row * output.width);
}

void DirectConvolution::cropInputGradient(const Scalar* dX, Scalar* dIn) const {
    const int pad = shape_.geometry.padding;
    const Shape& input = shape_.input;
    for (int c = 0; c < input.channels; ++c)
        for (int y = 0; y < input.height; ++y) {
            const Scalar* from = dX + (Index(c) * plan_.inHeight + y + pad) * plan_.inWidth + pad;
            std::copy(from, from + input.width, dIn + (Index(c) * input.height + y) * input.width);
        }
}

void DirectConvolution::predict(const Matrix& in, const Matrix& weights, const Matrix& bias,
                                Matrix& out) const {
    if (inPlace()) {
        for (Index n = 0; n < in.cols(); ++n)
            directForward(plan_, in.col(n).data(), weights.data(), bias.data(), out.col(n).data());
        return;
    }
    // Per-thread scratch that only ever grows: repeated calls allocate nothing, and concurrent calls on a
    // const network never share it.
    thread_local ConvScratch paddedScratch, resultScratch;
    ConvScratch::Map padded = paddedScratch.view(paddedInputSize(), 1);
    ConvScratch::Map result = resultScratch.view(paddedOutputSize(), 1);
    for (Index n = 0; n < in.cols(); ++n) {
        padInput(in.col(n).data(), padded.data());
        directForward(plan_, padded.data(), weights.data(), bias.data(), result.data());
        cropOutput(result.data(), out.col(n).data());
    }
}

void DirectConvolution::forward(const Matrix& in, const Matrix& weights, const Matrix& bias, Matrix& out) {
    if (inPlace()) {
        predict(in, weights, bias, out);
        return;
    }
    // The padded input planes of the whole batch are kept for the weight gradient.
    const Index batch = in.cols();
    ConvScratch::Map padded = paddedInputs_.view(paddedInputSize(), batch);
    ConvScratch::Map result = paddedOutput_.view(paddedOutputSize(), 1);
    for (Index n = 0; n < batch; ++n) {
        padInput(in.col(n).data(), padded.col(n).data());
        directForward(plan_, padded.col(n).data(), weights.data(), bias.data(), result.data());
        cropOutput(result.data(), out.col(n).data());
    }
}

void DirectConvolution::backward(const Matrix& in, const Matrix& dOut, const Matrix& weights, Matrix& dW,
                                 Matrix& db, Matrix* dIn) {
    const Index batch = dOut.cols();
    const Index positions = shape_.positions();
    for (int o = 0; o < shape_.output.channels; ++o)
        db(o, 0) = dOut.middleRows(o * positions, positions).sum();
    if (inPlace()) {
        directWeightGradient(plan_, batch, in.data(), in.rows(), dOut.data(), dOut.rows(), dW.data());
        if (dIn)
            inputGradient(dOut, weights, *dIn);
        return;
    }
    ConvScratch::Map gradient = paddedGradients_.view(paddedOutputSize(), batch);
    for (Index n = 0; n < batch; ++n)
        padGradient(dOut.col(n).data(), gradient.col(n).data());
    const ConvScratch::Map padded = paddedInputs_.view(paddedInputSize(), batch);
    directWeightGradient(plan_, batch, padded.data(), paddedInputSize(), gradient.data(), paddedOutputSize(),
                         dW.data());
    if (dIn) {
        ConvScratch::Map dX = paddedInputGradient_.view(paddedInputSize(), 1);
        for (Index n = 0; n < batch; ++n)
            paddedInputGradient(gradient.col(n).data(), weights, dX.data(), dIn->col(n).data());
    }
}

void DirectConvolution::inputGradient(const Matrix& dOut, const Matrix& weights, Matrix& dIn) const {
    if (inPlace()) {
        dIn.setZero();
        for (Index n = 0; n < dOut.cols(); ++n)
            directInputGradient(plan_, dOut.col(n).data(), weights.data(), dIn.col(n).data());
        return;
    }
    // Per-thread scratch that only ever grows, as in predict().
    thread_local ConvScratch gradientScratch, inputScratch;
    ConvScratch::Map gradient = gradientScratch.view(paddedOutputSize(), 1);
    ConvScratch::Map dX = inputScratch.view(paddedInputSize(), 1);
    for (Index n = 0; n < dOut.cols(); ++n) {
        padGradient(dOut.col(n).data(), gradient.data());
        paddedInputGradient(gradient.data(), weights, dX.data(), dIn.col(n).data());
    }
}

void DirectConvolution::paddedInputGradient(const Scalar* gradient, const Matrix& weights, Scalar* dX,
                                            Scalar* dIn) const {
    std::fill(dX, dX + paddedInputSize(), Scalar(0));
    directInputGradient(plan_, gradient, weights.data(), dX);
    cropInputGradient(dX, dIn);
}

} // namespace digitpad
