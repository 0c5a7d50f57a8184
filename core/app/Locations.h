// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace digitpad {

/// The XDG base directories for data, most important first: $XDG_DATA_HOME (default ~/.local/share), then
/// each of $XDG_DATA_DIRS (default /usr/local/share:/usr/share). Relative entries are ignored, as the
/// specification says.
std::vector<std::string> xdgDataDirs();

/// Where the bundled model may be, in the order they are tried: next to the executable
/// (<exe dir>/../share/digitpad/models/default.dpm, the build and install layout), then
/// digitpad/models/default.dpm in each of xdgDataDirs() (a model a user or another package installed), then
/// the source tree's models/default.dpm.
std::vector<std::string> bundledModelCandidates();
/// The first of bundledModelCandidates() that exists, or nullopt.
std::optional<std::string> bundledModelPath();

/// The source checkout this build was made from (the bundled models' folder's parent), or nullopt when its
/// models/ folder is not there (e.g. an installation on another machine).
std::optional<std::string> sourceTreeRoot();

/// The data folder to use: `given` when set; otherwise data/mnist under the working directory, or the source
/// tree's data/mnist when only that exists (so a build works from any directory); else data/mnist, where
/// scripts/fetch-mnist puts it. A relative path stays relative.
std::string dataFolder(const std::optional<std::string>& given);

/// The drawn-digit folder: `given` when not empty; otherwise datasets/drawn-digits under the working
/// directory, or the source tree's when only that exists (as dataFolder() does for MNIST).
std::string drawnDigitsFolder(const std::string& given);

/// A hint to append to data-loading errors: empty when `folder` exists, else says how to fetch MNIST.
std::string missingDataHint(const std::string& folder);

} // namespace digitpad
