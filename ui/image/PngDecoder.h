// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/GrayImage.h"
#include "tensor/Result.h"

#include <QByteArray>

#include <cstdint>

/// Whether `bytes` start with the 8-byte PNG signature.
bool isPng(const QByteArray& bytes);

/// Decodes a PNG with libpng's simplified API, to the engine's gray (grayOverWhite of 8-bit sRGB RGBA).
/// DigitPad decodes PNGs itself because Qt's PNG plugin leaves libpng's default error handler in place, which
/// prints "libpng error: …" to stderr without naming the file; here every error comes back as text. Images of
/// more than `limitPixels` pixels are refused from the header, before any pixel is decoded. Failures give the
/// reason only ("truncated or damaged PNG data: …"); the caller names the file.
digitpad::Result<digitpad::GrayImage> decodePng(const QByteArray& bytes, std::int64_t limitPixels);
