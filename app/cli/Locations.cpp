// SPDX-License-Identifier: GPL-3.0-or-later
#include "Locations.h"

#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace digitpad::cli {

namespace {

fs::path executableDir() {
    std::error_code error;
    const fs::path exe = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : exe.parent_path();
}

bool pathExists(const fs::path& path) {
    std::error_code error;
    return fs::exists(path, error);
}

} // namespace

std::vector<std::string> bundledModelCandidates() {
    std::vector<std::string> candidates;
    if (const fs::path dir = executableDir(); !dir.empty())
        candidates.push_back((dir.parent_path() / "share" / "digitpad" / "models" / "default.dpm").string());
    candidates.push_back(DIGITPAD_SOURCE_MODELS "/default.dpm");
    return candidates;
}

std::optional<std::string> bundledModelPath() {
    for (const std::string& candidate : bundledModelCandidates())
        if (pathExists(candidate))
            return candidate;
    return std::nullopt;
}

std::string dataFolder(const std::optional<std::string>& given) {
    if (given)
        return *given;
    const fs::path local = "data/mnist";
    if (pathExists(local))
        return local.string();
    const fs::path source = fs::path(DIGITPAD_SOURCE_MODELS).parent_path() / "data" / "mnist";
    if (pathExists(source))
        return source.string();
    return local.string();
}

std::string missingDataHint(const std::string& folder) {
    if (pathExists(folder))
        return "";
    return " (folder '" + folder + "' does not exist; scripts/fetch-mnist downloads MNIST into data/mnist)";
}

} // namespace digitpad::cli
