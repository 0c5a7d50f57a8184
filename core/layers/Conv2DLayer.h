// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layers/ConvolutionAlgorithm.h"
#include "layers/Layer.h"

#include <memory>
#include <vector>

namespace digitpad {

/// 2-D convolution (cross-correlation, as in every deep-learning library) with a bias per output channel.
/// Input C×H×W, output OUT×Ho×Wo with Ho = (H + 2P − K) / S + 1 (and likewise Wo).
///
/// The layer holds the parameters and checks the batches; the products are computed by the algorithm chosen
/// once for its geometry (makeConvolutionAlgorithm()): DirectConvolution for stride 1 (every preset),
/// Im2colConvolution for other strides. Each algorithm owns the buffers its method needs.
class Conv2DLayer final : public Layer {
public:
    /// Throws std::invalid_argument when the kernel does not fit the padded input or a size is not positive.
    Conv2DLayer(Shape input, ConvGeometry geometry);
    /// A copy with its own algorithm (and buffers): replicas for data-parallel training copy layers.
    Conv2DLayer(const Conv2DLayer& other);
    Conv2DLayer& operator=(const Conv2DLayer&) = delete;

    /// "conv<K>x<K>x<OUT>", followed by "s<S>" when S ≠ 1 and "p<P>" when P ≠ 0.
    std::string spec() const override;
    Shape inputShape() const override { return shape_.input; }
    Shape outputShape() const override { return shape_.output; }
    const ConvGeometry& geometry() const { return shape_.geometry; }
    /// OUT·Ho·Wo outputs, C·K·K taps each.
    long long multiplyAddsPerSample() const override { return shape_.output.size() * shape_.taps(); }

    /// in: (C·H·W) × N → out: (OUT·Ho·Wo) × N, out = b + W ⊛ in. Thread-safe (per-thread scratch).
    void predict(const Matrix& in, Matrix& out) const override;
    /// Like predict(), keeping what backward() needs.
    void forward(const Matrix& in, Matrix& out, Rng& rng) override;
    /// For the batch of the last forward(), with dOut = dL/dout ((OUT·Ho·Wo) × N): dW = dL/dW (OUT × C·K·K)
    /// sums dOut[o, p]·(input value tap t of position p reads) over samples and positions, db = dL/db
    /// (OUT × 1) sums dOut's channel-o values, and dIn ((C·H·W) × N, unless null) sends every dOut[o, p]
    /// back through W[o, t] to the input values it was computed from (see ConvolutionAlgorithm::backward()).
    void backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) override;
    void inputGradient(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix& dIn) const override;
    std::vector<ParamRef> params() override;
    /// fanIn = C·K·K, fanOut = OUT·K·K.
    void initialise(Init init, Rng& rng) override;
    std::unique_ptr<Layer> clone() const override { return std::make_unique<Conv2DLayer>(*this); }

private:
    /// Throws std::invalid_argument when `in` does not have C·H·W rows.
    void checkInput(const Matrix& in) const;

    ConvShape shape_;
    Matrix weights_, weightGrad_; ///< OUT × C·K·K
    Matrix bias_, biasGrad_;      ///< OUT × 1
    Eigen::Index batch_ = -1;     ///< samples in the last forward()
    std::unique_ptr<ConvolutionAlgorithm> algorithm_;
};

} // namespace digitpad
