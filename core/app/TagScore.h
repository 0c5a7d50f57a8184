// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/DrawnTags.h"

#include <cstdint>
#include <string>
#include <vector>

namespace digitpad {

/// How a model did on the canvases carrying one tag.
struct TagScore {
    std::string tag; ///< "family:value"
    int count = 0;
    int correct = 0;
    double accuracy() const { return count > 0 ? static_cast<double>(correct) / count : 0.0; }
};

/// The accuracy per tag, sorted by tag (so a family's values stand together). `tags`, `labels` and
/// `predictions` list the same canvases in the same order.
std::vector<TagScore> scoreByTag(const std::vector<SampleTags>& tags, const std::vector<std::uint8_t>& labels,
                                 const std::vector<int>& predictions);

/// The part of a tag before the colon: "shape" for "shape:1-flag-base".
std::string tagFamily(const std::string& tag);

} // namespace digitpad
