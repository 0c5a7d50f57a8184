// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImageLoader.h"

#include <QImage>
#include <QImageReader>
#include <QString>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace digitpad::cli {

Result<GrayImage> loadGrayImage(const std::string& path) {
    QImageReader reader(QString::fromStdString(path));
    // Orientation tags matter for photos of digits taken with a phone.
    reader.setAutoTransform(true);
    QImage image = reader.read();
    if (image.isNull())
        return Error{"cannot read image '" + path + "': " + reader.errorString().toStdString()};
    image = image.convertToFormat(QImage::Format_ARGB32);
    GrayImage gray(image.width(), image.height());
    for (int y = 0; y < image.height(); ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = row[x];
            const int alpha = qAlpha(pixel);
            // Composite over white: a transparent background is paper, not ink.
            const int value = (qGray(pixel) * alpha + 255 * (255 - alpha) + 127) / 255;
            gray.at(x, y) = static_cast<std::uint8_t>(value);
        }
    }
    return gray;
}

bool hasImageExtension(const std::string& path) {
    std::string extension = fs::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".png" || extension == ".jpg" || extension == ".jpeg" || extension == ".bmp";
}

Result<std::vector<std::string>> expandImagePaths(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const std::string& path : paths) {
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
        std::sort(found.begin(), found.end(),
                  [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
        for (const fs::path& file : found)
            files.push_back(file.string());
    }
    return files;
}

} // namespace digitpad::cli
