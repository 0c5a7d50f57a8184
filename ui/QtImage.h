// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/GrayImage.h"

#include <QImage>

/// Converts any QImage (canvas, PNG, JPEG, BMP, …) to the engine's 8-bit grayscale (255 = paper, 0 = ink),
/// width × height of the source. Transparent pixels count as white paper, so a PNG with ink on a transparent
/// background reads like ink on a canvas. A null image gives an empty GrayImage.
digitpad::GrayImage toGrayImage(const QImage& image);

/// The reverse, for display and tests: a Format_Grayscale8 QImage of the same size.
QImage toQImage(const digitpad::GrayImage& image);
