// SPDX-License-Identifier: GPL-3.0-or-later
// Digits drawn on a DrawingCanvas with real mouse events, shared by the GUI tests of the Recognize tab.
#pragma once

#include "DrawingCanvas.h"
#include "support/MouseDrawing.h"

#include <QList>
#include <QPointF>
#include <QRectF>

namespace digitpad::test {

/// A stroke through `fractions` of the canvas's paper (0..1 in both directions), densely sampled.
inline QList<QPointF> paperStroke(const DrawingCanvas* canvas, const QList<QPointF>& fractions) {
    const QRectF paper = canvas->displayRect();
    QList<QPointF> points;
    for (qsizetype i = 0; i + 1 < fractions.size(); ++i) {
        for (int step = 0; step < 10; ++step) {
            const QPointF f = fractions[i] + (fractions[i + 1] - fractions[i]) * (step / 10.0);
            points.append(paper.topLeft() + QPointF(f.x() * paper.width(), f.y() * paper.height()));
        }
    }
    const QPointF last = fractions.last();
    points.append(paper.topLeft() + QPointF(last.x() * paper.width(), last.y() * paper.height()));
    return points;
}

inline void drawSeven(DrawingCanvas* canvas) {
    drawStroke(canvas, paperStroke(canvas, {{0.3, 0.2}, {0.7, 0.2}, {0.45, 0.85}}));
}

inline void drawOne(DrawingCanvas* canvas) {
    drawStroke(canvas, paperStroke(canvas, {{0.5, 0.15}, {0.5, 0.85}}));
}

} // namespace digitpad::test
