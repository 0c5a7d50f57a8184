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
    /// predict(), or with a pool lent and a batch of several samples, (W₀·in₀ + W₁·in₁) + b over the two
    /// column parts of W (the matching row parts of in) on the pool's two threads.
    void forward(const Matrix& in, Matrix& out, Rng& rng) override;
    /// dW = dOut · inᵀ (units × inputs), db = Σ_columns dOut (units × 1), dIn = Wᵀ · dOut (inputs × batch).
    void backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) override;
    void inputGradient(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix& dIn) const override;
    std::vector<ParamRef> params() override;
    void initialise(Init init, Rng& rng) override;
    /// Splits when W has at least kSplitMinimumWeights: the mlp preset's first layer (784 inputs, 128 units)
    /// does, its others and the convolutional presets' classifiers (trained in shards instead) do not.
    void shareWork(ShardPool* pool) override { pool_ = pool; }
    /// A copy without the lent pool.
    std::unique_ptr<Layer> clone() const override;

    /// Weights from which training splits the layer: a 256 KiB matrix, whose products take tens of
    /// microseconds on one core, against a few for handing the other part over to another thread.
    static constexpr Eigen::Index kSplitMinimumWeights = 65'536;

private:
    /// Throws std::invalid_argument when `in` does not have one row per input.
    void checkInputs(const Matrix& in) const;
    /// Whether W is large enough to split.
    bool splittable() const;
    /// Whether this pass over `in` is split: a pool is lent, W is splittable and the batch has several
    /// samples.
    bool splits(const Matrix& in) const;
    /// Part `part`'s first input and input count: its columns of W, its rows of in and dIn.
    std::pair<Eigen::Index, Eigen::Index> partInputs(int part) const;
    /// After a batch of several samples: every column of weightGrad_ may be non-zero.
    void markEveryColumnActive();

    Shape input_;
    int units_;
    Matrix weights_, weightGrad_; ///< units × inputs
    Matrix bias_, biasGrad_;      ///< units × 1
    /// For single-sample batches: the input columns that are non-zero, and so the only columns of weightGrad_
    /// that may be non-zero. Capacity reserved up front, so backward() never allocates.
    std::vector<int> activeColumns_;
    bool gradientIsSparse_ = false; ///< weightGrad_ is zero outside activeColumns_
    ShardPool* pool_ = nullptr;     ///< lent by training, see shareWork
    /// units × up to the largest batch seen: part 1's W₁·in₁ in a split forward pass. It only ever grows, so
    /// the last, smaller batch of an epoch allocates nothing.
    Matrix partialOutput_;
};

} // namespace digitpad
