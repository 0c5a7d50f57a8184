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

#if defined(__AVX2__) && defined(__FMA__) && !defined(DIGITPAD_DOUBLE)
#include <immintrin.h>
#define DIGITPAD_FUSED_ROWS 1
#endif
#if defined(DIGITPAD_FUSED_ROWS) && defined(__AVX512F__) && defined(__AVX512DQ__)
#define DIGITPAD_PAIRS_ROWS 1
#endif

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

#ifdef DIGITPAD_FUSED_ROWS
/// One output row's 8-lane segment in an AVX2 register.
struct OneRow {
    using Vector = __m256;
    static constexpr int rows = 1;
    static Vector load(const float* p, Index) { return _mm256_loadu_ps(p); }
    static Vector broadcast(float w) { return _mm256_set1_ps(w); }
    static Vector multiplyAdd(Vector a, Vector b, Vector c) { return _mm256_fmadd_ps(a, b, c); }
    static void store(float* p, Index, Vector v) { _mm256_storeu_ps(p, v); }
};
#endif

#ifdef DIGITPAD_PAIRS_ROWS
/// The same segment of two output rows, `rowStride` values apart, in one AVX-512 register. The padded layout
/// is 8 lanes wide on every CPU, so one row's segment would fill only half of it.
struct TwoRows {
    using Vector = __m512;
    static constexpr int rows = 2;
    /// The segment at `p` in the low half, the one at `p + rowStride` in the high half.
    static Vector load(const float* p, Index rowStride) {
        return _mm512_insertf32x8(_mm512_castps256_ps512(_mm256_loadu_ps(p)), _mm256_loadu_ps(p + rowStride),
                                  1);
    }
    static Vector broadcast(float w) { return _mm512_set1_ps(w); }
    static Vector multiplyAdd(Vector a, Vector b, Vector c) { return _mm512_fmadd_ps(a, b, c); }
    static void store(float* p, Index rowStride, Vector v) {
        _mm256_storeu_ps(p, _mm512_castps512_ps256(v));
        _mm256_storeu_ps(p + rowStride, _mm512_extractf32x8_ps(v, 1));
    }
};
#endif

#ifdef DIGITPAD_FUSED_ROWS
/// forwardBlock() for Rows::rows output rows from `row` on, with explicit fused multiply-adds: every lane
/// then sums the same products in the same order, rounded once each, whether a register holds one row or two
/// and whatever the compiler would have fused, so AVX2 and AVX-512 give the same bits.
template <typename Rows, int B>
void forwardRowsBlock(const DirectGeometry& g, const float* x, const float* weights, const float* bias,
                      int o0, int row, float* y) {
    using Vector = typename Rows::Vector;
    const int k = g.kernel, outChannels = g.outChannels;
    for (int x0 = 0; x0 < g.outWidth; x0 += kConvLanes) {
        Vector acc[B];
#pragma GCC unroll 16
        for (int o = 0; o < B; ++o)
            acc[o] = Rows::broadcast(bias[o0 + o]);
        for (int c = 0; c < g.inChannels; ++c)
            for (int ky = 0; ky < k; ++ky) {
                const float* in = x + (Index(c) * g.inHeight + row + ky) * g.inWidth + x0;
                const float* w = weights + (Index(c) * k + ky) * k * outChannels + o0;
                for (int kx = 0; kx < k; ++kx, w += outChannels) {
                    const Vector v = Rows::load(in + kx, g.inWidth);
#pragma GCC unroll 16
                    for (int o = 0; o < B; ++o)
                        acc[o] = Rows::multiplyAdd(Rows::broadcast(w[o]), v, acc[o]);
                }
            }
#pragma GCC unroll 16
        for (int o = 0; o < B; ++o)
            Rows::store(y + (Index(o0 + o) * g.outHeight + row) * g.outWidth + x0, g.outWidth, acc[o]);
    }
}
#endif

/// Output channels [o0, o0 + B) of directForward(): two rows at a time on AVX-512, one at a time on AVX2, and
/// with Eigen's packets where there are no fused multiply-adds.
template <int B>
void forwardBlock(const DirectGeometry& g, const Scalar* x, const Scalar* weights, const Scalar* bias, int o0,
                  Scalar* y) {
    int row = 0;
#ifdef DIGITPAD_PAIRS_ROWS
    for (; row + TwoRows::rows <= g.outHeight; row += TwoRows::rows)
        forwardRowsBlock<TwoRows, B>(g, x, weights, bias, o0, row, y);
#endif
#ifdef DIGITPAD_FUSED_ROWS
    for (; row < g.outHeight; row += OneRow::rows)
        forwardRowsBlock<OneRow, B>(g, x, weights, bias, o0, row, y);
#else
    const int k = g.kernel, outChannels = g.outChannels;
    for (; row < g.outHeight; ++row)
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
#endif
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

#ifdef DIGITPAD_PAIRS_ROWS
/// weightGradientTaps() over row pairs (an even output height): each 16-lane vector holds one segment of
/// output rows `row` and `row + 1`, and `interleaved` holds the gradients as [n][row pair][vector][channel]
/// [row of the pair][lane]. Each lane sums half of the rows, so the sums are rounded differently from
/// AVX2's.
template <int B, int T>
void weightGradientTapsRowPairs(const DirectGeometry& g, Index count, const float* x, Index xStride,
                                const float* interleaved, int o0, int c, int ky, int kx, float* dW) {
    constexpr int pairLanes = 2 * kConvLanes;
    const Index vectorStride = Index(g.outChannels) * pairLanes;
    __m512 acc[T][B];
#pragma GCC unroll 16
    for (int t = 0; t < T; ++t)
#pragma GCC unroll 16
        for (int o = 0; o < B; ++o)
            acc[t][o] = _mm512_setzero_ps();
    const float* grad = interleaved + Index(o0) * pairLanes;
    for (Index n = 0; n < count; ++n) {
        const float* sampleX = x + n * xStride + Index(c) * g.inHeight * g.inWidth + kx;
        for (int row = 0; row < g.outHeight; row += 2) {
            const float* in = sampleX + Index(row + ky) * g.inWidth;
            for (int x0 = 0; x0 < g.outWidth; x0 += kConvLanes, grad += vectorStride) {
                __m512 v[T];
#pragma GCC unroll 16
                for (int t = 0; t < T; ++t)
                    v[t] = TwoRows::load(in + x0 + t, g.inWidth);
#pragma GCC unroll 16
                for (int o = 0; o < B; ++o) {
                    const __m512 gradient = _mm512_loadu_ps(grad + o * pairLanes);
#pragma GCC unroll 16
                    for (int t = 0; t < T; ++t)
                        acc[t][o] = _mm512_fmadd_ps(gradient, v[t], acc[t][o]);
                }
            }
        }
    }
#pragma GCC unroll 16
    for (int t = 0; t < T; ++t) {
        const Index tap = (Index(c) * g.kernel + ky) * g.kernel + kx + t;
#pragma GCC unroll 16
        for (int o = 0; o < B; ++o)
            dW[o0 + o + tap * g.outChannels] = _mm512_reduce_add_ps(acc[t][o]);
    }
}
#endif

/// Output channels [o0, o0 + B) of directWeightGradient(), three taps of a kernel row at a time (B·3 ≤ 24
/// accumulators, which with the loaded vectors fit AVX-512's 32 vector registers); with RowPairs, by
/// weightGradientTapsRowPairs().
template <int B, bool RowPairs>
void weightGradientBlock(const DirectGeometry& g, Index count, const Scalar* x, Index xStride,
                         const Scalar* interleaved, int o0, Scalar* dW) {
    const auto taps = [&](auto width, int c, int ky, int kx) {
        constexpr int T = decltype(width)::value;
#ifdef DIGITPAD_PAIRS_ROWS
        if constexpr (RowPairs) {
            weightGradientTapsRowPairs<B, T>(g, count, x, xStride, interleaved, o0, c, ky, kx, dW);
            return;
        }
#endif
        weightGradientTaps<B, T>(g, count, x, xStride, interleaved, o0, c, ky, kx, dW);
    };
    for (int c = 0; c < g.inChannels; ++c)
        for (int ky = 0; ky < g.kernel; ++ky) {
            int kx = 0;
            for (; kx + 3 <= g.kernel; kx += 3)
                taps(std::integral_constant<int, 3>{}, c, ky, kx);
            if (g.kernel - kx == 2)
                taps(std::integral_constant<int, 2>{}, c, ky, kx);
            else if (g.kernel - kx == 1)
                taps(std::integral_constant<int, 1>{}, c, ky, kx);
        }
}

#ifdef DIGITPAD_PAIRS_ROWS
/// inputGradientBlock() for output rows `row` and `row + 1` at once, packed into 16-lane vectors as in
/// forwardRowsBlock<TwoRows>(). Each input row then receives its two rows' contributions in another order
/// than AVX2's, so its sums are rounded differently.
template <int B>
void inputGradientRowPairBlock(const DirectGeometry& g, const float* gradient, const float* weights, int o0,
                               int row, float* dX) {
    const int k = g.kernel, outChannels = g.outChannels;
    const Index plane = Index(g.outHeight) * g.outWidth;
    for (int x0 = 0; x0 < g.outWidth; x0 += kConvLanes) {
        __m512 grad[B];
#pragma GCC unroll 16
        for (int o = 0; o < B; ++o) {
            grad[o] =
                TwoRows::load(gradient + Index(o0 + o) * plane + Index(row) * g.outWidth + x0, g.outWidth);
        }
        for (int kx = 0; kx < k; ++kx)
            for (int c = 0; c < g.inChannels; ++c)
                for (int ky = 0; ky < k; ++ky) {
                    const float* w = weights + ((Index(c) * k + ky) * k + kx) * outChannels + o0;
                    __m512 even = _mm512_mul_ps(_mm512_set1_ps(w[0]), grad[0]);
                    __m512 odd = _mm512_setzero_ps();
#pragma GCC unroll 16
                    for (int o = 1; o < B; ++o) {
                        if (o % 2 == 0)
                            even = _mm512_fmadd_ps(_mm512_set1_ps(w[o]), grad[o], even);
                        else
                            odd = _mm512_fmadd_ps(_mm512_set1_ps(w[o]), grad[o], odd);
                    }
                    float* target = dX + (Index(c) * g.inHeight + row + ky) * g.inWidth + x0 + kx;
                    TwoRows::store(target, g.inWidth,
                                   _mm512_add_ps(TwoRows::load(target, g.inWidth), _mm512_add_ps(even, odd)));
                }
    }
}
#endif

/// Output channels [o0, o0 + B) of directInputGradient(): the gradient vectors of B channels at one output
/// row segment stay in registers while every tap's weighted sum is added onto the input segment it came from.
template <int B>
void inputGradientBlock(const DirectGeometry& g, const Scalar* gradient, const Scalar* weights, int o0,
                        Scalar* dX) {
    const int k = g.kernel, outChannels = g.outChannels;
    const Index plane = Index(g.outHeight) * g.outWidth;
    int row = 0;
#ifdef DIGITPAD_PAIRS_ROWS
    for (; row + TwoRows::rows <= g.outHeight; row += TwoRows::rows)
        inputGradientRowPairBlock<B>(g, gradient, weights, o0, row, dX);
#endif
    for (; row < g.outHeight; ++row)
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
#ifdef DIGITPAD_PAIRS_ROWS
    if (g.outHeight % 2 == 0) {
        for (Index n = 0; n < count; ++n)
            for (int row = 0; row < g.outHeight; row += 2)
                for (int x0 = 0; x0 < g.outWidth; x0 += kConvLanes)
                    for (int o = 0; o < g.outChannels; ++o, to += 2 * kConvLanes) {
                        const Scalar* from =
                            gradient + n * gradientStride + o * plane + Index(row) * g.outWidth + x0;
                        store(to, load(from));
                        store(to + kConvLanes, load(from + g.outWidth));
                    }
        forEachChannelBlock<8>(g.outChannels, [&](auto block, int o0) {
            weightGradientBlock<decltype(block)::value, true>(g, count, x, xStride, interleaved.data(), o0,
                                                              dW);
        });
        return;
    }
#endif
    for (Index n = 0; n < count; ++n)
        for (Index position = 0; position < plane; position += kConvLanes)
            for (int o = 0; o < g.outChannels; ++o, to += kConvLanes)
                store(to, load(gradient + n * gradientStride + o * plane + position));
    forEachChannelBlock<8>(g.outChannels, [&](auto block, int o0) {
        weightGradientBlock<decltype(block)::value, false>(g, count, x, xStride, interleaved.data(), o0, dW);
    });
}

void directInputGradient(const DirectGeometry& g, const Scalar* gradient, const Scalar* weights, Scalar* dX) {
    forEachChannelBlock(g.outChannels, [&](auto block, int o0) {
        inputGradientBlock<decltype(block)::value>(g, gradient, weights, o0, dX);
    });
}

} // namespace digitpad::DIGITPAD_KERNEL_NAMESPACE
