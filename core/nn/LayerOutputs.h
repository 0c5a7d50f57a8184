// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nn/Network.h"
#include "tensor/Matrix.h"

#include <vector>

namespace digitpad {

/// Every layer's inference output for the samples x (inputShape().size() × batch): element i is layer i's
/// output, layers()[i]->outputShape().size() × batch; the last one is the network's raw output (logits with
/// the softmax head). Dropout is the identity here, as in any inference. Const and thread-safe, like
/// Network::predictRaw(). Throws std::invalid_argument when x does not have inputShape().size() rows.
std::vector<Matrix> layerOutputs(const Network& network, const Matrix& x);

} // namespace digitpad
