// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/WeightInit.h"

#include <cmath>

namespace digitpad {

void drawWeights(Matrix& weights, Init init, double fanIn, double fanOut, Rng& rng) {
    auto fill = [&](auto&& distribution) {
        for (Eigen::Index i = 0; i < weights.size(); ++i)
            weights.data()[i] = static_cast<Scalar>(distribution(rng));
    };
    switch (init) {
    case Init::Xavier: {
        const double limit = std::sqrt(6.0 / (fanIn + fanOut));
        fill(std::uniform_real_distribution<double>(-limit, limit));
        break;
    }
    case Init::He:
        fill(std::normal_distribution<double>(0.0, std::sqrt(2.0 / fanIn)));
        break;
    case Init::SmallNormal:
        fill(std::normal_distribution<double>(0.0, 1.0 / std::sqrt(fanIn)));
        break;
    }
}

} // namespace digitpad
