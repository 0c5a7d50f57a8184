// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/Model.h"
#include "tensor/Result.h"

#include <optional>
#include <string>

namespace digitpad::cli {

/// The model a command uses: the file given with --model, or the bundled one. Sets `path` to the file it
/// read; fails naming the file and the problem, or every place it looked for the bundled model.
Result<Model> chooseModel(const std::optional<std::string>& given, std::string& path);

} // namespace digitpad::cli
