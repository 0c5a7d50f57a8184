// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/FirstLayerFilters.h"

#include "layers/Conv2DLayer.h"

namespace digitpad {

FirstLayerFilters firstLayerFilters(const Network& network) {
    FirstLayerFilters filters;
    const auto tensors = network.tensors();
    for (const auto& [name, tensor] : tensors) {
        const auto dot = name.find('.');
        if (name.substr(dot + 1) != "weight")
            continue;
        filters.layer = std::stoi(name.substr(0, dot));
        const Layer& layer = *network.layers()[static_cast<std::size_t>(filters.layer)];
        filters.spec = layer.spec();
        if (const auto* conv = dynamic_cast<const Conv2DLayer*>(&layer)) {
            const int k = conv->geometry().kernel;
            filters.filterShape = {layer.inputShape().channels, k, k};
        } else {
            filters.filterShape = layer.inputShape();
        }
        filters.weights = tensor->transpose();
        return filters;
    }
    return filters;
}

} // namespace digitpad
