// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QSize>
#include <QWidget>

/// Tiles of one size (feature maps, filters, units) laid out in rows as wide as the widget, each scaled up
/// without smoothing so every value is a crisp square. The tiles come as one sheet: tile i is the tileSize
/// rectangle at y = i · height.
class TileGrid : public QWidget {
    Q_OBJECT
public:
    explicit TileGrid(QWidget* parent = nullptr);

    /// Shows `count` tiles of `sheet`, each tileSize pixels of the sheet drawn `scale` × larger.
    void setTiles(const QImage& sheet, int count, QSize tileSize, int scale);
    void clear();

    int count() const { return count_; }
    QSize tileSize() const { return tileSize_; }
    QImage sheet() const { return sheet_; }
    /// Tiles per row at the current width.
    int columns() const { return columnsFor(width()); }

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QSize shownTile() const { return tileSize_ * scale_; }
    int gap() const;
    int columnsFor(int width) const;

    QImage sheet_;
    int count_ = 0;
    QSize tileSize_;
    int scale_ = 1;
};
