// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

/// Why an image of width × height pixels is refused before decoding, when it has more than `limitPixels`
/// pixels: "too large: 11000x11000 pixels, more than the 33 megapixels DigitPad decodes". Every decoder path
/// says it the same way.
inline std::string tooLargeReason(std::int64_t width, std::int64_t height, std::int64_t limitPixels) {
    return "too large: " + std::to_string(width) + "x" + std::to_string(height) + " pixels, more than the " +
           std::to_string(limitPixels / 1'000'000) + " megapixels DigitPad decodes";
}
