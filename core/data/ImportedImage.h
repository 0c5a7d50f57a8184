// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/GrayImage.h"

namespace digitpad {

/// An imported picture in canvas terms (255 = paper, 0 = ink), and what it took to get there.
struct ImportedImage {
    GrayImage image;
    bool inverted = false;  ///< the picture had light ink on a dark background
    bool flattened = false; ///< the paper was uneven (a photo or scan) and was evened out to white
};

/// Turns a picture from a file into what a drawing on the canvas looks like, so the one preprocessing reads
/// it as it reads drawings:
/// 1. polarity: when the border (the outer twentieth on each side) is mostly dark, the picture has light ink
/// on
///    a dark background and is inverted;
/// 2. paper: when under half of the pixels are near-white paper (grey paper, uneven light, noise: a photo or
/// a
///    scan), each pixel is divided by the local background (the brightest level around it, estimated on a
///    coarse grid and smoothed), so the paper becomes white whatever the lighting, and what is lighter than
///    kPaperLevel of the background is made paper. Ink keeps its shades, so strokes stay anti-aliased.
/// A canvas drawing or a clean scan passes unchanged. An empty image gives an empty one.
ImportedImage importImage(const GrayImage& picture);

/// A pixel at least this fraction of its local background counts as paper after flattening.
inline constexpr double kPaperLevel = 0.8;

} // namespace digitpad
