// SPDX-License-Identifier: GPL-3.0-or-later
#include "optim/Optimizer.h"

#include "optim/Adam.h"
#include "optim/Sgd.h"

namespace digitpad {

void Optimizer::step(const std::vector<ParamRef>& params) {
    beginStep(params);
    for (std::size_t i = 0; i < params.size(); ++i)
        update(params, {i, 0, params[i].value->size()});
}

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSettings& settings) {
    if (settings.kind == OptimizerKind::Sgd)
        return std::make_unique<Sgd>(settings.learningRate, settings.momentum, settings.weightDecay);
    return std::make_unique<Adam>(settings);
}

} // namespace digitpad
