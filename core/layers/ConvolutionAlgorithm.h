// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Matrix.h"
#include "tensor/Shape.h"

#include <memory>
#include <vector>

namespace digitpad {

/// Geometry of a 2-D convolution: a square kernel, the same stride and zero padding on both axes.
struct ConvGeometry {
    int kernel = 1;
    int stride = 1;
    int padding = 0;
    int outChannels = 1;
};

/// A convolution's input C×H×W, output OUT×Ho×Wo and geometry, with Ho = (H + 2P − K) / S + 1 (and likewise
/// Wo); the one place that knows which input value each kernel tap reads.
struct ConvShape {
    Shape input;
    Shape output;
    ConvGeometry geometry;

    /// Throws std::invalid_argument when the kernel does not fit the padded input or a size is not positive.
    ConvShape(Shape input, ConvGeometry geometry);

    /// Output positions per sample per channel: Ho·Wo.
    Eigen::Index positions() const { return Eigen::Index(output.height) * output.width; }
    /// Kernel taps per output value: C·K·K, tap = (c·K + ky)·K + kx.
    Eigen::Index taps() const { return Eigen::Index(input.channels) * geometry.kernel * geometry.kernel; }

    /// For kernel tap (c, ky, kx): the output positions whose input lies on the image, xLength × yLength from
    /// (xFirst, yFirst), and `offset`, the input index (within a sample's C·H·W values) the first of them
    /// reads; the next ones along x and y are `stride` and `stride`·W further. Outside it is zero padding.
    struct TapRectangle {
        Eigen::Index xFirst, yFirst, xLength, yLength, offset;
        bool empty() const { return xLength <= 0 || yLength <= 0; }
    };
    TapRectangle tapRectangle(int c, int ky, int kx) const;
};

/// Scratch storage that only ever grows, viewed as a matrix. Training alternates between full batches and the
/// epoch's last, smaller one, and a Matrix would reallocate at every switch. Aligned like a Matrix, because
/// Eigen's vectorised reductions sum in an order that depends on the address's alignment: unaligned storage
/// at a random heap address would break bit-identical training from the same seed.
class ConvScratch {
public:
    using Map = Eigen::Map<Matrix, Eigen::AlignedMax>;
    /// A rows × cols view of the storage, which grows when it is too small (keeping its values).
    Map view(Eigen::Index rows, Eigen::Index cols);

private:
    std::vector<Scalar, Eigen::aligned_allocator<Scalar>> storage_;
};

/// One way of computing a convolution layer's products. The layer owns the parameters — weights W (OUT ×
/// C·K·K, column tap = (c·K + ky)·K + kx) and bias b (OUT × 1) — and passes them in; an algorithm owns only
/// the buffers its own method needs, sized for the last batch. Matrices hold one sample per column: in is
/// (C·H·W) × N, out and dOut are (OUT·Ho·Wo) × N, channel-major then row-major within a column.
class ConvolutionAlgorithm {
public:
    virtual ~ConvolutionAlgorithm() = default;

    /// out = b + W ⊛ in, without keeping anything for backward(); `out` is already (OUT·Ho·Wo) × N.
    /// Thread-safe on a const algorithm.
    virtual void predict(const Matrix& in, const Matrix& weights, const Matrix& bias, Matrix& out) const = 0;
    /// Like predict(), keeping what backward() needs about `in`.
    virtual void forward(const Matrix& in, const Matrix& weights, const Matrix& bias, Matrix& out) = 0;
    /// For the `in` of the last forward() and dOut = dL/dout: dW = dL/dW (OUT × C·K·K), db = dL/db (OUT × 1),
    /// both overwritten, and, when dIn is not null, *dIn = dL/din (already (C·H·W) × N, overwritten).
    /// With out[o, p] = b[o] + Σ_t W[o, t]·x_p[t] (x_p the patch of input values position p reads, zero in
    /// the padding): dW[o, t] = Σ_n Σ_p dOut[o, p]·x_p[t], db[o] = Σ_n Σ_p dOut[o, p], and every input value
    /// receives Σ W[o, t]·dOut[o, p] over the (o, p, t) that read it.
    virtual void backward(const Matrix& in, const Matrix& dOut, const Matrix& weights, Matrix& dW, Matrix& db,
                          Matrix* dIn) = 0;
    /// backward()'s *dIn alone (dIn already (C·H·W) × N), from dOut and W only; thread-safe on a const
    /// algorithm.
    virtual void inputGradient(const Matrix& dOut, const Matrix& weights, Matrix& dIn) const = 0;
    /// A copy, buffers included (replicas for data-parallel training copy their layers).
    virtual std::unique_ptr<ConvolutionAlgorithm> clone() const = 0;
};

/// The algorithm a layer of this shape uses: DirectConvolution for stride 1, Im2colConvolution otherwise.
std::unique_ptr<ConvolutionAlgorithm> makeConvolutionAlgorithm(const ConvShape& shape);

} // namespace digitpad
