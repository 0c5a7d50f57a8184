// SPDX-License-Identifier: GPL-3.0-or-later
#include "DigitGrid.h"

#include "DigitImage.h"

#include <QKeyEvent>

#include <algorithm>

namespace {

constexpr int kImageRole = Qt::UserRole;

} // namespace

DigitGrid::DigitGrid(QWidget* parent) : QListWidget(parent) {
    setViewMode(QListView::IconMode);
    setMovement(QListView::Static);
    setResizeMode(QListView::Adjust);
    setWrapping(true);
    setUniformItemSizes(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setIconSize(QSize(kThumbnailSize, kThumbnailSize));
    const QFontMetrics fm(font());
    // Two caption lines under the image; wide enough for "true 0 → 0" and "100 %".
    setGridSize(QSize(std::max(kThumbnailSize, fm.horizontalAdvance(QStringLiteral("8 → 8 · 100 %"))) + 10,
                      kThumbnailSize + 2 * fm.lineSpacing() + 12));
    setWordWrap(true);
    connect(this, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { emit digitChosen(row(item)); });
}

void DigitGrid::addDigit(const QImage& image, const QString& caption, const QString& toolTip) {
    auto* item = new QListWidgetItem(digitIcon(image, kThumbnailSize, devicePixelRatioF()), caption);
    item->setToolTip(toolTip);
    item->setData(kImageRole, image);
    item->setTextAlignment(Qt::AlignHCenter | Qt::AlignTop);
    addItem(item);
}

QImage DigitGrid::imageAt(int row) const {
    const QListWidgetItem* it = item(row);
    return it ? it->data(kImageRole).value<QImage>() : QImage();
}

void DigitGrid::keyPressEvent(QKeyEvent* event) {
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentItem()) {
        emit digitChosen(currentRow());
        event->accept();
        return;
    }
    QListWidget::keyPressEvent(event);
}
