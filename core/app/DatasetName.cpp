// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/DatasetName.h"

#include "data/ClassNames.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace digitpad {

std::string datasetName(const std::string& folder) {
    std::filesystem::path path = std::filesystem::path(folder).lexically_normal();
    if (path.filename().empty())
        path = path.parent_path();
    const std::string name = path.filename().string();
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "mnist")
        return "MNIST";
    if (isFashionMnistFolder(folder))
        return "Fashion-MNIST";
    return name.empty() ? std::string("IDX data") : name;
}

} // namespace digitpad
