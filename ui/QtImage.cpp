// SPDX-License-Identifier: GPL-3.0-or-later
#include "QtImage.h"

#include <QPainter>

#include <cstring>

digitpad::GrayImage toGrayImage(const QImage& image) {
    if (image.isNull())
        return {};
    QImage opaque = image;
    if (image.hasAlphaChannel()) {
        // Converting straight to grayscale would drop alpha and turn transparent paper black.
        opaque = QImage(image.size(), QImage::Format_RGB32);
        opaque.fill(Qt::white);
        QPainter painter(&opaque);
        painter.drawImage(0, 0, image);
    }
    const QImage gray = opaque.convertToFormat(QImage::Format_Grayscale8);
    digitpad::GrayImage result(gray.width(), gray.height());
    for (int y = 0; y < gray.height(); ++y)
        std::memcpy(&result.at(0, y), gray.constScanLine(y), static_cast<std::size_t>(gray.width()));
    return result;
}

QImage toQImage(const digitpad::GrayImage& image) {
    QImage result(image.width, image.height, QImage::Format_Grayscale8);
    for (int y = 0; y < image.height; ++y)
        std::memcpy(result.scanLine(y), image.pixels.data() + static_cast<std::size_t>(y) * image.width,
                    static_cast<std::size_t>(image.width));
    return result;
}
