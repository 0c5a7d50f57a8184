// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/KnownDatasets.h"

#include "app/Locations.h"

#include <filesystem>

namespace digitpad {

namespace {

namespace fs = std::filesystem;

/// Whether `folder` holds a training images file in a spelling readIdxFolder() accepts.
bool hasTrainingImages(const std::string& folder) {
    std::error_code ec;
    for (const char* name : {"train-images-idx3-ubyte", "train-images-idx3-ubyte.gz",
                             "train-images.idx3-ubyte", "train-images.idx3-ubyte.gz"})
        if (fs::is_regular_file(fs::path(folder) / name, ec))
            return true;
    return false;
}

} // namespace

std::vector<std::string> fashionMnistCandidates() {
    const fs::path mnist(dataFolder(std::nullopt));
    return {(mnist.parent_path() / "fashion-mnist").string(), "/usr/share/datasets/fashion-mnist"};
}

std::vector<DatasetLocation> presentDatasets(const std::string& mnistFolder,
                                             const std::vector<std::string>& fashionFolders) {
    std::vector<DatasetLocation> present;
    if (hasTrainingImages(mnistFolder))
        present.push_back({KnownDataset::Mnist, "MNIST", mnistFolder});
    for (const std::string& folder : fashionFolders)
        if (hasTrainingImages(folder)) {
            present.push_back({KnownDataset::FashionMnist, "Fashion-MNIST", folder});
            break;
        }
    return present;
}

} // namespace digitpad
