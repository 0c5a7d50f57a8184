// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Loss.h"

#include "nn/MeanSquaredError.h"
#include "nn/SoftmaxCrossEntropy.h"

namespace digitpad {

std::unique_ptr<Loss> makeLoss(LossKind kind, double labelSmoothing) {
    if (kind == LossKind::MeanSquaredError)
        return std::make_unique<MeanSquaredError>();
    return std::make_unique<SoftmaxCrossEntropy>(static_cast<Scalar>(labelSmoothing));
}

} // namespace digitpad
