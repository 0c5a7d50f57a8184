// SPDX-License-Identifier: GPL-3.0-or-later
// The direct convolution kernels' code, compiled once per CPU variant: included only by the Kernels*.cpp
// files, which name the namespace it goes in (see VariantTable.h).
#pragma once

#ifndef DIGITPAD_KERNEL_NAMESPACE
#error "kernels/DirectConvCode.h belongs to the Kernels*.cpp variant files only"
#endif

#include "kernels/DirectGeometry.h"

#include <cstddef>
#include <type_traits>
#include <vector>

namespace digitpad::DIGITPAD_KERNEL_NAMESPACE {

namespace {

using Index = Eigen::Index;
/// One SIMD vector of kConvLanes values; Eigen maps it onto one AVX register (or two SSE registers in the
/// baseline variant).
using Packet = Eigen::Array<Scalar, kConvLanes, 1>;

inline Packet load(const Scalar* p) {
    return Eigen::Map<const Packet>(p);
}
inline void store(Scalar* p, const Packet& v) {
    Eigen::Map<Packet> target(p);
    target = v;
}

/// Calls kernel(std::integral_constant<int, B>, first) for consecutive blocks of channels, MaxBlock (16 or 8)
/// at a time and then 8, 4, 2, 1 for the rest, so each block's accumulators are a compile-time count of
/// registers.
template <int MaxBlock = 16, typename Kernel> void forEachChannelBlock(int channels, Kernel&& kernel) {
    int first = 0;
    for (; first + MaxBlock <= channels; first += MaxBlock)
        kernel(std::integral_constant<int, MaxBlock>{}, first);
    if (channels - first >= 8) {
        kernel(std::integral_constant<int, 8>{}, first);
        first += 8;
    }
    if (channels - first >= 4) {
        kernel(std::integral_constant<int, 4>{}, first);
        first += 4;
    }
    if (channels - first >= 2) {
        kernel(std::integral_constant<int, 2>{}, first);
        first += 2;
    }
    if (channels - first >= 1)
        kernel(std::integral_constant<int, 1>{}, first);
}

/// Output channels [o0, o0 + B) of directForward().
template <int B>
void forwardBlock(const DirectGeometry& g, const Scalar* x, const Scalar* weights, const Scalar* bias, int o0,
                  Scalar* y) {
    const int k = g.kernel, outChannels = g.outChannels;
    for (int row = 0; row < g.outHeight; ++row)
        for (int x0 = 0; x0 < g.outWidth; x0 += kConvLanes) {
            Packet acc[B];
#pragma GCC unroll 16
            for (int o = 0; o < B; ++o)
                acc[o].setConstant(bias[o0 + o]);
            for (int c = 0; c < g.inChannels; ++c)
                for (int ky = 0; ky < k; ++ky) {
                    const Scalar* in = x + (Index(c) * g.inHeight + row + ky) * g.inWidth + x0;
                    const Scalar* w = weights + (Index(c) * k + ky) * k * outChannels + o0;
                    for (int kx = 0; kx < k; ++kx, w += outChannels) {
                        const Packet v = load(in + kx);
#pragma GCC unroll 16
                        for (int o = 0; o < B; ++o)
                            acc[o] += w[o] * v;
                    }
                }
#pragma GCC unroll 16
            for (int o = 0; o < B; ++o)
                store(y + (Index(o0 + o) * g.outHeight + row) * g.outWidth + x0, acc[o]);
        }
}

/// Output channels [o0, o0 + B) and taps (c, ky, kx … kx + T − 1) of directWeightGradient(): B·T dot products
/// over every sample's output positions, summed lane-wise in registers and reduced once at the end. Each
/// gradient vector loaded serves T taps, each input vector B channels. `interleaved` holds the gradients as
/// [n][row][vector][channel][lane], so the B gradient vectors that meet one input vector sit at fixed offsets
/// from one pointer (with B separate plane pointers the loop runs out of registers).
template <int B, int T>
void weightGradientTaps(const DirectGeometry& g, Index count, const Scalar* x, Index xStride,
                        const Scalar* interleaved, int o0, int c, int ky, int kx, Scalar* dW) {
    const Index vectorStride = Index(g.outChannels) * kConvLanes;
    Packet acc[T][B];
#pragma GCC unroll 16
    for (int t = 0; t < T; ++t)
#pragma GCC unroll 16
        for (int o = 0; o < B; ++o)
            acc[t][o].setZero();
    const Scalar* grad = interleaved + Index(o0) * kConvLanes;
    for (Index n = 0; n < count; ++n) {
        const Scalar* sampleX = x + n * xStride + Index(c) * g.inHeight * g.inWidth + kx;
        for (int row = 0; row < g.outHeight; ++row) {
            const Scalar* in = sampleX + Index(row + ky) * g.inWidth;
            for (int x0 = 0; x0 < g.outWidth; x0 += kConvLanes, grad += vectorStride) {
                Packet v[T];
#pragma GCC unroll 16
                for (int t = 0; t < T; ++t)
                    v[t] = load(in + x0 + t);
#pragma GCC unroll 16
                for (int o = 0; o < B; ++o) {
                    const Packet gradient = load(grad + o * kConvLanes);
#pragma GCC unroll 16
                    for (int t = 0; t < T; ++t)
                        acc[t][o] += gradient * v[t];
                }
            }
        }
    }
#pragma GCC unroll 16
    for (int t = 0; t < T; ++t) {
        const Index tap = (Index(c) * g.kernel + ky) * g.kernel + kx + t;
#pragma GCC unroll 16
        for (int o = 0; o < B; ++o)
            dW[o0 + o + tap * g.outChannels] = acc[t][o].sum();
    }
}

/// Output channels [o0, o0 + B) of directWeightGradient(), three taps of a kernel row at a time (B·3 ≤ 24
/// accumulators, which with the loaded vectors fit AVX-512's 32 vector registers).
template <int B>
void weightGradientBlock(const DirectGeometry& g, Index count, const Scalar* x, Index xStride,
                         const Scalar* interleaved, int o0, Scalar* dW) {
    for (int c = 0; c < g.inChannels; ++c)
        for (int ky = 0; ky < g.kernel; ++ky) {
            int kx = 0;
            for (; kx + 3 <= g.kernel; kx += 3)
                weightGradientTaps<B, 3>(g, count, x, xStride, interleaved, o0, c, ky, kx, dW);
            if (g.kernel - kx == 2)
                weightGradientTaps<B, 2>(g, count, x, xStride, interleaved, o0, c, ky, kx, dW);
            else if (g.kernel - kx == 1)
                weightGradientTaps<B, 1>(g, count, x, xStride, interleaved, o0, c, ky, kx, dW);
        }
}

/// Output channels [o0, o0 + B) of directInputGradient(): the gradient vectors of B channels at one output
/// row segment stay in registers while every tap's weighted sum is added onto the input segment it came from.
template <int B>
void inputGradientBlock(const DirectGeometry& g, const Scalar* gradient, const Scalar* weights, int o0,
                        Scalar* dX) {
    const int k = g.kernel, outChannels = g.outChannels;
    const Index plane = Index(g.outHeight) * g.outWidth;
    for (int row = 0; row < g.outHeight; ++row)
        for (int x0 = 0; x0 < g.outWidth; x0 += kConvLanes) {
            Packet grad[B];
#pragma GCC unroll 16
            for (int o = 0; o < B; ++o)
                grad[o] = load(gradient + Index(o0 + o) * plane + Index(row) * g.outWidth + x0);
            // kx outermost: consecutive updates then go to different rows, so a store is not immediately
            // re-read through an overlapping, shifted load (which would stall store-to-load forwarding).
            for (int kx = 0; kx < k; ++kx)
                for (int c = 0; c < g.inChannels; ++c)
                    for (int ky = 0; ky < k; ++ky) {
                        const Scalar* w = weights + ((Index(c) * k + ky) * k + kx) * outChannels + o0;
                        // Two partial sums halve the dependency chain of the B multiply-adds.
                        Packet even = w[0] * grad[0];
                        Packet odd = Packet::Zero();
#pragma GCC unroll 16
                        for (int o = 1; o < B; ++o) {
                            if (o % 2 == 0)
                                even += w[o] * grad[o];
                            else
                                odd += w[o] * grad[o];
                        }
                        Scalar* target = dX + (Index(c) * g.inHeight + row + ky) * g.inWidth + x0 + kx;
                        store(target, load(target) + (even + odd));
                    }
        }
}

} // namespace

void directForward(const DirectGeometry& g, const Scalar* x, const Scalar* weights, const Scalar* bias,
                   Scalar* y) {
    forEachChannelBlock(g.outChannels, [&](auto block, int o0) {
        forwardBlock<decltype(block)::value>(g, x, weights, bias, o0, y);
    });
}

void directWeightGradient(const DirectGeometry& g, Index count, const Scalar* x, Index xStride,
                          const Scalar* gradient, Index gradientStride, Scalar* dW) {
    // Grow-only per-thread scratch: nothing is allocated once the largest batch has been seen.
    thread_local std::vector<Scalar, Eigen::aligned_allocator<Scalar>> interleaved;
    const Index plane = Index(g.outHeight) * g.outWidth;
    const Index size = count * g.outChannels * plane;
    if (interleaved.size() < static_cast<std::size_t>(size))
        interleaved.resize(static_cast<std::size_t>(size));
    Scalar* to = interleaved.data();
    for (Index n = 0; n < count; ++n)
        for (Index position = 0; position < plane; position += kConvLanes)
            for (int o = 0; o < g.outChannels; ++o, to += kConvLanes)
                store(to, load(gradient + n * gradientStride + o * plane + position));
    forEachChannelBlock<8>(g.outChannels, [&](auto block, int o0) {
        weightGradientBlock<decltype(block)::value>(g, count, x, xStride, interleaved.data(), o0, dW);
    });
}

void directInputGradient(const DirectGeometry& g, const Scalar* gradient, const Scalar* weights, Scalar* dX) {
    forEachChannelBlock(g.outChannels, [&](auto block, int o0) {
        inputGradientBlock<decltype(block)::value>(g, gradient, weights, o0, dX);
    });
}

} // namespace digitpad::DIGITPAD_KERNEL_NAMESPACE
