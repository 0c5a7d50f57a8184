// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Drawing.h"
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

/// segmentDigits() for an image that is `drawing` rendered (a canvas of drawing.canvasSide square), using the
/// strokes to keep apart digits whose ink touches or overlaps: a part of step 1 whose strokes form digits
/// side by side is split into them. Strokes of one part stay together when step 2's rules merge them, when
/// either is shorter than 60 % of the line (a 9's loop, a ring of an 8, a bar) or when they share more than
/// half of the narrower one's columns (a 4's crossing stem); a part drawn in one stroke stays as it is. Steps
/// 2–4 follow as for pixels. An image of another size than the canvas, or one with more than a tenth of its
/// ink made by no stroke (an imported picture), is segmented from its pixels alone.
std::vector<DigitSegment> segmentDigits(const GrayImage& image, const Drawing& drawing,
                                        double splitAspect = kSplitAspect);

} // namespace digitpad
