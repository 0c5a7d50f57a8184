// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Result.h"

#include <string>

namespace digitpad {

/// Training-time augmentation of 28×28 digits: one random affine map (rotation, independent x/y scale,
/// horizontal shear, translation) combined with an elastic distortion (Simard et al. 2003) and sampled once
/// bilinearly, then an optional stroke-thickness change (3×3 grayscale dilation or erosion), then the same
/// min-max normalisation as every other image.
///
/// The defaults follow the ranges that worked for MNIST in the literature (Simard 2003: elastic σ 4, α 34;
/// Cireşan et al. 2010: rotation up to ±15°, x/y scale ±15 %) and add slant (shear) and thickness changes,
/// the two ways digits drawn on the canvas differ most from MNIST's.
/// The strength `--augment` and the Train tab use unless told otherwise. Scaled by 0.7 (rotation ±8.4°,
/// elastic α 23.8, …) the distortions trained better models than at full strength in every paired run so far:
/// lenet 5 epochs, seeds 1 and 2, drawn digits 97.11 / 97.67 % against 96.33 / 96.78 % and MNIST 99.07
/// / 99.17 % against 98.78 / 98.94 %; cnn 20 epochs, seed 3, 98.83 / 99.56 % against 98.44 / 99.38 %
/// (models/README.md).
inline constexpr double kDefaultAugmentStrength = 0.7;

struct AugmentSettings {
    bool enabled = false;
    double rotationDegrees = 12.0; ///< rotation drawn uniformly from ±this
    double scaleMin = 0.85;        ///< x and y scale each drawn uniformly from [scaleMin, scaleMax]
    double scaleMax = 1.15;
    double shear = 0.2; ///< horizontal shear x += shear·y drawn uniformly from ±this (0.2 ≈ 11°)
    double translationPixels = 2.0;  ///< x and y shift each drawn uniformly from ±this
    double elasticAlpha = 34.0;      ///< scale of the smoothed displacement field, in pixels; 0 = no elastic
    double elasticSigma = 4.0;       ///< standard deviation of the Gaussian that smooths the field, in pixels
    double thickenProbability = 0.2; ///< chance of a 3×3 dilation (thicker strokes)
    double thinProbability = 0.2;    ///< chance of a 3×3 erosion (thinner strokes); at most one of the two

    /// Everything off but `enabled`: the augmenter then returns each image unchanged (still normalised).
    static AugmentSettings identity();
    /// These settings with every magnitude multiplied by `strength` (0 = identity, 1 = as is, 2 = twice as
    /// strong); scale ranges are stretched about 1 and probabilities capped so they sum to at most 1.
    AugmentSettings scaled(double strength) const;
    /// An error with a one-line reason such as "augmentation shear must be between 0 and 2 (got 3)" when a
    /// magnitude is out of range.
    Status validate() const;
    /// A short human-readable summary, e.g. "rotate ±12°, scale 0.85–1.15, ...", for logs and model files.
    std::string describe() const;
};

} // namespace digitpad
