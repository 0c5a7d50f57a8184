// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Layer.h"

namespace digitpad {

/// Fills `weights` (any shape) with draws for `init` given the layer's fan-in and fan-out (for a convolution:
/// channels × kernel area in, output channels × kernel area out). See Init for the distributions.
void drawWeights(Matrix& weights, Init init, double fanIn, double fanOut, Rng& rng);

} // namespace digitpad
