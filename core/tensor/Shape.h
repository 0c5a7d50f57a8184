// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace digitpad {

/// The shape of one sample. A sample is stored as one matrix column, channel-major then row-major:
/// index = c * height * width + y * width + x (the IDX pixel order for one channel).
struct Shape {
    int channels = 1;
    int height = 1;
    int width = 1;

    int size() const { return channels * height * width; }
    bool operator==(const Shape&) const = default;
    std::string toString() const {
        return std::to_string(channels) + "x" + std::to_string(height) + "x" + std::to_string(width);
    }
};

} // namespace digitpad
