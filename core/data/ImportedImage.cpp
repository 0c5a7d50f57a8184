// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/ImportedImage.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace digitpad {
namespace {

/// The median of the pixels in the outer twentieth of each side (at least one pixel).
int borderMedian(const GrayImage& image) {
    const int bx = std::max(1, image.width / 20);
    const int by = std::max(1, image.height / 20);
    std::vector<std::uint8_t> border;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            if (x < bx || x >= image.width - bx || y < by || y >= image.height - by)
                border.push_back(image.at(x, y));
    auto middle = border.begin() + static_cast<std::ptrdiff_t>(border.size() / 2);
    std::nth_element(border.begin(), middle, border.end());
    return *middle;
}

/// The share of pixels at 240 or above: the clean paper of a canvas or a good scan.
double paperShare(const GrayImage& image) {
    const auto white =
        std::count_if(image.pixels.begin(), image.pixels.end(), [](std::uint8_t p) { return p >= 240; });
    return static_cast<double>(white) / static_cast<double>(image.pixels.size());
}

/// The paper's brightness around every pixel: the 90th percentile of each cell of a grid of about 8 × 8
/// cells (so ink, a minority in every cell, does not count), bilinearly interpolated between cell centres.
std::vector<double> backgroundOf(const GrayImage& image) {
    const int cells = 8;
    const int cw = std::max(1, (image.width + cells - 1) / cells);
    const int ch = std::max(1, (image.height + cells - 1) / cells);
    const int nx = (image.width + cw - 1) / cw;
    const int ny = (image.height + ch - 1) / ch;
    std::vector<double> level(static_cast<std::size_t>(nx * ny));
    std::vector<std::uint8_t> values;
    for (int cy = 0; cy < ny; ++cy) {
        for (int cx = 0; cx < nx; ++cx) {
            values.clear();
            for (int y = cy * ch; y < std::min(image.height, (cy + 1) * ch); ++y)
                for (int x = cx * cw; x < std::min(image.width, (cx + 1) * cw); ++x)
                    values.push_back(image.at(x, y));
            auto rank = values.begin() + static_cast<std::ptrdiff_t>(values.size() * 9 / 10);
            std::nth_element(values.begin(), rank, values.end());
            level[static_cast<std::size_t>(cy * nx + cx)] = std::max(1.0, static_cast<double>(*rank));
        }
    }
    std::vector<double> background(image.pixels.size());
    for (int y = 0; y < image.height; ++y) {
        const double gy = std::clamp((y + 0.5) / ch - 0.5, 0.0, ny - 1.0);
        const int y0 = static_cast<int>(gy), y1 = std::min(ny - 1, y0 + 1);
        const double fy = gy - y0;
        for (int x = 0; x < image.width; ++x) {
            const double gx = std::clamp((x + 0.5) / cw - 0.5, 0.0, nx - 1.0);
            const int x0 = static_cast<int>(gx), x1 = std::min(nx - 1, x0 + 1);
            const double fx = gx - x0;
            const auto at = [&](int cx, int cy) { return level[static_cast<std::size_t>(cy * nx + cx)]; };
            background[static_cast<std::size_t>(y) * image.width + x] =
                (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x1, y0)) +
                fy * ((1 - fx) * at(x0, y1) + fx * at(x1, y1));
        }
    }
    return background;
}

} // namespace

ImportedImage importImage(const GrayImage& picture) {
    ImportedImage result{picture, false, false};
    GrayImage& image = result.image;
    if (image.pixels.empty())
        return result;
    if (borderMedian(image) < 128) {
        for (std::uint8_t& p : image.pixels)
            p = static_cast<std::uint8_t>(255 - p);
        result.inverted = true;
    }
    if (paperShare(image) >= 0.5)
        return result;
    // Relative to its background, ink is dark and paper near 1 whatever the light; the range [0, kPaperLevel]
    // is stretched to the full [0, 255] so ink keeps its shades.
    const std::vector<double> background = backgroundOf(image);
    for (std::size_t i = 0; i < image.pixels.size(); ++i) {
        const double relative = image.pixels[i] / background[i];
        image.pixels[i] =
            static_cast<std::uint8_t>(std::lround(255.0 * std::clamp(relative / kPaperLevel, 0.0, 1.0)));
    }
    result.flattened = true;
    return result;
}

} // namespace digitpad
