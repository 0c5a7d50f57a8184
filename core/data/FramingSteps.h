// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Matrix.h"
#include "tensor/NameTable.h"
#include "tensor/Result.h"
#include "tensor/Shape.h"

#include <string>
#include <string_view>

namespace digitpad {

/// A correction applied to the framed 28×28 field, after framing and before min-max normalisation. The same
/// steps run on a canvas (preprocess()) and on every training, validation and test image, so a model sees the
/// same kind of input at inference as in training.
enum class FramingStep {
    /// Slant correction by image moments: each row is shifted along x so that the ink's x–y covariance
    /// becomes zero (the shear x' = x − α·(y − ȳ) with α = μ11 / μ02). A digit written leaning right or left
    /// comes out upright.
    Deskew,
    /// The ink is thickened (3×3 grey dilation) or thinned (3×3 grey erosion) by a fraction until its
    /// estimated stroke width is near MNIST's typical width (kTypicalStrokeWidth). A drawing made with a very
    /// thin or very thick pen frames to nearly the same field.
    StrokeWidth,
};

inline constexpr NameTable<FramingStep, 2> kFramingStepNames{{
    {FramingStep::Deskew, "deskew"},
    {FramingStep::StrokeWidth, "stroke-width"},
}};
constexpr const auto& names(FramingStep) {
    return kFramingStepNames;
}

/// Which framing steps are on; each is switchable on its own. Applied in the order of FramingStep.
struct FramingSteps {
    bool deskew = false;
    bool strokeWidth = false;

    bool has(FramingStep step) const;
    void set(FramingStep step, bool on);
    bool any() const { return deskew || strokeWidth; }
    /// Fails when a step is on and `shape` is not one square channel (the only images the steps apply to).
    Status check(Shape shape) const;
    /// "deskew,stroke-width", or "none" when no step is on: the form a command line and a model file use.
    std::string toText() const;
    bool operator==(const FramingSteps&) const = default;
};

/// Reads "none" or a comma-separated list of step names (each at most once). The error names the unknown
/// word and lists the names.
Result<FramingSteps> parseFramingSteps(std::string_view text);

/// The median stroke width of MNIST's training digits as strokeWidthOf() measures it (pixels of the
/// 28×28 field; measured on the first 20,000: quartiles 2.02 and 2.82, 5th and 95th percentiles 1.63 and
/// 3.64); the target of FramingStep::StrokeWidth.
inline constexpr double kTypicalStrokeWidth = 2.4;

/// The ink's slant α = μ11 / μ02 (x shift per row down; negative when the top leans right). 0 for an empty
/// field or a single row of ink. `field` is side × side, row-major, ink ≥ 0.
double slantOf(const Eigen::Ref<const Vector>& field, int side);

/// The estimated stroke width in pixels: twice the ink's area over its perimeter, both measured on the grey
/// values relative to the strongest ink (area Σv / max, perimeter Σ|∇v| / max). A stroke of width w and
/// length L ≫ w has area wL and perimeter about 2L. 0 for an empty field.
double strokeWidthOf(const Eigen::Ref<const Vector>& field, int side);

/// Applies the steps that are on to one side × side field (ink high, any positive scale) in place.
void applyFramingSteps(const FramingSteps& steps, Eigen::Ref<Vector> field, int side);

/// Applies the steps to every column of `images` (side² × n), each column then min-max normalised again.
/// Does nothing when no step is on.
void applyFramingSteps(const FramingSteps& steps, Matrix& images, int side);

} // namespace digitpad
