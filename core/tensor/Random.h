// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <random>

namespace digitpad {

/// The engine's one random generator type: weight initialisation, shuffling, dropout and augmentation all
/// draw from seeded instances of it, so the same seed gives bit-identical results.
using Rng = std::mt19937_64;

} // namespace digitpad
