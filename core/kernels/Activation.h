// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/NameTable.h"

namespace digitpad {

/// The element-wise non-linearities a network can use between layers.
enum class Activation { Sigmoid, Tanh, Relu };

/// Their names in architecture strings, presets, the command line and the settings form.
inline constexpr NameTable<Activation, 3> kActivationNames{{
    {Activation::Sigmoid, "sigmoid"},
    {Activation::Tanh, "tanh"},
    {Activation::Relu, "relu"},
}};
constexpr const auto& names(Activation) {
    return kActivationNames;
}

} // namespace digitpad
