// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/Im2colConvolution.h"

#include "kernels/MatrixProduct.h"

#include <algorithm>

namespace digitpad {

namespace {

using Index = Eigen::Index;

/// predict() handles at most this many patch-matrix entries at a time (4 MB in float): large evaluation
/// batches are processed in chunks of samples instead of building one huge patch matrix.
constexpr Index kPredictScratch = Index(1) << 20;

} // namespace

void Im2colConvolution::im2col(const Matrix& in, Index first, Index count, Scalar* colT) const {
    const int k = shape_.geometry.kernel, stride = shape_.geometry.stride, width = shape_.input.width;
    const int outH = shape_.output.height, outW = shape_.output.width;
    const Index positions = shape_.positions();
    const Index rows = count * positions;
    // Tap-major, then sample: colT is written sequentially. For one tap and sample the patch values form an
    // outW × outH plane (x fastest); the part that reads inside the image is a strided rectangle of the
    // input, copied as one Eigen block (vectorised along x when the stride is 1); the rest is zero padding.
    for (int c = 0; c < shape_.input.channels; ++c)
        for (int ky = 0; ky < k; ++ky)
            for (int kx = 0; kx < k; ++kx) {
                const Index tap = (Index(c) * k + ky) * k + kx;
                const ConvShape::TapRectangle r = shape_.tapRectangle(c, ky, kx);
                const bool covers = r.xLength == outW && r.yLength == outH;
                for (Index n = 0; n < count; ++n) {
                    Eigen::Map<Matrix> plane(colT + tap * rows + n * positions, outW, outH);
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

void Im2colConvolution::col2im(const Scalar* dColT, Index first, Index count, Matrix& dIn) const {
    const int k = shape_.geometry.kernel, stride = shape_.geometry.stride, width = shape_.input.width;
    const int outH = shape_.output.height, outW = shape_.output.width;
    const Index positions = shape_.positions();
    const Index rows = count * positions;
    // The transpose of im2col: each tap's plane is added back onto the input rectangle it was read from
    // (overlapping patches sum); values that came from zero padding have no input to credit.
    for (int c = 0; c < shape_.input.channels; ++c)
        for (int ky = 0; ky < k; ++ky)
            for (int kx = 0; kx < k; ++kx) {
                const Index tap = (Index(c) * k + ky) * k + kx;
                const ConvShape::TapRectangle r = shape_.tapRectangle(c, ky, kx);
                if (r.empty())
                    continue;
                for (Index n = 0; n < count; ++n) {
                    const Eigen::Map<const Matrix> plane(dColT + tap * rows + n * positions, outW, outH);
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

void Im2colConvolution::scatterOutput(const Scalar* r, const Matrix& bias, Index first, Index count,
                                      Matrix& out) const {
    const Index positions = shape_.positions();
    const Index rows = count * positions;
    for (Index n = 0; n < count; ++n)
        for (int o = 0; o < shape_.output.channels; ++o)
            out.col(first + n).segment(o * positions, positions).array() =
                Eigen::Map<const Vector>(r + o * rows + n * positions, positions).array() + bias(o, 0);
}

void Im2colConvolution::predict(const Matrix& in, const Matrix& weights, const Matrix& bias,
                                Matrix& out) const {
    const Index batch = in.cols();
    const Index positions = shape_.positions(), taps = shape_.taps();
    const Index chunk = std::clamp<Index>(kPredictScratch / (positions * taps), 1, std::max<Index>(batch, 1));
    // Per-thread scratch that only ever grows: repeated calls allocate nothing, and concurrent calls on a
    // const network never share it.
    thread_local ConvScratch patchScratch, productScratch;
    for (Index first = 0; first < batch; first += chunk) {
        const Index count = std::min(chunk, batch - first);
        ConvScratch::Map colT = patchScratch.view(count * positions, taps);
        ConvScratch::Map r = productScratch.view(count * positions, shape_.output.channels);
        im2col(in, first, count, colT.data());
        multiply(colT, Transpose::No, weights, Transpose::Yes, r);
        scatterOutput(r.data(), bias, first, count, out);
    }
}

void Im2colConvolution::forward(const Matrix& in, const Matrix& weights, const Matrix& bias, Matrix& out) {
    const Index batch = in.cols();
    ConvScratch::Map colT = patches_.view(batch * shape_.positions(), shape_.taps());
    ConvScratch::Map r = product_.view(batch * shape_.positions(), shape_.output.channels);
    im2col(in, 0, batch, colT.data());
    multiply(colT, Transpose::No, weights, Transpose::Yes, r);
    scatterOutput(r.data(), bias, 0, batch, out);
}

void Im2colConvolution::backward(const Matrix&, const Matrix& dOut, const Matrix& weights, Matrix& dW,
                                 Matrix& db, Matrix* dIn) {
    const Index batch = dOut.cols();
    const Index positions = shape_.positions();
    const ConvScratch::Map colT = patches_.view(batch * positions, shape_.taps());
    ConvScratch::Map dR = product_.view(batch * positions, shape_.output.channels);
    gatherOutputGradient(dOut, dR);
    multiply(dR, Transpose::Yes, colT, Transpose::No, dW);
    db.col(0).noalias() = dR.colwise().sum().transpose();
    if (dIn) {
        ConvScratch::Map dColT = patchGradient_.view(batch * positions, shape_.taps());
        inputGradientFrom(dR, weights, dColT, *dIn);
    }
}

void Im2colConvolution::inputGradient(const Matrix& dOut, const Matrix& weights, Matrix& dIn) const {
    // Per-thread scratch that only ever grows, as in predict().
    thread_local ConvScratch productScratch, patchScratch;
    const Index rows = dOut.cols() * shape_.positions();
    ConvScratch::Map dR = productScratch.view(rows, shape_.output.channels);
    gatherOutputGradient(dOut, dR);
    ConvScratch::Map dColT = patchScratch.view(rows, shape_.taps());
    inputGradientFrom(dR, weights, dColT, dIn);
}

void Im2colConvolution::gatherOutputGradient(const Matrix& dOut, ConvScratch::Map& dR) const {
    const Index positions = shape_.positions();
    for (Index n = 0; n < dOut.cols(); ++n)
        for (int o = 0; o < shape_.output.channels; ++o)
            dR.col(o).segment(n * positions, positions) = dOut.col(n).segment(o * positions, positions);
}

void Im2colConvolution::inputGradientFrom(const ConvScratch::Map& dR, const Matrix& weights,
                                          ConvScratch::Map& dColT, Matrix& dIn) const {
    multiply(dR, Transpose::No, weights, Transpose::No, dColT);
    dIn.setZero();
    col2im(dColT.data(), 0, dIn.cols(), dIn);
}

} // namespace digitpad
