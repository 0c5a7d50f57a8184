// SPDX-License-Identifier: GPL-3.0-or-later
#include "LayerFactory.h"

#include "ActivationLayer.h"
#include "DenseLayer.h"

#include <charconv>
#include <stdexcept>
#include <string>

namespace digitpad {

namespace {

/// Parses the whole of text as a positive int, or returns 0.
int parsePositive(std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0)
        return 0;
    return value;
}

} // namespace

std::unique_ptr<Layer> makeLayer(std::string_view token, Shape input) {
    if (token == "sigmoid")
        return std::make_unique<ActivationLayer>(input, Activation::Sigmoid);
    if (token == "tanh")
        return std::make_unique<ActivationLayer>(input, Activation::Tanh);
    if (token == "relu")
        return std::make_unique<ActivationLayer>(input, Activation::Relu);
    if (token.starts_with("dense")) {
        const int units = parsePositive(token.substr(5));
        if (units > 0 && units <= 1'000'000)
            return std::make_unique<DenseLayer>(input, units);
    }
    throw std::invalid_argument("unknown layer '" + std::string(token) +
                                "' (expected denseN, sigmoid, tanh or relu)");
}

} // namespace digitpad
