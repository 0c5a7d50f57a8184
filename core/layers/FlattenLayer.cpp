// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/FlattenLayer.h"

namespace digitpad {

void FlattenLayer::predict(const Matrix& in, Matrix& out) const {
    out.resize(in.rows(), in.cols());
    out = in;
}

void FlattenLayer::backward(const Matrix& in, const Matrix& out, const Matrix& dOut, Matrix* dIn) {
    if (dIn)
        inputGradient(in, out, dOut, *dIn);
}

void FlattenLayer::inputGradient(const Matrix&, const Matrix&, const Matrix& dOut, Matrix& dIn) const {
    dIn = dOut;
}

} // namespace digitpad
