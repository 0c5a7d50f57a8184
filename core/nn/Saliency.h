// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nn/Network.h"
#include "tensor/Matrix.h"

namespace digitpad {

/// The gradient of the margin m(x) = raw[toward](x) − raw[awayFrom](x) with respect to every input, for one
/// sample x (inputShape().size() × 1) → inputShape().size() × 1. raw is the last layer's output: logits with
/// the softmax head (softmax is monotonic, so the margin orders the two classes as their probabilities do),
/// the outputs themselves with the identity head. A positive entry means more of that input raises `toward`
/// against `awayFrom`. With awayFrom < 0 the margin is raw[toward] alone (a network with one output).
///
/// The network is evaluated in inference mode (dropout is the identity, so its gradient passes through
/// unchanged) with the layers' const predict() and inputGradient(): no copies, no parameter gradients, and
/// the network itself stays unchanged, so this is thread-safe. Throws std::invalid_argument for a bad x or
/// class index.
Matrix marginGradient(const Network& network, const Matrix& x, int toward, int awayFrom);

} // namespace digitpad
