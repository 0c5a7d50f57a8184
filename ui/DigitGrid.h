// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QListWidget>

/// Digit images as a wrapping grid of crisp thumbnails, each with a caption under it. A click, or Enter on
/// the current thumbnail, chooses it.
class DigitGrid : public QListWidget {
    Q_OBJECT
public:
    /// Thumbnails are this many logical pixels wide: a 28 × 28 digit at twice its size.
    static constexpr int kThumbnailSize = 56;

    explicit DigitGrid(QWidget* parent = nullptr);

    /// Appends `image` with `caption` (one or two lines) and `toolTip`.
    void addDigit(const QImage& image, const QString& caption, const QString& toolTip);
    /// The image of thumbnail `row`, as added.
    QImage imageAt(int row) const;

signals:
    /// Thumbnail `row` was clicked or activated with Enter.
    void digitChosen(int row);

protected:
    void keyPressEvent(QKeyEvent* event) override;
};
