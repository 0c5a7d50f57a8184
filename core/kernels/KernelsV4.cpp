// SPDX-License-Identifier: GPL-3.0-or-later
// The kernels for x86-64-v4 (AVX-512), compiled with -march=x86-64-v4 (core/CMakeLists.txt).
// Eigen is renamed so its AVX-512 instantiations cannot be merged with the baseline ones (VariantTable.h).
#define Eigen EigenV4
#define DIGITPAD_KERNEL_NAMESPACE kernels_v4
#define DIGITPAD_KERNEL_VARIANT CpuVariant::V4
#include "kernels/VariantTable.h"
