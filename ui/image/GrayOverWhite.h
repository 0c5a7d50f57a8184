// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

/// One pixel as the engine's 8-bit gray (255 = paper): Qt's qGray() luminance ((11 R + 16 G + 5 B) / 32) of a
/// non-premultiplied 8-bit RGBA pixel, composited over white by its alpha, since a transparent background is
/// paper, not ink. Every decoder path uses it, so a file gives the same pixels whichever decoded it.
inline std::uint8_t grayOverWhite(int red, int green, int blue, int alpha) {
    const int gray = (red * 11 + green * 16 + blue * 5) / 32;
    return static_cast<std::uint8_t>((gray * alpha + 255 * (255 - alpha) + 127) / 255);
}
