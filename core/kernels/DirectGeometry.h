// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Matrix.h"

namespace digitpad {

/// Values per SIMD vector the direct kernels work in: one 32-byte vector (8 floats, 4 doubles). The same for
/// every CPU variant, so the padded plane layout does not depend on the CPU the program runs on; the AVX-512
/// kernels fill their 64-byte vectors with the same segment of two rows.
inline constexpr int kConvLanes = 32 / static_cast<int>(sizeof(Scalar));

/// Plane sizes of one stride-1 convolution as the direct kernels see it. Every plane set is channel-major,
/// then row-major, and rows are padded so that each output row is a whole number of vectors:
/// - input X: inChannels × inHeight × inWidth, already zero-padded, with inHeight = outHeight + kernel − 1
///   and inWidth = outWidth + kernel − 1;
/// - output Y (and its gradient G): outChannels × outHeight × outWidth, outWidth a multiple of kConvLanes.
/// Columns of Y beyond the layer's real output width are computed but meaningless; in G they must be zero.
struct DirectGeometry {
    int inChannels = 1;
    int outChannels = 1;
    int kernel = 1;
    int outHeight = 1;
    int outWidth = kConvLanes;
    int inHeight = 1;
    int inWidth = kConvLanes;
};

} // namespace digitpad
