// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kernels/ShardPool.h"
#include "layers/Parameter.h"
#include "layers/WeightInit.h"
#include "tensor/Matrix.h"
#include "tensor/Random.h"
#include "tensor/Shape.h"

#include <memory>
#include <string>
#include <vector>

namespace digitpad {

/// One stage of a network. Matrices are features × batch (one column per sample). Layers are built for a
/// fixed input shape, so convolution and pooling fit the same interface as dense layers.
///
/// Buffers are passed in by the network and resized here only when the batch size changes, so nothing is
/// allocated per batch in the training loop.
class Layer {
public:
    virtual ~Layer() = default;

    /// The token that recreates this layer in an architecture string, e.g. "dense128", "relu".
    virtual std::string spec() const = 0;
    virtual Shape inputShape() const = 0;
    virtual Shape outputShape() const = 0;

    /// Inference: in is inputShape().size() × batch, out becomes outputShape().size() × batch.
    /// Const and free of hidden state, so a const network can be used from several threads.
    virtual void predict(const Matrix& in, Matrix& out) const = 0;

    /// Training forward pass; layers with random or cached state (dropout, pooling) override it.
    virtual void forward(const Matrix& in, Matrix& out, Rng& rng) {
        (void)rng;
        predict(in, out);
    }

    /// Given in and out of the last forward() and dOut = dL/dOut (same shape as out), writes the parameter
    /// gradients (overwriting, not accumulating: dOut already carries the 1/batch of a mean loss) and, when
    /// dIn is not null, dIn = dL/dIn (same shape as in). The first layer gets dIn == nullptr and skips that
    /// work.
    virtual void backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) = 0;

    /// dIn = dL/dIn at inference (dropout is the identity) for the in and out predict() gave, and nothing
    /// else: no parameter gradients, no state read or written. What explanations (nn/Saliency.h) need; const
    /// and thread-safe like predict().
    virtual void inputGradient(const Matrix& in, const Matrix& out, const Matrix& dOut,
                               Matrix& dIn) const = 0;

    /// Training lends the layer a pool of threads, and nullptr takes it back. A layer with large products
    /// then splits its training passes into two parts run with ShardPool::runPinned, part p always on the
    /// pool's thread p mod threads; the parts are the same whatever the thread count, so the numbers are too,
    /// and params() says where each tensor divides (ParamRef::splitColumn). predict() never splits.
    virtual void shareWork(ShardPool* pool) { (void)pool; }

    /// Trainable tensors, in a fixed order (the order optimiser state and model files use).
    virtual std::vector<ParamRef> params() { return {}; }

    /// Draws fresh weights; layers without weights ignore it.
    virtual void initialise(Init init, Rng& rng) {
        (void)init;
        (void)rng;
    }

    /// Multiply-adds of one sample's forward pass (0 for layers that do no products); a measure of how much
    /// work a batch is, against how many parameters it updates.
    virtual long long multiplyAddsPerSample() const { return 0; }

    virtual std::unique_ptr<Layer> clone() const = 0;
};

} // namespace digitpad
