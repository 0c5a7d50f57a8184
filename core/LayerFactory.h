// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Layer.h"

#include <memory>
#include <string_view>

namespace digitpad {

/// Builds one layer from its architecture token for the given input shape:
/// "dense<N>" (N units), "sigmoid", "tanh", "relu". Throws std::invalid_argument naming the token.
std::unique_ptr<Layer> makeLayer(std::string_view token, Shape input);

} // namespace digitpad
