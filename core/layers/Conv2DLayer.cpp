// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/Conv2DLayer.h"

#include "layers/WeightInit.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace digitpad {

namespace {

using Index = Eigen::Index;
using MatrixMap = Eigen::Map<Matrix, Eigen::AlignedMax>;

/// predict() handles at most this many patch-matrix entries at a time (4 MB in float): large evaluation
/// batches are processed in chunks of samples instead of building one huge patch matrix.
constexpr Index kPredictScratch = Index(1) << 20;

/// The output positions o in [0, outSize) whose input coordinate o·stride + tap − padding lies in [0,
/// inSize): [first, last). Outside that range the input is zero padding.
std::pair<int, int> validRange(int outSize, int inSize, int stride, int tap, int padding) {
    const int shift = tap - padding; // input coordinate = o·stride + shift
    int first = 0;
    if (shift < 0)
        first = (-shift + stride - 1) / stride;
    int last = 0;
    if (inSize - 1 - shift >= 0)
        last = (inSize - 1 - shift) / stride + 1;
    last = std::min(last, outSize);
    first = std::min(first, last);
    return {first, last};
}

/// A rows × cols view of `storage`, which grows when too small and never shrinks.
template <typename Storage> MatrixMap view(Storage& storage, Index rows, Index cols) {
    if (storage.size() < static_cast<std::size_t>(rows * cols))
        storage.resize(static_cast<std::size_t>(rows * cols));
    return MatrixMap(storage.data(), rows, cols);
}

} // namespace

Conv2DLayer::Conv2DLayer(Shape input, ConvGeometry geometry) : input_(input), geometry_(geometry) {
    const auto& g = geometry_;
    if (g.kernel < 1 || g.stride < 1 || g.padding < 0 || g.outChannels < 1)
        throw std::invalid_argument("convolution needs kernel, stride and output channels of at least 1 and "
                                    "padding of at least 0 (got kernel " +
                                    std::to_string(g.kernel) + ", stride " + std::to_string(g.stride) +
                                    ", padding " + std::to_string(g.padding) + ", channels " +
                                    std::to_string(g.outChannels) + ")");
    if (input.channels < 1 || input.height < 1 || input.width < 1)
        throw std::invalid_argument("convolution input " + input.toString() + " is empty");
    if (input.height + 2 * g.padding < g.kernel || input.width + 2 * g.padding < g.kernel)
        throw std::invalid_argument("kernel " + std::to_string(g.kernel) + "x" + std::to_string(g.kernel) +
                                    " does not fit input " + input.toString() + " with padding " +
                                    std::to_string(g.padding));
    output_ = {g.outChannels, (input.height + 2 * g.padding - g.kernel) / g.stride + 1,
               (input.width + 2 * g.padding - g.kernel) / g.stride + 1};
    const int vectorWidth = (output_.width + kConvLanes - 1) / kConvLanes * kConvLanes;
    plan_ = {input.channels,
             g.outChannels,
             g.kernel,
             output_.height,
             vectorWidth,
             output_.height + g.kernel - 1,
             vectorWidth + g.kernel - 1};
    weights_ = Matrix::Zero(g.outChannels, taps());
    weightGrad_ = Matrix::Zero(g.outChannels, taps());
    bias_ = Matrix::Zero(g.outChannels, 1);
    biasGrad_ = Matrix::Zero(g.outChannels, 1);
}

std::string Conv2DLayer::spec() const {
    const auto& g = geometry_;
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

Conv2DLayer::TapRectangle Conv2DLayer::tapRectangle(int c, int ky, int kx) const {
    const int stride = geometry_.stride, pad = geometry_.padding;
    const auto [xFirst, xLast] = validRange(output_.width, input_.width, stride, kx, pad);
    const auto [yFirst, yLast] = validRange(output_.height, input_.height, stride, ky, pad);
    TapRectangle r{xFirst, yFirst, xLast - xFirst, yLast - yFirst, 0};
    // Non-negative whenever the rectangle is not empty.
    if (!r.empty())
        r.offset = (Index(c) * input_.height + (yFirst * stride + ky - pad)) * input_.width +
                   (xFirst * stride + kx - pad);
    return r;
}

void Conv2DLayer::im2col(const Matrix& in, Index first, Index count, Scalar* colT) const {
    const int k = geometry_.kernel, stride = geometry_.stride, width = input_.width;
    const int outH = output_.height, outW = output_.width;
    const Index rows = count * positions();
    // Tap-major, then sample: colT is written sequentially. For one tap and sample the patch values form an
    // outW × outH plane (x fastest); the part that reads inside the image is a strided rectangle of the
    // input, copied as one Eigen block (vectorised along x when the stride is 1); the rest is zero padding.
    for (int c = 0; c < input_.channels; ++c)
        for (int ky = 0; ky < k; ++ky)
            for (int kx = 0; kx < k; ++kx) {
                const Index tap = (Index(c) * k + ky) * k + kx;
                const TapRectangle r = tapRectangle(c, ky, kx);
                const bool covers = r.xLength == outW && r.yLength == outH;
                for (Index n = 0; n < count; ++n) {
                    Eigen::Map<Matrix> plane(colT + tap * rows + n * positions(), outW, outH);
                    if (!covers)
                        plane.setZero();
                    if (r.empty())
                        continue;
                    const Scalar* source = in.col(first + n).data() + r.offset;
                    Scalar* target = plane.data() + r.yFirst * outW + r.xFirst;
                    // Plain loops: GCC vectorises the stride-1 row copy, and rows of 8–28 values are too
                    // short for a memcpy call or an Eigen block assignment to pay off.
                    for (Index y = 0; y < r.yLength; ++y) {
                        const Scalar* from = source + y * stride * width;
                        Scalar* to = target + y * outW;
                        if (stride == 1) {
                            for (Index x = 0; x < r.xLength; ++x)
                                to[x] = from[x];
                        } else {
                            for (Index x = 0; x < r.xLength; ++x)
                                to[x] = from[x * stride];
                        }
                    }
                }
            }
}

void Conv2DLayer::col2im(const Scalar* dColT, Index first, Index count, Matrix& dIn) const {
    const int k = geometry_.kernel, stride = geometry_.stride, width = input_.width;
    const int outH = output_.height, outW = output_.width;
    const Index rows = count * positions();
    // The transpose of im2col: each tap's plane is added back onto the input rectangle it was read from
    // (overlapping patches sum); values that came from zero padding have no input to credit.
    for (int c = 0; c < input_.channels; ++c)
        for (int ky = 0; ky < k; ++ky)
            for (int kx = 0; kx < k; ++kx) {
                const Index tap = (Index(c) * k + ky) * k + kx;
                const TapRectangle r = tapRectangle(c, ky, kx);
                if (r.empty())
                    continue;
                for (Index n = 0; n < count; ++n) {
                    const Eigen::Map<const Matrix> plane(dColT + tap * rows + n * positions(), outW, outH);
                    Scalar* target = dIn.col(first + n).data() + r.offset;
                    const auto source = plane.block(r.xFirst, r.yFirst, r.xLength, r.yLength);
                    if (stride == 1)
                        Eigen::Map<Matrix, 0, Eigen::OuterStride<>>(target, r.xLength, r.yLength,
                                                                    Eigen::OuterStride<>(width)) += source;
                    else
                        Eigen::Map<Matrix, 0, Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>>(
                            target, r.xLength, r.yLength,
                            Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>(Index(stride) * width, stride)) +=
                            source;
                }
            }
}

void Conv2DLayer::scatterOutput(const Scalar* r, Index first, Index count, Matrix& out) const {
    const Index rows = count * positions();
    for (Index n = 0; n < count; ++n)
        for (int o = 0; o < geometry_.outChannels; ++o)
            out.col(first + n).segment(o * positions(), positions()).array() =
                Eigen::Map<const Vector>(r + o * rows + n * positions(), positions()).array() + bias_(o, 0);
}

void Conv2DLayer::predict(const Matrix& in, Matrix& out) const {
    if (in.rows() != input_.size())
        throw std::invalid_argument("convolution " + spec() + " expects " + std::to_string(input_.size()) +
                                    " inputs, got " + std::to_string(in.rows()));
    if (direct()) {
        predictDirect(in, out);
        return;
    }
    const Index batch = in.cols();
    out.resize(output_.size(), batch);
    const Index chunk =
        std::clamp<Index>(kPredictScratch / (positions() * taps()), 1, std::max<Index>(batch, 1));
    // Per-thread scratch that only ever grows: repeated calls allocate nothing, and concurrent calls on a
    // const network never share it.
    thread_local Storage colTScratch, rScratch;
    for (Index first = 0; first < batch; first += chunk) {
        const Index count = std::min(chunk, batch - first);
        MatrixMap colT = view(colTScratch, count * positions(), taps());
        MatrixMap r = view(rScratch, count * positions(), geometry_.outChannels);
        im2col(in, first, count, colT.data());
        r.noalias() = colT * weights_.transpose();
        scatterOutput(r.data(), first, count, out);
    }
}

void Conv2DLayer::forward(const Matrix& in, Matrix& out, Rng&) {
    if (in.rows() != input_.size())
        throw std::invalid_argument("convolution " + spec() + " expects " + std::to_string(input_.size()) +
                                    " inputs, got " + std::to_string(in.rows()));
    batch_ = in.cols();
    if (direct()) {
        forwardDirect(in, out);
        return;
    }
    MatrixMap colT = view(colT_, batch_ * positions(), taps());
    MatrixMap r = view(r_, batch_ * positions(), geometry_.outChannels);
    out.resize(output_.size(), batch_);
    im2col(in, 0, batch_, colT.data());
    r.noalias() = colT * weights_.transpose();
    scatterOutput(r.data(), 0, batch_, out);
}

void Conv2DLayer::backward(const Matrix& in, const Matrix&, const Matrix& dOut, Matrix* dIn) {
    const Index batch = dOut.cols();
    if (batch != batch_)
        throw std::logic_error("convolution backward() for a batch of " + std::to_string(batch) +
                               " after a forward() of " + std::to_string(batch_));
    if (direct()) {
        if (dIn)
            dIn->resize(in.rows(), batch);
        backwardDirect(in, dOut, dIn);
        return;
    }
    const MatrixMap colT = view(colT_, batch * positions(), taps());
    // Gather dR[n·Ho·Wo + p, o] = dOut[o·Ho·Wo + p, n]: contiguous runs of Ho·Wo values.
    MatrixMap dR = view(r_, batch * positions(), geometry_.outChannels);
    for (Index n = 0; n < batch; ++n)
        for (int o = 0; o < geometry_.outChannels; ++o)
            dR.col(o).segment(n * positions(), positions()) =
                dOut.col(n).segment(o * positions(), positions());
    weightGrad_.noalias() = dR.transpose() * colT;
    biasGrad_.col(0).noalias() = dR.colwise().sum().transpose();
    if (dIn) {
        MatrixMap dColT = view(dColT_, batch * positions(), taps());
        dColT.noalias() = dR * weights_;
        dIn->resize(in.rows(), batch);
        dIn->setZero();
        col2im(dColT.data(), 0, batch, *dIn);
    }
}

void Conv2DLayer::padInput(const Scalar* in, Scalar* x) const {
    const int pad = geometry_.padding;
    Eigen::Map<Vector>(x, paddedInputSize()).setZero();
    for (int c = 0; c < input_.channels; ++c)
        for (int y = 0; y < input_.height; ++y) {
            const Scalar* from = in + (Index(c) * input_.height + y) * input_.width;
            Scalar* to = x + (Index(c) * plan_.inHeight + y + pad) * plan_.inWidth + pad;
            std::copy(from, from + input_.width, to);
        }
}

void Conv2DLayer::padGradient(const Scalar* dOut, Scalar* g) const {
    for (Index row = 0; row < Index(output_.channels) * output_.height; ++row) {
        const Scalar* from = dOut + row * output_.width;
        Scalar* to = g + row * plan_.outWidth;
        std::copy(from, from + output_.width, to);
        std::fill(to + output_.width, to + plan_.outWidth, Scalar(0));
    }
}

void Conv2DLayer::cropOutput(const Scalar* y, Scalar* out) const {
    for (Index row = 0; row < Index(output_.channels) * output_.height; ++row)
        std::copy(y + row * plan_.outWidth, y + row * plan_.outWidth + output_.width,
                  out + row * output_.width);
}

void Conv2DLayer::cropInputGradient(const Scalar* dX, Scalar* dIn) const {
    const int pad = geometry_.padding;
    for (int c = 0; c < input_.channels; ++c)
        for (int y = 0; y < input_.height; ++y) {
            const Scalar* from = dX + (Index(c) * plan_.inHeight + y + pad) * plan_.inWidth + pad;
            std::copy(from, from + input_.width, dIn + (Index(c) * input_.height + y) * input_.width);
        }
}

void Conv2DLayer::predictDirect(const Matrix& in, Matrix& out) const {
    out.resize(output_.size(), in.cols());
    if (inPlace()) {
        for (Index n = 0; n < in.cols(); ++n)
            digitpad::directForward(plan_, in.col(n).data(), weights_.data(), bias_.data(),
                                    out.col(n).data());
        return;
    }
    // Per-thread scratch that only ever grows, as in the strided path.
    thread_local Storage padded, result;
    padded.resize(std::max<std::size_t>(padded.size(), paddedInputSize()));
    result.resize(std::max<std::size_t>(result.size(), paddedOutputSize()));
    for (Index n = 0; n < in.cols(); ++n) {
        padInput(in.col(n).data(), padded.data());
        digitpad::directForward(plan_, padded.data(), weights_.data(), bias_.data(), result.data());
        cropOutput(result.data(), out.col(n).data());
    }
}

void Conv2DLayer::forwardDirect(const Matrix& in, Matrix& out) {
    if (inPlace()) {
        predictDirect(in, out);
        return;
    }
    // The padded input planes of the whole batch are kept for the weight gradient.
    out.resize(output_.size(), batch_);
    MatrixMap padded = view(colT_, paddedInputSize(), batch_);
    MatrixMap result = view(r_, paddedOutputSize(), 1);
    for (Index n = 0; n < batch_; ++n) {
        padInput(in.col(n).data(), padded.col(n).data());
        digitpad::directForward(plan_, padded.col(n).data(), weights_.data(), bias_.data(), result.data());
        cropOutput(result.data(), out.col(n).data());
    }
}

void Conv2DLayer::backwardDirect(const Matrix& in, const Matrix& dOut, Matrix* dIn) {
    for (int o = 0; o < output_.channels; ++o)
        biasGrad_(o, 0) = dOut.middleRows(o * positions(), positions()).sum();
    if (inPlace()) {
        digitpad::directWeightGradient(plan_, batch_, in.data(), in.rows(), dOut.data(), dOut.rows(),
                                       weightGrad_.data());
        if (dIn) {
            dIn->setZero();
            for (Index n = 0; n < batch_; ++n)
                digitpad::directInputGradient(plan_, dOut.col(n).data(), weights_.data(), dIn->col(n).data());
        }
        return;
    }
    MatrixMap gradient = view(r_, paddedOutputSize(), batch_);
    for (Index n = 0; n < batch_; ++n)
        padGradient(dOut.col(n).data(), gradient.col(n).data());
    const MatrixMap padded = view(colT_, paddedInputSize(), batch_);
    digitpad::directWeightGradient(plan_, batch_, padded.data(), paddedInputSize(), gradient.data(),
                                   paddedOutputSize(), weightGrad_.data());
    if (dIn) {
        MatrixMap dX = view(dColT_, paddedInputSize(), 1);
        for (Index n = 0; n < batch_; ++n) {
            dX.setZero();
            digitpad::directInputGradient(plan_, gradient.col(n).data(), weights_.data(), dX.data());
            cropInputGradient(dX.data(), dIn->col(n).data());
        }
    }
}

std::vector<ParamRef> Conv2DLayer::params() {
    return {{"weight", &weights_, &weightGrad_, true}, {"bias", &bias_, &biasGrad_, false}};
}

void Conv2DLayer::initialise(Init init, Rng& rng) {
    const double kk = double(geometry_.kernel) * geometry_.kernel;
    const double fanIn = double(input_.channels) * kk;
    const double fanOut = double(geometry_.outChannels) * kk;
    drawWeights(weights_, init, fanIn, fanOut, rng);
    bias_.setZero();
    weightGrad_.setZero();
    biasGrad_.setZero();
}

} // namespace digitpad
