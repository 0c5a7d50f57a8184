// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/GrayImage.h"
#include "tensor/Result.h"

#include <string>
#include <vector>

namespace digitpad::cli {

/// Decodes an image file (PNG, JPEG, BMP, … whatever Qt's image readers know, detected by content) into an
/// 8-bit grayscale image. Transparent pixels are composited over white paper, so a PNG with a transparent
/// background and black ink reads like a canvas. Needs no QGuiApplication.
Result<GrayImage> loadGrayImage(const std::string& path);

/// True for names ending in .png, .jpg, .jpeg or .bmp (any case): the files a folder contributes.
bool hasImageExtension(const std::string& path);

/// Expands the command line's PATHs in order: a file stays as given, a folder becomes its image files
/// (by extension, not recursive) sorted by name. Fails naming a path that does not exist.
Result<std::vector<std::string>> expandImagePaths(const std::vector<std::string>& paths);

} // namespace digitpad::cli
