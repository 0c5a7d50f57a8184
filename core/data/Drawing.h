// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/GrayImage.h"

#include <vector>

namespace digitpad {

/// One sample of a pen stroke, in canvas pixels: where the pen was and how wide its ink was there.
struct PenPoint {
    double x = 0.0;
    double y = 0.0;
    double width = 0.0; ///< ink diameter; tablet pressure can vary it along a stroke
};

/// The pen's path from press to release; a single point is a dot.
using PenStroke = std::vector<PenPoint>;

/// What a person drew, as strokes rather than pixels, so it can be drawn again at another pen width (for
/// augmentation when fine-tuning, and so a kept drawing outlives a change of canvas rendering).
struct Drawing {
    int canvasSide = 280; ///< the square canvas the points are in (DrawingCanvas::kLogicalSize)
    std::vector<PenStroke> strokes;

    bool empty() const;
};

/// Renders `drawing` onto a white canvasSide × canvasSide image with a round, anti-aliased black pen, every
/// width multiplied by `widthScale` (at least 1 px). Each stroke is a chain of capsules (segments with round
/// ends) whose radius varies linearly between the points; a pixel's ink is its coverage by the nearest
/// capsule, measured from the distance to the pixel centre with a one-pixel ramp, which is how an
/// anti-aliased round pen looks. Overlapping strokes do not darken each other (the canvas paints opaque ink).
GrayImage renderDrawing(const Drawing& drawing, double widthScale = 1.0);

} // namespace digitpad
