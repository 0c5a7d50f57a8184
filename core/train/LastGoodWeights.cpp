// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/LastGoodWeights.h"

#include <utility>

namespace digitpad {

LastGoodWeights::LastGoodWeights(std::vector<ParamRef> params) : params_(std::move(params)) {
    saved_.reserve(params_.size());
    for (const ParamRef& p : params_)
        saved_.push_back(*p.value);
}

void LastGoodWeights::save() {
    for (std::size_t i = 0; i < params_.size(); ++i)
        saved_[i] = *params_[i].value;
}

void LastGoodWeights::restore() const {
    for (std::size_t i = 0; i < params_.size(); ++i)
        *params_[i].value = saved_[i];
}

} // namespace digitpad
