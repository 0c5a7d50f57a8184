// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScrollColumn.h"

#include <QScrollBar>

ScrollColumn::ScrollColumn(QWidget* column, QWidget* parent) : QScrollArea(parent) {
    setWidget(column);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    if (column->maximumWidth() < QWIDGETSIZE_MAX)
        setMaximumWidth(column->maximumWidth() + scrollBarWidth());
}

int ScrollColumn::scrollBarWidth() const {
    return verticalScrollBar()->sizeHint().width();
}

QSize ScrollColumn::sizeHint() const {
    // QScrollArea's own hint stops at 24 lines of text, which would make the column start out scrolling.
    if (widget() == nullptr)
        return QScrollArea::sizeHint();
    return widget()->sizeHint() + QSize(scrollBarWidth(), 0);
}

QSize ScrollColumn::minimumSizeHint() const {
    if (widget() == nullptr)
        return QScrollArea::minimumSizeHint();
    return {widget()->minimumSizeHint().width() + scrollBarWidth(), QScrollArea::minimumSizeHint().height()};
}
