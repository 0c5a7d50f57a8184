// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layers/Layer.h"
#include "tensor/NameTable.h"

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace digitpad {

/// How the last layer's output becomes class probabilities.
enum class OutputHead {
    Softmax,  ///< the last layer emits logits; probabilities = softmax(logits) (pairs with cross-entropy)
    Identity, ///< the last layer's output is used as is (e.g. sigmoid units trained with MSE)
};

inline constexpr NameTable<OutputHead, 2> kOutputHeadNames{{
    {OutputHead::Softmax, "softmax"},
    {OutputHead::Identity, "identity"},
}};
constexpr const auto& names(OutputHead) {
    return kOutputHeadNames;
}

/// A stack of layers. Owns the training buffers (activations and their gradients) and reuses them, so a
/// training step allocates nothing once the batch size is fixed.
class Network {
public:
    Network() = default;
    Network(Shape input, std::vector<std::unique_ptr<Layer>> layers, OutputHead head);
    Network(const Network& other);
    Network& operator=(const Network& other);
    Network(Network&&) noexcept = default;
    Network& operator=(Network&&) noexcept = default;

    /// Builds a network from an architecture string of comma-separated tokens, e.g.
    /// "dense128,relu,dense64,relu,dense10". Throws std::invalid_argument naming the bad token.
    static Network fromArchitecture(Shape input, std::string_view architecture, OutputHead head);

    /// The architecture string that fromArchitecture() accepts.
    std::string architecture() const;
    Shape inputShape() const { return input_; }
    int outputSize() const;
    OutputHead head() const { return head_; }
    bool empty() const { return layers_.empty(); }
    long long parameterCount() const;
    /// Multiply-adds of one sample's forward pass, summed over the layers.
    long long multiplyAddsPerSample() const;
    const std::vector<std::unique_ptr<Layer>>& layers() const { return layers_; }

    /// Draws fresh weights for every layer from a generator seeded with `seed`.
    void initialise(Init init, unsigned long long seed);

    /// Class probabilities for x (inputSize × batch) → outputSize × batch. With the Softmax head each column
    /// sums to 1; with the Identity head outputs are clamped at 0 and divided by their sum, so they can be
    /// shown as probabilities. Thread-safe on a const network (uses only local buffers).
    Matrix probabilities(const Matrix& x) const;

    /// Raw outputs (logits for the Softmax head) for x, without training caches. Thread-safe. A large batch
    /// is split into column ranges that run on the inference threads (nn/InferenceShards.h); each column's
    /// output is the one a batch of that column alone would give, up to float rounding.
    void predictRaw(const Matrix& x, Matrix& out) const;

    /// Training forward pass: keeps every activation for backward(). Returns the raw output (outputSize ×
    /// batch).
    const Matrix& forward(const Matrix& x, Rng& rng);

    /// Backpropagates dOutput = dLoss/dRawOutput through the layers of the last forward(), filling every
    /// parameter gradient.
    void backward(const Matrix& dOutput);

    /// Lends every layer `pool` for its training passes (Layer::shareWork), nullptr takes it back. Copies of
    /// the network do not keep it.
    void shareWork(ShardPool* pool);

    /// Every trainable tensor with its gradient, in layer order.
    std::vector<ParamRef> params();
    /// Every trainable tensor as (qualified name, value), e.g. ("0.weight", W), for saving.
    std::vector<std::pair<std::string, const Matrix*>> tensors() const;

private:
    /// predictRaw on the calling thread alone.
    void predictColumns(const Matrix& x, Matrix& out) const;

    /// Training buffers for one batch size.
    struct Buffers {
        Eigen::Index batch = -1;
        std::vector<Matrix> activations; ///< activations[i] = output of layer i (units × batch)
        std::vector<Matrix> gradients;   ///< gradients[i] = dL/d(input of layer i), i ≥ 1
    };
    Buffers& buffersFor(Eigen::Index batch);

    Shape input_;
    std::vector<std::unique_ptr<Layer>> layers_;
    OutputHead head_ = OutputHead::Softmax;
    const Matrix* lastInput_ =
        nullptr; ///< the x of the last forward(); the caller keeps it alive for backward()
    std::array<Buffers, 2> buffers_;
    int activeBuffers_ = -1; ///< index into buffers_ used by the last forward()
    int nextBuffers_ = 0;    ///< which buffer set a new batch size replaces
};

/// Softmax over each column, numerically stable (subtracts the column max). logits and probs may alias.
void softmaxColumns(const Matrix& logits, Matrix& probs);

} // namespace digitpad
