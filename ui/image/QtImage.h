// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/GrayImage.h"
#include "tensor/Result.h"

#include <QImage>

#include <string>

/// Converts any QImage (canvas, PNG, JPEG, BMP, …) to the engine's 8-bit grayscale (255 = paper, 0 = ink),
/// width × height of the source: each pixel's qGray() luminance ((11 R + 16 G + 5 B) / 32), composited over
/// white by its alpha, so a PNG with ink on a transparent background reads like ink on a canvas. A null image
/// gives an empty GrayImage. The GUI and the CLI both convert through it, so a file gives the same pixels in
/// either.
digitpad::GrayImage toGrayImage(const QImage& image);

/// The reverse, for display and tests: a Format_Grayscale8 QImage of the same size.
QImage toQImage(const digitpad::GrayImage& image);

/// Decodes an image file (whatever Qt's image readers know, detected by content; orientation tags applied)
/// and converts it with toGrayImage(). Fails naming the file and the reader's reason. Needs no
/// QGuiApplication.
digitpad::Result<digitpad::GrayImage> readGrayImage(const std::string& path);

/// The same for an image held in memory (e.g. read from standard input): the format is detected from the
/// bytes. `name` is what a failure message calls the image.
digitpad::Result<digitpad::GrayImage> decodeGrayImage(const QByteArray& bytes, const std::string& name);
