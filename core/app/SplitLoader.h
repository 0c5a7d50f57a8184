// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Dataset.h"
#include "tensor/Result.h"

#include <string>

namespace digitpad {

/// The `split` ("train" or "t10k") IDX files of `folder` as a Dataset (images: pixels × n, one column per
/// image). On failure the message names the file and what is wrong and, when `folder` itself does not
/// exist, says how to fetch MNIST — the same message for every use case that reads a data folder.
Result<Dataset> loadSplit(const std::string& folder, const std::string& split);

} // namespace digitpad
