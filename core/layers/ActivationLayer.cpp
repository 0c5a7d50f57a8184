// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/ActivationLayer.h"

#include "kernels/Kernels.h"

namespace digitpad {

std::string ActivationLayer::spec() const {
    return toName(activation_);
}

void ActivationLayer::predict(const Matrix& in, Matrix& out) const {
    out.resize(in.rows(), in.cols());
    activeKernels().activate(activation_, in.data(), out.data(), in.size());
}

void ActivationLayer::backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) {
    if (dIn)
        inputGradient(in, out, dOut, *dIn);
}

void ActivationLayer::inputGradient(const Matrix& in, const Matrix& out, const Matrix& dOut,
                                    Matrix& dIn) const {
    dIn.resize(dOut.rows(), dOut.cols());
    activeKernels().activationGradient(activation_, in.data(), out.data(), dOut.data(), dIn.data(),
                                       dOut.size());
}

} // namespace digitpad
