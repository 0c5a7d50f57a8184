// SPDX-License-Identifier: GPL-3.0-or-later
#include "optim/Sgd.h"

namespace digitpad {

void Sgd::step(const std::vector<ParamRef>& params) {
    const Scalar rate = static_cast<Scalar>(learningRate_);
    const Scalar mu = static_cast<Scalar>(momentum_);
    if (momentum_ != 0.0 && velocity_.size() != params.size()) {
        velocity_.clear();
        for (const ParamRef& p : params)
            velocity_.push_back(Matrix::Zero(p.value->rows(), p.value->cols()));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
        Matrix& w = *params[i].value;
        const Matrix& g = *params[i].grad;
        const Scalar decay = params[i].decay ? static_cast<Scalar>(weightDecay_) : Scalar(0);
        if (momentum_ == 0.0) {
            const std::vector<int>* columns = params[i].nonzeroColumns;
            if (decay == Scalar(0) && columns && static_cast<Eigen::Index>(columns->size()) < w.cols()) {
                // Plain SGD leaves a weight with zero gradient unchanged: update only the columns that have
                // one.
                for (int j : *columns)
                    w.col(j) -= rate * g.col(j);
            } else if (decay != Scalar(0))
                w -= rate * (g + decay * w);
            else
                w -= rate * g;
        } else {
            Matrix& v = velocity_[i];
            if (decay != Scalar(0))
                v = mu * v + g + decay * w;
            else
                v = mu * v + g;
            w -= rate * v;
        }
    }
}

} // namespace digitpad
