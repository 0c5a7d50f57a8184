// SPDX-License-Identifier: GPL-3.0-or-later
#include "optim/Adam.h"

#include <cmath>

namespace digitpad {

void Adam::restore(const OptimizerState& state) {
    steps_ = state.steps;
    firstMoment_ = state.first;
    secondMoment_ = state.second;
}

void Adam::step(const std::vector<ParamRef>& params) {
    if (firstMoment_.size() != params.size()) {
        firstMoment_.clear();
        secondMoment_.clear();
        for (const ParamRef& p : params) {
            firstMoment_.push_back(Matrix::Zero(p.value->rows(), p.value->cols()));
            secondMoment_.push_back(Matrix::Zero(p.value->rows(), p.value->cols()));
        }
        steps_ = 0;
    }
    ++steps_;
    const double t = static_cast<double>(steps_);
    const Scalar b1 = static_cast<Scalar>(settings_.beta1);
    const Scalar b2 = static_cast<Scalar>(settings_.beta2);
    const Scalar stepSize =
        static_cast<Scalar>(settings_.learningRate / (1.0 - std::pow(settings_.beta1, t)));
    const Scalar invSqrtCorrection2 =
        static_cast<Scalar>(1.0 / std::sqrt(1.0 - std::pow(settings_.beta2, t)));
    const Scalar eps = static_cast<Scalar>(settings_.epsilon);

    for (std::size_t i = 0; i < params.size(); ++i) {
        Scalar* __restrict w = params[i].value->data();
        const Scalar* __restrict g = params[i].grad->data();
        Scalar* __restrict m = firstMoment_[i].data();
        Scalar* __restrict v = secondMoment_[i].data();
        const Scalar decay = params[i].decay ? static_cast<Scalar>(settings_.weightDecay) : Scalar(0);
        const Eigen::Index n = params[i].value->size();
        // One fused pass over w, g, m, v (the compiler vectorises it): memory traffic, not arithmetic, bounds
        // it.
        for (Eigen::Index k = 0; k < n; ++k) {
            const Scalar grad = g[k] + decay * w[k];
            m[k] = b1 * m[k] + (Scalar(1) - b1) * grad;
            v[k] = b2 * v[k] + (Scalar(1) - b2) * grad * grad;
            w[k] -= stepSize * m[k] / (std::sqrt(v[k]) * invSqrtCorrection2 + eps);
        }
    }
}

} // namespace digitpad
