// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/InkBox.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace digitpad {

InkBox inkBox(const GrayImage& image, int cut) {
    InkBox box{image.width, image.height, 0, 0, 0};
    for (int y = 0; y < image.height; ++y) {
        const std::uint8_t* row = image.pixels.data() + static_cast<std::size_t>(y) * image.width;
        // Branch-free, so it vectorises: most rows of a canvas are paper.
        int count = 0;
        for (int x = 0; x < image.width; ++x)
            count += row[x] < cut;
        if (count == 0)
            continue;
        int first = 0;
        while (row[first] >= cut)
            ++first;
        int last = image.width - 1;
        while (row[last] >= cut)
            --last;
        box.x0 = std::min(box.x0, first);
        box.x1 = std::max(box.x1, last + 1);
        box.y0 = std::min(box.y0, y);
        box.y1 = y + 1;
        box.count += count;
    }
    return box;
}

} // namespace digitpad
