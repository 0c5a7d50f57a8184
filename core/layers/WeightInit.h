// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Matrix.h"
#include "tensor/NameTable.h"
#include "tensor/Random.h"

namespace digitpad {

/// How trainable weights are drawn before training.
enum class Init {
    Xavier,      ///< Glorot uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)); suits sigmoid and tanh
    He,          ///< He normal: N(0, 2 / fanIn); suits ReLU
    SmallNormal, ///< N(0, 1 / fanIn) weights, zero biases: the classic from-scratch tutorials' choice
};

inline constexpr NameTable<Init, 4> kInitNames{{
    {Init::Xavier, "xavier"},
    {Init::Xavier, "glorot", true},
    {Init::He, "he"},
    {Init::SmallNormal, "small-normal"},
}};
constexpr const auto& names(Init) {
    return kInitNames;
}

/// Fills `weights` (any shape) with draws for `init` given the layer's fan-in and fan-out (for a convolution:
/// channels × kernel area in, output channels × kernel area out). See Init for the distributions.
void drawWeights(Matrix& weights, Init init, double fanIn, double fanOut, Rng& rng);

} // namespace digitpad
