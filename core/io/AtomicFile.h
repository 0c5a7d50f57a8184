// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace digitpad {

/// Writes `bytes` to "<path>.tmp-<8 hex digits>", flushes it to disk and renames it over `path`, so readers
/// see either the old file or the complete new one, even after a crash. Removes temp files an interrupted
/// earlier write of the same `path` left behind, and its own temp file on every failure. A file size limit
/// (ulimit -f) is reported as "file too large", not a signal. The error message says what failed, without
/// naming `path` itself (the caller says what it was saving).
Status writeFileAtomically(const std::string& path, const std::vector<std::uint8_t>& bytes);

/// Whether writeFileAtomically() can create its temp file beside `path`: creates one and removes it at once.
Status checkTempFileCreatable(const std::string& path);

} // namespace digitpad
