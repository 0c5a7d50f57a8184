// SPDX-License-Identifier: GPL-3.0-or-later
#include "SampleFolder.h"

#include "QtImage.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace {

bool isHidden(const fs::path& path) {
    const std::string name = path.filename().string();
    return !name.empty() && name.front() == '.';
}

/// A label folder's name is one decimal digit, nothing else ("7", not "07" or "seven").
int labelOf(const fs::path& folder) {
    const std::string name = folder.filename().string();
    if (name.size() == 1 && name[0] >= '0' && name[0] <= '9')
        return name[0] - '0';
    return -1;
}

bool isSidecar(const fs::path& path) {
    return path.extension() == ".json";
}

digitpad::Result<std::string> readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return digitpad::Error{"cannot read '" + path.string() + "'"};
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        return digitpad::Error{"cannot read '" + path.string() + "'"};
    return text.str();
}

/// Sorts with recorded drawings first, oldest first, then the others by file name, so "every fifth
/// drawing" follows the order the person drew them in.
bool drawnBefore(const SampleFile& a, const SampleFile& b) {
    if (a.sample.label != b.sample.label)
        return a.sample.label < b.sample.label;
    if (a.record.has_value() != b.record.has_value())
        return a.record.has_value();
    if (a.record && a.record->createdAt != b.record->createdAt)
        return a.record->createdAt < b.record->createdAt;
    return a.imagePath < b.imagePath;
}

/// One image and its sidecar, with the checks a sample folder's entries must pass.
digitpad::Result<SampleFile> readEntry(const fs::path& imagePath, int label) {
    auto image = readGrayImage(imagePath.string());
    if (!image)
        return image.error();
    if (image->width == 0 || image->height == 0)
        return digitpad::Error{"cannot read image '" + imagePath.string() + "': it has no pixels"};
    SampleFile file;
    file.imagePath = imagePath.string();
    file.sample.image = std::move(*image);
    file.sample.label = label;
    file.sample.source = file.imagePath;

    fs::path sidecar = imagePath;
    sidecar.replace_extension(".json");
    std::error_code error;
    if (fs::is_regular_file(sidecar, error)) {
        auto text = readText(sidecar);
        if (!text)
            return text.error();
        auto record = digitpad::drawingRecordFromJson(*text, sidecar.string());
        if (!record)
            return record.error();
        if (record->label != label)
            return digitpad::Error{"'" + sidecar.string() + "' says the digit is " +
                                   std::to_string(record->label) + " but it lies in the folder of " +
                                   std::to_string(label)};
        if (!record->drawing.empty())
            file.sample.drawing = record->drawing;
        file.record = std::move(*record);
    }
    return file;
}

/// Reads every image of one label folder (sorted by name so the result does not depend on the file system).
void readLabelFolder(const fs::path& folder, int label, SampleFolderReading& reading) {
    std::error_code error;
    std::vector<fs::path> images;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
        if (isHidden(entry.path()) || isSidecar(entry.path()) || !entry.is_regular_file(error))
            continue;
        images.push_back(entry.path());
    }
    if (error) {
        reading.problems.push_back(
            digitpad::Error{"cannot list '" + folder.string() + "': " + error.message(),
                            digitpad::ErrorKind::Other, folder.string()});
        return;
    }
    std::sort(images.begin(), images.end());
    for (const fs::path& imagePath : images) {
        auto file = readEntry(imagePath, label);
        if (file)
            reading.files.push_back(std::move(*file));
        else
            reading.problems.push_back(
                digitpad::Error{file.error().message, digitpad::ErrorKind::Other, imagePath.string()});
    }
}

} // namespace

digitpad::Result<SampleFolderReading> readSampleFolderSkippingProblems(const std::string& dir) {
    const fs::path root(dir);
    std::error_code error;
    if (!fs::exists(root, error))
        return digitpad::Error{"sample folder '" + dir + "' does not exist"};
    if (!fs::is_directory(root, error))
        return digitpad::Error{"'" + dir + "' is not a folder (expected " + dir + "/<digit>/<image>)"};

    SampleFolderReading reading;
    std::vector<fs::path> labelFolders;
    for (const fs::directory_entry& entry : fs::directory_iterator(root, error)) {
        if (isHidden(entry.path()) || !entry.is_directory(error))
            continue;
        if (labelOf(entry.path()) < 0)
            reading.problems.push_back(digitpad::Error{"'" + entry.path().string() +
                                                           "' is not a label folder: sample folders hold one "
                                                           "subfolder per digit, named 0 to 9",
                                                       digitpad::ErrorKind::Other, entry.path().string()});
        else
            labelFolders.push_back(entry.path());
    }
    if (error)
        return digitpad::Error{"cannot list '" + dir + "': " + error.message()};
    std::sort(labelFolders.begin(), labelFolders.end());
    for (const fs::path& folder : labelFolders)
        readLabelFolder(folder, labelOf(folder), reading);
    std::sort(reading.files.begin(), reading.files.end(), drawnBefore);
    return reading;
}

digitpad::Result<std::vector<SampleFile>> readSampleFolder(const std::string& dir) {
    auto reading = readSampleFolderSkippingProblems(dir);
    if (!reading)
        return reading.error();
    if (!reading->problems.empty())
        return digitpad::Error{reading->problems.front()};
    if (reading->files.empty())
        return digitpad::Error{"sample folder '" + dir + "' holds no images (expected " + dir +
                               "/<digit>/<image>, digits 0 to 9)"};
    return std::move(reading->files);
}

std::vector<digitpad::LabelledDrawing> samplesOf(const std::vector<SampleFile>& files) {
    std::vector<digitpad::LabelledDrawing> samples;
    samples.reserve(files.size());
    for (const SampleFile& file : files)
        samples.push_back(file.sample);
    return samples;
}
