// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/Locations.h"

#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace fs = std::filesystem;

namespace digitpad {

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

/// The source tree's `relative` when it exists there and not under the working directory; else `relative`.
std::string localOrSourceTree(const fs::path& relative) {
    if (pathExists(relative))
        return relative.string();
    const fs::path source = fs::path(DIGITPAD_SOURCE_MODELS).parent_path() / relative;
    if (pathExists(source))
        return source.string();
    return relative.string();
}

/// The environment variable `name`, or empty when it is unset.
std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

} // namespace

std::vector<std::string> xdgDataDirs() {
    std::vector<std::string> dirs;
    const auto add = [&dirs](const std::string& dir) {
        if (fs::path(dir).is_absolute())
            dirs.push_back(dir);
    };
    const std::string dataHome = environment("XDG_DATA_HOME");
    const std::string home = environment("HOME");
    if (!dataHome.empty())
        add(dataHome);
    else if (!home.empty())
        add((fs::path(home) / ".local" / "share").string());
    std::string list = environment("XDG_DATA_DIRS");
    if (list.empty())
        list = "/usr/local/share:/usr/share";
    std::string_view rest = list;
    while (!rest.empty()) {
        const std::size_t colon = rest.find(':');
        add(std::string(rest.substr(0, colon)));
        rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
    return dirs;
}

std::vector<std::string> bundledModelCandidates() {
    std::vector<std::string> candidates;
    if (const fs::path dir = executableDir(); !dir.empty())
        candidates.push_back((dir.parent_path() / "share" / "digitpad" / "models" / "default.dpm").string());
    for (const std::string& data : xdgDataDirs())
        candidates.push_back((fs::path(data) / "digitpad" / "models" / "default.dpm").string());
    candidates.push_back((fs::path(DIGITPAD_SOURCE_MODELS) / "default.dpm").string());
    return candidates;
}

std::optional<std::string> bundledModelPath() {
    for (const std::string& candidate : bundledModelCandidates())
        if (pathExists(candidate))
            return candidate;
    return std::nullopt;
}

std::optional<std::string> sourceTreeRoot() {
    const fs::path models = DIGITPAD_SOURCE_MODELS;
    std::error_code error;
    if (!fs::is_directory(models, error))
        return std::nullopt;
    return models.parent_path().string();
}

std::string dataFolder(const std::optional<std::string>& given) {
    if (given)
        return *given;
    return localOrSourceTree(fs::path("data") / "mnist");
}

std::string drawnDigitsFolder(const std::string& given) {
    if (!given.empty())
        return given;
    return localOrSourceTree(fs::path("datasets") / "drawn-digits");
}

std::string missingDataHint(const std::string& folder) {
    if (pathExists(folder))
        return "";
    return " (folder '" + folder + "' does not exist; scripts/fetch-mnist downloads MNIST into data/mnist)";
}

} // namespace digitpad
