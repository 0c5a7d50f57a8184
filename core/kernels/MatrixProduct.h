// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kernels/Kernels.h"

#include <cassert>
#include <type_traits>

namespace digitpad {

/// c = op(a)·op(b) (c += … when `accumulate`) with the CPU variant's product kernel. a, b and c are
/// column-major Eigen matrices, maps or blocks of them with contiguous columns; op(a) is c.rows() × k and
/// op(b) is k × c.cols(). c must not overlap a or b.
template <typename A, typename B, typename C>
void multiply(const A& a, Transpose transposeA, const B& b, Transpose transposeB, C&& c,
              bool accumulate = false) {
    static_assert(!A::IsRowMajor && !B::IsRowMajor && !std::remove_reference_t<C>::IsRowMajor,
                  "the product kernel takes column-major operands");
    assert(a.innerStride() == 1 && b.innerStride() == 1 && c.innerStride() == 1);
    assert((transposeA == Transpose::No ? a.rows() : a.cols()) == c.rows());
    assert((transposeB == Transpose::No ? b.cols() : b.rows()) == c.cols());
    activeKernels().multiply({a.data(), a.rows(), a.cols(), a.outerStride()}, transposeA,
                             {b.data(), b.rows(), b.cols(), b.outerStride()}, transposeB,
                             {c.data(), c.rows(), c.cols(), c.outerStride()}, accumulate);
}

} // namespace digitpad
