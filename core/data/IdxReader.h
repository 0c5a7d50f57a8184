// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Dataset.h"
#include "tensor/Result.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace digitpad {

/// The contents of one IDX file of unsigned bytes (type code 0x08), the format of MNIST and Fashion-MNIST.
struct IdxArray {
    std::vector<std::uint32_t> dimensions; ///< e.g. {60000, 28, 28} for images, {60000} for labels
    /// Row-major, product(dimensions) bytes: for a raw file on Linux the file itself, mapped into memory
    /// read-only (MNIST's 47 MB of training images were zeroed, read and copied at a third of the load time);
    /// otherwise the bytes read or decompressed. Copies of the array share them.
    std::span<const std::uint8_t> data;
    std::shared_ptr<const void> storage; ///< keeps `data` alive: the mapping or the bytes
};

/// The most bytes one IDX array may hold once decoded: 256 MiB. A data set is read as these bytes and then
/// as 4-byte floats, so this caps loading one file at about 1.25 GiB, while it holds MNIST's and
/// Fashion-MNIST's training images (47 MB) more than five times over, and EMNIST Digits (188 MB). Without it
/// a 2 MB gzip file of blank images could make the reader allocate gigabytes before anything refused it.
inline constexpr std::uint64_t kMaxIdxBytes = std::uint64_t{256} << 20;

/// Reads an IDX file, raw or gzip-compressed (detected by content, not by name). Magic, type, rank,
/// dimensions and the byte count are validated before anything large is allocated: a header that claims more
/// data than the file holds, or more than kMaxIdxBytes bytes, is an error naming the file, never an
/// allocation. Gzip data is decoded only up to the claimed size (plus one byte to detect excess), and
/// anything after the gzip stream other than another gzip member is refused as trailing data.
Result<IdxArray> readIdx(const std::string& path);

/// Reads an image file (rank 3: count × rows × cols) and a label file (rank 1) into a Dataset. Pixels are
/// min-max normalised per image to [0, 1] (normaliseMinMax in Preprocess.h). Counts must agree (the message
/// names both files and both counts); labels must be below 10.
Result<Dataset> readIdxDataset(const std::string& imagesPath, const std::string& labelsPath,
                               const std::string& name);

/// Finds the standard file names in a folder — train-images-idx3-ubyte / train-labels-idx1-ubyte and the t10k
/// pair, each optionally with ".gz" (also accepts the "-idx3-ubyte" → ".idx3-ubyte" spelling) — and loads
/// them. `split` is "train" or "t10k".
Result<Dataset> readIdxFolder(const std::string& folder, const std::string& split);

} // namespace digitpad
