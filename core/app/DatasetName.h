// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace digitpad {

/// The name a model file records as its data set, from the folder it was trained on: "MNIST" for a folder
/// named mnist (any case), "Fashion-MNIST" for a Fashion-MNIST folder (isFashionMnistFolder()), else the
/// folder's name ("IDX data" when the path has no name, e.g. "/"). A trailing separator does not matter.
std::string datasetName(const std::string& folder);

} // namespace digitpad
