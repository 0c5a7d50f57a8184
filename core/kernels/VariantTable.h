// SPDX-License-Identifier: GPL-3.0-or-later
// One CPU variant's kernel table. Each Kernels*.cpp file defines DIGITPAD_KERNEL_NAMESPACE and
// DIGITPAD_KERNEL_VARIANT and includes this, and core/CMakeLists.txt compiles it with that variant's -march.
//
// The linker merges inline functions and template instantiations of the same name from different
// translation units, keeping any one. Eigen's templates (and the engine's own headers) instantiated here for
// AVX2 or AVX-512 must therefore never share a name with the baseline instantiations elsewhere, or baseline
// code could end up calling AVX-512 code on a CPU without it. So the variant files rename Eigen's namespace
// (#define Eigen EigenV3) before anything includes it, and put their own code in a namespace of the
// variant's; the kernel_symbols test checks their objects define no other merged (weak) symbol.
#pragma once

#ifndef DIGITPAD_KERNEL_NAMESPACE
#error "kernels/VariantTable.h belongs to the Kernels*.cpp variant files only"
#endif

#include "kernels/DenseCode.h"
#include "kernels/DirectConvCode.h"
#include "kernels/ElementwiseCode.h"
#include "kernels/MultiplyCode.h"
#include "kernels/PoolCode.h"

namespace digitpad::DIGITPAD_KERNEL_NAMESPACE {

const Kernels& table() {
    static const Kernels kernels{
        DIGITPAD_KERNEL_VARIANT, multiply,        denseForward,    activate,
        activationGradient,      adamUpdate,      directForward,   directWeightGradient,
        directInputGradient,     maxPool2Forward, maxPool2Backward};
    return kernels;
}

} // namespace digitpad::DIGITPAD_KERNEL_NAMESPACE
