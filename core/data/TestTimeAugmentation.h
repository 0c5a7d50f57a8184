// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Matrix.h"
#include "tensor/NameTable.h"

namespace digitpad {

/// Test-time augmentation: the copies of a preprocessed image (ink high, 0 = paper) a model also reads, its
/// answer being the mean of its probabilities over them. Each set starts with the image itself.
enum class TestTimeAugmentation {
    None,      ///< the image only
    Shifts,    ///< the image and its 4 one-pixel shifts (left, right, up, down): 5 images
    Shifts8,   ///< the image and its 8 one-pixel shifts (the 4 above and the 4 diagonal ones): 9 images
    Rotations, ///< the image turned by −kTestTimeDegrees and +kTestTimeDegrees about its centre: 3 images
};

inline constexpr NameTable<TestTimeAugmentation, 4> kTestTimeAugmentationNames{{
    {TestTimeAugmentation::None, "none"},
    {TestTimeAugmentation::Shifts, "shifts"},
    {TestTimeAugmentation::Shifts8, "shifts8"},
    {TestTimeAugmentation::Rotations, "rotations"},
}};
constexpr const auto& names(TestTimeAugmentation) {
    return kTestTimeAugmentationNames;
}

/// The turn of TestTimeAugmentation::Rotations, in degrees either way.
inline constexpr double kTestTimeDegrees = 8.0;

/// How many images `augmentation` makes of each one (1 for None).
int testTimeImageCount(TestTimeAugmentation augmentation);

/// `image` (height·width, row-major) moved by dx pixels right and dy pixels down: out(x, y) = in(x − dx, y −
/// dy), 0 (paper) where that falls outside. Ink moved past the edge is lost.
Vector shiftedImage(const Eigen::Ref<const Vector>& image, int height, int width, int dx, int dy);

/// `image` (height·width, row-major) turned by `degrees` (positive: clockwise as seen on screen, y down)
/// about its centre ((width − 1) / 2, (height − 1) / 2), bilinear, 0 (paper) outside: out(p) = in(R⁻¹(p)).
Vector rotatedImage(const Eigen::Ref<const Vector>& image, int height, int width, double degrees);

/// The test-time images of every column of `images` (height·width × n): height·width ×
/// (testTimeImageCount(augmentation) · n), copy k of image i in column k·n + i, copy 0 the image itself. For
/// None it is `images`.
Matrix testTimeImages(TestTimeAugmentation augmentation, const Eigen::Ref<const Matrix>& images, int height,
                      int width);

} // namespace digitpad
