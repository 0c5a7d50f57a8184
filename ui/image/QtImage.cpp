// SPDX-License-Identifier: GPL-3.0-or-later
#include "QtImage.h"

#include <QBuffer>
#include <QImageReader>
#include <QString>

#include <cstring>

digitpad::GrayImage toGrayImage(const QImage& image) {
    if (image.isNull())
        return {};
    // Non-premultiplied ARGB keeps each pixel's colour exact whatever its alpha, so the composite below is
    // the only rounding.
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    digitpad::GrayImage gray(argb.width(), argb.height());
    for (int y = 0; y < argb.height(); ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x) {
            const QRgb pixel = row[x];
            const int alpha = qAlpha(pixel);
            // Composite over white: a transparent background is paper, not ink.
            const int value = (qGray(pixel) * alpha + 255 * (255 - alpha) + 127) / 255;
            gray.at(x, y) = static_cast<std::uint8_t>(value);
        }
    }
    return gray;
}

QImage toQImage(const digitpad::GrayImage& image) {
    QImage result(image.width, image.height, QImage::Format_Grayscale8);
    for (int y = 0; y < image.height; ++y)
        std::memcpy(result.scanLine(y), image.pixels.data() + static_cast<std::size_t>(y) * image.width,
                    static_cast<std::size_t>(image.width));
    return result;
}

namespace {

digitpad::Result<digitpad::GrayImage> readWith(QImageReader& reader, const std::string& name) {
    // Orientation tags matter for photos of digits taken with a phone.
    reader.setAutoTransform(true);
    const QImage image = reader.read();
    if (image.isNull())
        return digitpad::Error{"cannot read image '" + name + "': " + reader.errorString().toStdString()};
    return toGrayImage(image);
}

} // namespace

digitpad::Result<digitpad::GrayImage> readGrayImage(const std::string& path) {
    QImageReader reader(QString::fromStdString(path));
    return readWith(reader, path);
}

digitpad::Result<digitpad::GrayImage> decodeGrayImage(const QByteArray& bytes, const std::string& name) {
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    return readWith(reader, name);
}
