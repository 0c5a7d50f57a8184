// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kernels/DirectGeometry.h"

namespace digitpad {

/// Stride-1 convolution computed straight from the input planes, without an im2col patch matrix: each kernel
/// tap's input row segment is loaded once into a vector and multiplied into a block of up to 16 output
/// channels held in registers. For the small channel counts of digit networks this runs several times faster
/// than im2col + GEMM, whose packing costs as much as its multiply at a depth of 25–200. The functions below
/// call the CPU variant's kernels (kernels/Kernels.h).
///
/// `weights` is the layer's OUT × (C·K·K) column-major matrix: weight (o, tap) is at o + tap·OUT, with
/// tap = (c·K + ky)·K + kx.

/// Y = bias + W ⊛ X for one sample. `bias` has outChannels values.
void directForward(const DirectGeometry& g, const Scalar* x, const Scalar* weights, const Scalar* bias,
                   Scalar* y);

/// dW (OUT × C·K·K, column-major, overwritten) = Σ over `count` samples of G_n ⊛ X_n, where sample n's
/// planes start at x + n·xStride and gradient + n·gradientStride.
void directWeightGradient(const DirectGeometry& g, Eigen::Index count, const Scalar* x, Eigen::Index xStride,
                          const Scalar* gradient, Eigen::Index gradientStride, Scalar* dW);

/// dX += Wᵀ ⊛ G for one sample: the full correlation that sends every output gradient back to the inputs
/// it was computed from. dX has the input's padded plane sizes.
void directInputGradient(const DirectGeometry& g, const Scalar* gradient, const Scalar* weights, Scalar* dX);

} // namespace digitpad
