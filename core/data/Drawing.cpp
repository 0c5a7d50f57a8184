// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/Drawing.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace digitpad {

bool Drawing::empty() const {
    return std::all_of(strokes.begin(), strokes.end(), [](const PenStroke& s) { return s.empty(); });
}

namespace {

/// Ink coverage per pixel, 0..1, canvasSide² floats; painted capsule by capsule keeping the maximum.
class InkLayer {
public:
    explicit InkLayer(int side) : side_(side), ink_(static_cast<std::size_t>(side) * side, 0.0f) {}

    /// A segment from a to b with round ends, radius ra at a and rb at b (linear in between).
    void capsule(const PenPoint& a, double ra, const PenPoint& b, double rb) {
        const double reach = std::max(ra, rb) + 1.0;
        const int x0 = std::max(0, static_cast<int>(std::floor(std::min(a.x, b.x) - reach)));
        const int x1 = std::min(side_ - 1, static_cast<int>(std::ceil(std::max(a.x, b.x) + reach)));
        const int y0 = std::max(0, static_cast<int>(std::floor(std::min(a.y, b.y) - reach)));
        const int y1 = std::min(side_ - 1, static_cast<int>(std::ceil(std::max(a.y, b.y) + reach)));
        const double dx = b.x - a.x;
        const double dy = b.y - a.y;
        const double lengthSquared = dx * dx + dy * dy;
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x) {
                // Pixel centres are at +0.5, as QPainter's are.
                const double px = x + 0.5 - a.x;
                const double py = y + 0.5 - a.y;
                const double t =
                    lengthSquared > 0.0 ? std::clamp((px * dx + py * dy) / lengthSquared, 0.0, 1.0) : 0.0;
                const double radius = ra + t * (rb - ra);
                const double ex = px - t * dx;
                const double ey = py - t * dy;
                const double distanceSquared = ex * ex + ey * ey;
                // Most pixels of the box are fully outside or fully inside the pen: only the one-pixel ramp
                // at the edge needs the square root.
                const double outer = radius + 0.5;
                if (distanceSquared >= outer * outer)
                    continue;
                const double inner = std::max(0.0, radius - 0.5);
                const double coverage = distanceSquared <= inner * inner
                                            ? 1.0
                                            : std::min(1.0, outer - std::sqrt(distanceSquared));
                float& pixel = ink_[static_cast<std::size_t>(y) * side_ + x];
                pixel = std::max(pixel, static_cast<float>(coverage));
            }
        }
    }

    GrayImage toImage() const {
        GrayImage image(side_, side_);
        for (std::size_t i = 0; i < ink_.size(); ++i)
            image.pixels[i] = static_cast<std::uint8_t>(255.0f * (1.0f - ink_[i]) + 0.5f); // rounded, ≥ 0
        return image;
    }

private:
    int side_;
    std::vector<float> ink_;
};

} // namespace

GrayImage renderDrawing(const Drawing& drawing, double widthScale) {
    InkLayer layer(std::max(1, drawing.canvasSide));
    // A pen narrower than one pixel would leave gaps in a stroke; the canvas clamps its width the same way.
    const auto radius = [widthScale](const PenPoint& p) { return std::max(1.0, p.width * widthScale) / 2.0; };
    for (const PenStroke& stroke : drawing.strokes) {
        if (stroke.size() == 1)
            layer.capsule(stroke[0], radius(stroke[0]), stroke[0], radius(stroke[0]));
        for (std::size_t i = 1; i < stroke.size(); ++i)
            layer.capsule(stroke[i - 1], radius(stroke[i - 1]), stroke[i], radius(stroke[i]));
    }
    return layer.toImage();
}

} // namespace digitpad
