// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QScrollArea>

/// A column of controls in a vertical scroll area: as tall as the column wants when the window has the room,
/// and scrolling, instead of cutting off its lowest controls, when the window is shorter (a small screen at
/// 2× scale). It never scrolls sideways: it is as wide as the column plus the scroll bar.
class ScrollColumn : public QScrollArea {
    Q_OBJECT
public:
    /// Takes `column` as its widget.
    explicit ScrollColumn(QWidget* column, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    int scrollBarWidth() const;
};
