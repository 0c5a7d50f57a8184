// SPDX-License-Identifier: GPL-3.0-or-later
// DrawingCanvas: strokes from real mouse, tablet and touch events, undo, clear, drops, and a logical image
// that does not depend on the size the widget is shown at.
#include "DrawingCanvas.h"

#include <QApplication>
#include <QMimeData>
#include <QMouseEvent>
#include <QPointingDevice>
#include <QSignalSpy>
#include <QTabletEvent>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <memory>

#include "support/MouseDrawing.h"

namespace {

using digitpad::test::drawStroke;

/// Points along a straight line, `steps` segments.
QList<QPointF> line(QPointF from, QPointF to, int steps = 20) {
    QList<QPointF> points;
    for (int i = 0; i <= steps; ++i)
        points.append(from + (to - from) * (double(i) / steps));
    return points;
}

int inkPixels(const QImage& image) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
    return count;
}

bool isDark(const QImage& image, QPointF p) {
    return qGray(image.pixel(p.toPoint())) < 64;
}

/// Thickness of the ink along column x (dark pixels counted).
int inkThicknessAtColumn(const QImage& image, int x) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        count += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
    return count;
}

/// Fraction of pixels that differ by more than a quarter of the gray range.
double differingFraction(const QImage& a, const QImage& b) {
    int differing = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            differing += std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y))) > 64 ? 1 : 0;
    return double(differing) / (a.width() * a.height());
}

QImage blankImage() {
    QImage image(DrawingCanvas::kLogicalSize, DrawingCanvas::kLogicalSize, QImage::Format_RGB32);
    image.fill(Qt::white);
    return image;
}

} // namespace

class TestDrawingCanvas : public QObject {
    Q_OBJECT

private slots:
    void startsBlank() {
        DrawingCanvas canvas;
        QVERIFY(canvas.isEmpty());
        QCOMPARE(canvas.image().size(), QSize(DrawingCanvas::kLogicalSize, DrawingCanvas::kLogicalSize));
        QCOMPARE(canvas.image(), blankImage());
        QCOMPARE(canvas.penWidth(), DrawingCanvas::kDefaultPenWidth);
    }

    void mouseStrokeDrawsInk_data() {
        QTest::addColumn<QList<QPointF>>("points");
        QTest::newRow("horizontal line") << line({40, 140}, {240, 140});
        QTest::newRow("vertical line") << line({140, 30}, {140, 250});
        QTest::newRow("diagonal") << line({50, 50}, {230, 230});
        QTest::newRow("single click makes a dot") << QList<QPointF>{{100, 100}};
    }
    void mouseStrokeDrawsInk() {
        QFETCH(QList<QPointF>, points);
        DrawingCanvas canvas;
        canvas.resize(DrawingCanvas::kLogicalSize + 2, DrawingCanvas::kLogicalSize + 2); // paper at 1:1
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        QSignalSpy finished(&canvas, &DrawingCanvas::strokeFinished);

        drawStroke(&canvas, points);

        QCOMPARE(finished.count(), 1);
        QCOMPARE(canvas.strokeCount(), 1);
        QVERIFY(!canvas.isEmpty());
        const QImage image = canvas.image();
        for (const QPointF& p : points)
            QVERIFY2(isDark(image, canvas.toLogical(p)), "no ink under the pointer's path");
        // Away from the stroke the paper stays white.
        QCOMPARE(qGray(image.pixel(5, 275)), 255);
    }

    void buttonlessMoveDrawsNothing() {
        DrawingCanvas canvas;
        canvas.resize(282, 282);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        for (const QPointF& p : line({40, 40}, {200, 200})) {
            QMouseEvent move(QEvent::MouseMove, p, canvas.mapToGlobal(p), Qt::NoButton, Qt::NoButton,
                             Qt::NoModifier);
            QApplication::sendEvent(&canvas, &move);
        }
        QVERIFY(canvas.isEmpty());
        QCOMPARE(canvas.image(), blankImage());
    }

    void imageIndependentOfDisplaySize_data() {
        QTest::addColumn<int>("side");
        QTest::addColumn<double>("tolerance"); // fraction of pixels allowed to differ
        QTest::newRow("shown at 2x (e.g. a high-DPI layout)") << 560 << 0.0;
        QTest::newRow("shown at 1.5x") << 420 << 0.0;
        QTest::newRow("shown smaller than logical") << 200 << 0.01;
        QTest::newRow("shown at an odd size") << 333 << 0.01;
    }
    void imageIndependentOfDisplaySize() {
        QFETCH(int, side);
        QFETCH(double, tolerance);
        // The same drawing, given as fractions of the paper, must give the same logical image.
        const QList<QList<QPointF>> strokes{line({0.3, 0.2}, {0.7, 0.2}), line({0.7, 0.2}, {0.4, 0.85}),
                                            line({0.45, 0.5}, {0.65, 0.5})};
        auto drawAt = [&](int paperSide) {
            auto* canvas = new DrawingCanvas;
            canvas->resize(paperSide + 2, paperSide + 2);
            canvas->show();
            if (!QTest::qWaitForWindowExposed(canvas))
                qFatal("canvas not exposed");
            const QRectF paper = canvas->displayRect();
            for (const auto& stroke : strokes) {
                QList<QPointF> points;
                for (const QPointF& f : stroke)
                    points.append(paper.topLeft() + QPointF(f.x() * paper.width(), f.y() * paper.height()));
                drawStroke(canvas, points);
            }
            const QImage image = canvas->image();
            delete canvas;
            return image;
        };
        const QImage reference = drawAt(DrawingCanvas::kLogicalSize);
        const QImage scaled = drawAt(side);
        QCOMPARE(scaled.size(), reference.size());
        QVERIFY(inkPixels(reference) > 1000);
        const double differing = differingFraction(reference, scaled);
        QVERIFY2(differing <= tolerance, qPrintable(QString("%1 of the pixels differ").arg(differing)));
    }

    void undoRemovesExactlyOneStroke() {
        DrawingCanvas canvas;
        canvas.resize(282, 282);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        QSignalSpy undone(&canvas, &DrawingCanvas::restored);

        drawStroke(&canvas, line({60, 60}, {220, 60}));
        const QImage afterFirst = canvas.image();
        drawStroke(&canvas, line({140, 60}, {140, 240}));
        QCOMPARE(canvas.strokeCount(), 2);
        QVERIFY(canvas.image() != afterFirst);

        QVERIFY(canvas.undo());
        QCOMPARE(canvas.strokeCount(), 1);
        QCOMPARE(canvas.image(), afterFirst); // bit-identical: redrawing paints the same segments
        QVERIFY(canvas.undo());
        QCOMPARE(canvas.image(), blankImage());
        QVERIFY(canvas.isEmpty());
        QVERIFY(!canvas.undo());
        QCOMPARE(undone.count(), 2);
    }

    void clearAndImagesAreUndoableSteps() {
        DrawingCanvas canvas;
        canvas.resize(282, 282);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        QUndoStack* history = canvas.history();

        drawStroke(&canvas, line({60, 60}, {220, 60}));
        drawStroke(&canvas, line({140, 60}, {140, 240}));
        const QImage drawn = canvas.image();
        canvas.clear();
        QCOMPARE(history->undoText(), QStringLiteral("Clear"));
        QVERIFY(canvas.isEmpty());
        const int steps = history->count();
        canvas.clear(); // clearing a blank canvas is no step
        QCOMPARE(history->count(), steps);

        QVERIFY(canvas.undo());
        QCOMPARE(canvas.image(), drawn); // bit-identical
        QCOMPARE(canvas.strokeCount(), 2);
        QVERIFY(canvas.redo());
        QCOMPARE(canvas.image(), blankImage());
        QVERIFY(!canvas.redo());

        // A picture replaces the drawing as one step; undo brings the strokes back, redo the picture.
        QVERIFY(canvas.undo());
        QImage picture(40, 40, QImage::Format_RGB32);
        picture.fill(Qt::black);
        canvas.setBackgroundImage(picture);
        const QImage shown = canvas.image();
        QCOMPARE(history->undoText(), QStringLiteral("Image"));
        QVERIFY(canvas.undo());
        QCOMPARE(canvas.image(), drawn);
        QVERIFY(!canvas.hasBackgroundImage());
        QVERIFY(canvas.redo());
        QCOMPARE(canvas.image(), shown);
        QVERIFY(canvas.hasBackgroundImage());

        // A new stroke after an undo drops what could have been redone.
        QVERIFY(canvas.undo());
        drawStroke(&canvas, line({60, 200}, {220, 200}));
        QVERIFY(!history->canRedo());
        QCOMPARE(canvas.strokeCount(), 3);
    }

    void undoWhileDrawingEndsTheStroke() {
        DrawingCanvas canvas;
        canvas.resize(282, 282);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        drawStroke(&canvas, line({60, 60}, {220, 60}));
        const QImage first = canvas.image();
        QTest::mousePress(&canvas, Qt::LeftButton, Qt::NoModifier, QPoint(140, 100));
        QVERIFY(canvas.undo());
        QTest::mouseRelease(&canvas, Qt::LeftButton, Qt::NoModifier, QPoint(140, 240));
        QVERIFY(canvas.isEmpty());
        QVERIFY(canvas.redo());
        QCOMPARE(canvas.image(), first);
    }

    void drawingKeepsTheStrokesInLogicalCoordinates() {
        DrawingCanvas canvas;
        canvas.resize(2 * DrawingCanvas::kLogicalSize + 2,
                      2 * DrawingCanvas::kLogicalSize + 2); // paper at 2:1
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        QVERIFY(canvas.drawing().empty());
        canvas.setPenWidth(12);
        drawStroke(&canvas, line({120, 120}, {440, 120}));
        canvas.setPenWidth(30);
        drawStroke(&canvas, line({280, 120}, {280, 480}));

        const digitpad::Drawing first = canvas.drawing();
        QCOMPARE(first.canvasSide, DrawingCanvas::kLogicalSize);
        QCOMPARE(first.strokes.size(), std::size_t(2));
        const digitpad::PenPoint start = first.strokes[0].front();
        const QPointF logicalStart = canvas.toLogical({120, 120});
        QCOMPARE(start.x, logicalStart.x());
        QCOMPARE(start.y, logicalStart.y());
        QVERIFY(start.x > 55 && start.x < 65); // half the widget position: logical, not widget pixels
        QCOMPARE(start.width, 12.0);
        QCOMPARE(first.strokes[1].back().width, 30.0);
        QVERIFY(first.strokes[1].back().y > 230);

        // Rendering the strokes again gives the canvas's ink where the canvas has it.
        const digitpad::GrayImage rendered = digitpad::renderDrawing(first);
        const QImage image = canvas.image();
        int agree = 0;
        int ink = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                if (qGray(image.pixel(x, y)) >= 128)
                    continue;
                ++ink;
                // The two painters may put an edge half a pixel apart: look at the pixel's neighbours too.
                bool near = false;
                for (int dy = -1; dy <= 1; ++dy)
                    for (int dx = -1; dx <= 1; ++dx) {
                        const int nx = std::clamp(x + dx, 0, rendered.width - 1);
                        const int ny = std::clamp(y + dy, 0, rendered.height - 1);
                        near = near || rendered.at(nx, ny) < 128;
                    }
                agree += near ? 1 : 0;
            }
        QVERIFY(ink > 1000);
        QVERIFY2(agree > 0.99 * ink, qPrintable(QString("%1 of %2 ink pixels agree").arg(agree).arg(ink)));

        QVERIFY(canvas.undo());
        QCOMPARE(canvas.drawing().strokes.size(), std::size_t(1));
        QCOMPARE(canvas.drawing().strokes[0].size(), first.strokes[0].size());
        canvas.clear();
        QVERIFY(canvas.drawing().empty());
    }

    void clearWipesEverything() {
        DrawingCanvas canvas;
        canvas.resize(282, 282);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        QSignalSpy cleared(&canvas, &DrawingCanvas::cleared);
        QImage picture(40, 40, QImage::Format_RGB32);
        picture.fill(Qt::black);
        canvas.setBackgroundImage(picture);
        drawStroke(&canvas, line({10, 10}, {270, 270}));
        canvas.clear();
        QCOMPARE(cleared.count(), 1);
        QVERIFY(canvas.isEmpty());
        QVERIFY(!canvas.hasBackgroundImage());
        QCOMPARE(canvas.image(), blankImage());
    }

    void penWidthSetsStrokeThickness_data() {
        QTest::addColumn<double>("width");
        QTest::newRow("thin 6 px") << 6.0;
        QTest::newRow("default") << DrawingCanvas::kDefaultPenWidth;
        QTest::newRow("thick 40 px") << 40.0;
    }
    void penWidthSetsStrokeThickness() {
        QFETCH(double, width);
        DrawingCanvas canvas;
        canvas.resize(282, 282);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        canvas.setPenWidth(width);
        drawStroke(&canvas, line({41, 141}, {241, 141}));
        const int thickness = inkThicknessAtColumn(canvas.image(), 140);
        QVERIFY2(std::abs(thickness - width) <= 2,
                 qPrintable(QString("ink %1 px thick for a %2 px pen").arg(thickness).arg(width)));
    }

    void tabletPressureVariesWidth() {
        DrawingCanvas canvas;
        canvas.resize(282, 282);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        const QPointingDevice stylus(QStringLiteral("test stylus"), 4242, QInputDevice::DeviceType::Stylus,
                                     QPointingDevice::PointerType::Pen,
                                     QInputDevice::Capability::Position | QInputDevice::Capability::Pressure,
                                     1, 3);
        auto stroke = [&](qreal pressure, qreal y) {
            const QList<QPointF> points = line({41, y}, {241, y});
            auto send = [&](QEvent::Type type, QPointF p, Qt::MouseButton button, Qt::MouseButtons buttons) {
                QTabletEvent event(type, &stylus, p, canvas.mapToGlobal(p), pressure, 0, 0, 0, 0, 0,
                                   Qt::NoModifier, button, buttons);
                QApplication::sendEvent(&canvas, &event);
            };
            send(QEvent::TabletPress, points.first(), Qt::LeftButton, Qt::LeftButton);
            for (const QPointF& p : points)
                send(QEvent::TabletMove, p, Qt::NoButton, Qt::LeftButton);
            send(QEvent::TabletRelease, points.last(), Qt::LeftButton, Qt::NoButton);
        };
        stroke(0.1, 71);
        stroke(1.0, 201);
        QCOMPARE(canvas.strokeCount(), 2);
        QImage top = canvas.image().copy(0, 0, 280, 140);
        QImage bottom = canvas.image().copy(0, 140, 280, 140);
        const int light = inkThicknessAtColumn(top, 140);
        const int firm = inkThicknessAtColumn(bottom, 140);
        QVERIFY2(light > 0 && firm > 2 * light,
                 qPrintable(QString("light %1 px, firm %2 px").arg(light).arg(firm)));
    }

    void touchDraws() {
        DrawingCanvas canvas;
        canvas.resize(282, 282);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        QSignalSpy finished(&canvas, &DrawingCanvas::strokeFinished);
        // The caller owns the device QTest makes (and registers with the window system).
        const std::unique_ptr<QPointingDevice> device(QTest::createTouchDevice());
        QPointingDevice* screen = device.get();
        QTest::touchEvent(&canvas, screen).press(0, QPoint(60, 140));
        for (int x = 70; x <= 220; x += 10)
            QTest::touchEvent(&canvas, screen).move(0, QPoint(x, 140));
        QTest::touchEvent(&canvas, screen).release(0, QPoint(220, 140));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(canvas.strokeCount(), 1);
        QVERIFY(isDark(canvas.image(), canvas.toLogical({140, 140})));
    }

    void dropOfImageFile_data() {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("png image") << "digit.png" << true;
        QTest::newRow("jpeg image") << "digit.jpg" << true;
        QTest::newRow("text file") << "notes.txt" << false;
    }
    void dropOfImageFile() {
        QFETCH(QString, fileName);
        QFETCH(bool, accepted);
        QTemporaryDir dir;
        const QString path = dir.filePath(fileName);
        DrawingCanvas canvas;
        canvas.resize(282, 282);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        QSignalSpy dropped(&canvas, &DrawingCanvas::imageFileDropped);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(140, 140), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&canvas, &enter);
        QCOMPARE(enter.isAccepted(), accepted);
        // An image file being dragged over highlights the canvas's frame; anything else does not.
        QCOMPARE(canvas.isDropTarget(), accepted);
        QCOMPARE(QColor(canvas.grab().toImage().pixel(0, 0)) == canvas.palette().color(QPalette::Highlight),
                 accepted);
        QDropEvent drop(QPointF(140, 140), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&canvas, &drop);
        QVERIFY(!canvas.isDropTarget());
        QCOMPARE(dropped.count(), accepted ? 1 : 0);
        if (accepted)
            QCOMPARE(dropped.first().first().toString(), path);
    }

    void leavingWithoutDroppingClearsTheHighlight() {
        QTemporaryDir dir;
        DrawingCanvas canvas;
        canvas.resize(282, 282);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(dir.filePath("digit.png"))});
        QDragEnterEvent enter(QPoint(140, 140), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&canvas, &enter);
        QVERIFY(canvas.isDropTarget());
        QDragLeaveEvent leave;
        QApplication::sendEvent(&canvas, &leave);
        QVERIFY(!canvas.isDropTarget());
    }

    void backgroundImageIsScaledToFitKeepingAspect() {
        DrawingCanvas canvas;
        QImage tall(50, 100, QImage::Format_RGB32); // aspect 1:2 → 140×280, centred
        tall.fill(Qt::black);
        canvas.setBackgroundImage(tall);
        QVERIFY(!canvas.isEmpty());
        const QImage image = canvas.image();
        QCOMPARE(qGray(image.pixel(140, 140)), 0);
        QCOMPARE(qGray(image.pixel(140, 2)), 0);
        QCOMPARE(qGray(image.pixel(60, 140)), 255);
        QCOMPARE(qGray(image.pixel(220, 140)), 255);
        QCOMPARE(inkThicknessAtColumn(image, 140), DrawingCanvas::kLogicalSize);
    }
};

QTEST_MAIN(TestDrawingCanvas)
#include "test_drawing_canvas.moc"
