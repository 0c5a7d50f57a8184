// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace digitpad::cli {

/// Where the bundled model may be, in the order they are tried: next to the executable
/// (<exe>/../share/digitpad/models/default.dpm, the build and install layout), then the source tree's
/// models/.
std::vector<std::string> bundledModelCandidates();
/// The first candidate that exists, or nullopt.
std::optional<std::string> bundledModelPath();

/// The data folder to use: `given` when set; otherwise data/mnist under the working directory, or the source
/// tree's data/mnist when only that exists (so the command works from any directory after a build).
std::string dataFolder(const std::optional<std::string>& given);

/// A hint appended to data-loading errors when `folder` does not exist.
std::string missingDataHint(const std::string& folder);

} // namespace digitpad::cli
