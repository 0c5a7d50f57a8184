// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/GrayImage.h"

namespace digitpad {

/// Where the ink of an image lies: the half-open box [x0, x1) × [y0, y1) of the pixels darker than a cut, and
/// how many there are. Empty (count 0, x1 <= x0) when no pixel is that dark.
struct InkBox {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    int count = 0;
    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
};

/// The box and count of the pixels of `image` whose value is below `cut`. One pass: framing places its crop
/// with it, and heavy-ink thinning measures how much ink an erosion leaves.
InkBox inkBox(const GrayImage& image, int cut);

} // namespace digitpad
