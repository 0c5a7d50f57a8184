// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/HeavyInkThinning.h"

#include "data/FramingSteps.h"
#include "data/InkBox.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace digitpad {

namespace {

constexpr int kBoxSide = 20; // MNIST's digit box, the longer side of the framed ink
/// Pixels kept around the ink's box when it is cut out: the anti-aliased fringe, lighter than the cut.
constexpr int kFringe = 2;

/// The part of `image` inside [x0, x1) × [y0, y1).
GrayImage cutOut(const GrayImage& image, int x0, int y0, int x1, int y1) {
    GrayImage part(x1 - x0, y1 - y0);
    for (int y = y0; y < y1; ++y)
        std::copy_n(image.pixels.begin() + static_cast<std::ptrdiff_t>(y) * image.width + x0, part.width,
                    part.pixels.begin() + static_cast<std::ptrdiff_t>(y - y0) * part.width);
    return part;
}

/// One 3×3 grey erosion of the ink (a maximum of the paper-high pixels) in place, separable: rows, then
/// columns; pixels beyond the image's edges are left out of the maximum. `scratch` is reused between calls.
void erodeInk(GrayImage& image, std::vector<std::uint8_t>& scratch) {
    const int w = image.width;
    const int h = image.height;
    scratch.resize(image.pixels.size());
    for (int y = 0; y < h; ++y) {
        const std::uint8_t* in = image.pixels.data() + static_cast<std::size_t>(y) * w;
        std::uint8_t* out = scratch.data() + static_cast<std::size_t>(y) * w;
        for (int x = 0; x < w; ++x)
            out[x] = std::max({in[std::max(x - 1, 0)], in[x], in[std::min(x + 1, w - 1)]});
    }
    for (int y = 0; y < h; ++y) {
        const std::uint8_t* above = scratch.data() + static_cast<std::size_t>(std::max(y - 1, 0)) * w;
        const std::uint8_t* at = scratch.data() + static_cast<std::size_t>(y) * w;
        const std::uint8_t* below = scratch.data() + static_cast<std::size_t>(std::min(y + 1, h - 1)) * w;
        std::uint8_t* out = image.pixels.data() + static_cast<std::size_t>(y) * w;
        for (int x = 0; x < w; ++x)
            out[x] = std::max({above[x], at[x], below[x]});
    }
}

} // namespace

double canvasStrokeWidth(const GrayImage& image, int paper, int darkest) {
    if (paper <= darkest)
        return 0.0;
    // Whole numbers throughout: the ink's scale (paper − darkest) cancels in area / perimeter, and any pixel
    // darker than the paper counts, to the image's edges.
    long long area = 0;
    long long perimeter = 0;
    const int w = image.width;
    for (int y = 0; y < image.height; ++y) {
        const std::uint8_t* row = image.pixels.data() + static_cast<std::size_t>(y) * w;
        // Three plain loops over whole numbers, each of which vectorises.
        int rowArea = 0;
        for (int x = 0; x < w; ++x)
            rowArea += paper - row[x];
        int across = 0;
        for (int x = 0; x + 1 < w; ++x)
            across += std::abs(row[x + 1] - row[x]);
        int down = 0;
        if (y + 1 < image.height)
            for (int x = 0; x < w; ++x)
                down += std::abs(row[x + w] - row[x]);
        area += rowArea;
        perimeter += across + down;
    }
    return perimeter > 0 ? 2.0 * static_cast<double>(area) / static_cast<double>(perimeter) : 0.0;
}

int heavyInkErosions(double strokeWidth, int inkSize) {
    const double target = kHeavyInkTarget * kTypicalStrokeWidth * inkSize / kBoxSide;
    if (!(strokeWidth > target))
        return 0;
    return static_cast<int>(std::min((strokeWidth - target) / 2.0, double(kMaxHeavyInkErosions)));
}

std::optional<ThinnedInk> thinHeavyInk(const GrayImage& image, int paper, int darkest) {
    const int cut = paper - (paper - darkest) / 2;
    const InkBox box = inkBox(image, cut);
    const int inkSize = std::max(box.width(), box.height());
    if (box.count == 0 || inkSize > kMaxThinnedInkSize)
        return std::nullopt;
    // Everything happens on the ink's box and its fringe: on a 280×280 canvas most pixels are paper.
    const int x0 = std::max(0, box.x0 - kFringe), x1 = std::min(image.width, box.x1 + kFringe);
    const int y0 = std::max(0, box.y0 - kFringe), y1 = std::min(image.height, box.y1 + kFringe);
    GrayImage ink = cutOut(image, x0, y0, x1, y1);
    const int erosions = heavyInkErosions(canvasStrokeWidth(ink, paper, darkest), inkSize);
    if (erosions == 0)
        return std::nullopt;
    GrayImage thinned = std::move(ink);
    std::vector<std::uint8_t> scratch;
    int count = box.count;
    int kept = 0;
    for (int i = 0; i < erosions; ++i) {
        GrayImage next = thinned;
        erodeInk(next, scratch);
        const int left = inkBox(next, cut).count;
        // A stroke that would all but vanish (a dot, a short dash) is kept as it is.
        if (10 * left < 3 * count)
            break;
        thinned = std::move(next);
        count = left;
        ++kept;
    }
    if (kept == 0)
        return std::nullopt;
    ThinnedInk out{image, *std::min_element(thinned.pixels.begin(), thinned.pixels.end())};
    for (int y = y0; y < y1; ++y)
        std::copy_n(thinned.pixels.begin() + static_cast<std::ptrdiff_t>(y - y0) * thinned.width,
                    thinned.width,
                    out.image.pixels.begin() + static_cast<std::ptrdiff_t>(y) * image.width + x0);
    return out;
}

} // namespace digitpad
