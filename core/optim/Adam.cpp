// SPDX-License-Identifier: GPL-3.0-or-later
#include "optim/Adam.h"

#include <cmath>

namespace digitpad {

void Adam::restore(const OptimizerState& state) {
    steps_ = state.steps;
    firstMoment_ = state.first;
    secondMoment_ = state.second;
}

void Adam::beginStep(const std::vector<ParamRef>& params) {
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
    coefficients_.beta1 = static_cast<Scalar>(settings_.beta1);
    coefficients_.beta2 = static_cast<Scalar>(settings_.beta2);
    coefficients_.stepSize =
        static_cast<Scalar>(settings_.learningRate / (1.0 - std::pow(settings_.beta1, t)));
    coefficients_.invSqrtCorrection2 =
        static_cast<Scalar>(1.0 / std::sqrt(1.0 - std::pow(settings_.beta2, t)));
    coefficients_.epsilon = static_cast<Scalar>(settings_.epsilon);
}

void Adam::update(const std::vector<ParamRef>& params, const ParamSpan& span) {
    const ParamRef& p = params[span.param];
    AdamCoefficients coefficients = coefficients_;
    coefficients.decay = p.decay ? static_cast<Scalar>(settings_.weightDecay) : Scalar(0);
    activeKernels().adamUpdate(coefficients, p.value->data() + span.first, p.grad->data() + span.first,
                               firstMoment_[span.param].data() + span.first,
                               secondMoment_[span.param].data() + span.first, span.last - span.first);
}

} // namespace digitpad
