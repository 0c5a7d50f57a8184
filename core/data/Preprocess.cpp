// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/Preprocess.h"

#include "data/DigitFormat.h"
#include "data/HeavyInkThinning.h"
#include "data/InkBox.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace digitpad {

namespace {

constexpr int kSide = kDigitSide;
constexpr int kBoxSide = 20;    // MNIST's digit box: the longer side of the ink is scaled to this
constexpr double kCentre = 14.; // where MNIST puts the centre of mass (index coordinates, sum i·v / sum v)

// A pixel belongs to the ink's bounding box when its ink exceeds 1/32 of the strongest ink (8 of 255 levels
// for black ink). Anti-aliased stroke edges and JPEG ringing leave faint values around strokes; counting them
// would grow the box by stray noise. The faint values inside the box are kept: the threshold only places the
// crop. On MNIST's own 70,000 digits it changes no box's longer side (20 px for 99.97% of them either way).
constexpr int kInkThresholdDivisor = 32;

/// A rectangle of source pixels [x0, x1) × [y0, y1).
struct Rect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
};

/// Area-averaging weights along one axis: output cell i covers the source interval
/// [origin + i·step, origin + (i+1)·step), clipped to [origin, end). Each cell lists the source pixels it
/// overlaps and the overlap lengths divided by step, so a fully covered cell's weights sum to 1 and a cell
/// that hangs over the end of the crop is proportionally lighter (area is conserved).
struct AxisWeights {
    std::vector<int> first;  ///< per cell: first source index
    std::vector<int> count;  ///< per cell: number of source pixels
    std::vector<int> offset; ///< per cell: where its weights start in `weights`
    std::vector<float> weights;

    AxisWeights(int origin, int end, double step, int cells) {
        first.resize(static_cast<std::size_t>(cells));
        count.resize(static_cast<std::size_t>(cells));
        offset.resize(static_cast<std::size_t>(cells));
        for (int i = 0; i < cells; ++i) {
            // Boundaries come from i·step, not from accumulating step, so a whole-number scale gives
            // whole-number boundaries exactly.
            const double a = origin + i * step;
            const double b = std::min(origin + (i + 1) * step, static_cast<double>(end));
            const int lo = static_cast<int>(std::floor(a));
            const int hi = std::min(end, static_cast<int>(std::ceil(b)));
            first[i] = lo;
            count[i] = std::max(0, hi - lo);
            offset[i] = static_cast<int>(weights.size());
            for (int s = lo; s < hi; ++s) {
                const double overlap = std::min<double>(s + 1, b) - std::max<double>(s, a);
                weights.push_back(static_cast<float>(std::max(0., overlap) / step));
            }
        }
    }
};

/// Area-resamples the ink of `crop` (ink = paper - pixel) into an outWidth × outHeight row-major buffer, with
/// `step` source pixels per output pixel on each axis. Separable: first a vertical pass that adds whole
/// source rows into output rows (contiguous, so it vectorises; each source pixel is read once, or twice where
/// an output row boundary cuts it), then a small horizontal pass over outHeight × crop width.
std::vector<float> areaResample(const GrayImage& image, std::uint8_t paper, Rect crop, double stepX,
                                double stepY, int outWidth, int outHeight) {
    const AxisWeights wx(crop.x0, crop.x1, stepX, outWidth);
    const AxisWeights wy(crop.y0, crop.y1, stepY, outHeight);
    const int cropWidth = crop.width();

    // columns[Y][x]: crop column x averaged vertically into output row Y.
    std::vector<float> columns(static_cast<std::size_t>(outHeight) * cropWidth, 0.f);
    for (int Y = 0; Y < outHeight; ++Y) {
        float* dst = columns.data() + static_cast<std::size_t>(Y) * cropWidth;
        for (int k = 0; k < wy.count[Y]; ++k) {
            const float w = wy.weights[wy.offset[Y] + k];
            const std::uint8_t* src =
                image.pixels.data() + static_cast<std::size_t>(wy.first[Y] + k) * image.width + crop.x0;
            for (int x = 0; x < cropWidth; ++x)
                dst[x] += w * static_cast<float>(paper - src[x]);
        }
    }

    std::vector<float> out(static_cast<std::size_t>(outWidth) * outHeight);
    for (int Y = 0; Y < outHeight; ++Y) {
        const float* row = columns.data() + static_cast<std::size_t>(Y) * cropWidth;
        for (int X = 0; X < outWidth; ++X) {
            const float* w = wx.weights.data() + wx.offset[X];
            const float* in = row + (wx.first[X] - crop.x0);
            float sum = 0.f;
            for (int k = 0; k < wx.count[X]; ++k)
                sum += w[k] * in[k];
            out[static_cast<std::size_t>(Y) * outWidth + X] = sum;
        }
    }
    return out;
}

/// MNIST's recipe: crop to the ink, scale the longer side to 20 px keeping the aspect ratio (area averaging),
/// then place the 20 px box in the 28×28 field so that its centre of mass lands on (14, 14).
///
/// The shift is rounded to whole pixels, as MNIST's own was: the centres of mass of the 10,000 MNIST test
/// digits have mean (14.01, 13.99) and standard deviation 0.29 — the spread of a uniform ±0.5 rounding error.
/// Whole pixels keep the area-averaged box sharp (a sub-pixel shift would blur it by resampling a second
/// time), and an MNIST digit enlarged onto a canvas comes back almost exactly. The box itself is sampled on
/// the same grid the digit will sit on, so no second resampling happens.
Vector frameMnist(const GrayImage& image, std::uint8_t paper, std::uint8_t darkest) {
    const int maxInk = paper - darkest;
    // Ink above the threshold means a pixel value below paper − threshold. Never empty: the darkest pixel is
    // below it.
    const InkBox ink = inkBox(image, paper - maxInk / kInkThresholdDivisor);
    const Rect crop{ink.x0, ink.y0, ink.x1, ink.y1};
    const int longer = std::max(crop.width(), crop.height());
    // step = longer / 20 source pixels per box pixel, the same on both axes: the aspect ratio is kept
    // exactly.
    const double step = static_cast<double>(longer) / kBoxSide;
    // The shorter side covers a fractional number of box pixels; the last one is partly covered (lighter).
    const int boxWidth = (crop.width() * kBoxSide + longer - 1) / longer;
    const int boxHeight = (crop.height() * kBoxSide + longer - 1) / longer;
    const std::vector<float> box = areaResample(image, paper, crop, step, step, boxWidth, boxHeight);

    double mass = 0.;
    double sumX = 0.;
    double sumY = 0.;
    for (int y = 0; y < boxHeight; ++y) {
        for (int x = 0; x < boxWidth; ++x) {
            const double v = box[static_cast<std::size_t>(y) * boxWidth + x];
            mass += v;
            sumX += v * x;
            sumY += v * y;
        }
    }
    // mass > 0: the darkest pixel lies in the crop and contributes to some box pixel.
    const int left = static_cast<int>(std::lround(kCentre - sumX / mass));
    const int top = static_cast<int>(std::lround(kCentre - sumY / mass));

    // A lopsided shape (all its mass near one end) can be pushed partly out of the field; MNIST clips it too.
    Vector field = Vector::Zero(kSide * kSide);
    for (int y = 0; y < boxHeight; ++y) {
        const int fy = y + top;
        if (fy < 0 || fy >= kSide)
            continue;
        for (int x = 0; x < boxWidth; ++x) {
            const int fx = x + left;
            if (fx >= 0 && fx < kSide)
                field[fy * kSide + fx] = static_cast<Scalar>(box[static_cast<std::size_t>(y) * boxWidth + x]);
        }
    }
    return field;
}

/// The classic way: the whole image area-resized to 28×28 (the aspect ratio follows the image's).
Vector frameResize(const GrayImage& image, std::uint8_t paper) {
    const Rect all{0, 0, image.width, image.height};
    const std::vector<float> small = areaResample(image, paper, all, static_cast<double>(image.width) / kSide,
                                                  static_cast<double>(image.height) / kSide, kSide, kSide);
    Vector field(kSide * kSide);
    for (int i = 0; i < kSide * kSide; ++i)
        field[i] = static_cast<Scalar>(small[static_cast<std::size_t>(i)]);
    return field;
}

} // namespace

std::optional<Vector> preprocess(const GrayImage& image, Framing framing, const FramingSteps& steps) {
    const std::size_t expected =
        static_cast<std::size_t>(std::max(image.width, 0)) * std::max(image.height, 0);
    if (image.width < 0 || image.height < 0 || image.pixels.size() != expected)
        throw std::invalid_argument("preprocess: a " + std::to_string(image.width) + "×" +
                                    std::to_string(image.height) + " image needs " +
                                    std::to_string(expected) + " pixels, got " +
                                    std::to_string(image.pixels.size()));
    if (expected == 0)
        return std::nullopt;

    // Ink is measured from the paper's level (the brightest pixel), not from pure white: a scan on gray paper
    // has the same ink as one on white paper, and a uniform image — gray or white — has none.
    std::uint8_t darkest = 255;
    std::uint8_t paper = 0;
    for (const std::uint8_t p : image.pixels) {
        darkest = std::min(darkest, p);
        paper = std::max(paper, p);
    }
    if (darkest == paper)
        return std::nullopt;

    Vector v;
    if (framing == Framing::Mnist && steps.strokeWidth) {
        // Ink heavy for the digit's size is thinned before framing shrinks it, while its gaps are still
        // pixels wide; the 28×28 step below brings it to MNIST's width.
        if (const std::optional<ThinnedInk> thinned = thinHeavyInk(image, paper, darkest))
            v = frameMnist(thinned->image, paper, thinned->darkest);
        else
            v = frameMnist(image, paper, darkest);
    } else {
        v = framing == Framing::Mnist ? frameMnist(image, paper, darkest) : frameResize(image, paper);
    }
    applyFramingSteps(steps, v, kSide);
    if (!normaliseMinMax(v))
        return std::nullopt;
    return v;
}

bool normaliseMinMax(Eigen::Ref<Vector> v) {
    if (v.size() == 0)
        return false;
    // A plain loop rather than minCoeff()/maxCoeff(): it also finds NaN and infinities in the same pass (and
    // GCC 12 reports a false -Wmaybe-uninitialized inside Eigen's AVX-512 reductions).
    Scalar lo = v[0];
    Scalar hi = v[0];
    bool finite = true;
    for (Eigen::Index i = 0; i < v.size(); ++i) {
        lo = std::min(lo, v[i]);
        hi = std::max(hi, v[i]);
        finite = finite && std::isfinite(v[i]);
    }
    const Scalar range = hi - lo;
    if (!finite || !(range > 0) || !std::isfinite(range)) {
        v.setZero();
        return false;
    }
    // Division rather than multiplying by 1/range, so the maximum maps to exactly 1.
    v = (v.array() - lo) / range;
    return true;
}

} // namespace digitpad
