// SPDX-License-Identifier: GPL-3.0-or-later
// The 2×2 max-pooling kernels, compiled once per CPU variant: included only by the Kernels*.cpp files, which
// name the namespace they go in (see VariantTable.h). Comparisons and copies only, so every variant gives the
// same bits.
#pragma once

#ifndef DIGITPAD_KERNEL_NAMESPACE
#error "kernels/PoolCode.h belongs to the Kernels*.cpp variant files only"
#endif

#include "kernels/Kernels.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <type_traits>

namespace digitpad::DIGITPAD_KERNEL_NAMESPACE {

namespace {

/// An unsigned integer of the Scalar's width, whose bits a mask selects.
using ScalarBits = std::conditional_t<sizeof(Scalar) == 8, std::uint64_t, std::uint32_t>;
static_assert(sizeof(ScalarBits) == sizeof(Scalar));

/// All ones when `taken`, else zero.
inline ScalarBits maskOf(bool taken) {
    return ScalarBits(0) - ScalarBits(taken);
}

} // namespace

void maxPool2Forward(const Scalar* in, Scalar* out, std::ptrdiff_t rowPairs, std::ptrdiff_t outWidth) {
    // Row pair r is input rows 2r and 2r + 1 (2·outWidth values each) and output row r.
    const std::ptrdiff_t width = 2 * outWidth;
    for (std::ptrdiff_t r = 0; r < rowPairs; ++r, in += 2 * width, out += outWidth) {
        const Scalar* top = in;
        const Scalar* bottom = in + width;
        for (std::ptrdiff_t x = 0; x < outWidth; ++x)
            out[x] =
                std::max(std::max(top[2 * x], top[2 * x + 1]), std::max(bottom[2 * x], bottom[2 * x + 1]));
    }
}

namespace {

/// The gradients one 2×2 window sends to its four inputs (top left, top right, bottom left, bottom right):
/// all to the first maximum in row-major order, zero to the others. Selecting by bit masks, not by branches
/// or a conditional operator, keeps the loops free of jumps that random data mispredicts, and copies the
/// gradient's bits exactly.
struct WindowRoute {
    ScalarBits topLeft, topRight, bottomLeft, bottomRight;
};

inline WindowRoute routeWindow(Scalar topLeft, Scalar topRight, Scalar bottomLeft, Scalar bottomRight,
                               Scalar maximum, Scalar gradient) {
    const ScalarBits first = maskOf(topLeft == maximum);
    const ScalarBits second = ~first & maskOf(topRight == maximum);
    const ScalarBits third = ~(first | second) & maskOf(bottomLeft == maximum);
    const ScalarBits fourth = ~(first | second | third) & maskOf(bottomRight == maximum);
    const ScalarBits bits = std::bit_cast<ScalarBits>(gradient);
    return {bits & first, bits & second, bits & third, bits & fourth};
}

/// maxPool2Backward for rows of a width known when compiling: the compiler vectorises and unrolls the whole
/// row (the branchy per-row loop took 0.8 ms per batch of 64 lenet samples, more than the convolutions;
/// masks with a run-time width 0.22 ms; this 0.08 ms).
template <int OutWidth>
void maxPool2BackwardRows(const Scalar* in, const Scalar* out, const Scalar* dOut, Scalar* dIn,
                          std::ptrdiff_t rowPairs) {
    constexpr int width = 2 * OutWidth;
    for (std::ptrdiff_t r = 0; r < rowPairs; ++r) {
        const Scalar* top = in + 2 * width * r;
        const Scalar* bottom = top + width;
        const Scalar* m = out + OutWidth * r;
        const Scalar* g = dOut + OutWidth * r;
        // Computed into locals first, then stored: the stores cannot alias the loads, so the row vectorises.
        ScalarBits topBits[width], bottomBits[width];
        for (int x = 0; x < OutWidth; ++x) {
            const WindowRoute route =
                routeWindow(top[2 * x], top[2 * x + 1], bottom[2 * x], bottom[2 * x + 1], m[x], g[x]);
            topBits[2 * x] = route.topLeft;
            topBits[2 * x + 1] = route.topRight;
            bottomBits[2 * x] = route.bottomLeft;
            bottomBits[2 * x + 1] = route.bottomRight;
        }
        Scalar* dTop = dIn + 2 * width * r;
        Scalar* dBottom = dTop + width;
        for (int x = 0; x < width; ++x) {
            dTop[x] = std::bit_cast<Scalar>(topBits[x]);
            dBottom[x] = std::bit_cast<Scalar>(bottomBits[x]);
        }
    }
}

} // namespace

void maxPool2Backward(const Scalar* in, const Scalar* out, const Scalar* dOut, Scalar* dIn,
                      std::ptrdiff_t rowPairs, std::ptrdiff_t outWidth) {
    // The widths of the presets' pooling layers (24 → 12 and 8 → 4), and MNIST's own 28 → 14.
    switch (outWidth) {
    case 4:
        return maxPool2BackwardRows<4>(in, out, dOut, dIn, rowPairs);
    case 12:
        return maxPool2BackwardRows<12>(in, out, dOut, dIn, rowPairs);
    case 14:
        return maxPool2BackwardRows<14>(in, out, dOut, dIn, rowPairs);
    default:
        break;
    }
    const std::ptrdiff_t width = 2 * outWidth;
    for (std::ptrdiff_t r = 0; r < rowPairs; ++r) {
        const Scalar* top = in + 2 * width * r;
        const Scalar* bottom = top + width;
        Scalar* dTop = dIn + 2 * width * r;
        Scalar* dBottom = dTop + width;
        for (std::ptrdiff_t x = 0; x < outWidth; ++x) {
            const WindowRoute route =
                routeWindow(top[2 * x], top[2 * x + 1], bottom[2 * x], bottom[2 * x + 1],
                            out[outWidth * r + x], dOut[outWidth * r + x]);
            dTop[2 * x] = std::bit_cast<Scalar>(route.topLeft);
            dTop[2 * x + 1] = std::bit_cast<Scalar>(route.topRight);
            dBottom[2 * x] = std::bit_cast<Scalar>(route.bottomLeft);
            dBottom[2 * x + 1] = std::bit_cast<Scalar>(route.bottomRight);
        }
    }
}

} // namespace digitpad::DIGITPAD_KERNEL_NAMESPACE
