// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/SplitLoader.h"

#include "app/Locations.h"
#include "data/IdxReader.h"

namespace digitpad {

Result<Dataset> loadSplit(const std::string& folder, const std::string& split) {
    Result<Dataset> data = readIdxFolder(folder, split);
    if (!data)
        return Error{data.error().message + missingDataHint(folder)};
    return data;
}

} // namespace digitpad
