// SPDX-License-Identifier: GPL-3.0-or-later
#include "optim/Sgd.h"

namespace digitpad {

namespace {

using Values = Eigen::Map<Eigen::Matrix<Scalar, Eigen::Dynamic, 1>>;
using ConstValues = Eigen::Map<const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>>;

} // namespace

void Sgd::beginStep(const std::vector<ParamRef>& params) {
    if (momentum_ != 0.0 && velocity_.size() != params.size()) {
        velocity_.clear();
        for (const ParamRef& p : params)
            velocity_.push_back(Matrix::Zero(p.value->rows(), p.value->cols()));
    }
}

void Sgd::step(const std::vector<ParamRef>& params) {
    beginStep(params);
    const Scalar rate = static_cast<Scalar>(learningRate_);
    for (std::size_t i = 0; i < params.size(); ++i) {
        const ParamRef& p = params[i];
        const std::vector<int>* columns = p.nonzeroColumns;
        const bool sparse = momentum_ == 0.0 && !(p.decay && weightDecay_ != 0.0) && columns &&
                            static_cast<Eigen::Index>(columns->size()) < p.value->cols();
        if (!sparse) {
            update(params, {i, 0, p.value->size()});
            continue;
        }
        // A zero gradient leaves a weight unchanged: update only the columns that have one.
        for (int j : *columns)
            p.value->col(j) -= rate * p.grad->col(j);
    }
}

void Sgd::update(const std::vector<ParamRef>& params, const ParamSpan& span) {
    const ParamRef& p = params[span.param];
    const Eigen::Index n = span.last - span.first;
    Values w(p.value->data() + span.first, n);
    const ConstValues g(p.grad->data() + span.first, n);
    const Scalar rate = static_cast<Scalar>(learningRate_);
    const Scalar mu = static_cast<Scalar>(momentum_);
    const Scalar decay = p.decay ? static_cast<Scalar>(weightDecay_) : Scalar(0);
    if (momentum_ == 0.0) {
        if (decay != Scalar(0))
            w -= rate * (g + decay * w);
        else
            w -= rate * g;
        return;
    }
    Values v(velocity_[span.param].data() + span.first, n);
    if (decay != Scalar(0))
        v = mu * v + g + decay * w;
    else
        v = mu * v + g;
    w -= rate * v;
}

} // namespace digitpad
