// SPDX-License-Identifier: GPL-3.0-or-later
#include "TileGrid.h"

#include <QHelpEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

TileGrid::TileGrid(QWidget* parent) : QWidget(parent) {
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void TileGrid::setTiles(const QImage& sheet, int count, QSize tileSize, int scale) {
    const bool resized = count != count_ || tileSize != tileSize_ || scale != scale_;
    sheet_ = sheet;
    count_ = count;
    tileSize_ = tileSize;
    scale_ = std::max(1, scale);
    if (resized)
        updateGeometry();
    update();
}

void TileGrid::clear() {
    sheet_ = QImage();
    tips_.clear();
    update();
}

void TileGrid::setTileToolTips(const QStringList& tips) {
    tips_ = tips;
}

int TileGrid::tileAt(const QPoint& position) const {
    if (count_ == 0 || position.x() < 0 || position.y() < 0)
        return -1;
    const QSize step = shownTile() + QSize(gap(), gap());
    const int column = position.x() / step.width();
    const int row = position.y() / step.height();
    const bool inTile = position.x() % step.width() < shownTile().width() &&
                        position.y() % step.height() < shownTile().height();
    const int index = row * columnsFor(width()) + column;
    return inTile && column < columnsFor(width()) && index < count_ ? index : -1;
}

bool TileGrid::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const int tile = tileAt(help->pos());
        if (tile >= 0 && tile < tips_.size())
            QToolTip::showText(help->globalPos(), tips_.at(tile), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

int TileGrid::gap() const {
    // Single units sit edge to edge like a strip, with a hairline between; maps need a clear gap.
    return tileSize_.width() * tileSize_.height() == 1 ? 1 : 3;
}

int TileGrid::columnsFor(int width) const {
    const int step = shownTile().width() + gap();
    return std::max(1, std::min(count_, (width + gap()) / std::max(1, step)));
}

int TileGrid::heightForWidth(int width) const {
    if (count_ == 0)
        return 0;
    const int rows = (count_ + columnsFor(width) - 1) / columnsFor(width);
    return rows * (shownTile().height() + gap()) - gap();
}

QSize TileGrid::sizeHint() const {
    const int width = std::min(count_, 8) * (shownTile().width() + gap());
    return {width, heightForWidth(width)};
}

QSize TileGrid::minimumSizeHint() const {
    return {shownTile().width(), heightForWidth(shownTile().width()) > 0 ? shownTile().height() : 0};
}

void TileGrid::paintEvent(QPaintEvent* event) {
    if (count_ == 0)
        return;
    QPainter painter(this);
    const int columns = columnsFor(width());
    const QSize shown = shownTile();
    const bool single = tileSize_ == QSize(1, 1);
    for (int i = 0; i < count_; ++i) {
        const QRect target(
            QPoint((i % columns) * (shown.width() + gap()), (i / columns) * (shown.height() + gap())), shown);
        // Inside a scroll area most tiles are out of sight: only the exposed ones are drawn.
        if (!event->rect().intersects(target))
            continue;
        if (sheet_.isNull()) {
            // Cleared: keep the layout, show where the tiles go.
            painter.fillRect(target, palette().color(QPalette::Midlight));
        } else if (single) {
            painter.fillRect(target, QColor::fromRgb(sheet_.pixel(0, i)));
        } else {
            // No SmoothPixmapTransform: nearest-neighbour scaling keeps each value a crisp square.
            painter.drawImage(target, sheet_, QRect(QPoint(0, i * tileSize_.height()), tileSize_));
        }
    }
}
