// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/DrawnDigits.h"

#include "data/DigitFormat.h"

#include "data/IdxReader.h"

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <optional>

namespace digitpad {

namespace {

std::string quoted(const std::string& path) {
    return "'" + path + "'";
}

} // namespace

Result<Dataset> readDrawnDigits(const std::string& folder, Framing framing, const FramingSteps& steps) {
    const std::string imagesPath = (std::filesystem::path(folder) / kDrawnImagesFile).string();
    const std::string labelsPath = (std::filesystem::path(folder) / kDrawnLabelsFile).string();
    Result<IdxArray> images = readIdx(imagesPath);
    if (!images)
        return images.error();
    Result<IdxArray> labels = readIdx(labelsPath);
    if (!labels)
        return labels.error();

    const std::vector<std::uint32_t>& dims = images->dimensions;
    if (dims.size() != 3)
        return Error{"cannot read " + quoted(imagesPath) + ": expected images (rank 3), got rank " +
                         std::to_string(dims.size()),
                     ErrorKind::DrawnDigitsDamaged, imagesPath};
    if (labels->dimensions.size() != 1)
        return Error{"cannot read " + quoted(labelsPath) + ": expected labels (rank 1), got rank " +
                         std::to_string(labels->dimensions.size()),
                     ErrorKind::DrawnDigitsDamaged, labelsPath};
    const auto count = static_cast<int>(dims[0]);
    const auto height = static_cast<int>(dims[1]);
    const auto width = static_cast<int>(dims[2]);
    if (static_cast<int>(labels->dimensions[0]) != count)
        return Error{"cannot read drawn digits: " + quoted(imagesPath) + " holds " + std::to_string(count) +
                         " images but " + quoted(labelsPath) + " holds " +
                         std::to_string(labels->dimensions[0]) + " labels",
                     ErrorKind::DrawnDigitsDamaged, labelsPath};
    if (count == 0 || width == 0 || height == 0)
        return Error{"cannot read " + quoted(imagesPath) + ": the file holds no images",
                     ErrorKind::DrawnDigitsDamaged, imagesPath};

    Dataset data;
    data.shape = kDigitShape;
    data.classes = kDigitClasses;
    data.name = "drawn digits (" + toName(framing) + (steps.any() ? ", " + steps.toText() : "") + ")";
    data.images.resize(data.shape.size(), count);
    data.labels.assign(labels->data.begin(), labels->data.end());

    const std::size_t pixels = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    GrayImage canvas(width, height);
    for (int i = 0; i < count; ++i) {
        if (data.labels[i] >= kDigitClasses)
            return Error{"cannot read " + quoted(labelsPath) + ": label " + std::to_string(data.labels[i]) +
                             " of image " + std::to_string(i) + " is not a digit 0-9",
                         ErrorKind::DrawnDigitsDamaged, labelsPath};
        const auto first =
            images->data.begin() + static_cast<std::ptrdiff_t>(pixels * static_cast<std::size_t>(i));
        std::copy(first, first + static_cast<std::ptrdiff_t>(pixels), canvas.pixels.begin());
        const std::optional<Vector> input = preprocess(canvas, framing, steps);
        if (!input)
            return Error{"cannot read " + quoted(imagesPath) + ": image " + std::to_string(i) +
                             " holds no ink (nothing to recognise)",
                         ErrorKind::DrawnDigitsDamaged, imagesPath};
        data.images.col(i) = *input;
    }
    return data;
}

} // namespace digitpad
