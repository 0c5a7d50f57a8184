// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Shape.h"

namespace digitpad {

/// The side of the square image a digit network reads: MNIST's 28 × 28 field. Canvases and image files are
/// framed into it (data/Preprocess.h); IDX data sets of other sizes still train, with their own shape.
inline constexpr int kDigitSide = 28;
/// The shape of one digit image: one channel, kDigitSide × kDigitSide (784 values per column).
inline constexpr Shape kDigitShape{1, kDigitSide, kDigitSide};
/// The classes of a digit set: 0 to 9. IDX labels above kDigitClasses − 1 are refused.
inline constexpr int kDigitClasses = 10;

} // namespace digitpad
