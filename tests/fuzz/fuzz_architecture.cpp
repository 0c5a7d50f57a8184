// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: architecture strings, as a user types them or a model file carries them. Planning must
// accept or throw std::invalid_argument; an accepted plan must build a network of exactly the planned shape
// and parameter count, and run one sample forward.
#include "layers/LayerFactory.h"
#include "tensor/Matrix.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace {

// Building is only tried below this many parameters or values, so that one input stays fast; planning, which
// is where sizes are checked against the limits, runs on every input.
constexpr long long kBuildParameterLimit = 2'000'000;
constexpr long long kBuildValueLimit = 1'000'000;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view architecture(reinterpret_cast<const char*>(data), size);
    const digitpad::Shape input{1, 28, 28};
    std::vector<digitpad::LayerPlan> plans;
    try {
        plans = digitpad::planEachLayer(input, architecture);
    } catch (const std::invalid_argument&) {
        return 0;
    }
    long long parameters = 0, values = input.size();
    for (const auto& plan : plans) {
        parameters += plan.parameters;
        values = std::max<long long>(values, plan.output.size());
    }
    if (parameters > kBuildParameterLimit || values > kBuildValueLimit)
        return 0;
    std::vector<std::unique_ptr<digitpad::Layer>> layers;
    try {
        layers = digitpad::makeLayers(input, architecture);
    } catch (const std::invalid_argument&) {
        return 0; // the whole-architecture parameter limit, checked by makeLayers only
    }
    if (layers.size() != plans.size())
        __builtin_trap();
    // Each layer as planned, and one blank sample (values × 1) through the whole chain.
    long long built = 0;
    digitpad::Matrix activation = digitpad::Matrix::Zero(input.size(), 1), next;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (layers[i]->outputShape().size() != plans[i].output.size())
            __builtin_trap();
        for (const auto& param : layers[i]->params())
            built += param.value->size();
        layers[i]->predict(activation, next);
        activation.swap(next);
    }
    if (built != parameters || (!plans.empty() && activation.rows() != plans.back().output.size()))
        __builtin_trap();
    return 0;
}
