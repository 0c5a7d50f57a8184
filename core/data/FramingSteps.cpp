// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/FramingSteps.h"

#include "data/Preprocess.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace digitpad {

namespace {

// Deskewing stops at 45°: steeper "slants" come from shapes, not from writing (a lying 1, a long flat
// stroke), and shearing them further would wreck them.
constexpr double kMaxSlant = 1.0;
// Widths within this distance of the target are left alone: the middle half of MNIST's own digits (2.0 to
// 2.8 px) keeps its ink as written.
constexpr double kWidthTolerance = 0.4;
// A full 3×3 dilation widens a stroke by about 2 px (one on each side); each round moves at most that far and
// then measures again.
constexpr double kWidthPerRound = 2.0;
constexpr int kMaxWidthRounds = 3;

/// The ink's centre and the second moments the slant is made of, in one pass over the centre and one over
/// the spread.
struct InkMoments {
    double mass = 0., centreY = 0., mu11 = 0., mu02 = 0.;
    /// α = μ11 / μ02; 0 without ink or when the ink is one row (below a hundredth of a pixel² of vertical
    /// spread relative to its mass).
    double slant() const { return mass > 0. && mu02 > 1e-2 * mass ? mu11 / mu02 : 0.; }
};

InkMoments inkMoments(const Eigen::Ref<const Vector>& field, int side) {
    InkMoments ink;
    double sumX = 0., sumY = 0.;
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const double v = field[y * side + x];
            ink.mass += v;
            sumX += v * x;
            sumY += v * y;
        }
    if (!(ink.mass > 0.))
        return ink;
    const double cx = sumX / ink.mass;
    ink.centreY = sumY / ink.mass;
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const double v = field[y * side + x];
            ink.mu11 += v * (x - cx) * (y - ink.centreY);
            ink.mu02 += v * (y - ink.centreY) * (y - ink.centreY);
        }
    return ink;
}

/// Shears the field along x: out(x, y) = in(x + α·(y − ȳ), y), linear interpolation along each row (the shear
/// moves pixels only along x, so one-dimensional interpolation is exact for it). Ink pushed past the edge is
/// lost, as MNIST's own framing clips.
void deskew(Eigen::Ref<Vector> field, int side) {
    const InkMoments ink = inkMoments(field, side);
    const double alpha = std::clamp(ink.slant(), -kMaxSlant, kMaxSlant);
    if (alpha == 0.)
        return;
    const double centreY = ink.centreY;
    // Per thread and reused: training applies the steps to every augmented image, allocation-free.
    thread_local std::vector<Scalar> row;
    row.resize(static_cast<std::size_t>(side));
    for (int y = 0; y < side; ++y) {
        const double shift = alpha * (y - centreY);
        const double whole = std::floor(shift);
        const int offset = static_cast<int>(whole);
        const Scalar fraction = static_cast<Scalar>(shift - whole);
        Scalar* line = field.data() + static_cast<std::ptrdiff_t>(y) * side;
        auto at = [&](int x) { return x >= 0 && x < side ? line[x] : Scalar(0); };
        for (int x = 0; x < side; ++x)
            row[static_cast<std::size_t>(x)] =
                (1 - fraction) * at(x + offset) + fraction * at(x + offset + 1);
        std::copy(row.begin(), row.end(), line);
    }
}

/// out = 3×3 maximum (dilate) or minimum (erode) of `in`, zero outside the field; separable.
void morph3x3(const Scalar* in, Scalar* out, Scalar* scratch, int side, bool dilate) {
    auto pick = [dilate](Scalar a, Scalar b) { return dilate ? std::max(a, b) : std::min(a, b); };
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const int i = y * side + x;
            Scalar v = in[i];
            v = pick(v, x > 0 ? in[i - 1] : Scalar(0));
            v = pick(v, x + 1 < side ? in[i + 1] : Scalar(0));
            scratch[i] = v;
        }
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const int i = y * side + x;
            Scalar v = scratch[i];
            v = pick(v, y > 0 ? scratch[i - side] : Scalar(0));
            v = pick(v, y + 1 < side ? scratch[i + side] : Scalar(0));
            out[i] = v;
        }
}

/// Moves the stroke width toward kTypicalStrokeWidth: each round blends the field with its dilation or
/// erosion by the fraction that closes the measured gap (a full round changes the width by about 2 px).
void normaliseStrokeWidth(Eigen::Ref<Vector> field, int side) {
    const std::size_t n = static_cast<std::size_t>(side) * side;
    thread_local std::vector<Scalar> morphed, scratch;
    morphed.resize(n);
    scratch.resize(n);
    for (int round = 0; round < kMaxWidthRounds; ++round) {
        const double width = strokeWidthOf(field, side);
        const double gap = kTypicalStrokeWidth - width;
        if (width <= 0. || std::abs(gap) <= kWidthTolerance)
            return;
        const bool thicken = gap > 0.;
        const Scalar amount = static_cast<Scalar>(std::min(1., std::abs(gap) / kWidthPerRound));
        morph3x3(field.data(), morphed.data(), scratch.data(), side, thicken);
        // Thinning never erases the drawing: an erosion that leaves no ink is not applied.
        if (!thicken && *std::max_element(morphed.begin(), morphed.end()) <= Scalar(0))
            return;
        for (std::size_t i = 0; i < n; ++i)
            field[static_cast<Eigen::Index>(i)] +=
                amount * (morphed[i] - field[static_cast<Eigen::Index>(i)]);
    }
}

} // namespace

bool FramingSteps::has(FramingStep step) const {
    return step == FramingStep::Deskew ? deskew : strokeWidth;
}

void FramingSteps::set(FramingStep step, bool on) {
    (step == FramingStep::Deskew ? deskew : strokeWidth) = on;
}

Status FramingSteps::check(Shape shape) const {
    if (any() && (shape.channels != 1 || shape.height != shape.width))
        return Error{"framing steps (" + toText() + ") need single-channel square images, the data is " +
                         shape.toString(),
                     ErrorKind::FramingStepsUnfit};
    return Success{};
}

std::string FramingSteps::toText() const {
    std::string text;
    for (const EnumName<FramingStep>& entry : kFramingStepNames) {
        if (!has(entry.value))
            continue;
        if (!text.empty())
            text += ',';
        text += entry.name;
    }
    return text.empty() ? "none" : text;
}

Result<FramingSteps> parseFramingSteps(std::string_view text) {
    FramingSteps steps;
    if (text == "none")
        return steps;
    const std::string choices = "none or a comma-separated list of " + nameChoices<FramingStep>(" and ");
    if (text.empty())
        return Error{"no framing steps given: expected " + choices};
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string_view word = text.substr(start, comma - start);
        const std::optional<FramingStep> step = fromName<FramingStep>(word);
        if (!step)
            return Error{"unknown framing step '" + std::string(word) + "': expected " + choices};
        if (steps.has(*step))
            return Error{"framing step '" + std::string(word) + "' is listed twice"};
        steps.set(*step, true);
        start = comma + 1;
    }
    return steps;
}

double slantOf(const Eigen::Ref<const Vector>& field, int side) {
    return inkMoments(field, side).slant();
}

double strokeWidthOf(const Eigen::Ref<const Vector>& field, int side) {
    double strongest = 0., area = 0., perimeter = 0.;
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const double v = field[y * side + x];
            strongest = std::max(strongest, v);
            area += v;
            // Forward differences with zero outside, so the field's border closes every shape.
            const double dx = (x + 1 < side ? field[y * side + x + 1] : 0.) - v;
            const double dy = (y + 1 < side ? field[(y + 1) * side + x] : 0.) - v;
            perimeter += std::sqrt(dx * dx + dy * dy);
        }
    // Differences from a pixel to its left and upper neighbours outside the field (the first column and row).
    for (int i = 0; i < side; ++i)
        perimeter += field[i * side] + field[i];
    if (!(strongest > 0.) || !(perimeter > 0.))
        return 0.;
    return 2. * area / perimeter;
}

void applyFramingSteps(const FramingSteps& steps, Eigen::Ref<Vector> field, int side) {
    if (steps.deskew)
        deskew(field, side);
    if (steps.strokeWidth)
        normaliseStrokeWidth(field, side);
}

void applyFramingSteps(const FramingSteps& steps, Matrix& images, int side) {
    if (!steps.any())
        return;
    for (Eigen::Index i = 0; i < images.cols(); ++i) {
        applyFramingSteps(steps, images.col(i), side);
        normaliseMinMax(images.col(i));
    }
}

} // namespace digitpad
