// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/GrayImage.h"

#include <vector>

namespace digitpad {

/// An axis-aligned rectangle in image pixels: [x, x + width) × [y, y + height).
struct InkBox {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;

    int right() const { return x + width; }
    int bottom() const { return y + height; }
    bool operator==(const InkBox&) const = default;
};

/// One digit found in a drawing of several.
struct DigitSegment {
    InkBox box;      ///< where its ink is in the source image
    GrayImage image; ///< its ink alone (every other digit's ink removed) on white paper, cut around the box
    int imageX = 0;  ///< where image's top-left pixel lies in the source (it may start outside)
    int imageY = 0;
};

/// A part wider than this many times its height is taken for several touching digits.
inline constexpr double kSplitAspect = 1.25;

/// Splits the ink of `image` (dark ink on light paper) into digits, in reading order (left to right):
/// 1. ink is every pixel at least a quarter as dark as the darkest one (from the paper); its 8-connected
///    components are the parts;
/// 2. parts that belong to one digit are merged: one mostly above or below the other (a 5's separate bar, the
///    rings of an 8), a short part right beside a taller one (a 4 whose stem was drawn apart), a fragment
///    (little ink, or short for the line: a speck, a detached tick) next to a part;
/// 3. a part wider than `splitAspect` × its height is cut where touching digits most likely meet (a thin
///    column where the outline dips in, near the middle), again while a piece stays too wide; a part with no
///    thinner column (one wide stroke) is not cut;
/// 4. the faint anti-aliased edge of the ink goes with the nearest digit.
/// An image without ink gives no segment. Only the proportions of the ink matter, not the image's size.
std::vector<DigitSegment> segmentDigits(const GrayImage& image, double splitAspect = kSplitAspect);

} // namespace digitpad
