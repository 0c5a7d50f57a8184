// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/Augmenter.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
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

/// Running per-column minimum and maximum of the rows written so far: element-wise, so the loops that
/// update them vectorise (a scalar min/max reduction would not, without -ffast-math).
struct ColumnRange {
    Scalar* lo;
    Scalar* hi;

    void reset(int width) const {
        std::fill(lo, lo + width, std::numeric_limits<Scalar>::infinity());
        std::fill(hi, hi + width, -std::numeric_limits<Scalar>::infinity());
    }
};

/// The per-image constants of the resampling pass: source coordinate (in the zero-bordered copy) of output
/// pixel (x, y) = rowStart(y) + x·step + elastic·(dx, dy), per axis.
struct Sampling {
    Scalar stepXx, stepXy;       ///< change of the source x and y per output column
    Scalar elasticXx, elasticXy; ///< source x per unit of the x and y displacement fields (α·A⁻¹ row 0)
    Scalar elasticYx, elasticYy; ///< source y likewise
    Scalar xLimit, yLimit;       ///< largest source coordinates whose four taps are inside the copy
    int paddedWidth;
};

/// One output row: bilinear samples of the zero-bordered input `padded` at the displaced coordinates, written
/// to dst, and the running column ranges updated. A free function with restrict pointers so that GCC
/// vectorises it with gathers (as a loop inside apply() it did not).
void resampleRow(const Sampling& k, Scalar rowX, Scalar rowY, const Scalar* __restrict padded,
                 const Scalar* __restrict dx, const Scalar* __restrict dy, Scalar* __restrict dst,
                 Scalar* __restrict lo, Scalar* __restrict hi, int width) {
    const Sampling c = k; // local copies: no reloads through the reference inside the loop
    for (int x = 0; x < width; ++x) {
        const Scalar xf = static_cast<Scalar>(x);
        const Scalar qx = rowX + xf * c.stepXx + c.elasticXx * dx[x] + c.elasticXy * dy[x];
        const Scalar qy = rowY + xf * c.stepXy + c.elasticYx * dx[x] + c.elasticYy * dy[x];
        // Clamped so the taps stay inside the copy; a sample the clamp moved (or NaN) is background. This
        // form of the mask (two selects multiplied) is one GCC 12 vectorises.
        const Scalar cqx = std::min(std::max(qx, Scalar(0)), c.xLimit);
        const Scalar cqy = std::min(std::max(qy, Scalar(0)), c.yLimit);
        const Scalar inside = (cqx == qx ? Scalar(1) : Scalar(0)) * (cqy == qy ? Scalar(1) : Scalar(0));
        const int x0 = static_cast<int>(cqx);
        const int y0 = static_cast<int>(cqy);
        const Scalar fx = cqx - static_cast<Scalar>(x0);
        const Scalar fy = cqy - static_cast<Scalar>(y0);
        const int i = y0 * c.paddedWidth + x0;
        const int j = i + c.paddedWidth;
        const Scalar top = padded[i] + fx * (padded[i + 1] - padded[i]);
        const Scalar bottom = padded[j] + fx * (padded[j + 1] - padded[j]);
        const Scalar v = inside * (top + fy * (bottom - top));
        dst[x] = v;
        lo[x] = std::min(lo[x], v);
        hi[x] = std::max(hi[x], v);
    }
}

/// Horizontal half of a separable 3×3 dilation (max) or erosion (min): row[x] = pick over src[x − 1..x + 1],
/// only pixels inside the row taking part, so erosion does not eat ink at the border.
template <typename Pick>
void rowPass3(const Scalar* __restrict src, Scalar* __restrict row, int width, Pick pick) {
    if (width == 1) {
        row[0] = src[0];
        return;
    }
    row[0] = pick(src[0], src[1]);
    for (int x = 1; x + 1 < width; ++x)
        row[x] = pick(pick(src[x - 1], src[x]), src[x + 1]);
    row[width - 1] = pick(src[width - 2], src[width - 1]);
}

/// Vertical half of the 3×3 dilation or erosion of the height × width image `warped`, whose horizontal
/// passes are in `rows`, blended with the image: out = warped + amount·(morphed − warped). Updates `range`.
template <typename Pick>
void blendMorphology3x3(const Scalar* __restrict warped, const Scalar* __restrict rows,
                        Scalar* __restrict out, int height, int width, Scalar amount, ColumnRange range,
                        Pick pick) {
    Scalar* __restrict lo = range.lo;
    Scalar* __restrict hi = range.hi;
    for (int y = 0; y < height; ++y) {
        const Scalar* mid = rows + y * width;
        const Scalar* up = y > 0 ? mid - width : mid;
        const Scalar* down = y + 1 < height ? mid + width : mid;
        const Scalar* w = warped + y * width;
        Scalar* dst = out + y * width;
        for (int x = 0; x < width; ++x) {
            const Scalar v = w[x] + amount * (pick(pick(up[x], mid[x]), down[x]) - w[x]);
            dst[x] = v;
            lo[x] = std::min(lo[x], v);
            hi[x] = std::max(hi[x], v);
        }
    }
}

} // namespace

Augmenter::Augmenter(const AugmentSettings& settings, Shape shape, unsigned long long seed)
    : settings_(settings), shape_(shape) {
    if (const Status valid = settings.validate(); !valid)
        throw std::invalid_argument(valid.error().message);
    if (shape.channels != 1 || shape.height < 1 || shape.width < 1)
        throw std::invalid_argument("augmentation needs single-channel images, got " + shape.toString());
    // Large enough that windows at random offsets rarely overlap much: 256² offsets for MNIST.
    fieldSide_ = std::max(256, 4 * std::max(shape.height, shape.width));
    buildDisplacementFields(seed);
    const std::size_t pixels = static_cast<std::size_t>(shape.size());
    padded_.assign(static_cast<std::size_t>((shape.height + 2) * (shape.width + 2)), Scalar(0));
    warped_.resize(pixels);
    rowPass_.resize(pixels);
    columnLo_.resize(static_cast<std::size_t>(shape.width));
    columnHi_.resize(static_cast<std::size_t>(shape.width));
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

    // Output pixel p = (x, y) shows the input at q = c + A⁻¹ (p + d(p) − c − t), where A = rotation · shear ·
    // scale maps the content forward about the centre c, t is the shift and d the elastic displacement.
    // Expanded, q = q₀ + x·A⁻¹e₁ + y·A⁻¹e₂ + α·A⁻¹d(p): the affine part is a per-row start plus x times a
    // fixed step, and the elastic part two multiply-adds per coordinate, all in the one pass that samples.
    const double c = std::cos(t.rotation), s = std::sin(t.rotation);
    const double a00 = c * t.scaleX, a01 = (c * t.shear - s) * t.scaleY;
    const double a10 = s * t.scaleX, a11 = (s * t.shear + c) * t.scaleY;
    const double det = t.scaleX * t.scaleY; // rotation and shear have determinant 1
    const double i00 = a11 / det, i01 = -a01 / det, i10 = -a10 / det, i11 = a00 / det;
    const double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
    const double ox = -cx - t.shiftX, oy = -cy - t.shiftY;
    // q₀, +1: coordinates in the zero-bordered copy.
    const double startX = i00 * ox + i01 * oy + cx + 1, startY = i10 * ox + i11 * oy + cy + 1;
    // Samples with 0 ≤ qx < width + 1 (likewise y) have four taps inside the zero-bordered copy; others are
    // background. Clamping instead of branching, and masking the result, lets the row loop vectorise. The
    // clamp limit is the largest value below width + 1, so that no sample inside is moved: a sample between
    // the last pixel and the border interpolates towards the border. α = 0 adds exact zeros: no elastic
    // displacement.
    const double alpha = t.elasticAlpha;
    const Sampling sampling{static_cast<Scalar>(i00),
                            static_cast<Scalar>(i10),
                            static_cast<Scalar>(alpha * i00),
                            static_cast<Scalar>(alpha * i01),
                            static_cast<Scalar>(alpha * i10),
                            static_cast<Scalar>(alpha * i11),
                            std::nextafter(static_cast<Scalar>(width + 1), Scalar(0)),
                            std::nextafter(static_cast<Scalar>(height + 1), Scalar(0)),
                            paddedWidth};

    const bool morph = t.thickness != Thickness::Unchanged;
    const ColumnRange range{columnLo_.data(), columnHi_.data()};
    range.reset(width);
    for (int y = 0; y < height; ++y) {
        const std::size_t fieldOffset =
            static_cast<std::size_t>(t.fieldRow + y) * static_cast<std::size_t>(fieldSide_) +
            static_cast<std::size_t>(t.fieldColumn);
        resampleRow(sampling, static_cast<Scalar>(startX + y * i01), static_cast<Scalar>(startY + y * i11),
                    padded_.data(), fieldX_.data() + fieldOffset, fieldY_.data() + fieldOffset,
                    (morph ? warped_.data() : out) + y * width, range.lo, range.hi, width);
    }

    if (morph) {
        const auto larger = [](Scalar a, Scalar b) { return std::max(a, b); };
        const auto smaller = [](Scalar a, Scalar b) { return std::min(a, b); };
        const Scalar amount = static_cast<Scalar>(t.thicknessAmount);
        range.reset(width);
        if (t.thickness == Thickness::Thicken) {
            for (int y = 0; y < height; ++y)
                rowPass3(warped_.data() + y * width, rowPass_.data() + y * width, width, larger);
            blendMorphology3x3(warped_.data(), rowPass_.data(), out, height, width, amount, range, larger);
        } else {
            for (int y = 0; y < height; ++y)
                rowPass3(warped_.data() + y * width, rowPass_.data() + y * width, width, smaller);
            blendMorphology3x3(warped_.data(), rowPass_.data(), out, height, width, amount, range, smaller);
        }
    }

    // Min-max normalisation as in normaliseMinMax, over the column ranges gathered while writing. The
    // samples are finite (weighted sums of finite inputs), so no finiteness pass; multiplying by the
    // reciprocal vectorises where a division would cost more, and the maximum still maps to exactly 1.
    const Scalar low = *std::min_element(range.lo, range.lo + width);
    const Scalar high = *std::max_element(range.hi, range.hi + width);
    const std::size_t pixels = static_cast<std::size_t>(shape_.size());
    const Scalar spread = high - low;
    if (!(spread > 0) || !std::isfinite(spread)) {
        std::copy(in, in + pixels, out); // everything moved out of the frame: train on the original instead
        return;
    }
    const Scalar inverse = Scalar(1) / spread;
    for (std::size_t i = 0; i < pixels; ++i)
        out[i] = out[i] == high ? Scalar(1) : std::min(Scalar(1), (out[i] - low) * inverse);
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
