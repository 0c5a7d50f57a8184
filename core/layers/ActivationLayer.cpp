// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/ActivationLayer.h"

namespace digitpad {

std::string ActivationLayer::spec() const {
    return toName(activation_);
}

void ActivationLayer::predict(const Matrix& in, Matrix& out) const {
    out.resize(in.rows(), in.cols());
    switch (activation_) {
    case Activation::Sigmoid:
        // 1 / (1 + e^−x); e^−x overflows to +inf for x < −88 (float), giving the correct limit 0.
        out.array() = (Scalar(1) + (-in.array()).exp()).inverse();
        break;
    case Activation::Tanh:
        out.array() = in.array().tanh();
        break;
    case Activation::Relu:
        out.array() = in.array().max(Scalar(0));
        break;
    }
}

void ActivationLayer::backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) {
    if (!dIn)
        return;
    dIn->resize(dOut.rows(), dOut.cols());
    switch (activation_) {
    case Activation::Sigmoid:
        dIn->array() = dOut.array() * out.array() * (Scalar(1) - out.array());
        break;
    case Activation::Tanh:
        dIn->array() = dOut.array() * (Scalar(1) - out.array().square());
        break;
    case Activation::Relu:
        dIn->array() = (in.array() > Scalar(0)).select(dOut.array(), Scalar(0));
        break;
    }
}

} // namespace digitpad
