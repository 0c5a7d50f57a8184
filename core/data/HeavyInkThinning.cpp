// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/HeavyInkThinning.h"

#include "data/FramingSteps.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace digitpad {

namespace {

constexpr int kBoxSide = 20; // MNIST's digit box, the longer side of the framed ink

struct InkBox {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0; ///< half-open; empty when x1 <= x0
    int count = 0;                      ///< pixels inside it darker than the cut
};

/// The box of the pixels darker than `cut` (ink above one half), and how many there are.
InkBox darkPixels(const GrayImage& image, int cut) {
    InkBox box{image.width, image.height, 0, 0, 0};
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            if (image.at(x, y) < cut) {
                box.x0 = std::min(box.x0, x);
                box.x1 = std::max(box.x1, x + 1);
                box.y0 = std::min(box.y0, y);
                box.y1 = std::max(box.y1, y + 1);
                ++box.count;
            }
    return box;
}

/// One 3×3 grey erosion of the ink (a maximum of the paper-high pixels), separable: rows, then columns.
/// Only pixels within one pixel of the ink's box can change.
GrayImage erodeInk(const GrayImage& image, const InkBox& box) {
    const int x0 = std::max(0, box.x0 - 1), x1 = std::min(image.width, box.x1 + 1);
    const int y0 = std::max(0, box.y0 - 1), y1 = std::min(image.height, box.y1 + 1);
    GrayImage rows = image;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            std::uint8_t v = image.at(x, y);
            if (x > 0)
                v = std::max(v, image.at(x - 1, y));
            if (x + 1 < image.width)
                v = std::max(v, image.at(x + 1, y));
            rows.at(x, y) = v;
        }
    GrayImage out = rows;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            std::uint8_t v = rows.at(x, y);
            if (y > 0)
                v = std::max(v, rows.at(x, y - 1));
            if (y + 1 < image.height)
                v = std::max(v, rows.at(x, y + 1));
            out.at(x, y) = v;
        }
    return out;
}

} // namespace

double canvasStrokeWidth(const GrayImage& image, int paper, int darkest) {
    if (paper <= darkest)
        return 0.0;
    const double scale = 1.0 / (paper - darkest);
    auto ink = [&](int x, int y) { return (paper - image.at(x, y)) * scale; };
    double area = 0.0;
    double perimeter = 0.0;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const double v = ink(x, y);
            area += v;
            if (x + 1 < image.width)
                perimeter += std::abs(ink(x + 1, y) - v);
            if (y + 1 < image.height)
                perimeter += std::abs(ink(x, y + 1) - v);
        }
    return perimeter > 0.0 ? 2.0 * area / perimeter : 0.0;
}

int heavyInkErosions(double strokeWidth, int inkSize) {
    const double target = kHeavyInkTarget * kTypicalStrokeWidth * inkSize / kBoxSide;
    return strokeWidth > target ? static_cast<int>((strokeWidth - target) / 2.0) : 0;
}

GrayImage thinHeavyInk(const GrayImage& image, int paper, int darkest) {
    const int cut = paper - (paper - darkest) / 2;
    InkBox box = darkPixels(image, cut);
    if (box.count == 0)
        return image;
    const int inkSize = std::max(box.x1 - box.x0, box.y1 - box.y0);
    const int erosions = heavyInkErosions(canvasStrokeWidth(image, paper, darkest), inkSize);
    GrayImage thinned = image;
    for (int i = 0; i < erosions; ++i) {
        GrayImage next = erodeInk(thinned, box);
        const InkBox left = darkPixels(next, cut);
        // A stroke that would all but vanish (a dot, a short dash) is kept as it is.
        if (10 * left.count < 3 * box.count)
            break;
        thinned = std::move(next);
        box = left;
    }
    return thinned;
}

} // namespace digitpad
