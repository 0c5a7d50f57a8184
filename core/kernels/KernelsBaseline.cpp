// SPDX-License-Identifier: GPL-3.0-or-later
// The kernels for the build's own target (SSE2 on x86-64), for CPUs without AVX2 and
// for DIGITPAD_CPU=baseline. Compiled like the rest of the core, so Eigen needs no renaming here.
#define DIGITPAD_KERNEL_NAMESPACE kernels_baseline
#define DIGITPAD_KERNEL_VARIANT CpuVariant::Baseline
#include "kernels/VariantTable.h"
