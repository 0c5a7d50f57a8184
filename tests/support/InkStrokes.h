// SPDX-License-Identifier: GPL-3.0-or-later
// Hand-made drawings for the segmentation tests: round-pen polylines and ellipses on a white GrayImage.
#pragma once

#include "data/GrayImage.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace digitpad::test {

/// Inks every pixel within width / 2 of the polyline through `points` (black on the image's paper).
inline void inkPolyline(GrayImage& image, const std::vector<std::pair<double, double>>& points,
                        double width) {
    const double r = width / 2.0;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            for (std::size_t i = 0; i + 1 < points.size(); ++i) {
                const auto [ax, ay] = points[i];
                const auto [bx, by] = points[i + 1];
                const double dx = bx - ax;
                const double dy = by - ay;
                const double length2 = dx * dx + dy * dy;
                const double t =
                    length2 > 0 ? std::clamp(((x - ax) * dx + (y - ay) * dy) / length2, 0.0, 1.0) : 0.0;
                const double ex = ax + t * dx - x;
                const double ey = ay + t * dy - y;
                if (ex * ex + ey * ey <= r * r) {
                    image.at(x, y) = 0;
                    break;
                }
            }
}

/// The closed polyline of an ellipse centred at (cx, cy) with radii rx, ry: 48 sides.
inline std::vector<std::pair<double, double>> ellipsePoints(double cx, double cy, double rx, double ry) {
    std::vector<std::pair<double, double>> points;
    for (int i = 0; i <= 48; ++i) {
        const double a = 2.0 * 3.14159265358979 * i / 48;
        points.emplace_back(cx + rx * std::cos(a), cy + ry * std::sin(a));
    }
    return points;
}

/// An ellipse centred at (cx, cy) with radii rx, ry, as a closed polyline.
inline void inkEllipse(GrayImage& image, double cx, double cy, double rx, double ry, double width) {
    inkPolyline(image, ellipsePoints(cx, cy, rx, ry), width);
}

/// A 4 drawn in two strokes that do not touch: the arm and bar, then the stem a little to the right, spanning
/// x from `left` to about left + 60.
inline void inkFourInTwoStrokes(GrayImage& image, double left, double top) {
    inkPolyline(image, {{left + 30, top}, {left + 5, top + 70}, {left + 48, top + 70}}, 10);
    inkPolyline(image, {{left + 62, top}, {left + 62, top + 120}}, 10);
}

/// A 2 as three strokes joined: top curve, diagonal, base, in a box of about 55 × 120 from (left, top).
inline void inkTwo(GrayImage& image, double left, double top) {
    inkPolyline(image,
                {{left + 5, top + 25},
                 {left + 20, top + 5},
                 {left + 40, top + 5},
                 {left + 52, top + 25},
                 {left + 45, top + 55},
                 {left + 5, top + 115},
                 {left + 55, top + 115}},
                10);
}

/// A 5 whose top bar was added as a separate stroke, in a box of about 55 × 120 from (left, top).
inline void inkFiveWithDetachedBar(GrayImage& image, double left, double top) {
    inkPolyline(image, {{left + 12, top + 5}, {left + 55, top + 5}}, 10);
    inkPolyline(image,
                {{left + 10, top + 22},
                 {left + 8, top + 55},
                 {left + 35, top + 50},
                 {left + 52, top + 72},
                 {left + 48, top + 100},
                 {left + 28, top + 115},
                 {left + 5, top + 108}},
                10);
}

} // namespace digitpad::test
