// SPDX-License-Identifier: GPL-3.0-or-later
#include "SplitLoader.h"

#include "Locations.h"
#include "data/IdxReader.h"

namespace digitpad::cli {

Result<Dataset> loadSplit(const std::string& folder, const std::string& split) {
    Result<Dataset> data = readIdxFolder(folder, split);
    if (!data)
        return Error{data.error().message + missingDataHint(folder)};
    return data;
}

} // namespace digitpad::cli
