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

/// Splits the ink of `image` (dark ink on light paper) into digits, in reading order (left to right):
/// 1. ink is every pixel at least half as dark as the darkest one; its 8-connected components are the parts;
/// 2. parts that belong to one digit are merged: one mostly above or below the other (a 5's separate bar, a 4
///    drawn in two strokes, the rings of an 8) or a small part next to a larger one (a speck, a detached
///    tick);
/// 3. a part too wide for one digit (wider than kSplitAspect × its height) is cut at the column with the
/// least
///    ink near its middle, again while a piece stays too wide (touching digits);
/// 4. the faint anti-aliased edge of the ink goes with the nearest digit.
/// An image without ink gives no segment. Only the proportions of the ink matter, not the image's size.
/// A part wider than this many times its height is taken for several touching digits.
inline constexpr double kSplitAspect = 1.25;

std::vector<DigitSegment> segmentDigits(const GrayImage& image, double splitAspect = kSplitAspect);

} // namespace digitpad
