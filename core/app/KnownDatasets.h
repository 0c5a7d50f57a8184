// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace digitpad {

/// The data sets the Train tab offers by name.
enum class KnownDataset { Mnist, FashionMnist };

/// A known data set whose training files are present, and where.
struct DatasetLocation {
    KnownDataset dataset = KnownDataset::Mnist;
    std::string name;   ///< "MNIST" or "Fashion-MNIST"
    std::string folder; ///< holds its train-images* file
};

/// Where Fashion-MNIST may be, in the order tried: data/fashion-mnist beside MNIST's default folder (under
/// the working directory or the source tree, as dataFolder() looks), then Debian's dataset-fashion-mnist
/// package's /usr/share/datasets/fashion-mnist.
std::vector<std::string> fashionMnistCandidates();

/// The known data sets that are present: MNIST when `mnistFolder` holds a training split, Fashion-MNIST in
/// the first of `fashionFolders` that does. Empty when neither is there.
std::vector<DatasetLocation> presentDatasets(const std::string& mnistFolder,
                                             const std::vector<std::string>& fashionFolders);

} // namespace digitpad
