// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernels/CpuVariant.h"

namespace digitpad {

bool variantBuilt(CpuVariant variant) {
#if defined(DIGITPAD_CPU_VARIANTS)
    (void)variant;
    return true;
#else
    return variant == CpuVariant::Baseline;
#endif
}

bool cpuSupports(CpuVariant variant) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    switch (variant) {
    case CpuVariant::Baseline:
        return true;
    case CpuVariant::V3:
#if defined(__clang__)
        // Clang 14 knows neither the level names nor "f16c"; LZCNT, MOVBE and F16C come with every AVX2 CPU.
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
               __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
#else
        return __builtin_cpu_supports("x86-64-v3");
#endif
    case CpuVariant::V4:
#if defined(__clang__)
        return cpuSupports(CpuVariant::V3) && __builtin_cpu_supports("avx512f") &&
               __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512cd") &&
               __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
#else
        return __builtin_cpu_supports("x86-64-v4");
#endif
    }
    return false;
#else
    return variant == CpuVariant::Baseline;
#endif
}

CpuVariant bestCpuVariant() {
    for (auto it = kCpuVariants.rbegin(); it != kCpuVariants.rend(); ++it)
        if (variantBuilt(*it) && cpuSupports(*it))
            return *it;
    return CpuVariant::Baseline;
}

} // namespace digitpad
