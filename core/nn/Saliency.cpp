// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Saliency.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace digitpad {

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

    // predict() and inputGradient() are const and keep nothing, so the network is neither copied nor changed
    // (dropout is the identity at inference, and so is its gradient).
    const auto& layers = network.layers();
    std::vector<Matrix> activations(layers.size());
    const Matrix* in = &x;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        layers[i]->predict(*in, activations[i]);
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
        layers[i]->inputGradient(i == 0 ? x : activations[i - 1], activations[i], gradient, dIn);
        gradient.swap(dIn);
    }
    return gradient;
}

} // namespace digitpad
