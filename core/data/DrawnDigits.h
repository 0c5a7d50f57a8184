// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Dataset.h"
#include "data/Preprocess.h"
#include "tensor/Result.h"

#include <string>

namespace digitpad {

/// File names of DigitPad's drawn-digit set (datasets/drawn-digits, made by scripts/make-drawn-digits).
inline constexpr const char* kDrawnImagesFile = "images-idx3-ubyte.gz";
inline constexpr const char* kDrawnLabelsFile = "labels-idx1-ubyte.gz";

/// Loads the drawn-digit set from `folder`: canvases as a person draws them (IDX, count × height × width
/// unsigned bytes, 255 = paper, 0 = ink; raw or gzip) and their labels. Each canvas goes through the same
/// preprocess() as a drawing in the GUI, with the given framing and steps, so a model is scored on exactly
/// what it would see. Returns images 784 × count (Shape 1×28×28), labels 0–9 and the name "drawn digits
/// (<framing>)". Fails with a message naming the file when a file is missing or corrupt, the counts differ, a
/// label is not a digit, or a canvas holds no ink.
Result<Dataset> readDrawnDigits(const std::string& folder, Framing framing, const FramingSteps& steps = {});

} // namespace digitpad
