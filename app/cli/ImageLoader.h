// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Result.h"

#include <string>
#include <vector>

namespace digitpad::cli {

/// True for names ending in .png, .jpg, .jpeg or .bmp (any case): the files a folder contributes.
bool hasImageExtension(const std::string& path);

/// The PATH that stands for standard input.
inline constexpr const char* kStandardInput = "-";

/// Expands the command line's PATHs in order: a file (and kStandardInput) stays as given, a folder becomes
/// its image files (by extension, not recursive) sorted by name. Fails naming a path that does not exist or a
/// folder that holds no image files.
Result<std::vector<std::string>> expandImagePaths(const std::vector<std::string>& paths);

} // namespace digitpad::cli
