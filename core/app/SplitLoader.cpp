// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/SplitLoader.h"

#include "app/Locations.h"
#include "data/IdxReader.h"

namespace digitpad {

Result<Dataset> loadSplit(const std::string& folder, const std::string& split) {
    Result<Dataset> data = readIdxFolder(folder, split);
    if (!data) {
        Error error = data.error(); // keeps its kind and fields for a front end's own wording
        error.message += missingDataHint(folder);
        return error;
    }
    return data;
}

} // namespace digitpad
