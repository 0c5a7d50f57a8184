// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/NameTable.h"

#include <array>

namespace digitpad {

/// The instruction sets the hot kernels are compiled for. The rest of the program is built for the baseline
/// (x86-64 with SSE2), so one binary runs on any x86-64 CPU; the kernels pick the widest variant the CPU has
/// at start-up (activeKernels()).
enum class CpuVariant {
    Baseline, ///< the build's own target: SSE2 on x86-64, whatever the compiler targets elsewhere
    V3,       ///< x86-64-v3: AVX2, FMA, BMI1/2, F16C, LZCNT, MOVBE
    V4,       ///< x86-64-v4: v3 plus AVX-512 F, BW, CD, DQ, VL
};

inline constexpr std::array<CpuVariant, 3> kCpuVariants = {CpuVariant::Baseline, CpuVariant::V3,
                                                           CpuVariant::V4};

/// Their names, as DIGITPAD_CPU takes them and `digitpad-cli bench` prints them.
inline constexpr NameTable<CpuVariant, 3> kCpuVariantNames{{
    {CpuVariant::Baseline, "baseline"},
    {CpuVariant::V3, "x86-64-v3"},
    {CpuVariant::V4, "x86-64-v4"},
}};
constexpr const auto& names(CpuVariant) {
    return kCpuVariantNames;
}

/// Whether this build holds kernels for `variant` (the x86-64 variants only on x86-64).
bool variantBuilt(CpuVariant variant);
/// Whether the CPU (and the operating system, which must save the wider registers) can run `variant`.
bool cpuSupports(CpuVariant variant);
/// The widest variant that is built and that the CPU supports.
CpuVariant bestCpuVariant();

} // namespace digitpad
