// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/DigitSegmentation.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>

namespace digitpad {

namespace {

/// Ink pixels that belong together: their indices (y · width + x) and the box around them.
struct Part {
    std::vector<int> pixels;
    int x0 = std::numeric_limits<int>::max();
    int y0 = std::numeric_limits<int>::max();
    int x1 = 0; ///< exclusive
    int y1 = 0; ///< exclusive

    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
    int area() const { return static_cast<int>(pixels.size()); }
    void add(int index, int imageWidth) {
        pixels.push_back(index);
        const int x = index % imageWidth;
        const int y = index / imageWidth;
        x0 = std::min(x0, x);
        y0 = std::min(y0, y);
        x1 = std::max(x1, x + 1);
        y1 = std::max(y1, y + 1);
    }
    void absorb(Part& other) {
        pixels.insert(pixels.end(), other.pixels.begin(), other.pixels.end());
        x0 = std::min(x0, other.x0);
        y0 = std::min(y0, other.y0);
        x1 = std::max(x1, other.x1);
        y1 = std::max(y1, other.y1);
        other.pixels.clear();
    }
};

/// Overlap of the two parts' column ranges in pixels; negative is the gap between them.
int columnOverlap(const Part& a, const Part& b) {
    return std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
}

int rowOverlap(const Part& a, const Part& b) {
    return std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
}

// The merging rules' proportions, chosen on the dev strings (scripts/make-digit-strings) and the dev
// canvases.
constexpr double kTallShare = 0.6;      ///< a part at least this share of the line's height is "tall"
constexpr double kStackedOverlap = 0.4; ///< column overlap (of the narrower part) for parts one above another
constexpr double kTallStackedOverlap = 0.8; ///< the same when both are tall: side by side digits overlap less
constexpr double kSmallArea = 0.12;         ///< a part with less ink than this share of the other is "small"
constexpr double kSmallReach = 0.12;        ///< how far (share of the line height) a small part may be
constexpr double kDustArea = 0.005;         ///< parts with less ink than this share of the largest are dust
constexpr double kFragmentShare = 0.45;     ///< a part shorter than this share of the line is a fragment
constexpr double kCentreWeight = 0.5;       ///< how much a cut away from a wide part's middle costs
constexpr double kNoDip = 0.5;              ///< a best cut with more ink than this (less dip) is no cut
constexpr double kNearGap = 0.06;           ///< a gap this share of the line height or less is "near"
constexpr double kShortShare = 0.7;         ///< a part at most this share of the other's height is "short"
/// A drawing whose strokes miss more than this share of the image's ink is segmented from its pixels.
constexpr double kUnexplainedInk = 0.1;
/// Strokes of one piece of ink sharing more than this share of the narrower one's columns are one digit.
constexpr double kSideBySideOverlap = 0.5;

/// True when `a` and `b` are parts of one digit (see segmentDigits). `line` is the tallest part's height.
bool belongTogether(const Part& a, const Part& b, int line) {
    const int overlap = columnOverlap(a, b);
    const int narrower = std::min(a.width(), b.width());
    const bool bothTall = a.height() >= kTallShare * line && b.height() >= kTallShare * line;
    if (overlap >= (bothTall ? kTallStackedOverlap : kStackedOverlap) * narrower)
        return true;
    // A short part close beside a taller one and within its rows: the arm and bar of a 4 whose stem was drawn
    // apart. Two digits side by side are about as tall as each other.
    const int shorter = std::min(a.height(), b.height());
    if (-overlap <= kNearGap * line && shorter <= kShortShare * std::max(a.height(), b.height()) &&
        rowOverlap(a, b) >= 0.9 * shorter)
        return true;
    const Part& small = a.area() <= b.area() ? a : b;
    const Part& large = a.area() <= b.area() ? b : a;
    // A fragment: little ink beside the other, or too short to be a digit of the line (a stroke the pen
    // broke, a detached bar or tick).
    if (small.area() >= kSmallArea * large.area() && small.height() >= kFragmentShare * line)
        return false;
    const double reach = kSmallReach * line;
    return -overlap <= reach && -rowOverlap(a, b) <= reach;
}

/// The 8-connected components of `ink` (one flag per pixel).
std::vector<Part> components(const std::vector<bool>& ink, int width, int height) {
    std::vector<Part> parts;
    std::vector<bool> seen(ink.size(), false);
    std::vector<int> stack;
    for (int start = 0; start < static_cast<int>(ink.size()); ++start) {
        if (!ink[static_cast<std::size_t>(start)] || seen[static_cast<std::size_t>(start)])
            continue;
        Part part;
        stack.push_back(start);
        seen[static_cast<std::size_t>(start)] = true;
        while (!stack.empty()) {
            const int index = stack.back();
            stack.pop_back();
            part.add(index, width);
            const int x = index % width;
            const int y = index / width;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int nx = x + dx;
                    const int ny = y + dy;
                    if (nx < 0 || ny < 0 || nx >= width || ny >= height)
                        continue;
                    const auto next = static_cast<std::size_t>(ny * width + nx);
                    if (ink[next] && !seen[next]) {
                        seen[next] = true;
                        stack.push_back(static_cast<int>(next));
                    }
                }
        }
        parts.push_back(std::move(part));
    }
    return parts;
}

/// Merges parts that belong together until no pair does; dust (tiny specks) joins a part it touches or within
/// reach, or is dropped, so noise in a picture does not become a digit.
std::vector<Part> mergeParts(std::vector<Part> parts) {
    int largest = 0;
    int line = 0;
    for (const Part& part : parts) {
        largest = std::max(largest, part.area());
        line = std::max(line, part.height());
    }
    std::vector<Part> kept;
    std::vector<Part> dust;
    for (Part& part : parts)
        (part.area() < kDustArea * largest ? dust : kept).push_back(std::move(part));

    bool merged = true;
    while (merged) {
        merged = false;
        for (std::size_t i = 0; i < kept.size() && !merged; ++i)
            for (std::size_t j = i + 1; j < kept.size() && !merged; ++j)
                if (belongTogether(kept[i], kept[j], line)) {
                    kept[i].absorb(kept[j]);
                    kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(j));
                    merged = true;
                }
    }
    const double reach = kSmallReach * line;
    for (Part& speck : dust) {
        Part* nearest = nullptr;
        double nearestGap = reach;
        for (Part& part : kept) {
            const double gap = std::max({0, -columnOverlap(speck, part), -rowOverlap(speck, part)});
            if (gap <= nearestGap) {
                nearest = &part;
                nearestGap = gap;
            }
        }
        if (nearest != nullptr)
            nearest->absorb(speck);
    }
    return kept;
}

/// Cuts `part` where two touching digits most likely meet, while a piece is wider than splitAspect × its
/// height: a column with little ink (a 3-column window, so a thin bridge counts as little) where the outline
/// dips in from above and below (two rounded digits touch at their sides, so the column there has ink only
/// in its middle), near the middle (two digits are about as wide as each other). Each of the three is a share
/// of the part's size, so the cost does not depend on the image's scale.
void splitWide(Part part, int width, double splitAspect, std::vector<Part>& out) {
    if (part.width() <= splitAspect * part.height() || part.width() < 4) {
        out.push_back(std::move(part));
        return;
    }
    const auto columns = static_cast<std::size_t>(part.width());
    std::vector<int> columnInk(columns, 0);
    std::vector<int> top(columns, part.y1);
    std::vector<int> bottom(columns, part.y0);
    for (int index : part.pixels) {
        const auto c = static_cast<std::size_t>(index % width - part.x0);
        const int y = index / width;
        ++columnInk[c];
        top[c] = std::min(top[c], y);
        bottom[c] = std::max(bottom[c], y + 1);
    }
    // Each side keeps at least a quarter of the part: a digit is rarely narrower, and a cut at the very edge
    // would only shave off a stroke's end.
    const int first = std::max(1, part.width() / 4);
    const int last = part.width() - first;
    const double middle = part.width() / 2.0;
    const double h = part.height();
    int best = first;
    double bestCost = std::numeric_limits<double>::max();
    double bestDip = 0.0;
    for (int c = first; c <= last; ++c) {
        int window = 0;
        for (int k = c - 1; k <= c + 1; ++k)
            if (k >= 0 && k < part.width())
                window += columnInk[static_cast<std::size_t>(k)];
        const auto column = static_cast<std::size_t>(c);
        const double depth =
            columnInk[column] == 0 ? 1.0 : ((top[column] - part.y0) + (part.y1 - bottom[column])) / h;
        const double dip = window / (3.0 * h) - depth;
        const double cost = dip + kCentreWeight * std::abs(c - middle) / part.width();
        if (cost < bestCost) {
            bestCost = cost;
            bestDip = dip;
            best = c;
        }
    }
    // No column is thinner than most: one wide stroke (a bar, a dash), not touching digits.
    if (bestDip > kNoDip) {
        out.push_back(std::move(part));
        return;
    }
    Part left;
    Part right;
    for (int index : part.pixels)
        (index % width - part.x0 < best ? left : right).add(index, width);
    if (left.pixels.empty() || right.pixels.empty()) {
        out.push_back(std::move(part));
        return;
    }
    splitWide(std::move(left), width, splitAspect, out);
    splitWide(std::move(right), width, splitAspect, out);
}

/// Merges the strokes of one connected piece of ink (`groups`, one part per stroke) that belong to one digit,
/// so that only digits drawn side by side stay apart: strokes stay together when belongTogether() says so,
/// when either is shorter than a digit of the line (the loop of a 9, a ring of an 8, a bar), or when they
/// share more than kSideBySideOverlap of the narrower one's columns (a 4's crossing stem). The pair sharing
/// the most columns is merged first, so a small stroke joins the digit it lies in.
void mergeStrokesOfOneDigit(std::vector<Part>& groups, int line) {
    const auto together = [line](const Part& a, const Part& b) {
        return belongTogether(a, b, line) || a.height() < kTallShare * line ||
               b.height() < kTallShare * line ||
               columnOverlap(a, b) > kSideBySideOverlap * std::min(a.width(), b.width());
    };
    while (groups.size() > 1) {
        std::size_t first = 0;
        std::size_t second = 0;
        int mostShared = std::numeric_limits<int>::min();
        for (std::size_t i = 0; i < groups.size(); ++i)
            for (std::size_t j = i + 1; j < groups.size(); ++j)
                if (together(groups[i], groups[j]) && columnOverlap(groups[i], groups[j]) > mostShared) {
                    mostShared = columnOverlap(groups[i], groups[j]);
                    first = i;
                    second = j;
                }
        if (first == second)
            return;
        groups[first].absorb(groups[second]);
        groups.erase(groups.begin() + static_cast<std::ptrdiff_t>(second));
    }
}

/// Where ink starts: every pixel at least a quarter as dark as the darkest one, measured from the paper (the
/// lightest pixel), so a thin anti-aliased stroke stays in one piece. Empty for an image without ink.
struct InkLevels {
    int paper = 255;
    int threshold = 0; ///< a pixel at or below it is ink
};

std::optional<InkLevels> inkLevels(const GrayImage& image) {
    if (image.width <= 0 || image.height <= 0)
        return std::nullopt;
    const auto [darkest, lightest] = std::minmax_element(image.pixels.begin(), image.pixels.end());
    if (*lightest == *darkest)
        return std::nullopt;
    return InkLevels{*lightest, *lightest - (*lightest - *darkest + 3) / 4};
}

/// One flag per pixel of `image`: at or below the ink threshold.
std::vector<bool> inkFlags(const GrayImage& image, const InkLevels& levels) {
    std::vector<bool> ink(image.pixels.size());
    for (std::size_t i = 0; i < ink.size(); ++i)
        ink[i] = image.pixels[i] <= levels.threshold;
    return ink;
}

/// The pixels (indices y · side + x on a side × side canvas) where `stroke` alone, rendered as the canvas
/// renders it, covers a quarter of a pixel or more (the same quarter as the ink threshold). Only the stroke's
/// own box is rendered, moved by whole pixels to the origin, so the coverage is the canvas's exactly and a
/// short stroke costs little (this runs for every stroke at every answer).
std::vector<int> strokeInk(const PenStroke& stroke, int side) {
    if (stroke.empty())
        return {};
    // renderDrawing's reach around each point: the pen's radius (at least half a pixel) and a pixel more.
    double left = side;
    double top = side;
    double right = 0.0;
    double bottom = 0.0;
    for (const PenPoint& point : stroke) {
        const double reach = std::max(1.0, point.width) / 2.0 + 1.0;
        left = std::min(left, point.x - reach);
        top = std::min(top, point.y - reach);
        right = std::max(right, point.x + reach);
        bottom = std::max(bottom, point.y + reach);
    }
    const int x0 = std::max(0, static_cast<int>(std::floor(left)));
    const int y0 = std::max(0, static_cast<int>(std::floor(top)));
    const int x1 = std::min(side, static_cast<int>(std::ceil(right)) + 1);
    const int y1 = std::min(side, static_cast<int>(std::ceil(bottom)) + 1);
    if (x1 <= x0 || y1 <= y0)
        return {};
    Drawing box{std::max(x1 - x0, y1 - y0), {stroke}};
    for (PenPoint& point : box.strokes.front()) {
        point.x -= x0;
        point.y -= y0;
    }
    const GrayImage alone = renderDrawing(box);
    constexpr int kStrokeInk = 255 - 255 / 4;
    std::vector<int> pixels;
    for (int y = 0; y < y1 - y0; ++y)
        for (int x = 0; x < x1 - x0; ++x)
            if (alone.at(x, y) <= kStrokeInk)
                pixels.push_back((y0 + y) * side + x0 + x);
    return pixels;
}

/// Steps 2–4 of segmentDigits for the parts of step 1, which come from the ink of `image`.
std::vector<DigitSegment> segmentParts(const GrayImage& image, std::vector<Part> parts, int paper,
                                       double splitAspect) {
    const int width = image.width;
    const int height = image.height;
    std::vector<Part> pieces;
    for (Part& part : mergeParts(std::move(parts)))
        splitWide(std::move(part), width, splitAspect, pieces);
    std::sort(pieces.begin(), pieces.end(),
              [](const Part& a, const Part& b) { return a.x0 + a.x1 < b.x0 + b.x1; });

    // Every pixel darker than the paper goes to the digit of the nearest ink within `reach`: the anti-aliased
    // edge is part of the stroke's look, and the framing averages it in.
    std::vector<int> owner(image.pixels.size(), -1);
    for (std::size_t s = 0; s < pieces.size(); ++s)
        for (int index : pieces[s].pixels)
            owner[static_cast<std::size_t>(index)] = static_cast<int>(s);
    int line = 0;
    for (const Part& piece : pieces)
        line = std::max(line, piece.height());
    const int reach = std::max(2, line / 50);
    std::vector<int> edgeOwner = owner;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const auto index = static_cast<std::size_t>(y * width + x);
            if (owner[index] >= 0 || image.pixels[index] >= paper)
                continue;
            int nearest = std::numeric_limits<int>::max();
            for (int ny = std::max(0, y - reach); ny <= std::min(height - 1, y + reach); ++ny)
                for (int nx = std::max(0, x - reach); nx <= std::min(width - 1, x + reach); ++nx) {
                    const int o = owner[static_cast<std::size_t>(ny * width + nx)];
                    const int distance = (nx - x) * (nx - x) + (ny - y) * (ny - y);
                    if (o >= 0 && distance < nearest) {
                        nearest = distance;
                        edgeOwner[index] = o;
                    }
                }
        }

    std::vector<DigitSegment> segments;
    for (std::size_t s = 0; s < pieces.size(); ++s) {
        const Part& piece = pieces[s];
        DigitSegment segment;
        segment.box = {piece.x0, piece.y0, piece.width(), piece.height()};
        // A square around the box with a margin of paper, the way a single digit sits on the canvas.
        const int side = std::max(piece.width(), piece.height());
        const int margin = std::max(2, side / 8);
        const int cut = side + 2 * margin;
        const int left = piece.x0 - (cut - piece.width()) / 2;
        const int top = piece.y0 - (cut - piece.height()) / 2;
        segment.image = GrayImage(cut, cut, static_cast<std::uint8_t>(paper));
        segment.imageX = left;
        segment.imageY = top;
        for (int y = 0; y < cut; ++y)
            for (int x = 0; x < cut; ++x) {
                const int sx = left + x;
                const int sy = top + y;
                if (sx < 0 || sy < 0 || sx >= width || sy >= height)
                    continue;
                if (edgeOwner[static_cast<std::size_t>(sy * width + sx)] == static_cast<int>(s))
                    segment.image.at(x, y) = image.at(sx, sy);
            }
        segments.push_back(std::move(segment));
    }
    return segments;
}

} // namespace

std::vector<DigitSegment> segmentDigits(const GrayImage& image, double splitAspect) {
    const std::optional<InkLevels> levels = inkLevels(image);
    if (!levels)
        return {};
    return segmentParts(image, components(inkFlags(image, *levels), image.width, image.height), levels->paper,
                        splitAspect);
}

std::vector<DigitSegment> segmentDigits(const GrayImage& image, const Drawing& drawing, double splitAspect) {
    const std::optional<InkLevels> levels = inkLevels(image);
    if (!levels)
        return {};
    const std::vector<bool> ink = inkFlags(image, *levels);
    std::vector<Part> inkParts = components(ink, image.width, image.height);
    if (image.width != drawing.canvasSide || image.height != drawing.canvasSide || drawing.strokes.empty())
        return segmentParts(image, std::move(inkParts), levels->paper, splitAspect);
    std::vector<int> partOf(image.pixels.size(), -1);
    int line = 0;
    for (std::size_t p = 0; p < inkParts.size(); ++p) {
        line = std::max(line, inkParts[p].height());
        for (int index : inkParts[p].pixels)
            partOf[static_cast<std::size_t>(index)] = static_cast<int>(p);
    }

    // Each stroke belongs to the part holding most of its ink.
    std::vector<std::vector<Part>> strokesOf(inkParts.size());
    std::vector<bool> covered(image.pixels.size(), false);
    for (const PenStroke& stroke : drawing.strokes) {
        Part part;
        std::vector<int> votes(inkParts.size(), 0);
        for (int index : strokeInk(stroke, drawing.canvasSide)) {
            const auto i = static_cast<std::size_t>(index);
            part.add(index, image.width);
            covered[i] = true;
            if (partOf[i] >= 0)
                ++votes[static_cast<std::size_t>(partOf[i])];
        }
        const auto most = std::max_element(votes.begin(), votes.end());
        if (most != votes.end() && *most > 0)
            strokesOf[static_cast<std::size_t>(most - votes.begin())].push_back(std::move(part));
    }
    // Ink the strokes do not explain (an imported picture under the drawing) has no strokes to follow.
    std::size_t inkCount = 0;
    std::size_t unexplained = 0;
    for (std::size_t i = 0; i < ink.size(); ++i)
        if (ink[i]) {
            ++inkCount;
            unexplained += covered[i] ? 0 : 1;
        }
    if (unexplained > kUnexplainedInk * static_cast<double>(inkCount))
        return segmentParts(image, std::move(inkParts), levels->paper, splitAspect);

    std::vector<Part> parts;
    for (std::size_t p = 0; p < inkParts.size(); ++p) {
        std::vector<Part> groups = std::move(strokesOf[p]);
        mergeStrokesOfOneDigit(groups, line);
        if (groups.size() < 2) {
            parts.push_back(std::move(inkParts[p]));
            continue;
        }
        for (Part& group : groups)
            parts.push_back(std::move(group));
    }
    return segmentParts(image, std::move(parts), levels->paper, splitAspect);
}

} // namespace digitpad
