// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/LayerOutputs.h"

#include <stdexcept>
#include <string>

namespace digitpad {

std::vector<Matrix> layerOutputs(const Network& network, const Matrix& x) {
    if (x.rows() != network.inputShape().size())
        throw std::invalid_argument("network expects " + std::to_string(network.inputShape().size()) +
                                    " inputs, got " + std::to_string(x.rows()));
    const auto& layers = network.layers();
    std::vector<Matrix> outputs(layers.size());
    const Matrix* in = &x;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        layers[i]->predict(*in, outputs[i]);
        in = &outputs[i];
    }
    return outputs;
}

} // namespace digitpad
