// SPDX-License-Identifier: GPL-3.0-or-later
// The element-wise kernels (activations and the Adam update), compiled once per CPU variant: included only
// by the Kernels*.cpp files, which name the namespace they go in (see VariantTable.h).
#pragma once

#ifndef DIGITPAD_KERNEL_NAMESPACE
#error "kernels/ElementwiseCode.h belongs to the Kernels*.cpp variant files only"
#endif

#include "kernels/Kernels.h"

#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace digitpad::DIGITPAD_KERNEL_NAMESPACE {

namespace {

using ConstArray = Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, 1>>;
using MutableArray = Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>>;
/// Whole matrices, on the 64-byte boundary every matrix has (EIGEN_MAX_ALIGN_BYTES, core/CMakeLists.txt).
using AlignedConstArray = Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, 1>, Eigen::Aligned64>;
using AlignedArray = Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>, Eigen::Aligned64>;

} // namespace

void activate(Activation f, const Scalar* in, Scalar* out, std::ptrdiff_t n) {
    // Vectorised exp() and tanh() round differently from their scalar tail, so which values take which path
    // must not depend on the address: aligned maps start every loop with whole vectors.
    if (reinterpret_cast<std::uintptr_t>(in) % kMatrixAlignment != 0 ||
        reinterpret_cast<std::uintptr_t>(out) % kMatrixAlignment != 0)
        throw std::invalid_argument("activate() takes matrices on a 64-byte boundary");
    const AlignedConstArray x(in, n);
    AlignedArray y(out, n);
    switch (f) {
    case Activation::Sigmoid:
        // 1 / (1 + e^−x); e^−x overflows to +inf for x < −88 (float), giving the correct limit 0.
        y = (Scalar(1) + (-x).exp()).inverse();
        break;
    case Activation::Tanh:
        y = x.tanh();
        break;
    case Activation::Relu:
        y = x.max(Scalar(0));
        break;
    }
}

void activationGradient(Activation f, const Scalar* in, const Scalar* out, const Scalar* dOut, Scalar* dIn,
                        std::ptrdiff_t n) {
    const ConstArray x(in, n), y(out, n), gradient(dOut, n);
    MutableArray result(dIn, n);
    switch (f) {
    case Activation::Sigmoid:
        result = gradient * y * (Scalar(1) - y);
        break;
    case Activation::Tanh:
        result = gradient * (Scalar(1) - y.square());
        break;
    case Activation::Relu:
        result = (x > Scalar(0)).select(gradient, Scalar(0));
        break;
    }
}

void adamUpdate(const AdamCoefficients& c, Scalar* __restrict w, const Scalar* __restrict g,
                Scalar* __restrict m, Scalar* __restrict v, std::ptrdiff_t n) {
    // One fused pass over w, g, m and v, which the compiler vectorises for the variant's vector width.
    for (std::ptrdiff_t k = 0; k < n; ++k) {
        const Scalar grad = g[k] + c.decay * w[k];
        m[k] = c.beta1 * m[k] + (Scalar(1) - c.beta1) * grad;
        v[k] = c.beta2 * v[k] + (Scalar(1) - c.beta2) * grad * grad;
        w[k] -= c.stepSize * m[k] / (std::sqrt(v[k]) * c.invSqrtCorrection2 + c.epsilon);
    }
}

} // namespace digitpad::DIGITPAD_KERNEL_NAMESPACE
