// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Dataset.h"

#include <QIcon>
#include <QImage>

/// Sample `index` of `data` as a grayscale image the size of the data's shape (its first channel), black ink
/// on white paper as on the canvas: a value v of the network's input (ink high, 0..1) becomes 255·(1 − v).
QImage digitImage(const digitpad::Dataset& data, int index);

/// `image` scaled up by whole pixels to at most `size` × `size` logical pixels, crisp at any device pixel
/// ratio (each input pixel stays a square), for thumbnails of 28 × 28 digits.
QIcon digitIcon(const QImage& image, int size, qreal devicePixelRatio);
