// SPDX-License-Identifier: GPL-3.0-or-later
// The dense layer's forward pass, compiled once per CPU variant: included only by the Kernels*.cpp files,
// which name the namespace it goes in (see VariantTable.h).
#pragma once

#ifndef DIGITPAD_KERNEL_NAMESPACE
#error "kernels/DenseCode.h belongs to the Kernels*.cpp variant files only"
#endif

#include "kernels/MultiplyCode.h"

namespace digitpad::DIGITPAD_KERNEL_NAMESPACE {

namespace {

/// Below this share of non-zero inputs, a single sample is multiplied column by column, skipping zeros.
constexpr double kSparseShare = 0.5;

} // namespace

void denseForward(ConstBlock w, ConstBlock in, const Scalar* bias, MutableBlock out) {
    const ConstMap weights(w.data, w.rows, w.cols, Stride(w.stride));
    const Eigen::Map<const Vector> b(bias, w.rows);
    if (in.cols == 1) {
        const Eigen::Map<const Vector> x(in.data, in.rows);
        Eigen::Map<Vector> y(out.data, out.rows);
        const Eigen::Index nonzero = (x.array() != Scalar(0)).count();
        if (static_cast<double>(nonzero) < kSparseShare * static_cast<double>(in.rows)) {
            // y = b + Σ_{j: x_j ≠ 0} W[:, j]·x_j
            y = b;
            for (Eigen::Index j = 0; j < in.rows; ++j)
                if (const Scalar value = x(j); value != Scalar(0))
                    y += weights.col(j) * value;
        } else {
            // A matrix-vector product avoids GEMM's packing overhead.
            y.noalias() = weights * x;
            y += b;
        }
        return;
    }
    const ConstMap input(in.data, in.rows, in.cols, Stride(in.stride));
    MutableMap result(out.data, out.rows, out.cols, Stride(out.stride));
    result.noalias() = weights * input;
    result.colwise() += b;
}

} // namespace digitpad::DIGITPAD_KERNEL_NAMESPACE
