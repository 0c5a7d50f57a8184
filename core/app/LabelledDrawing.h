// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Drawing.h"
#include "data/GrayImage.h"

#include <optional>
#include <string>

namespace digitpad {

/// One of the person's own digits with what they say it is: a canvas as drawn (or an image file), and the
/// strokes when they are known (then fine-tuning re-renders them at other pen widths).
struct LabelledDrawing {
    GrayImage image; ///< 255 = paper, 0 = ink, any size
    int label = 0;   ///< 0–9
    std::optional<Drawing> drawing;
    std::string source; ///< where it came from (a file path), for messages
};

} // namespace digitpad
