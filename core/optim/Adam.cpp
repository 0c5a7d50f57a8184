// SPDX-License-Identifier: GPL-3.0-or-later
#include "optim/Adam.h"

#include "kernels/Kernels.h"

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
    AdamCoefficients coefficients;
    coefficients.beta1 = static_cast<Scalar>(settings_.beta1);
    coefficients.beta2 = static_cast<Scalar>(settings_.beta2);
    coefficients.stepSize =
        static_cast<Scalar>(settings_.learningRate / (1.0 - std::pow(settings_.beta1, t)));
    coefficients.invSqrtCorrection2 =
        static_cast<Scalar>(1.0 / std::sqrt(1.0 - std::pow(settings_.beta2, t)));
    coefficients.epsilon = static_cast<Scalar>(settings_.epsilon);
    const Kernels& kernels = activeKernels();
    for (std::size_t i = 0; i < params.size(); ++i) {
        coefficients.decay = params[i].decay ? static_cast<Scalar>(settings_.weightDecay) : Scalar(0);
        kernels.adamUpdate(coefficients, params[i].value->data(), params[i].grad->data(),
                           firstMoment_[i].data(), secondMoment_[i].data(), params[i].value->size());
    }
}

} // namespace digitpad
