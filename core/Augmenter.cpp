// SPDX-License-Identifier: GPL-3.0-or-later
#include "Augmenter.h"

#include "Preprocess.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <stdexcept>

namespace digitpad {

namespace {

/// SplitMix64's finaliser: a bijective mix, so distinct (seed, epoch, batch) keys give unrelated seeds.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// Uniform in [lo, hi]; unlike std::uniform_real_distribution it accepts lo == hi (a switched-off range).
double uniform(Rng& rng, double lo, double hi) {
    return lo + (hi - lo) * std::generate_canonical<double, 53>(rng);
}

/// Smooths a side × side field with a normalised Gaussian of `sigma`, separably and periodically (the field
/// wraps around), so every window of the result has the same statistics, edges included.
void smoothPeriodic(std::vector<double>& field, int side, double sigma) {
    const int radius = static_cast<int>(std::ceil(3.0 * sigma));
    std::vector<double> kernel(static_cast<std::size_t>(2 * radius + 1));
    double sum = 0.0;
    for (int k = -radius; k <= radius; ++k)
        sum += kernel[static_cast<std::size_t>(k + radius)] = std::exp(-0.5 * k * k / (sigma * sigma));
    for (double& w : kernel)
        w /= sum;
    const auto wrap = [side](int i) { return ((i % side) + side) % side; };
    std::vector<double> pass(field.size());
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            double acc = 0.0;
            for (int k = -radius; k <= radius; ++k)
                acc += kernel[static_cast<std::size_t>(k + radius)] *
                       field[static_cast<std::size_t>(y * side + wrap(x + k))];
            pass[static_cast<std::size_t>(y * side + x)] = acc;
        }
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            double acc = 0.0;
            for (int k = -radius; k <= radius; ++k)
                acc += kernel[static_cast<std::size_t>(k + radius)] *
                       pass[static_cast<std::size_t>(wrap(y + k) * side + x)];
            field[static_cast<std::size_t>(y * side + x)] = acc;
        }
}

/// 3×3 grayscale dilation (max) or erosion (min) of a height × width image, separably: a horizontal pass
/// into `rows`, then a vertical pass into `out`. Only pixels inside the image take part, so erosion does not
/// eat ink at the border.
template <typename Pick>
void morphology3x3(const Scalar* in, Scalar* rows, Scalar* out, int height, int width, Pick pick) {
    for (int y = 0; y < height; ++y) {
        const Scalar* src = in + y * width;
        Scalar* dst = rows + y * width;
        for (int x = 0; x < width; ++x) {
            Scalar v = src[x];
            if (x > 0)
                v = pick(v, src[x - 1]);
            if (x + 1 < width)
                v = pick(v, src[x + 1]);
            dst[x] = v;
        }
    }
    for (int y = 0; y < height; ++y) {
        const Scalar* mid = rows + y * width;
        const Scalar* up = y > 0 ? mid - width : mid;
        const Scalar* down = y + 1 < height ? mid + width : mid;
        Scalar* dst = out + y * width;
        for (int x = 0; x < width; ++x)
            dst[x] = pick(pick(up[x], mid[x]), down[x]);
    }
}

} // namespace

Augmenter::Augmenter(const AugmentSettings& settings, Shape shape, unsigned long long seed)
    : settings_(settings), shape_(shape) {
    if (const std::string problem = settings.validate(); !problem.empty())
        throw std::invalid_argument(problem);
    if (shape.channels != 1 || shape.height < 1 || shape.width < 1)
        throw std::invalid_argument("augmentation needs single-channel images, got " + shape.toString());
    // Large enough that windows at random offsets rarely overlap much: 256² offsets for MNIST.
    fieldSide_ = std::max(256, 4 * std::max(shape.height, shape.width));
    buildDisplacementFields(seed);
    const std::size_t pixels = static_cast<std::size_t>(shape.size());
    padded_.assign(static_cast<std::size_t>((shape.height + 2) * (shape.width + 2)), Scalar(0));
    warped_.resize(pixels);
    rowPass_.resize(pixels);
}

void Augmenter::buildDisplacementFields(unsigned long long seed) {
    Rng rng(mix(seed ^ 0x656c6173746963ULL)); // a stream apart from the batches' seeds
    const std::size_t cells = static_cast<std::size_t>(fieldSide_) * static_cast<std::size_t>(fieldSide_);
    std::vector<double> field(cells);
    for (std::vector<Scalar>* target : {&fieldX_, &fieldY_}) {
        for (double& v : field)
            v = uniform(rng, -1.0, 1.0);
        smoothPeriodic(field, fieldSide_, settings_.elasticSigma);
        target->resize(cells);
        std::transform(field.begin(), field.end(), target->begin(),
                       [](double v) { return static_cast<Scalar>(v); });
    }
}

Augmenter::Transform Augmenter::draw(Rng& rng) const {
    const AugmentSettings& s = settings_;
    Transform t;
    const double maxRotation = s.rotationDegrees * std::numbers::pi / 180.0;
    t.rotation = uniform(rng, -maxRotation, maxRotation);
    t.scaleX = uniform(rng, s.scaleMin, s.scaleMax);
    t.scaleY = uniform(rng, s.scaleMin, s.scaleMax);
    t.shear = uniform(rng, -s.shear, s.shear);
    t.shiftX = uniform(rng, -s.translationPixels, s.translationPixels);
    t.shiftY = uniform(rng, -s.translationPixels, s.translationPixels);
    t.elasticAlpha = s.elasticAlpha;
    t.fieldRow = std::uniform_int_distribution<int>(0, fieldSide_ - shape_.height)(rng);
    t.fieldColumn = std::uniform_int_distribution<int>(0, fieldSide_ - shape_.width)(rng);
    const double choice = uniform(rng, 0.0, 1.0);
    t.thickness = choice < s.thickenProbability                       ? Thickness::Thicken
                  : choice < s.thickenProbability + s.thinProbability ? Thickness::Thin
                                                                      : Thickness::Unchanged;
    t.thicknessAmount = uniform(rng, 0.5, 1.0);
    return t;
}

void Augmenter::apply(const Transform& t, const Scalar* in, Scalar* out) {
    const int height = shape_.height;
    const int width = shape_.width;
    const int paddedWidth = width + 2;
    if (t.fieldRow < 0 || t.fieldColumn < 0 || t.fieldRow > fieldSide_ - height ||
        t.fieldColumn > fieldSide_ - width)
        throw std::out_of_range("displacement window (" + std::to_string(t.fieldRow) + ", " +
                                std::to_string(t.fieldColumn) + ") outside the " +
                                std::to_string(fieldSide_) + "² field");
    if (!(t.scaleX > 0.0) || !(t.scaleY > 0.0))
        throw std::invalid_argument("augmentation scale must be positive");
    for (int y = 0; y < height; ++y)
        std::copy(in + y * width, in + (y + 1) * width, padded_.data() + (y + 1) * paddedWidth + 1);

    // Output pixel p shows the input at q = c + A⁻¹ (p + d(p) − c − t), where A = rotation · shear · scale
    // maps the content forward about the centre c, t is the shift and d the elastic displacement.
    const double c = std::cos(t.rotation), s = std::sin(t.rotation);
    const double a00 = c * t.scaleX, a01 = (c * t.shear - s) * t.scaleY;
    const double a10 = s * t.scaleX, a11 = (s * t.shear + c) * t.scaleY;
    const double det = t.scaleX * t.scaleY; // rotation and shear have determinant 1
    const Scalar i00 = static_cast<Scalar>(a11 / det), i01 = static_cast<Scalar>(-a01 / det);
    const Scalar i10 = static_cast<Scalar>(-a10 / det), i11 = static_cast<Scalar>(a00 / det);
    const Scalar cx = static_cast<Scalar>((width - 1) / 2.0), cy = static_cast<Scalar>((height - 1) / 2.0);
    const Scalar ox = static_cast<Scalar>(-(width - 1) / 2.0 - t.shiftX);
    const Scalar oy = static_cast<Scalar>(-(height - 1) / 2.0 - t.shiftY);
    const Scalar alpha = static_cast<Scalar>(t.elasticAlpha); // 0 adds exact zeros: no elastic
    const Scalar* padded = padded_.data();
    // Samples with 0 ≤ px < width + 1 (likewise y) have four neighbours inside the zero-bordered copy; others
    // are background. Clamping instead of branching, and masking the result, lets the loop vectorise.
    const Scalar xLimit = static_cast<Scalar>(width + 1), yLimit = static_cast<Scalar>(height + 1);
    const Scalar xClamp = static_cast<Scalar>(width + 0.5), yClamp = static_cast<Scalar>(height + 0.5);

    for (int y = 0; y < height; ++y) {
        const std::size_t fieldOffset =
            static_cast<std::size_t>(t.fieldRow + y) * static_cast<std::size_t>(fieldSide_) +
            static_cast<std::size_t>(t.fieldColumn);
        const Scalar* dx = fieldX_.data() + fieldOffset;
        const Scalar* dy = fieldY_.data() + fieldOffset;
        Scalar* dst = warped_.data() + y * width;
        const Scalar v0 = static_cast<Scalar>(y) + oy;
        for (int x = 0; x < width; ++x) {
            const Scalar u = static_cast<Scalar>(x) + ox + alpha * dx[x];
            const Scalar v = v0 + alpha * dy[x];
            // +1: coordinates in the zero-bordered copy.
            const Scalar px = i00 * u + i01 * v + cx + 1;
            const Scalar py = i10 * u + i11 * v + cy + 1;
            const Scalar inside = static_cast<Scalar>((px >= 0) & (px < xLimit) & (py >= 0) & (py < yLimit));
            const Scalar qx = std::min(std::max(px, Scalar(0)), xClamp);
            const Scalar qy = std::min(std::max(py, Scalar(0)), yClamp);
            const int x0 = static_cast<int>(qx);
            const int y0 = static_cast<int>(qy);
            const Scalar fx = qx - static_cast<Scalar>(x0);
            const Scalar fy = qy - static_cast<Scalar>(y0);
            const int i = y0 * paddedWidth + x0;
            const Scalar top = padded[i] + fx * (padded[i + 1] - padded[i]);
            const Scalar bottom =
                padded[i + paddedWidth] + fx * (padded[i + paddedWidth + 1] - padded[i + paddedWidth]);
            dst[x] = inside * (top + fy * (bottom - top));
        }
    }

    const std::size_t pixels = static_cast<std::size_t>(shape_.size());
    if (t.thickness == Thickness::Unchanged) {
        std::copy(warped_.begin(), warped_.end(), out);
    } else {
        if (t.thickness == Thickness::Thicken)
            morphology3x3(warped_.data(), rowPass_.data(), out, height, width,
                          [](Scalar a, Scalar b) { return std::max(a, b); });
        else
            morphology3x3(warped_.data(), rowPass_.data(), out, height, width,
                          [](Scalar a, Scalar b) { return std::min(a, b); });
        const Scalar amount = static_cast<Scalar>(t.thicknessAmount);
        for (std::size_t i = 0; i < pixels; ++i)
            out[i] = warped_[i] + amount * (out[i] - warped_[i]);
    }
    Eigen::Map<Vector> result(out, static_cast<Eigen::Index>(pixels));
    if (!normaliseMinMax(result))
        std::copy(in, in + pixels, out); // everything moved out of the frame: train on the original instead
}

void Augmenter::augment(const Scalar* in, Scalar* out, Rng& rng) {
    apply(draw(rng), in, out);
}

void Augmenter::augmentBatch(const Matrix& images, const int* columns, int count, unsigned long long seed,
                             Matrix& out) {
    if (images.rows() != shape_.size())
        throw std::invalid_argument("augmenter expects " + std::to_string(shape_.size()) +
                                    " values per image, got " + std::to_string(images.rows()));
    out.resize(images.rows(), count);
    Rng rng(seed);
    for (int i = 0; i < count; ++i) {
        const int column = columns[i];
        if (column < 0 || column >= images.cols())
            throw std::out_of_range("image " + std::to_string(column) + " of " +
                                    std::to_string(images.cols()));
        augment(images.col(column).data(), out.col(i).data(), rng);
    }
}

unsigned long long Augmenter::batchSeed(unsigned long long runSeed, int epoch, int batch) {
    return mix(mix(mix(runSeed) ^ static_cast<std::uint64_t>(epoch)) ^ static_cast<std::uint64_t>(batch));
}

Matrix augmentSamples(const Dataset& data, const std::vector<int>& indices, unsigned long long seed,
                      const AugmentSettings& settings) {
    Augmenter augmenter(settings, data.shape, seed);
    Matrix out;
    augmenter.augmentBatch(data.images, indices.data(), static_cast<int>(indices.size()),
                           Augmenter::batchSeed(seed, 0, 0), out);
    return out;
}

Matrix augmentSamples(const Dataset& data, int count, unsigned long long seed,
                      const AugmentSettings& settings) {
    std::vector<int> indices(static_cast<std::size_t>(std::clamp(count, 0, data.size())));
    for (std::size_t i = 0; i < indices.size(); ++i)
        indices[i] = static_cast<int>(i);
    return augmentSamples(data, indices, seed, settings);
}

} // namespace digitpad
