// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Matrix.h"

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
    void clearInput();

    bool isEmpty() const { return image_.isNull(); }
    /// The shown input as a side × side Format_Grayscale8 image (0 = no ink, 255 = full ink); null when
    /// empty.
    QImage image() const { return image_; }

    QSize sizeHint() const override { return {140, 140}; }
    QSize minimumSizeHint() const override { return {84, 84}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage image_;
};
