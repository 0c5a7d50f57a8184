// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nn/Network.h"
#include "tensor/Matrix.h"
#include "tensor/Shape.h"

#include <string>

namespace digitpad {

/// The weights of a network's first layer that has any, one filter per output unit or channel.
struct FirstLayerFilters {
    int layer = -1;    ///< index into Network::layers(); -1 when no layer has weights
    std::string spec;  ///< that layer's token, e.g. "conv5x5x24" or "dense128"
    Shape filterShape; ///< one filter: C×K×K for a convolution, the layer's input shape for a dense layer
    /// filterShape.size() × filters, one column per filter (a row of the layer's weight matrix), in the
    /// layout of Shape: channel-major, then row-major. A dense layer on a 28×28 input has 784-value columns.
    Matrix weights;

    bool empty() const { return layer < 0; }
    int count() const { return static_cast<int>(weights.cols()); }
};

/// The first layer with weights: a convolution's kernels (OUT × C·K·K → C·K·K × OUT) or a dense layer's
/// units (units × inputs → inputs × units). Empty when no layer has weights.
FirstLayerFilters firstLayerFilters(const Network& network);

} // namespace digitpad
