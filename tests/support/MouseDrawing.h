// SPDX-License-Identifier: GPL-3.0-or-later
// Drawing on a widget with real mouse events, shared by the GUI tests.
#pragma once

#include <QApplication>
#include <QList>
#include <QMouseEvent>
#include <QPointF>
#include <QTest>
#include <QWidget>

namespace digitpad::test {

/// Presses the left button at the first point, moves with the button held through the others, releases at
/// the last. QTest::mouseMove sends no button state in Qt 6, so the moves are built by hand.
inline void drawStroke(QWidget* widget, const QList<QPointF>& points) {
    QTest::mousePress(widget, Qt::LeftButton, Qt::NoModifier, points.first().toPoint());
    for (const QPointF& p : points) {
        QMouseEvent move(QEvent::MouseMove, p, widget->mapToGlobal(p), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(widget, &move);
    }
    QTest::mouseRelease(widget, Qt::LeftButton, Qt::NoModifier, points.last().toPoint());
}

} // namespace digitpad::test
