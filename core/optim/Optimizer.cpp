// SPDX-License-Identifier: GPL-3.0-or-later
#include "optim/Optimizer.h"

#include "optim/Adam.h"
#include "optim/Sgd.h"

namespace digitpad {

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSettings& settings) {
    if (settings.kind == OptimizerKind::Sgd)
        return std::make_unique<Sgd>(settings.learningRate, settings.momentum, settings.weightDecay);
    return std::make_unique<Adam>(settings);
}

std::string toString(OptimizerKind kind) {
    return kind == OptimizerKind::Sgd ? "sgd" : "adam";
}

bool parseOptimizerKind(const std::string& text, OptimizerKind& kind) {
    if (text == "sgd") {
        kind = OptimizerKind::Sgd;
        return true;
    }
    if (text == "adam") {
        kind = OptimizerKind::Adam;
        return true;
    }
    return false;
}

} // namespace digitpad
