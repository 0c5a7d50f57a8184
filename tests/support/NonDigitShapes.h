// SPDX-License-Identifier: GPL-3.0-or-later
// Canvases that hold no digit, drawn the way the app's canvas draws (round pen, 280×280, black on white):
// what the not-a-digit score is measured and tested on.
#pragma once

#include "data/GrayImage.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <string_view>
#include <utility>
#include <vector>

namespace digitpad::test {

/// The kinds of non-digit input, each a way people scribble on a digit canvas.
enum class NonDigitKind {
    Bar,         ///< one straight stroke, not near vertical (a vertical one is a fair 1)
    Dot,         ///< a single tap or a very short stroke
    Scribble,    ///< a zig-zag back and forth over one place
    RandomLines, ///< two to four unrelated straight strokes
    LetterLike,  ///< capital-letter skeletons that are no digit: A, H, K, M, W, X, E, N
    FilledBlob,  ///< a filled disc or rectangle
};

inline constexpr std::array kNonDigitKinds{NonDigitKind::Bar,        NonDigitKind::Dot,
                                           NonDigitKind::Scribble,   NonDigitKind::RandomLines,
                                           NonDigitKind::LetterLike, NonDigitKind::FilledBlob};

inline std::string_view nonDigitKindName(NonDigitKind kind) {
    switch (kind) {
    case NonDigitKind::Bar:
        return "bar";
    case NonDigitKind::Dot:
        return "dot";
    case NonDigitKind::Scribble:
        return "scribble";
    case NonDigitKind::RandomLines:
        return "random lines";
    case NonDigitKind::LetterLike:
        return "letter-like";
    case NonDigitKind::FilledBlob:
        return "filled blob";
    }
    return "";
}

inline constexpr int kCanvasSide = 280;
inline constexpr double kCanvasPen = 22.0; // the canvas's default pen width

using Stroke = std::vector<std::pair<double, double>>;

/// Inks the round-pen polyline through `points`, visiting only the pixels near each segment.
inline void inkStroke(GrayImage& image, const Stroke& points, double width = kCanvasPen) {
    const double r = width / 2.0;
    auto inkDisc = [&](double cx, double cy) {
        for (int y = std::max(0, int(cy - r)); y <= std::min(image.height - 1, int(cy + r) + 1); ++y)
            for (int x = std::max(0, int(cx - r)); x <= std::min(image.width - 1, int(cx + r) + 1); ++x)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
                    image.at(x, y) = 0;
    };
    inkDisc(points.front().first, points.front().second);
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
        const auto [ax, ay] = points[i];
        const auto [bx, by] = points[i + 1];
        const int steps = std::max(1, int(std::hypot(bx - ax, by - ay)));
        for (int s = 1; s <= steps; ++s)
            inkDisc(ax + (bx - ax) * s / steps, ay + (by - ay) * s / steps);
    }
}

/// A straight stroke of `length` pixels through the canvas centre at `degrees` from horizontal.
inline GrayImage barCanvas(double degrees, double length) {
    GrayImage image(kCanvasSide, kCanvasSide);
    const double a = degrees * 3.14159265358979 / 180.0;
    const double dx = std::cos(a) * length / 2.0;
    const double dy = -std::sin(a) * length / 2.0;
    inkStroke(image, {{140 - dx, 140 - dy}, {140 + dx, 140 + dy}});
    return image;
}

/// A filled disc of radius `radius` at the canvas centre.
inline GrayImage blobCanvas(double radius) {
    GrayImage image(kCanvasSide, kCanvasSide);
    inkStroke(image, {{140, 140}}, 2 * radius);
    return image;
}

/// Sample `index` of `kind`, the same for the same index.
inline GrayImage nonDigitCanvas(NonDigitKind kind, int index) {
    std::mt19937 rng(static_cast<unsigned>(1000 * static_cast<int>(kind) + index));
    auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    GrayImage image(kCanvasSide, kCanvasSide);
    switch (kind) {
    case NonDigitKind::Bar: {
        // Angles away from vertical: within 30° of it a bar is drawn as a 1.
        const double degrees = uniform(-60, 60);
        return barCanvas(degrees, uniform(40, 240));
    }
    case NonDigitKind::Dot: {
        const double x = uniform(40, 240), y = uniform(40, 240);
        inkStroke(image, {{x, y}, {x + uniform(-8, 8), y + uniform(-8, 8)}}, uniform(8, kCanvasPen));
        return image;
    }
    case NonDigitKind::Scribble: {
        Stroke stroke;
        const double cx = uniform(90, 190), cy = uniform(90, 190), w = uniform(40, 90), h = uniform(30, 90);
        const int turns = 6 + index % 10;
        for (int i = 0; i <= turns; ++i)
            stroke.emplace_back(cx + (i % 2 ? w : -w) + uniform(-15, 15), cy - h + 2 * h * i / turns);
        inkStroke(image, stroke);
        return image;
    }
    case NonDigitKind::RandomLines: {
        const int lines = 2 + index % 3;
        for (int i = 0; i < lines; ++i)
            inkStroke(image, {{uniform(30, 250), uniform(30, 250)}, {uniform(30, 250), uniform(30, 250)}});
        return image;
    }
    case NonDigitKind::LetterLike: {
        static const std::vector<std::vector<Stroke>> letters{
            {{{60, 240}, {140, 40}, {220, 240}}, {{95, 160}, {185, 160}}},             // A
            {{{70, 40}, {70, 240}}, {{210, 40}, {210, 240}}, {{70, 140}, {210, 140}}}, // H
            {{{80, 40}, {80, 240}}, {{210, 40}, {80, 150}, {210, 240}}},               // K
            {{{50, 240}, {70, 40}, {140, 170}, {210, 40}, {230, 240}}},                // M
            {{{40, 40}, {90, 240}, {140, 110}, {190, 240}, {240, 40}}},                // W
            {{{60, 40}, {220, 240}}, {{220, 40}, {60, 240}}},                          // X
            {{{200, 40}, {80, 40}, {80, 240}, {200, 240}}, {{80, 140}, {180, 140}}},   // E
            {{{70, 240}, {70, 40}, {210, 240}, {210, 40}}},                            // N
        };
        const std::vector<Stroke>& letter = letters[static_cast<std::size_t>(index) % letters.size()];
        const double scale = uniform(0.5, 1.0), shiftX = uniform(-20, 20), shiftY = uniform(-20, 20);
        for (Stroke stroke : letter) {
            for (auto& [x, y] : stroke) {
                x = 140 + (x - 140) * scale + shiftX + uniform(-6, 6);
                y = 140 + (y - 140) * scale + shiftY + uniform(-6, 6);
            }
            inkStroke(image, stroke);
        }
        return image;
    }
    case NonDigitKind::FilledBlob: {
        const double cx = uniform(80, 200), cy = uniform(80, 200);
        if (index % 2 == 0)
            return blobCanvas(uniform(20, 80));
        const double w = uniform(30, 80), h = uniform(30, 80);
        for (double y = cy - h; y <= cy + h; y += kCanvasPen / 2)
            inkStroke(image, {{cx - w, y}, {cx + w, y}});
        return image;
    }
    }
    return image;
}

} // namespace digitpad::test
