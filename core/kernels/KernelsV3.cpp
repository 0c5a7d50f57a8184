// SPDX-License-Identifier: GPL-3.0-or-later
// The kernels for x86-64-v3 (AVX2 + FMA), compiled with -march=x86-64-v3 (core/CMakeLists.txt).
// Eigen is renamed so its AVX2 instantiations cannot be merged with the baseline ones (VariantTable.h).
#define Eigen EigenV3
#define DIGITPAD_KERNEL_NAMESPACE kernels_v3
#define DIGITPAD_KERNEL_VARIANT CpuVariant::V3
#include "kernels/VariantTable.h"
