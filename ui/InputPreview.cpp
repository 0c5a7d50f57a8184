// SPDX-License-Identifier: GPL-3.0-or-later
#include "InputPreview.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <stdexcept>

InputPreview::InputPreview(QWidget* parent) : QWidget(parent) {
    // Grows with the window (a large window or a 2× screen has room for larger input pixels); the picture
    // itself stays square, in whole screen pixels per input pixel (see pictureRect()).
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setMaximumSize(kLargestSide, kLargestSide);
    setToolTip(defaultToolTip());
}

void InputPreview::setInput(const digitpad::Vector& input, int side) {
    if (side <= 0 || input.size() != static_cast<Eigen::Index>(side) * side)
        throw std::invalid_argument("InputPreview::setInput: expected " + std::to_string(side * side) +
                                    " values, got " + std::to_string(input.size()));
    image_ = QImage(side, side, QImage::Format_Grayscale8);
    for (int y = 0; y < side; ++y) {
        uchar* row = image_.scanLine(y);
        for (int x = 0; x < side; ++x) {
            const double v = std::clamp(static_cast<double>(input[y * side + x]), 0.0, 1.0);
            row[x] = static_cast<uchar>(std::lround(v * 255.0));
        }
    }
    update();
}

void InputPreview::clearInput() {
    image_ = QImage();
    overlay_ = QImage();
    update();
}

void InputPreview::setOverlay(const digitpad::Vector& values, const QColor& positive, const QColor& negative,
                              int side) {
    if (side <= 0 || values.size() != static_cast<Eigen::Index>(side) * side)
        throw std::invalid_argument("InputPreview::setOverlay: expected " + std::to_string(side * side) +
                                    " values, got " + std::to_string(values.size()));
    overlay_ = QImage(side, side, QImage::Format_ARGB32);
    overlay_.fill(Qt::transparent);
    const double largest = values.size() > 0 ? static_cast<double>(values.cwiseAbs().maxCoeff()) : 0.0;
    if (largest > 0.0) {
        for (int y = 0; y < side; ++y) {
            auto* row = reinterpret_cast<QRgb*>(overlay_.scanLine(y));
            for (int x = 0; x < side; ++x) {
                const double v = static_cast<double>(values[y * side + x]) / largest;
                // The square root lifts the many small shares, so more than the few strongest pixels show.
                const int alpha = static_cast<int>(std::lround(255.0 * std::sqrt(std::abs(v))));
                const QColor& colour = v >= 0.0 ? positive : negative;
                row[x] = qRgba(colour.red(), colour.green(), colour.blue(), alpha);
            }
        }
    }
    update();
}

void InputPreview::clearOverlay() {
    overlay_ = QImage();
    update();
}

QRect InputPreview::pictureRect() const {
    const int room = std::min(width(), height());
    const int pixels = image_.isNull() ? 28 : image_.width();
    // Whole device-independent pixels per input pixel, so every input pixel is a square of the same size.
    const int side = room >= pixels ? room / pixels * pixels : room;
    return {(width() - side) / 2, (height() - side) / 2, side, side};
}

void InputPreview::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    const QRect area = pictureRect().adjusted(0, 0, -1, -1);
    painter.fillRect(area, Qt::black);
    if (!image_.isNull()) {
        // No SmoothPixmapTransform: nearest-neighbour scaling keeps each input pixel a crisp square.
        // Under an overlay the ink is dimmed to grey, so the overlay's colours stay saturated over it.
        painter.setOpacity(overlay_.isNull() ? 1.0 : 0.5);
        painter.drawImage(area, image_);
        painter.setOpacity(1.0);
        if (!overlay_.isNull())
            painter.drawImage(area, overlay_);
    } else {
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, tr("network input"));
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(area);
}

QString InputPreview::defaultToolTip() {
    return tr("The 28×28 image the network sees");
}
