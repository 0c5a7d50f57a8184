// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImageLoader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace digitpad::cli {

bool hasImageExtension(const std::string& path) {
    std::string extension = fs::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".png" || extension == ".jpg" || extension == ".jpeg" || extension == ".bmp";
}

Result<std::vector<std::string>> expandImagePaths(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        if (path == kStandardInput) {
            files.push_back(path);
            continue;
        }
        std::error_code error;
        const fs::file_status status = fs::status(path, error);
        if (error || !fs::exists(status))
            return Error{"cannot read '" + path + "': no such file or folder"};
        if (!fs::is_directory(status)) {
            files.push_back(path);
            continue;
        }
        std::vector<fs::path> found;
        for (const fs::directory_entry& entry : fs::directory_iterator(path, error)) {
            std::error_code entryError;
            if (entry.is_regular_file(entryError) && hasImageExtension(entry.path().string()))
                found.push_back(entry.path());
        }
        if (error)
            return Error{"cannot list folder '" + path + "': " + error.message()};
        // A folder that contributes nothing is almost always a wrong path; printing nothing and succeeding
        // would hide that.
        if (found.empty())
            return Error{"no images in '" + path + "' (looked for .png, .jpg, .jpeg and .bmp files)"};
        std::sort(found.begin(), found.end(),
                  [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
        for (const fs::path& file : found)
            files.push_back(file.string());
    }
    return files;
}

} // namespace digitpad::cli
