// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Matrix.h"

#include <QColor>
#include <QImage>
#include <QWidget>

/// The 28×28 input the network actually sees, scaled up without smoothing so each input pixel is a visible
/// square. Drawn as the network sees it: ink high, i.e. white ink on black, like MNIST.
class InputPreview : public QWidget {
    Q_OBJECT
public:
    explicit InputPreview(QWidget* parent = nullptr);

    /// Shows `input`: side × side values in [0, 1], row-major (the layout preprocess() returns).
    void setInput(const digitpad::Vector& input, int side = 28);
    /// Clears the input and the overlay.
    void clearInput();

    /// Colours the input's pixels by a signed map over it (side × side values, the same layout as the input):
    /// positive values in `positive`, negative ones in `negative`, more opaque the larger |value| is against
    /// the map's largest. E.g. the why-map: which pixels pushed the answer toward the winner and which toward
    /// the runner-up.
    void setOverlay(const digitpad::Vector& values, const QColor& positive, const QColor& negative,
                    int side = 28);
    void clearOverlay();
    /// The overlay as a side × side ARGB32 image; null when there is none.
    QImage overlay() const { return overlay_; }

    bool isEmpty() const { return image_.isNull(); }
    /// The shown input as a side × side Format_Grayscale8 image (0 = no ink, 255 = full ink); null when
    /// empty.
    QImage image() const { return image_; }

    QSize sizeHint() const override { return {140, 140}; }
    QSize minimumSizeHint() const override { return {84, 84}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return width; }
    /// Where the picture is drawn: the largest centred square that fits, a whole multiple of the input's
    /// side.
    QRect pictureRect() const;

    /// "The 28×28 image the network sees", in the language installed now. The preview does not retranslate
    /// its tooltip itself: an owner that set another one (Look inside's why-map) would lose it.
    static QString defaultToolTip();

    /// Twelve screen pixels per input pixel: beyond that a larger preview shows nothing more.
    static constexpr int kLargestSide = 12 * 28;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage image_;
    QImage overlay_;
};
