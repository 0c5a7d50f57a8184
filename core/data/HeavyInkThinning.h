// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/GrayImage.h"

#include <cstdint>
#include <optional>

namespace digitpad {

/// Strokes thinner than this share of the MNIST box's typical stroke width, scaled to the ink's size, are
/// left as drawn; thicker ones are thinned toward it. Below 1 because the 28×28 stroke-width step finishes
/// the work after framing: this only has to keep loops and gaps open that framing would otherwise close.
/// Chosen on the style-digits dev set and small, thick digits made from it (docs/preprocessing.md): 0.7 gave
/// dev 45 wrong against 50 without it, 0.5 gave 43 but one more drawn digit wrong.
inline constexpr double kHeavyInkTarget = 0.7;

/// At most this many erosions (a 45 px pen on a digit 60 px tall needs 19): they bound the work, and a
/// shape so heavy is a blot whatever is left of it.
inline constexpr int kMaxHeavyInkErosions = 24;
/// Ink whose box is longer than this many pixels (a large photograph, not a canvas) is left as it is: its
/// gaps are many pixels wide anyway, and eroding it would cost a pass over millions of pixels each time.
inline constexpr int kMaxThinnedInkSize = 1024;

/// The stroke width of the ink in `image` in pixels of the image: twice its area over its perimeter (as
/// strokeWidthOf() measures a framed field), with ink (paper − pixel) / (paper − darkest) in 0..1. 0 without
/// ink.
double canvasStrokeWidth(const GrayImage& image, int paper, int darkest);

/// How many one-pixel erosions (3×3 grey erosion of the ink, each thinning a stroke by about 2 pixels) bring
/// a stroke of width `strokeWidth` down to kHeavyInkTarget × the typical width for ink whose bounding box's
/// longer side is `inkSize` pixels (it is framed to 20 px). 0 for ink no heavier than that; at most
/// kMaxHeavyInkErosions.
int heavyInkErosions(double strokeWidth, int inkSize);

/// A canvas whose heavy ink was thinned, and its darkest level (found on the thinned patch: every pixel
/// outside it is lighter than the cut that placed it).
struct ThinnedInk {
    GrayImage image;
    std::uint8_t darkest = 0;
};

/// The image with ink drawn with a pen heavy for the digit's size thinned at the image's own resolution,
/// before framing shrinks it: a 3 written 60 px tall with a 22 px pen keeps the gaps between its strokes,
/// which the 28×28 box would merge into a blot. Erosion stops early rather than erase more than 70 % of the
/// ink that remains. Nothing (no copy) when the ink is left as drawn: no heavier than the target, too small
/// to erode, or in a box longer than kMaxThinnedInkSize. `paper` and `darkest` are the image's brightest and
/// darkest levels (paper > darkest).
std::optional<ThinnedInk> thinHeavyInk(const GrayImage& image, int paper, int darkest);

} // namespace digitpad
