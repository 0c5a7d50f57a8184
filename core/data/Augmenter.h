// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/AugmentSettings.h"
#include "data/Dataset.h"
#include "tensor/Matrix.h"
#include "tensor/Random.h"
#include "tensor/Shape.h"

#include <vector>

namespace digitpad {

/// Random, seeded distortions of single-channel images (columns of a Dataset, values in [0, 1]), for
/// training-time augmentation. Each image gets one inverse-mapped bilinear resampling that combines an
/// affine map with an elastic displacement field, then optionally a 3×3 dilation or erosion, then min-max
/// normalisation (normaliseMinMax), so augmented images have the statistics of every other input.
///
/// Elastic distortion (Simard et al. 2003) displaces each pixel by α·(G_σ ∗ U), U uniform in [-1, 1] per
/// pixel and G_σ a normalised Gaussian. Smoothing a fresh field per image costs more than training on it,
/// so the constructor smooths one large periodic field per axis once and each image reads a random window of
/// it: a window of a stationary smoothed noise field has the same distribution as a freshly smoothed one.
///
/// Not thread-safe (it owns scratch buffers so that augmenting allocates nothing); use one per thread.
class Augmenter {
public:
    enum class Thickness { Unchanged, Thicken, Thin };

    /// One draw of the random parameters; also settable by hand (tests, previews).
    struct Transform {
        double rotation = 0.0; ///< radians; positive turns the content clockwise as displayed (y points down)
        double scaleX = 1.0;
        double scaleY = 1.0;
        double shear = 0.0;  ///< x' = x + shear·y (about the centre), applied after scaling, before rotation
        double shiftX = 0.0; ///< pixels; positive moves the content right
        double shiftY = 0.0; ///< pixels; positive moves the content down
        double elasticAlpha = 0.0; ///< 0 = no elastic displacement
        int fieldRow = 0;          ///< top-left corner of the window of the displacement fields
        int fieldColumn = 0;
        Thickness thickness = Thickness::Unchanged;
        double thicknessAmount = 1.0; ///< blend between the image (0) and its dilation/erosion (1)
    };

    /// `shape` must have one channel. The displacement fields are drawn from `seed`. Throws
    /// std::invalid_argument for invalid settings or a multi-channel shape.
    Augmenter(const AugmentSettings& settings, Shape shape, unsigned long long seed);

    Shape shape() const { return shape_; }
    const AugmentSettings& settings() const { return settings_; }

    /// Draws the parameters of one augmentation from `rng`.
    Transform draw(Rng& rng) const;

    /// Applies `transform` to one image: `in` and `out` point to shape().size() values each (row-major, not
    /// overlapping). `out` ends min-max normalised; an image that loses all its contrast is copied unchanged.
    void apply(const Transform& transform, const Scalar* in, Scalar* out);

    /// draw() then apply().
    void augment(const Scalar* in, Scalar* out, Rng& rng);

    /// out.col(i) = augmented images.col(columns[i]) for i < count, all drawn from one generator seeded with
    /// `seed`. images is shape().size() × N; out is resized to shape().size() × count (no allocation when it
    /// already has that size).
    void augmentBatch(const Matrix& images, const int* columns, int count, unsigned long long seed,
                      Matrix& out);

    /// The seed of one training batch, a hash of the run's seed, the epoch and the batch index: the numbers
    /// do not depend on which thread augments the batch or when.
    static unsigned long long batchSeed(unsigned long long runSeed, int epoch, int batch);

private:
    void buildDisplacementFields(unsigned long long seed);

    AugmentSettings settings_;
    Shape shape_;
    int fieldSide_ = 0;          ///< the displacement fields are fieldSide_ × fieldSide_, periodic
    std::vector<Scalar> fieldX_; ///< smoothed unit displacement along x (multiply by α)
    std::vector<Scalar> fieldY_;
    std::vector<Scalar> padded_;   ///< the input with a one-pixel zero border: (height+2) × (width+2)
    std::vector<Scalar> warped_;   ///< the resampled image before the thickness change
    std::vector<Scalar> rowPass_;  ///< the horizontal pass of the separable 3×3 max/min
    std::vector<Scalar> columnLo_; ///< per-column minimum of the output, for the normalisation
    std::vector<Scalar> columnHi_; ///< per-column maximum
};

/// Augmented copies of data.images.col(indices[i]), one column each (data.shape.size() × indices.size()),
/// drawn from `seed` with `settings` (used even when settings.enabled is false). Meant for previews: a
/// repeated index gives a different augmentation each time. Throws std::out_of_range for a bad index.
Matrix augmentSamples(const Dataset& data, const std::vector<int>& indices, unsigned long long seed,
                      const AugmentSettings& settings);

/// Augmented copies of the first `count` images of `data` (fewer if it holds fewer).
Matrix augmentSamples(const Dataset& data, int count, unsigned long long seed,
                      const AugmentSettings& settings);

} // namespace digitpad
