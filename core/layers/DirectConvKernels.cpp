// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/DirectConvKernels.h"

#include "kernels/Kernels.h"

namespace digitpad {

void directForward(const DirectGeometry& g, const Scalar* x, const Scalar* weights, const Scalar* bias,
                   Scalar* y) {
    activeKernels().directForward(g, x, weights, bias, y);
}

void directWeightGradient(const DirectGeometry& g, Eigen::Index count, const Scalar* x, Eigen::Index xStride,
                          const Scalar* gradient, Eigen::Index gradientStride, Scalar* dW) {
    activeKernels().directWeightGradient(g, count, x, xStride, gradient, gradientStride, dW);
}

void directInputGradient(const DirectGeometry& g, const Scalar* gradient, const Scalar* weights, Scalar* dX) {
    activeKernels().directInputGradient(g, gradient, weights, dX);
}

} // namespace digitpad
