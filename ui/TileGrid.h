// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QSize>
#include <QStringList>
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
    /// Clears the tiles and their tooltips (the layout stays, with empty tiles).
    void clear();
    /// One tooltip per tile, shown when the pointer rests on it (e.g. a unit's class and value).
    void setTileToolTips(const QStringList& tips);
    QString tileToolTip(int tile) const {
        return tile >= 0 && tile < tips_.size() ? tips_.at(tile) : QString();
    }
    /// The tile at `position` (widget coordinates), -1 between or beyond the tiles.
    int tileAt(const QPoint& position) const;

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
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    QSize shownTile() const { return tileSize_ * scale_; }
    int gap() const;
    int columnsFor(int width) const;

    QImage sheet_;
    QStringList tips_;
    int count_ = 0;
    QSize tileSize_;
    int scale_ = 1;
};
