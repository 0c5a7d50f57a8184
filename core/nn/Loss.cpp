// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Loss.h"

#include "nn/MeanSquaredError.h"
#include "nn/SoftmaxCrossEntropy.h"

namespace digitpad {

std::unique_ptr<Loss> makeLoss(LossKind kind) {
    if (kind == LossKind::MeanSquaredError)
        return std::make_unique<MeanSquaredError>();
    return std::make_unique<SoftmaxCrossEntropy>();
}

std::string toString(LossKind kind) {
    return kind == LossKind::MeanSquaredError ? "mse" : "cross-entropy";
}

bool parseLossKind(const std::string& text, LossKind& kind) {
    if (text == "cross-entropy" || text == "ce") {
        kind = LossKind::CrossEntropy;
        return true;
    }
    if (text == "mse") {
        kind = LossKind::MeanSquaredError;
        return true;
    }
    return false;
}

} // namespace digitpad
