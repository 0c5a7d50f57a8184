// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/LayerFactory.h"

#include "layers/ActivationLayer.h"
#include "layers/Conv2DLayer.h"
#include "layers/DenseLayer.h"
#include "layers/DropoutLayer.h"
#include "layers/FlattenLayer.h"
#include "layers/MaxPool2DLayer.h"

#include <charconv>
#include <limits>
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

enum class Kind { Activation, Flatten, Dense, Conv, Pool, Dropout };

/// A token read but not yet built: `count` is the units, pooling window or dropout percentage.
struct ParsedToken {
    Kind kind = Kind::Activation;
    int count = 0;
    ConvGeometry conv{};
    Activation activation = Activation::Relu;
};

ParsedToken parse(std::string_view token) {
    if (const std::optional<Activation> activation = fromName<Activation>(token))
        return {Kind::Activation, 0, {}, *activation};
    if (token == "flatten")
        return {Kind::Flatten};
    if (token.starts_with("dense")) {
        const int units = parsePositive(token.substr(5));
        if (units > 0 && units <= kMaxCount)
            return {Kind::Dense, units};
    }
    if (token.starts_with("conv"))
        if (const auto geometry = parseConv(token))
            return {Kind::Conv, 0, *geometry};
    if (token.starts_with("pool")) {
        const int window = parsePositive(token.substr(4));
        if (window > 0 && window <= kMaxCount)
            return {Kind::Pool, window};
    }
    if (token.starts_with("dropout")) {
        const int percent = parsePositive(token.substr(7));
        if (percent > 0 && percent < 100)
            return {Kind::Dropout, percent};
        throw std::invalid_argument("bad layer '" + std::string(token) +
                                    "': dropout takes a percentage from 1 to 99, e.g. dropout25");
    }
    throw std::invalid_argument("unknown layer '" + std::string(token) + "' (expected denseN, " +
                                nameChoices<Activation>(", ") +
                                ", convKxKxN[sS][pP], poolN, dropoutP or flatten)");
}

std::unique_ptr<Layer> construct(const ParsedToken& parsed, Shape input) {
    switch (parsed.kind) {
    case Kind::Activation:
        return std::make_unique<ActivationLayer>(input, parsed.activation);
    case Kind::Flatten:
        return std::make_unique<FlattenLayer>(input);
    case Kind::Dense:
        return std::make_unique<DenseLayer>(input, parsed.count);
    case Kind::Conv:
        return std::make_unique<Conv2DLayer>(input, parsed.conv);
    case Kind::Pool:
        return std::make_unique<MaxPool2DLayer>(input, parsed.count);
    case Kind::Dropout:
        return std::make_unique<DropoutLayer>(input, parsed.count);
    }
    throw std::logic_error("unhandled layer kind");
}

/// c·h·w in 64 bits: a shape read from a model file may overflow Shape::size().
long long valuesOf(Shape shape) {
    return static_cast<long long>(shape.channels) * shape.height * shape.width;
}

/// a·b, or a quarter of the largest long long when it is larger: the result is only compared against the
/// limits, and the headroom lets a caller add a bias count without overflowing.
long long saturatingProduct(long long a, long long b) {
    constexpr long long kSaturated = std::numeric_limits<long long>::max() / 4;
    long long product = 0;
    return __builtin_mul_overflow(a, b, &product) || product > kSaturated ? kSaturated : product;
}

void checkValues(const char* what, Shape shape) {
    const long long values = valuesOf(shape);
    if (values > kMaxValuesPerSample)
        throw std::invalid_argument(std::string(what) + " " + shape.toString() + " has " +
                                    std::to_string(values) + " values per sample, more than the limit of " +
                                    std::to_string(kMaxValuesPerSample));
}

/// Output shape and parameter count, computed in 64 bits from the token's numbers; only the layers without
/// parameters are built (to reuse their shape checks), as they allocate nothing that grows with the input.
LayerPlan plan(const ParsedToken& parsed, Shape input) {
    checkValues("input", input);
    LayerPlan result;
    if (parsed.kind == Kind::Dense) {
        result.output = {1, 1, parsed.count};
        result.parameters = static_cast<long long>(parsed.count) * (valuesOf(input) + 1);
        result.weightRows = parsed.count;
        result.weightCols = valuesOf(input);
    } else if (parsed.kind == Kind::Conv) {
        // Conv2DLayer's geometry: Ho = (H + 2P − K) / S + 1; weights OUT × (C·K·K) and OUT biases.
        const ConvGeometry& g = parsed.conv;
        const long long paddedHeight = input.height + 2LL * g.padding;
        const long long paddedWidth = input.width + 2LL * g.padding;
        if (paddedHeight < g.kernel || paddedWidth < g.kernel)
            throw std::invalid_argument("kernel " + std::to_string(g.kernel) + "x" +
                                        std::to_string(g.kernel) + " does not fit input " + input.toString() +
                                        " with padding " + std::to_string(g.padding));
        const long long outHeight = (paddedHeight - g.kernel) / g.stride + 1;
        const long long outWidth = (paddedWidth - g.kernel) / g.stride + 1;
        const long long outValues = saturatingProduct(saturatingProduct(g.outChannels, outHeight), outWidth);
        if (outValues > kMaxValuesPerSample)
            throw std::invalid_argument(
                "output " + std::to_string(g.outChannels) + "x" + std::to_string(outHeight) + "x" +
                std::to_string(outWidth) + " has " + std::to_string(outValues) +
                " values per sample, more than the limit of " + std::to_string(kMaxValuesPerSample));
        result.output = {g.outChannels, static_cast<int>(outHeight), static_cast<int>(outWidth)};
        const long long taps = saturatingProduct(saturatingProduct(input.channels, g.kernel), g.kernel);
        result.parameters = saturatingProduct(g.outChannels, taps) + g.outChannels;
        result.weightRows = g.outChannels;
        result.weightCols = taps;
    } else {
        result.output = construct(parsed, input)->outputShape();
    }
    checkValues("output", result.output);
    return result;
}

/// Runs `work`, rewording an error that does not name the token (a well-formed token that does not fit its
/// input, e.g. a 5×5 kernel on a 4×4 image) so that it does.
template <typename Work> auto namingToken(std::string_view token, Shape input, Work work) {
    try {
        return work();
    } catch (const std::invalid_argument& error) {
        const std::string message = error.what();
        if (message.find("'" + std::string(token) + "'") != std::string::npos)
            throw;
        throw std::invalid_argument("bad layer '" + std::string(token) + "' for input " + input.toString() +
                                    ": " + message);
    }
}

/// The tokens of an architecture string, spaces around each trimmed; throws on an empty one.
std::vector<std::string_view> tokens(std::string_view architecture) {
    std::vector<std::string_view> result;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = architecture.find(',', start);
        const std::size_t end = comma == std::string_view::npos ? architecture.size() : comma;
        std::string_view token = architecture.substr(start, end - start);
        while (!token.empty() && token.front() == ' ')
            token.remove_prefix(1);
        while (!token.empty() && token.back() == ' ')
            token.remove_suffix(1);
        if (token.empty())
            throw std::invalid_argument("empty layer in architecture '" + std::string(architecture) + "'");
        result.push_back(token);
        if (comma == std::string_view::npos)
            return result;
        start = comma + 1;
    }
}

/// Throws when one layer alone holds more than kMaxParameters.
void checkLayerSize(std::string_view token, Shape input, const LayerPlan& layer) {
    if (layer.parameters > kMaxParameters)
        throw std::invalid_argument("layer '" + std::string(token) + "' on input " + input.toString() +
                                    " would hold " + std::to_string(layer.parameters) +
                                    " parameters, more than the limit of " + std::to_string(kMaxParameters));
}

} // namespace

LayerPlan planLayer(std::string_view token, Shape input) {
    return namingToken(token, input, [&] { return plan(parse(token), input); });
}

std::unique_ptr<Layer> makeLayer(std::string_view token, Shape input) {
    return namingToken(token, input, [&] {
        const ParsedToken parsed = parse(token);
        checkLayerSize(token, input, plan(parsed, input));
        return construct(parsed, input);
    });
}

std::vector<LayerPlan> planEachLayer(Shape input, std::string_view architecture) {
    std::vector<LayerPlan> plans;
    Shape shape = input;
    long long total = 0;
    for (const std::string_view token : tokens(architecture)) {
        const LayerPlan layer = planLayer(token, shape);
        checkLayerSize(token, shape, layer);
        // Compared as a difference, so a saturated count cannot overflow the sum.
        if (layer.parameters > kMaxParameters - total)
            throw std::invalid_argument(
                "architecture '" + std::string(architecture) + "' is too large: layer '" +
                std::string(token) + "' on input " + shape.toString() + " adds " +
                std::to_string(layer.parameters) + " parameters to " + std::to_string(total) +
                ", more than the limit of " + std::to_string(kMaxParameters) + " in total");
        total += layer.parameters;
        shape = layer.output;
        plans.push_back(layer);
    }
    return plans;
}

LayerPlan planLayers(Shape input, std::string_view architecture) {
    LayerPlan whole;
    whole.output = input;
    for (const LayerPlan& layer : planEachLayer(input, architecture)) {
        whole.output = layer.output;
        whole.parameters += layer.parameters;
    }
    return whole;
}

std::vector<std::unique_ptr<Layer>> makeLayers(Shape input, std::string_view architecture) {
    planLayers(input, architecture);
    const std::vector<std::string_view> list = tokens(architecture);
    std::vector<std::unique_ptr<Layer>> layers;
    layers.reserve(list.size());
    Shape shape = input;
    for (const std::string_view token : list) {
        layers.push_back(makeLayer(token, shape));
        shape = layers.back()->outputShape();
    }
    return layers;
}

} // namespace digitpad
