// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelChoice.h"

#include "app/Locations.h"
#include "io/ModelFile.h"

namespace digitpad::cli {

Result<Model> chooseModel(const std::optional<std::string>& given, std::string& path) {
    if (given) {
        path = *given;
    } else if (const auto bundled = bundledModelPath()) {
        path = *bundled;
    } else {
        std::string places;
        for (const std::string& candidate : bundledModelCandidates())
            places += (places.empty() ? "'" : ", '") + candidate + "'";
        return Error{"no bundled model found (looked in " + places + "); pass --model FILE"};
    }
    return loadModel(path);
}

} // namespace digitpad::cli
