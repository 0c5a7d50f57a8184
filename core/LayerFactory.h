// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Layer.h"

#include <memory>
#include <string_view>

namespace digitpad {

/// Builds one layer from its architecture token for the given input shape:
/// "dense<N>" (N units), "sigmoid", "tanh", "relu", "conv<K>x<K>x<N>" (K×K kernel, N output channels) with
/// optional "s<S>" (stride) and "p<P>" (zero padding) suffixes in that order, "pool<N>" (N×N max pooling,
/// stride N), "dropout<P>" (P percent), "flatten". Throws std::invalid_argument naming the token, also when
/// a well-formed token does not fit `input` (e.g. a kernel larger than the padded image).
std::unique_ptr<Layer> makeLayer(std::string_view token, Shape input);

} // namespace digitpad
