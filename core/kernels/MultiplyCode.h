// SPDX-License-Identifier: GPL-3.0-or-later
// The matrix product kernel's code, compiled once per CPU variant: included only by the Kernels*.cpp files,
// which name the namespace it goes in (see VariantTable.h).
#pragma once

#ifndef DIGITPAD_KERNEL_NAMESPACE
#error "kernels/MultiplyCode.h belongs to the Kernels*.cpp variant files only"
#endif

#include "kernels/Kernels.h"

namespace digitpad::DIGITPAD_KERNEL_NAMESPACE {

namespace {

using Stride = Eigen::OuterStride<>;
using ConstMap = Eigen::Map<const Matrix, Eigen::Unaligned, Stride>;
using MutableMap = Eigen::Map<Matrix, Eigen::Unaligned, Stride>;

template <typename Lhs, typename Rhs>
void assignProduct(MutableMap& c, const Lhs& a, const Rhs& b, bool accumulate) {
    if (accumulate)
        c.noalias() += a * b;
    else
        c.noalias() = a * b;
}

} // namespace

void multiply(ConstBlock a, Transpose transposeA, ConstBlock b, Transpose transposeB, MutableBlock c,
              bool accumulate) {
    const ConstMap lhs(a.data, a.rows, a.cols, Stride(a.stride));
    const ConstMap rhs(b.data, b.rows, b.cols, Stride(b.stride));
    MutableMap result(c.data, c.rows, c.cols, Stride(c.stride));
    // Eigen's product picks GEMM, GEMV (one column or row) or a coefficient loop (tiny sizes) at run time.
    if (transposeA == Transpose::No && transposeB == Transpose::No)
        assignProduct(result, lhs, rhs, accumulate);
    else if (transposeA == Transpose::No)
        assignProduct(result, lhs, rhs.transpose(), accumulate);
    else if (transposeB == Transpose::No)
        assignProduct(result, lhs.transpose(), rhs, accumulate);
    else
        assignProduct(result, lhs.transpose(), rhs.transpose(), accumulate);
}

} // namespace digitpad::DIGITPAD_KERNEL_NAMESPACE
