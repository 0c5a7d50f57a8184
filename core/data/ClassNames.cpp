// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/ClassNames.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

namespace digitpad {

namespace {

/// The most lines a labels file may have: more classes than any IDX label byte can name.
constexpr std::size_t kMaxClassNames = 256;

std::string inQuotes(const std::string& path) {
    return "'" + path + "'";
}

std::string trimmed(const std::string& text) {
    const auto isSpace = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r'; };
    std::size_t first = 0, last = text.size();
    while (first < last && isSpace(static_cast<unsigned char>(text[first])))
        ++first;
    while (last > first && isSpace(static_cast<unsigned char>(text[last - 1])))
        --last;
    return text.substr(first, last - first);
}

} // namespace

std::vector<std::string> digitClassNames(int classes) {
    std::vector<std::string> names;
    for (int c = 0; c < classes; ++c)
        names.push_back(std::to_string(c));
    return names;
}

bool areDigitNames(const std::vector<std::string>& names) {
    return names == digitClassNames(10);
}

const std::vector<std::string>& fashionMnistClassNames() {
    static const std::vector<std::string> names = {"T-shirt/top", "Trouser",   "Pullover", "Dress",
                                                   "Coat",        "Sandal",    "Shirt",    "Sneaker",
                                                   "Bag",         "Ankle boot"};
    return names;
}

bool isFashionMnistFolder(const std::string& folder) {
    std::filesystem::path path = std::filesystem::path(folder).lexically_normal();
    if (path.filename().empty())
        path = path.parent_path();
    std::string name = path.filename().string();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return name == "fashion-mnist" || name == "fashion_mnist" || name == "fashionmnist";
}

Result<std::vector<std::string>> readClassNames(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return Error{"cannot read labels file " + inQuotes(path) + ": cannot open it",
                     ErrorKind::FileUnreadable, path};
    std::vector<std::string> names;
    std::string line;
    int number = 0;
    while (std::getline(file, line)) {
        ++number;
        if (names.size() == kMaxClassNames)
            return Error{"labels file " + inQuotes(path) + " names more than " +
                             std::to_string(kMaxClassNames) + " classes",
                         ErrorKind::ClassNamesInvalid, path};
        names.push_back(trimmed(line));
        const std::string& name = names.back();
        if (name.size() > kMaxClassNameBytes)
            return Error{"labels file " + inQuotes(path) + ", line " + std::to_string(number) +
                             ": a name of " + std::to_string(name.size()) + " bytes (at most " +
                             std::to_string(kMaxClassNameBytes) + ")",
                         ErrorKind::ClassNamesInvalid, path};
        if (std::any_of(name.begin(), name.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
            return Error{"labels file " + inQuotes(path) + ", line " + std::to_string(number) +
                             ": control characters in a name",
                         ErrorKind::ClassNamesInvalid, path};
    }
    while (!names.empty() && names.back().empty())
        names.pop_back();
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i].empty())
            return Error{"labels file " + inQuotes(path) + ", line " + std::to_string(i + 1) +
                             ": empty name (one class name per line)",
                         ErrorKind::ClassNamesInvalid, path};
    if (names.empty())
        return Error{"labels file " + inQuotes(path) + " names no classes (one class name per line)",
                     ErrorKind::ClassNamesInvalid, path};
    return names;
}

Result<std::vector<std::string>> classNamesFor(const std::string& folder,
                                               const std::optional<std::string>& labelsFile, int classes) {
    std::optional<std::string> path = labelsFile;
    std::error_code ec;
    if (!path && std::filesystem::is_regular_file(std::filesystem::path(folder) / "labels", ec))
        path = (std::filesystem::path(folder) / "labels").string();
    if (path) {
        Result<std::vector<std::string>> names = readClassNames(*path);
        if (names && static_cast<int>(names->size()) != classes)
            return Error{"labels file " + inQuotes(*path) + " names " + std::to_string(names->size()) +
                             " classes, but the data has " + std::to_string(classes),
                         ErrorKind::ClassNamesInvalid, *path};
        return names;
    }
    if (isFashionMnistFolder(folder) && classes == static_cast<int>(fashionMnistClassNames().size()))
        return fashionMnistClassNames();
    return digitClassNames(classes);
}

} // namespace digitpad
