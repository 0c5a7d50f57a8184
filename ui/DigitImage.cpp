// SPDX-License-Identifier: GPL-3.0-or-later
#include "DigitImage.h"

#include <QPixmap>

#include <algorithm>
#include <cmath>
#include <stdexcept>

QImage digitImage(const digitpad::Dataset& data, int index) {
    if (index < 0 || index >= data.images.cols())
        throw std::out_of_range("sample " + std::to_string(index) + " of a data set of " +
                                std::to_string(data.images.cols()));
    const int width = data.shape.width;
    const int height = data.shape.height;
    QImage image(width, height, QImage::Format_Grayscale8);
    const auto column = data.images.col(index);
    for (int y = 0; y < height; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < width; ++x) {
            const double ink = std::clamp(static_cast<double>(column[y * width + x]), 0.0, 1.0);
            line[x] = static_cast<uchar>(std::lround(255.0 * (1.0 - ink)));
        }
    }
    return image;
}

QIcon digitIcon(const QImage& image, int size, qreal devicePixelRatio) {
    const int longest = std::max({image.width(), image.height(), 1});
    const int device = static_cast<int>(std::floor(size * devicePixelRatio));
    const int factor = std::max(1, device / longest);
    QPixmap pixmap = QPixmap::fromImage(image.scaled(image.width() * factor, image.height() * factor,
                                                     Qt::KeepAspectRatio, Qt::FastTransformation));
    pixmap.setDevicePixelRatio(devicePixelRatio);
    return QIcon(pixmap);
}
