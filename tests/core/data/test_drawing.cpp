// SPDX-License-Identifier: GPL-3.0-or-later
// renderDrawing(): strokes drawn again with a round anti-aliased pen, at the recorded width or scaled.
#include "data/Drawing.h"

#include <QtTest>

using namespace digitpad;

namespace {

Drawing horizontalLine(double width) {
    Drawing drawing;
    drawing.canvasSide = 64;
    drawing.strokes = {{{10.0, 20.0, width}, {50.0, 20.0, width}}};
    return drawing;
}

int inkedPixels(const GrayImage& image) {
    int inked = 0;
    for (std::uint8_t p : image.pixels)
        inked += p < 128 ? 1 : 0;
    return inked;
}

} // namespace

class DrawingTest : public QObject {
    Q_OBJECT

private slots:
    void emptyDrawingIsBlankPaper() {
        Drawing drawing;
        QVERIFY(drawing.empty());
        drawing.strokes.push_back({});
        QVERIFY(drawing.empty());
        const GrayImage image = renderDrawing(drawing);
        QCOMPARE(image.width, 280);
        QCOMPARE(image.height, 280);
        QCOMPARE(inkedPixels(image), 0);
    }

    void lineHasThePenWidth() {
        const GrayImage image = renderDrawing(horizontalLine(10.0));
        QCOMPARE(image.width, 64);
        // Pixel centres are at +0.5: rows 15..24 lie within 5 px of y = 20, rows 14 and 25 are 5.5 away.
        for (int y = 15; y <= 24; ++y)
            QCOMPARE(int(image.at(30, y)), 0);
        QCOMPARE(int(image.at(30, 13)), 255);
        QCOMPARE(int(image.at(30, 26)), 255);
        // Round caps reach 5 px beyond the end points.
        QVERIFY(image.at(54, 20) < 16); // its centre 4.53 px from the end point
        QCOMPARE(int(image.at(57, 20)), 255);
        // The rim is anti-aliased: a line between pixel rows leaves partly covered, grey pixels at its edges.
        Drawing shifted = horizontalLine(10.0);
        for (PenPoint& p : shifted.strokes[0])
            p.y = 20.25;
        const GrayImage rim = renderDrawing(shifted);
        QVERIFY(rim.at(30, 15) > 0 && rim.at(30, 15) < 255);
        QVERIFY(rim.at(30, 25) > 0 && rim.at(30, 25) < 255);
    }

    void widthScaleThickensAndThins() {
        const int normal = inkedPixels(renderDrawing(horizontalLine(10.0)));
        const int thick = inkedPixels(renderDrawing(horizontalLine(10.0), 1.6));
        const int thin = inkedPixels(renderDrawing(horizontalLine(10.0), 0.6));
        QVERIFY2(thick > normal * 14 / 10, qPrintable(QString("%1 vs %2").arg(thick).arg(normal)));
        QVERIFY2(thin < normal * 7 / 10, qPrintable(QString("%1 vs %2").arg(thin).arg(normal)));
    }

    void dotIsARoundBlot() {
        Drawing drawing;
        drawing.canvasSide = 40;
        drawing.strokes = {{{20.0, 20.0, 12.0}}};
        const GrayImage image = renderDrawing(drawing);
        QCOMPARE(int(image.at(20, 20)), 0);
        QVERIFY(image.at(20, 14) < 16);       // its centre 5.5 px away, inside the 6 px radius
        QCOMPARE(int(image.at(20, 27)), 255); // 7.5 px away
        QCOMPARE(int(image.at(23, 23)), 0);   // diagonal, 4.9 px away
        QCOMPARE(int(image.at(25, 25)), 255); // diagonal, 7.8 px away
    }

    void pointsOffTheCanvasAreClipped() {
        Drawing drawing;
        drawing.canvasSide = 32;
        drawing.strokes = {{{-50.0, 16.0, 6.0}, {80.0, 16.0, 6.0}}};
        const GrayImage image = renderDrawing(drawing);
        QCOMPARE(int(image.at(0, 16)), 0);
        QCOMPARE(int(image.at(31, 16)), 0);
    }
};

QTEST_APPLESS_MAIN(DrawingTest)
#include "test_drawing.moc"
