// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layers/DirectConvKernels.h"
#include "layers/Layer.h"

#include <vector>

namespace digitpad {

/// Geometry of a 2-D convolution: a square kernel, the same stride and zero padding on both axes.
struct ConvGeometry {
    int kernel = 1;
    int stride = 1;
    int padding = 0;
    int outChannels = 1;
};

/// 2-D convolution (cross-correlation, as in every deep-learning library) with a bias per output channel.
/// Input C×H×W, output OUT×Ho×Wo with Ho = (H + 2P − K) / S + 1 (and likewise Wo).
///
/// Stride 1 (every preset) runs the direct kernels of DirectConvKernels.h sample by sample. Other strides use
/// im2col + one GEMM over the whole batch. For a batch of N samples the patch matrix is
/// colT: (N·Ho·Wo) × (C·K·K), one row per output position (sample-major, then row-major), one column per
/// kernel tap (channel-major, then row-major). Then R = colT · Wᵀ is (N·Ho·Wo) × OUT, and a sample's output
/// channel o is the contiguous run R[n·Ho·Wo .. (n+1)·Ho·Wo), o], copied into the sample's column.
class Conv2DLayer final : public Layer {
public:
    /// Throws std::invalid_argument when the kernel does not fit the padded input or a size is not positive.
    Conv2DLayer(Shape input, ConvGeometry geometry);

    /// "conv<K>x<K>x<OUT>", followed by "s<S>" when S ≠ 1 and "p<P>" when P ≠ 0.
    std::string spec() const override;
    Shape inputShape() const override { return input_; }
    Shape outputShape() const override { return output_; }
    const ConvGeometry& geometry() const { return geometry_; }
    /// OUT·Ho·Wo outputs, C·K·K taps each.
    long long multiplyAddsPerSample() const override { return output_.size() * taps(); }

    /// in: (C·H·W) × N → out: (OUT·Ho·Wo) × N. Uses thread-local scratch, processing at most a fixed
    /// number of samples at a time, so a large evaluation batch does not need a huge patch matrix.
    void predict(const Matrix& in, Matrix& out) const override;
    /// Like predict(), but keeps the patch matrix colT of the whole batch in a member for backward().
    void forward(const Matrix& in, Matrix& out, Rng& rng) override;
    /// With dR = dL/dR ((N·Ho·Wo) × OUT, gathered from dOut):
    /// dW = dRᵀ · colT (OUT × C·K·K), db = column sums of dR (OUT × 1),
    /// dColT = dR · W ((N·Ho·Wo) × C·K·K), scattered back (col2im, summing overlaps) into dIn ((C·H·W) × N).
    void backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) override;
    std::vector<ParamRef> params() override;
    /// fanIn = C·K·K, fanOut = OUT·K·K.
    void initialise(Init init, Rng& rng) override;
    std::unique_ptr<Layer> clone() const override { return std::make_unique<Conv2DLayer>(*this); }

private:
    /// Output positions per sample per channel (Ho·Wo) and kernel taps (C·K·K).
    Eigen::Index positions() const { return Eigen::Index(output_.height) * output_.width; }
    Eigen::Index taps() const { return Eigen::Index(input_.channels) * geometry_.kernel * geometry_.kernel; }

    /// Stride 1: whether the kernels can read the input and write the output columns as they are (no padding,
    /// and output rows already a whole number of vectors) instead of through padded copies.
    bool direct() const { return geometry_.stride == 1; }
    bool inPlace() const { return direct() && geometry_.padding == 0 && output_.width % kConvLanes == 0; }
    Eigen::Index paddedInputSize() const {
        return Eigen::Index(input_.channels) * plan_.inHeight * plan_.inWidth;
    }
    Eigen::Index paddedOutputSize() const {
        return Eigen::Index(output_.channels) * plan_.outHeight * plan_.outWidth;
    }
    /// x (C × Hx × Wx) = the sample `in` (C × H × W) surrounded by zeros.
    void padInput(const Scalar* in, Scalar* x) const;
    /// g (OUT × Ho × Wv) = the sample's output gradient (OUT × Ho × Wo), zero in the extra columns.
    void padGradient(const Scalar* dOut, Scalar* g) const;
    /// out (OUT × Ho × Wo) = the real columns of y (OUT × Ho × Wv).
    void cropOutput(const Scalar* y, Scalar* out) const;
    /// dIn (C × H × W) = the part of dX (C × Hx × Wx) that lies on the image.
    void cropInputGradient(const Scalar* dX, Scalar* dIn) const;
    void predictDirect(const Matrix& in, Matrix& out) const;
    void forwardDirect(const Matrix& in, Matrix& out);
    void backwardDirect(const Matrix& in, const Matrix& dOut, Matrix* dIn);

    /// For kernel tap (c, ky, kx): the output positions whose input lies on the image, xLength × yLength from
    /// (xFirst, yFirst), and `offset`, the input index the first of them reads. Outside it is zero padding.
    struct TapRectangle {
        Eigen::Index xFirst, yFirst, xLength, yLength, offset;
        bool empty() const { return xLength <= 0 || yLength <= 0; }
    };
    TapRectangle tapRectangle(int c, int ky, int kx) const;
    /// Writes the patch rows of samples [first, first + count) of in into colT ((count·Ho·Wo) × C·K·K,
    /// column-major with leading dimension count·Ho·Wo).
    void im2col(const Matrix& in, Eigen::Index first, Eigen::Index count, Scalar* colT) const;
    /// Adds dColT ((count·Ho·Wo) × C·K·K) into the columns [first, first + count) of dIn.
    void col2im(const Scalar* dColT, Eigen::Index first, Eigen::Index count, Matrix& dIn) const;
    /// out[:, first + n] = bias + the rows of R ((count·Ho·Wo) × OUT) that belong to sample n.
    void scatterOutput(const Scalar* r, Eigen::Index first, Eigen::Index count, Matrix& out) const;

    Shape input_;
    Shape output_;
    ConvGeometry geometry_;
    DirectGeometry plan_;         ///< the padded plane sizes of the stride-1 kernels
    Matrix weights_, weightGrad_; ///< OUT × C·K·K
    Matrix bias_, biasGrad_;      ///< OUT × 1
    /// Grow-only storage viewed through Eigen::Map: training alternates between full batches and the epoch's
    /// last, smaller one, and a Matrix would reallocate at every switch. Aligned like a Matrix, because
    /// Eigen's vectorised reductions sum in an order that depends on the address's alignment: unaligned
    /// storage at a random heap address would break bit-identical training from the same seed.
    using Storage = std::vector<Scalar, Eigen::aligned_allocator<Scalar>>;

    Eigen::Index batch_ = -1; ///< samples in the last forward()
    /// Strided: (N·Ho·Wo) × C·K·K, the patches of the last forward(). Stride 1 with padding: the padded input
    /// planes of the last forward(), N × (C·Hx·Wx).
    Storage colT_;
    /// Strided: (N·Ho·Wo) × OUT, the GEMM result, then dL/dR in backward(). Stride 1: one sample's padded
    /// output in forward(), the batch's padded output gradients in backward().
    Storage r_;
    /// Strided: (N·Ho·Wo) × C·K·K. Stride 1: one sample's padded input gradient.
    Storage dColT_;
};

} // namespace digitpad
