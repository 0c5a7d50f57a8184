// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace digitpad {

/// The optional file of a drawn-digit folder that says how each canvas was drawn (datasets/style-digits).
inline constexpr const char* kDrawnTagsFile = "styles.txt";

/// One tag per line's comma-separated list, e.g. "shape:1-flag-base" or "pen:very-thick": family, colon,
/// value.
using SampleTags = std::vector<std::string>;

/// Reads `folder`/styles.txt: after comment lines starting with '#', one line per canvas, "index label tags",
/// indices 0, 1, 2, … in order and each label equal to `labels[index]`. Returns no tags (an empty vector)
/// when the folder has no such file. Fails naming the file and the line when a line is malformed, an index
/// is out of order, a label differs, or the file holds a different number of canvases than `labels`.
Result<std::vector<SampleTags>> readDrawnTags(const std::string& folder,
                                              const std::vector<std::uint8_t>& labels);

} // namespace digitpad
