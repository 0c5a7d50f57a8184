// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kernels/Activation.h"
#include "kernels/CpuVariant.h"
#include "kernels/DirectGeometry.h"

#include <cstddef>
#include <string>

namespace digitpad {

/// The boundary every Matrix's data starts on (EIGEN_MAX_ALIGN_BYTES, set for the whole core).
inline constexpr std::size_t kMatrixAlignment = 64;
static_assert(EIGEN_MAX_ALIGN_BYTES == kMatrixAlignment, "the core is built with EIGEN_MAX_ALIGN_BYTES=64");

/// A column-major block of a matrix: rows × cols values, column j starting at data + j·stride.
struct ConstBlock {
    const Scalar* data = nullptr;
    std::ptrdiff_t rows = 0;
    std::ptrdiff_t cols = 0;
    std::ptrdiff_t stride = 0;
};
struct MutableBlock {
    Scalar* data = nullptr;
    std::ptrdiff_t rows = 0;
    std::ptrdiff_t cols = 0;
    std::ptrdiff_t stride = 0;
};

/// Whether a product uses a matrix as it is or its transpose.
enum class Transpose { No, Yes };

/// One Adam step's coefficients, the same for every parameter of a tensor (optim/Adam.cpp derives them).
struct AdamCoefficients {
    Scalar beta1 = 0;
    Scalar beta2 = 0;
    Scalar stepSize = 0;           ///< learning rate / (1 − β1^t)
    Scalar invSqrtCorrection2 = 0; ///< 1 / √(1 − β2^t)
    Scalar epsilon = 0;
    Scalar decay = 0; ///< L2 weight decay added to the gradient, 0 for none
};

/// The hot loops of training and inference, compiled once per CPU variant (core/kernels/Kernels*.cpp): the
/// matrix products of the dense and im2col layers, the dense layer's forward pass, the activations, the Adam
/// update, the direct convolution kernels and 2×2 max pooling. Everything else runs the same baseline code on
/// every CPU.
struct Kernels {
    CpuVariant variant = CpuVariant::Baseline;

    /// c = op(a)·op(b), or c += op(a)·op(b) when `accumulate`; op(a) is c.rows × k and op(b) is k × c.cols.
    /// Allocates nothing for the sizes of the engine's layers (Eigen's blocks stay on the stack).
    void (*multiply)(ConstBlock a, Transpose transposeA, ConstBlock b, Transpose transposeB, MutableBlock c,
                     bool accumulate) = nullptr;

    /// out (units × n) = w·in + bias·1ᵀ, with w units × inputs and in inputs × n. One column is multiplied
    /// column by column of w, skipping zero inputs, when most inputs are zero (drawn digits are ~80 % blank).
    void (*denseForward)(ConstBlock w, ConstBlock in, const Scalar* bias, MutableBlock out) = nullptr;

    /// out = f(in) for n values; in and out start on a kMatrixAlignment boundary, as a Matrix's data does.
    void (*activate)(Activation f, const Scalar* in, Scalar* out, std::ptrdiff_t n) = nullptr;
    /// dIn = dOut ⊙ f′, from the layer's input `in` and output `out` (n values each).
    void (*activationGradient)(Activation f, const Scalar* in, const Scalar* out, const Scalar* dOut,
                               Scalar* dIn, std::ptrdiff_t n) = nullptr;

    /// Adam's update of n parameters w from their gradients g, moving the moments m and v.
    void (*adamUpdate)(const AdamCoefficients& c, Scalar* w, const Scalar* g, Scalar* m, Scalar* v,
                       std::ptrdiff_t n) = nullptr;

    /// The direct convolution (layers/DirectConvKernels.h documents the three).
    void (*directForward)(const DirectGeometry& g, const Scalar* x, const Scalar* weights, const Scalar* bias,
                          Scalar* y) = nullptr;
    void (*directWeightGradient)(const DirectGeometry& g, std::ptrdiff_t count, const Scalar* x,
                                 std::ptrdiff_t xStride, const Scalar* gradient,
                                 std::ptrdiff_t gradientStride, Scalar* dW) = nullptr;
    void (*directInputGradient)(const DirectGeometry& g, const Scalar* gradient, const Scalar* weights,
                                Scalar* dX) = nullptr;
    /// 2×2 max pooling of `rowPairs` pairs of input rows of 2·outWidth values, stored one after another, into
    /// rowPairs rows of outWidth: a whole batch of a pooling layer whose windows tile its input (the planes
    /// of every column are such pairs, and a Matrix's columns are contiguous).
    void (*maxPool2Forward)(const Scalar* in, Scalar* out, std::ptrdiff_t rowPairs,
                            std::ptrdiff_t outWidth) = nullptr;
    /// Its gradient: each window's dOut goes to its first input (row-major) equal to the window's maximum
    /// `out`, zero to the other three; every value of dIn is written.
    void (*maxPool2Backward)(const Scalar* in, const Scalar* out, const Scalar* dOut, Scalar* dIn,
                             std::ptrdiff_t rowPairs, std::ptrdiff_t outWidth) = nullptr;
};

/// The kernels compiled for `variant`, which must be built (variantBuilt()); the CPU must support it before
/// they are called.
const Kernels& kernelsFor(CpuVariant variant);

/// How the running program chose its kernels.
struct KernelChoice {
    CpuVariant variant = CpuVariant::Baseline;
    /// Why not the requested variant, when DIGITPAD_CPU asked for one that cannot run here; empty otherwise.
    std::string warning;
};

/// Chosen once, at the first call: the variant DIGITPAD_CPU names (baseline, x86-64-v3 or x86-64-v4) when
/// set and runnable, else the widest the CPU supports. Every thread uses the same kernels, so results do
/// not depend on the thread count.
const KernelChoice& kernelChoice();
/// kernelsFor(kernelChoice().variant).
const Kernels& activeKernels();

} // namespace digitpad
