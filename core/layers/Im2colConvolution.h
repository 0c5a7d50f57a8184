// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layers/ConvolutionAlgorithm.h"

namespace digitpad {

/// Convolution of any stride as im2col + one GEMM over the whole batch. For a batch of N samples the patch
/// matrix colT is (N·Ho·Wo) × (C·K·K): one row per output position (sample-major, then row-major), one
/// column per kernel tap (channel-major, then row-major). Then R = colT · Wᵀ is (N·Ho·Wo) × OUT, and a
/// sample's output channel o is the contiguous run R[n·Ho·Wo .. (n+1)·Ho·Wo), o], copied into the sample's
/// column plus b[o]. Used for strides other than 1 (DirectConvolution is faster at stride 1).
class Im2colConvolution final : public ConvolutionAlgorithm {
public:
    explicit Im2colConvolution(const ConvShape& shape) : shape_(shape) {}

    /// Processes at most a fixed number of samples at a time in thread-local scratch, so a large evaluation
    /// batch does not need a huge patch matrix.
    void predict(const Matrix& in, const Matrix& weights, const Matrix& bias, Matrix& out) const override;
    /// Keeps the batch's patch matrix colT for backward().
    void forward(const Matrix& in, const Matrix& weights, const Matrix& bias, Matrix& out) override;
    /// With dR = dL/dR ((N·Ho·Wo) × OUT, gathered from dOut): dW = dRᵀ · colT (OUT × C·K·K),
    /// db = column sums of dR (OUT × 1), dColT = dR · W ((N·Ho·Wo) × C·K·K), scattered back (col2im, summing
    /// overlapping patches) into dIn ((C·H·W) × N).
    void backward(const Matrix& in, const Matrix& dOut, const Matrix& weights, Matrix& dW, Matrix& db,
                  Matrix* dIn) override;
    void inputGradient(const Matrix& dOut, const Matrix& weights, Matrix& dIn) const override;
    std::unique_ptr<ConvolutionAlgorithm> clone() const override {
        return std::make_unique<Im2colConvolution>(*this);
    }

private:
    /// Writes the patch rows of samples [first, first + count) of in into colT ((count·Ho·Wo) × C·K·K,
    /// column-major with leading dimension count·Ho·Wo).
    void im2col(const Matrix& in, Eigen::Index first, Eigen::Index count, Scalar* colT) const;
    /// Adds dColT ((count·Ho·Wo) × C·K·K) into the columns [first, first + count) of dIn.
    void col2im(const Scalar* dColT, Eigen::Index first, Eigen::Index count, Matrix& dIn) const;
    /// dR[n·Ho·Wo + p, o] = dOut[o·Ho·Wo + p, n]: contiguous runs of Ho·Wo values.
    void gatherOutputGradient(const Matrix& dOut, ConvScratch::Map& dR) const;
    /// *dIn from dR: dColT = dR · W, scattered back by col2im.
    void inputGradientFrom(const ConvScratch::Map& dR, const Matrix& weights, ConvScratch::Map& dColT,
                           Matrix& dIn) const;
    /// out[:, first + n] = bias + the rows of R ((count·Ho·Wo) × OUT) that belong to sample n.
    void scatterOutput(const Scalar* r, const Matrix& bias, Eigen::Index first, Eigen::Index count,
                       Matrix& out) const;

    ConvShape shape_;
    ConvScratch patches_;       ///< colT of the last forward(): (N·Ho·Wo) × C·K·K
    ConvScratch product_;       ///< R = colT · Wᵀ in forward(), dL/dR in backward(): (N·Ho·Wo) × OUT
    ConvScratch patchGradient_; ///< dColT = dR · W: (N·Ho·Wo) × C·K·K
};

} // namespace digitpad
