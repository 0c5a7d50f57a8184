// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layers/Parameter.h"

#include <vector>

namespace digitpad {

/// A copy of a network's weights to fall back on: training saves it at the start of every epoch and
/// restores it when the loss diverges, so the network keeps the weights of the last completed epoch (or its
/// initial ones). The copies are allocated once, at construction; save() and restore() copy value by value
/// and allocate nothing.
class LastGoodWeights {
public:
    /// Keeps a copy of every value in `params` as it is now. The parameters must outlive this object and keep
    /// their sizes.
    explicit LastGoodWeights(std::vector<ParamRef> params);

    /// Remembers the parameters' current values.
    void save();
    /// Puts the remembered values back into the parameters.
    void restore() const;

private:
    std::vector<ParamRef> params_;
    std::vector<Matrix> saved_; ///< saved_[i] has the shape of *params_[i].value
};

} // namespace digitpad
