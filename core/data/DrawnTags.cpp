// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/DrawnTags.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace digitpad {

Result<std::vector<SampleTags>> readDrawnTags(const std::string& folder,
                                              const std::vector<std::uint8_t>& labels) {
    const std::filesystem::path path = std::filesystem::path(folder) / kDrawnTagsFile;
    std::vector<SampleTags> tags;
    std::error_code missing;
    if (!std::filesystem::exists(path, missing))
        return tags;
    std::ifstream in(path);
    if (!in)
        return Error{"cannot read '" + path.string() + "': the file cannot be opened"};
    auto fail = [&](int lineNumber, const std::string& what) {
        return Error{"cannot read '" + path.string() + "', line " + std::to_string(lineNumber) + ": " + what};
    };

    std::string line;
    int lineNumber = 0;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (line.empty() || line.front() == '#')
            continue;
        std::istringstream fields(line);
        long long index = -1;
        int label = -1;
        std::string list;
        std::string extra;
        if (!(fields >> index >> label >> list) || (fields >> extra))
            return fail(lineNumber, "expected 'index label family:value,…'");
        if (index != static_cast<long long>(tags.size()))
            return fail(lineNumber,
                        "expected canvas " + std::to_string(tags.size()) + ", got " + std::to_string(index));
        if (tags.size() >= labels.size())
            return fail(lineNumber, "more lines than the " + std::to_string(labels.size()) + " canvases");
        if (label != labels[tags.size()])
            return fail(lineNumber, "label " + std::to_string(label) + " but the labels file says " +
                                        std::to_string(labels[tags.size()]));
        SampleTags sample;
        std::istringstream items(list);
        std::string tag;
        while (std::getline(items, tag, ',')) {
            const std::size_t colon = tag.find(':');
            if (colon == std::string::npos || colon == 0 || colon + 1 == tag.size())
                return fail(lineNumber, "tag '" + tag + "' is not 'family:value'");
            sample.push_back(tag);
        }
        tags.push_back(std::move(sample));
    }
    if (tags.size() != labels.size())
        return Error{"cannot read '" + path.string() + "': it describes " + std::to_string(tags.size()) +
                     " canvases, the folder holds " + std::to_string(labels.size())};
    return tags;
}

} // namespace digitpad
