// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layers/ConvolutionAlgorithm.h"
#include "layers/DirectConvKernels.h"

namespace digitpad {

/// Stride-1 convolution with the direct kernels of DirectConvKernels.h, sample by sample. The kernels want
/// zero-padded input planes and output rows of a whole number of vectors (DirectGeometry); a sample is
/// copied into such planes and the result cropped back, unless the layer needs neither (no padding and an
/// output width that is a multiple of kConvLanes), when the kernels read the columns in place.
class DirectConvolution final : public ConvolutionAlgorithm {
public:
    /// `shape` must have stride 1.
    explicit DirectConvolution(const ConvShape& shape);

    void predict(const Matrix& in, const Matrix& weights, const Matrix& bias, Matrix& out) const override;
    /// Keeps the batch's padded input planes (when the kernels cannot read `in` in place) for backward().
    void forward(const Matrix& in, const Matrix& weights, const Matrix& bias, Matrix& out) override;
    /// On the padded planes X_n and output gradients G_n (dOut, zero in the padding columns):
    /// dW = Σ_n G_n ⊛ X_n, db[o] = Σ of dOut's channel-o rows, and dX_n = Wᵀ ⊛ G_n (the full correlation),
    /// of which dIn takes the part that lies on the image.
    void backward(const Matrix& in, const Matrix& dOut, const Matrix& weights, Matrix& dW, Matrix& db,
                  Matrix* dIn) override;
    void inputGradient(const Matrix& dOut, const Matrix& weights, Matrix& dIn) const override;
    std::unique_ptr<ConvolutionAlgorithm> clone() const override {
        return std::make_unique<DirectConvolution>(*this);
    }

private:
    /// Whether the kernels can read the input and write the output columns as they are (no padding, and
    /// output rows already a whole number of vectors) instead of through padded copies.
    bool inPlace() const { return shape_.geometry.padding == 0 && shape_.output.width % kConvLanes == 0; }
    Eigen::Index paddedInputSize() const {
        return Eigen::Index(shape_.input.channels) * plan_.inHeight * plan_.inWidth;
    }
    Eigen::Index paddedOutputSize() const {
        return Eigen::Index(shape_.output.channels) * plan_.outHeight * plan_.outWidth;
    }
    /// x (C × Hx × Wx) = the sample `in` (C × H × W) surrounded by zeros.
    void padInput(const Scalar* in, Scalar* x) const;
    /// g (OUT × Ho × Wv) = the sample's output gradient (OUT × Ho × Wo), zero in the extra columns.
    void padGradient(const Scalar* dOut, Scalar* g) const;
    /// out (OUT × Ho × Wo) = the real columns of y (OUT × Ho × Wv).
    void cropOutput(const Scalar* y, Scalar* out) const;
    /// dIn (C × H × W) = the part of dX (C × Hx × Wx) that lies on the image.
    void cropInputGradient(const Scalar* dX, Scalar* dIn) const;
    /// dIn (C × H × W) of one sample from its padded output gradient, in the padded scratch dX.
    void paddedInputGradient(const Scalar* gradient, const Matrix& weights, Scalar* dX, Scalar* dIn) const;

    ConvShape shape_;
    DirectGeometry plan_;         ///< the padded plane sizes the kernels work on
    ConvScratch paddedInputs_;    ///< the last forward()'s padded input planes: (C·Hx·Wx) × N
    ConvScratch paddedOutput_;    ///< one sample's padded output in forward(): OUT·Ho·Wv
    ConvScratch paddedGradients_; ///< the batch's padded output gradients in backward(): (OUT·Ho·Wv) × N
    ConvScratch paddedInputGradient_; ///< one sample's padded input gradient in backward(): C·Hx·Wx
};

} // namespace digitpad
