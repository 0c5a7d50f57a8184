// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Saliency.h"

#include "layers/DropoutLayer.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace digitpad {

namespace {

/// Dropout's training forward() draws a mask; at inference it is the identity, and so is its gradient.
bool isDropout(const Layer& layer) {
    return dynamic_cast<const DropoutLayer*>(&layer) != nullptr;
}

} // namespace

Matrix marginGradient(const Network& network, const Matrix& x, int toward, int awayFrom) {
    if (network.empty())
        throw std::invalid_argument("marginGradient: the network has no layers");
    if (x.rows() != network.inputShape().size() || x.cols() != 1)
        throw std::invalid_argument("marginGradient: expected one sample of " +
                                    std::to_string(network.inputShape().size()) + " inputs, got " +
                                    std::to_string(x.rows()) + " × " + std::to_string(x.cols()));
    const int outputs = network.outputSize();
    if (toward < 0 || toward >= outputs || awayFrom >= outputs || awayFrom == toward)
        throw std::invalid_argument("marginGradient: classes " + std::to_string(toward) + " and " +
                                    std::to_string(awayFrom) + " do not fit " + std::to_string(outputs) +
                                    " outputs");

    // Copies: forward() keeps what backward() needs (convolution's padded planes) inside the layer, and
    // backward() overwrites the parameter gradients, neither of which a const network may change.
    const auto& source = network.layers();
    std::vector<std::unique_ptr<Layer>> layers;
    layers.reserve(source.size());
    for (const auto& layer : source)
        layers.push_back(isDropout(*layer) ? nullptr : layer->clone());

    // Only dropout reads the generator in forward(), and dropout is skipped.
    Rng unused(0);
    std::vector<Matrix> activations(layers.size());
    const Matrix* in = &x;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (layers[i])
            layers[i]->forward(*in, activations[i], unused);
        else
            activations[i] = *in;
        in = &activations[i];
    }

    // dm/draw = e_toward − e_awayFrom; the chain rule then runs backwards through every layer, the first
    // included (training skips the first layer's input gradient; here it is the answer).
    Matrix gradient = Matrix::Zero(outputs, 1);
    gradient(toward, 0) = Scalar(1);
    if (awayFrom >= 0)
        gradient(awayFrom, 0) = Scalar(-1);
    Matrix dIn;
    for (std::size_t i = layers.size(); i-- > 0;) {
        if (!layers[i])
            continue;
        const Matrix& layerIn = i == 0 ? x : activations[i - 1];
        layers[i]->backward(layerIn, activations[i], gradient, &dIn);
        gradient.swap(dIn);
    }
    return gradient;
}

} // namespace digitpad
