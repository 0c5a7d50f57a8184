// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernels/Kernels.h"

#include <cstdlib>
#include <stdexcept>

namespace digitpad {

// Each variant's table, from its own translation unit (KernelsBaseline.cpp, KernelsV3.cpp, KernelsV4.cpp).
namespace kernels_baseline {
const Kernels& table();
}
#if defined(DIGITPAD_CPU_VARIANTS)
namespace kernels_v3 {
const Kernels& table();
}
namespace kernels_v4 {
const Kernels& table();
}
#endif

const Kernels& kernelsFor(CpuVariant variant) {
    if (!variantBuilt(variant))
        throw std::invalid_argument("this build has no " + toName(variant) + " kernels");
    switch (variant) {
#if defined(DIGITPAD_CPU_VARIANTS)
    case CpuVariant::V3:
        return kernels_v3::table();
    case CpuVariant::V4:
        return kernels_v4::table();
#endif
    default:
        return kernels_baseline::table();
    }
}

namespace {

KernelChoice choose() {
    const CpuVariant best = bestCpuVariant();
    const char* requested = std::getenv("DIGITPAD_CPU");
    if (!requested || !*requested)
        return {best, {}};
    const std::optional<CpuVariant> variant = fromName<CpuVariant>(requested);
    if (!variant)
        return {best, "DIGITPAD_CPU='" + std::string(requested) + "' is not " + nameChoices<CpuVariant>() +
                          "; using " + toName(best)};
    if (!variantBuilt(*variant) || !cpuSupports(*variant))
        return {best, "DIGITPAD_CPU=" + std::string(requested) + " cannot run on this " +
                          (variantBuilt(*variant) ? "CPU" : "build") + "; using " + toName(best)};
    return {*variant, {}};
}

} // namespace

const KernelChoice& kernelChoice() {
    static const KernelChoice choice = choose();
    return choice;
}

const Kernels& activeKernels() {
    static const Kernels& kernels = kernelsFor(kernelChoice().variant);
    return kernels;
}

} // namespace digitpad
