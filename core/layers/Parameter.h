// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Matrix.h"

#include <string>
#include <vector>

namespace digitpad {

/// The parts a layer splits its training work into when it is lent threads (Layer::shareWork).
inline constexpr int kSplitParts = 2;

/// A view of one trainable tensor and its gradient, owned by the layer. `decay` is true for weights that L2
/// weight decay applies to (never for biases). When `nonzeroColumns` is set, the gradient is known to be zero
/// outside those columns (a dense layer fed one sparse sample, e.g. an MNIST image with ~80 % blank pixels),
/// so an optimiser whose update of a zero gradient is a no-op may touch only them.
struct ParamRef {
    std::string name;
    Matrix* value = nullptr;
    Matrix* grad = nullptr;
    bool decay = false;
    const std::vector<int>* nonzeroColumns = nullptr;
    /// When > 0, training splits the tensor's columns in two at this one (see Layer::shareWork): part 0's
    /// thread computes the gradient of columns [0, splitColumn), part 1's of the rest, and the optimiser
    /// updates each part on the thread that holds it.
    Eigen::Index splitColumn = 0;
};

} // namespace digitpad
