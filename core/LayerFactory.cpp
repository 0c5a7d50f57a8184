// SPDX-License-Identifier: GPL-3.0-or-later
#include "LayerFactory.h"

#include "ActivationLayer.h"
#include "Conv2DLayer.h"
#include "DenseLayer.h"
#include "DropoutLayer.h"
#include "FlattenLayer.h"
#include "MaxPool2DLayer.h"

#include <charconv>
#include <optional>
#include <stdexcept>
#include <string>

namespace digitpad {

namespace {

/// The largest count any token may give (units, channels, kernel size, ...): keeps a typo from asking for
/// gigabytes.
constexpr int kMaxCount = 1'000'000;

/// Parses the whole of text as a positive int, or returns 0.
int parsePositive(std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0)
        return 0;
    return value;
}

/// Reads a non-negative decimal number at the front of text and removes it; nullopt when there is none.
std::optional<int> takeNumber(std::string_view& text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || value < 0 || value > kMaxCount)
        return std::nullopt;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    return value;
}

/// Removes `prefix` from the front of text; false when text does not start with it.
bool take(std::string_view& text, std::string_view prefix) {
    if (!text.starts_with(prefix))
        return false;
    text.remove_prefix(prefix.size());
    return true;
}

/// "conv<K>x<K>x<OUT>[s<S>][p<P>]" → geometry; nullopt when the token does not have that form.
std::optional<ConvGeometry> parseConv(std::string_view text) {
    ConvGeometry g;
    if (!take(text, "conv"))
        return std::nullopt;
    const auto height = takeNumber(text);
    if (!height || !take(text, "x"))
        return std::nullopt;
    const auto width = takeNumber(text);
    if (!width || !take(text, "x") || *width != *height)
        return std::nullopt;
    const auto channels = takeNumber(text);
    if (!channels)
        return std::nullopt;
    g.kernel = *height;
    g.outChannels = *channels;
    if (take(text, "s")) {
        const auto stride = takeNumber(text);
        if (!stride)
            return std::nullopt;
        g.stride = *stride;
    }
    if (take(text, "p")) {
        const auto padding = takeNumber(text);
        if (!padding)
            return std::nullopt;
        g.padding = *padding;
    }
    if (!text.empty() || g.kernel < 1 || g.outChannels < 1 || g.stride < 1)
        return std::nullopt;
    return g;
}

std::unique_ptr<Layer> build(std::string_view token, Shape input) {
    if (token == "sigmoid")
        return std::make_unique<ActivationLayer>(input, Activation::Sigmoid);
    if (token == "tanh")
        return std::make_unique<ActivationLayer>(input, Activation::Tanh);
    if (token == "relu")
        return std::make_unique<ActivationLayer>(input, Activation::Relu);
    if (token == "flatten")
        return std::make_unique<FlattenLayer>(input);
    if (token.starts_with("dense")) {
        const int units = parsePositive(token.substr(5));
        if (units > 0 && units <= kMaxCount)
            return std::make_unique<DenseLayer>(input, units);
    }
    if (token.starts_with("conv"))
        if (const auto geometry = parseConv(token))
            return std::make_unique<Conv2DLayer>(input, *geometry);
    if (token.starts_with("pool")) {
        const int window = parsePositive(token.substr(4));
        if (window > 0 && window <= kMaxCount)
            return std::make_unique<MaxPool2DLayer>(input, window);
    }
    if (token.starts_with("dropout")) {
        const int percent = parsePositive(token.substr(7));
        if (percent > 0 && percent < 100)
            return std::make_unique<DropoutLayer>(input, percent);
        throw std::invalid_argument("bad layer '" + std::string(token) +
                                    "': dropout takes a percentage from 1 to 99, e.g. dropout25");
    }
    throw std::invalid_argument("unknown layer '" + std::string(token) +
                                "' (expected denseN, sigmoid, tanh, relu, convKxKxN[sS][pP], poolN, dropoutP "
                                "or flatten)");
}

} // namespace

std::unique_ptr<Layer> makeLayer(std::string_view token, Shape input) {
    try {
        return build(token, input);
    } catch (const std::invalid_argument& error) {
        const std::string message = error.what();
        if (message.find("'" + std::string(token) + "'") != std::string::npos)
            throw;
        // A well-formed token that does not fit its input, e.g. a 5×5 kernel on a 4×4 image.
        throw std::invalid_argument("bad layer '" + std::string(token) + "' for input " + input.toString() +
                                    ": " + message);
    }
}

} // namespace digitpad
