// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/TestTimeAugmentation.h"

#include <array>
#include <cmath>
#include <numbers>
#include <span>
#include <stdexcept>

namespace digitpad {

namespace {

struct Offset {
    int dx, dy;
};

constexpr std::array<Offset, 4> kFourShifts{{{-1, 0}, {1, 0}, {0, -1}, {0, 1}}};
constexpr std::array<Offset, 8> kEightShifts{
    {{-1, 0}, {1, 0}, {0, -1}, {0, 1}, {-1, -1}, {1, -1}, {-1, 1}, {1, 1}}};

/// The shifts of a set (without the image itself); empty for a set that does not shift.
std::span<const Offset> shiftsOf(TestTimeAugmentation augmentation) {
    switch (augmentation) {
    case TestTimeAugmentation::Shifts:
        return kFourShifts;
    case TestTimeAugmentation::Shifts8:
        return kEightShifts;
    case TestTimeAugmentation::None:
    case TestTimeAugmentation::Rotations:
        break;
    }
    return {};
}

} // namespace

int testTimeImageCount(TestTimeAugmentation augmentation) {
    switch (augmentation) {
    case TestTimeAugmentation::None:
        return 1;
    case TestTimeAugmentation::Shifts:
    case TestTimeAugmentation::Shifts8:
        return 1 + static_cast<int>(shiftsOf(augmentation).size());
    case TestTimeAugmentation::Rotations:
        return 3;
    }
    throw std::invalid_argument("testTimeImageCount: unknown augmentation");
}

Vector shiftedImage(const Eigen::Ref<const Vector>& image, int height, int width, int dx, int dy) {
    if (image.size() != static_cast<Eigen::Index>(height) * width)
        throw std::invalid_argument("shiftedImage: the image does not have height × width pixels");
    Vector out = Vector::Zero(image.size());
    for (int y = 0; y < height; ++y) {
        const int fromY = y - dy;
        if (fromY < 0 || fromY >= height)
            continue;
        for (int x = 0; x < width; ++x) {
            const int fromX = x - dx;
            if (fromX >= 0 && fromX < width)
                out[y * width + x] = image[fromY * width + fromX];
        }
    }
    return out;
}

Vector rotatedImage(const Eigen::Ref<const Vector>& image, int height, int width, double degrees) {
    if (image.size() != static_cast<Eigen::Index>(height) * width)
        throw std::invalid_argument("rotatedImage: the image does not have height × width pixels");
    const double radians = degrees * std::numbers::pi / 180.0;
    const double c = std::cos(radians), s = std::sin(radians);
    const double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
    auto at = [&](int x, int y) -> double {
        return x >= 0 && x < width && y >= 0 && y < height ? static_cast<double>(image[y * width + x]) : 0.0;
    };
    Vector out(image.size());
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            // The source point: the output point turned back by −degrees about the centre.
            const double u = x - cx, v = y - cy;
            const double sx = cx + c * u + s * v;
            const double sy = cy - s * u + c * v;
            const double fx = std::floor(sx), fy = std::floor(sy);
            const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
            const double ax = sx - fx, ay = sy - fy;
            const double value = (1 - ay) * ((1 - ax) * at(x0, y0) + ax * at(x0 + 1, y0)) +
                                 ay * ((1 - ax) * at(x0, y0 + 1) + ax * at(x0 + 1, y0 + 1));
            out[y * width + x] = static_cast<Scalar>(value);
        }
    return out;
}

Matrix testTimeImages(TestTimeAugmentation augmentation, const Eigen::Ref<const Matrix>& images, int height,
                      int width) {
    if (images.rows() != static_cast<Eigen::Index>(height) * width)
        throw std::invalid_argument("testTimeImages: the images do not have height × width pixels");
    const int count = testTimeImageCount(augmentation);
    if (count == 1)
        return images;
    const Eigen::Index n = images.cols();
    Matrix out(images.rows(), count * n);
    out.leftCols(n) = images;
    Eigen::Index block = 1;
    for (const Offset& offset : shiftsOf(augmentation)) {
        for (Eigen::Index i = 0; i < n; ++i)
            out.col(block * n + i) = shiftedImage(images.col(i), height, width, offset.dx, offset.dy);
        ++block;
    }
    if (augmentation == TestTimeAugmentation::Rotations)
        for (const double degrees : {-kTestTimeDegrees, kTestTimeDegrees}) {
            for (Eigen::Index i = 0; i < n; ++i)
                out.col(block * n + i) = rotatedImage(images.col(i), height, width, degrees);
            ++block;
        }
    return out;
}

} // namespace digitpad
