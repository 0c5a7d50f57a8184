// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layers/Layer.h"

namespace digitpad {

/// Fully connected layer: out = W · in + b, W is units × inputs, b is units × 1.
class DenseLayer final : public Layer {
public:
    DenseLayer(Shape input, int units);

    std::string spec() const override { return "dense" + std::to_string(units_); }
    long long multiplyAddsPerSample() const override { return (long long)weights_.size(); }
    Shape inputShape() const override { return input_; }
    Shape outputShape() const override { return {1, 1, units_}; }

    void predict(const Matrix& in, Matrix& out) const override;
    /// dW = dOut · inᵀ (units × inputs), db = Σ_columns dOut (units × 1), dIn = Wᵀ · dOut (inputs × batch).
    void backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) override;
    std::vector<ParamRef> params() override;
    void initialise(Init init, Rng& rng) override;
    std::unique_ptr<Layer> clone() const override { return std::make_unique<DenseLayer>(*this); }

private:
    Shape input_;
    int units_;
    Matrix weights_, weightGrad_; ///< units × inputs
    Matrix bias_, biasGrad_;      ///< units × 1
    /// For single-sample batches: the input columns that are non-zero, and so the only columns of weightGrad_
    /// that may be non-zero. Capacity reserved up front, so backward() never allocates.
    std::vector<int> activeColumns_;
    bool gradientIsSparse_ = false; ///< weightGrad_ is zero outside activeColumns_
};

} // namespace digitpad
