// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Network.h"

#include "layers/LayerFactory.h"
#include "nn/InferenceShards.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace digitpad {

Network::Network(Shape input, std::vector<std::unique_ptr<Layer>> layers, OutputHead head)
    : input_(input), layers_(std::move(layers)), head_(head) {
    Shape expected = input_;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        if (!(layers_[i]->inputShape() == expected))
            throw std::invalid_argument("layer " + std::to_string(i) + " (" + layers_[i]->spec() +
                                        ") expects " + layers_[i]->inputShape().toString() +
                                        " but receives " + expected.toString());
        expected = layers_[i]->outputShape();
    }
}

Network::Network(const Network& other) : input_(other.input_), head_(other.head_) {
    layers_.reserve(other.layers_.size());
    for (const auto& layer : other.layers_)
        layers_.push_back(layer->clone());
}

Network& Network::operator=(const Network& other) {
    if (this != &other) {
        Network copy(other);
        *this = std::move(copy);
    }
    return *this;
}

Network Network::fromArchitecture(Shape input, std::string_view architecture, OutputHead head) {
    // makeLayers plans every layer's size before allocating any, so a crafted model file cannot make this
    // attempt a huge allocation.
    return Network(input, makeLayers(input, architecture), head);
}

std::string Network::architecture() const {
    std::string text;
    for (const auto& layer : layers_) {
        if (!text.empty())
            text += ',';
        text += layer->spec();
    }
    return text;
}

int Network::outputSize() const {
    return layers_.empty() ? input_.size() : layers_.back()->outputShape().size();
}

long long Network::multiplyAddsPerSample() const {
    long long total = 0;
    for (const auto& layer : layers_)
        total += layer->multiplyAddsPerSample();
    return total;
}

long long Network::parameterCount() const {
    long long count = 0;
    for (const auto& [name, tensor] : tensors())
        count += tensor->size();
    return count;
}

void Network::initialise(Init init, unsigned long long seed) {
    Rng rng(seed);
    for (auto& layer : layers_)
        layer->initialise(init, rng);
}

void Network::predictRaw(const Matrix& x, Matrix& out) const {
    if (x.cols() <= 1 || layers_.empty()) {
        predictColumns(x, out);
        return;
    }
    long long largestOutput = 0;
    for (const auto& layer : layers_)
        largestOutput = std::max<long long>(largestOutput, layer->outputShape().size());
    const Eigen::Index columns = x.cols();
    const int shards = inferenceShards(columns, multiplyAddsPerSample());
    const Eigen::Index chunk = inferenceChunkColumns(largestOutput);
    if (shards == 1 && columns <= chunk) {
        predictColumns(x, out);
        return;
    }
    // A large batch: its columns (samples) are independent, so contiguous ranges of them run on the
    // inference threads side by side, each through the whole network a cache-sized chunk of samples at a
    // time, and land in their columns of `out` (outputSize × batch). The cut depends on the batch and the
    // network alone, so the answer does not depend on which thread ran what.
    out.resize(outputSize(), columns);
    auto work = [&](int shard) {
        const Eigen::Index end = columns * (shard + 1) / shards;
        Matrix part;    // inputSize × chunk: layers take a whole Matrix
        Matrix partOut; // outputSize × chunk
        for (Eigen::Index first = columns * shard / shards; first < end; first += chunk) {
            const Eigen::Index count = std::min(chunk, end - first);
            part = x.middleCols(first, count);
            predictColumns(part, partOut);
            out.middleCols(first, count) = partOut;
        }
    };
    runInferenceShards(shards, work);
}

void Network::predictColumns(const Matrix& x, Matrix& out) const {
    if (layers_.empty()) {
        out = x;
        return;
    }
    // Ping-pong between two local buffers: no shared state, so concurrent calls on a const network are safe.
    Matrix scratch;
    const Matrix* in = &x;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        // The last layer writes into `out`; the others alternate so a layer never reads its own output
        // buffer.
        const bool last = i + 1 == layers_.size();
        Matrix& target = last ? out : ((layers_.size() - i) % 2 == 0 ? scratch : out);
        if (&target == in) {
            Matrix copy = *in;
            layers_[i]->predict(copy, target);
        } else {
            layers_[i]->predict(*in, target);
        }
        in = &target;
    }
}

Matrix Network::probabilities(const Matrix& x) const {
    Matrix out;
    predictRaw(x, out);
    if (head_ == OutputHead::Softmax) {
        softmaxColumns(out, out);
    } else {
        // Identity head (e.g. sigmoid units trained with MSE): clamp at 0 and rescale so columns sum to 1.
        out = out.cwiseMax(Scalar(0));
        for (Eigen::Index c = 0; c < out.cols(); ++c) {
            const Scalar sum = out.col(c).sum();
            if (sum > Scalar(0))
                out.col(c) /= sum;
            else
                out.col(c).setConstant(Scalar(1) / static_cast<Scalar>(out.rows()));
        }
    }
    return out;
}

const Matrix& Network::forward(const Matrix& x, Rng& rng) {
    if (layers_.empty())
        throw std::logic_error("forward() on an empty network");
    if (x.rows() != input_.size())
        throw std::invalid_argument("network expects " + std::to_string(input_.size()) + " inputs, got " +
                                    std::to_string(x.rows()));
    Buffers& buffers = buffersFor(x.cols());
    lastInput_ = &x;
    activeBuffers_ = static_cast<int>(&buffers - buffers_.data());
    const Matrix* in = &x;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        layers_[i]->forward(*in, buffers.activations[i], rng);
        in = &buffers.activations[i];
    }
    return buffers.activations.back();
}

void Network::shareWork(ShardPool* pool) {
    for (const std::unique_ptr<Layer>& layer : layers_)
        layer->shareWork(pool);
}

void Network::backward(const Matrix& dOutput) {
    if (!lastInput_ || activeBuffers_ < 0)
        throw std::logic_error("backward() without a preceding forward()");
    Buffers& buffers = buffers_[static_cast<std::size_t>(activeBuffers_)];
    for (std::size_t i = layers_.size(); i-- > 0;) {
        const Matrix& in = i == 0 ? *lastInput_ : buffers.activations[i - 1];
        const Matrix& dOut = i + 1 == layers_.size() ? dOutput : buffers.gradients[i + 1];
        layers_[i]->backward(in, buffers.activations[i], dOut, i == 0 ? nullptr : &buffers.gradients[i]);
    }
}

Network::Buffers& Network::buffersFor(Eigen::Index batch) {
    // Training alternates between at most two batch sizes (full batches and the epoch's last, partial one).
    // Keeping a buffer set for each means no allocation after the first epoch.
    for (auto& buffers : buffers_)
        if (buffers.batch == batch)
            return buffers;
    Buffers& reused = buffers_[nextBuffers_];
    nextBuffers_ = 1 - nextBuffers_;
    reused.batch = batch;
    reused.activations.resize(layers_.size());
    reused.gradients.resize(layers_.size());
    return reused;
}

std::vector<ParamRef> Network::params() {
    std::vector<ParamRef> all;
    for (std::size_t i = 0; i < layers_.size(); ++i)
        for (ParamRef p : layers_[i]->params()) {
            p.name = std::to_string(i) + "." + p.name;
            all.push_back(std::move(p));
        }
    return all;
}

std::vector<std::pair<std::string, const Matrix*>> Network::tensors() const {
    std::vector<std::pair<std::string, const Matrix*>> all;
    for (std::size_t i = 0; i < layers_.size(); ++i)
        for (const ParamRef& p : layers_[i]->params())
            all.emplace_back(std::to_string(i) + "." + p.name, p.value);
    return all;
}

void softmaxColumns(const Matrix& logits, Matrix& probs) {
    if (&probs != &logits)
        probs.resize(logits.rows(), logits.cols());
    for (Eigen::Index c = 0; c < logits.cols(); ++c) {
        const Scalar max = logits.col(c).maxCoeff();
        probs.col(c).array() = (logits.col(c).array() - max).exp();
        probs.col(c) /= probs.col(c).sum();
    }
}

} // namespace digitpad
