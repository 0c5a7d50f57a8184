// SPDX-License-Identifier: GPL-3.0-or-later
// Segmentation of a drawing whose strokes are known: digits whose ink touches come apart when each was drawn
// with its own strokes; the strokes of one digit (a 4's crossing stem, the rings of an 8, a 9's tail, a 7's
// crossbar) stay one digit; ink that no stroke made, or an image of another size, is segmented from pixels.
#include "data/DigitSegmentation.h"

#include "support/InkStrokes.h"

#include <QtTest>

using namespace digitpad;
using namespace digitpad::test;

Q_DECLARE_METATYPE(digitpad::Drawing)

namespace {

constexpr double kPen = 14.0;

PenStroke polyline(const std::vector<std::pair<double, double>>& points) {
    PenStroke stroke;
    for (const auto& [x, y] : points)
        stroke.push_back({x, y, kPen});
    return stroke;
}

PenStroke ellipse(double cx, double cy, double rx, double ry) {
    return polyline(ellipsePoints(cx, cy, rx, ry));
}

Drawing drawingOf(std::vector<PenStroke> strokes) {
    Drawing drawing;
    drawing.canvasSide = 280;
    drawing.strokes = std::move(strokes);
    return drawing;
}

PenStroke one() {
    return polyline({{100, 60}, {100, 220}});
}

} // namespace

class StrokeSegmentationTest : public QObject {
    Q_OBJECT

private slots:
    void touchingDigitsOfTheirOwnStrokesComeApart_data() {
        QTest::addColumn<Drawing>("drawing");
        // The 7's bar starts where the 1 ends; the 0's left side runs into the 1.
        QTest::newRow("1 touching 7") << drawingOf({one(), polyline({{108, 60}, {200, 60}, {150, 220}})});
        QTest::newRow("1 touching 0") << drawingOf({one(), ellipse(155, 140, 43, 80)});
    }

    void touchingDigitsOfTheirOwnStrokesComeApart() {
        QFETCH(Drawing, drawing);
        const GrayImage image = renderDrawing(drawing);
        // From the pixels alone the ink is one piece, too narrow to be cut.
        QCOMPARE(segmentDigits(image).size(), std::size_t{1});
        const std::vector<DigitSegment> segments = segmentDigits(image, drawing);
        QCOMPARE(segments.size(), std::size_t{2});
        // Left to right; the 1 is the narrow one on the left.
        QVERIFY(segments[0].box.x < segments[1].box.x);
        QVERIFY(segments[0].box.right() <= 110);
        QVERIFY(segments[0].box.width < segments[1].box.width);
        // Each holds only its own ink: the 1's image has no ink right of the 1.
        const DigitSegment& first = segments[0];
        for (int y = 0; y < first.image.height; ++y)
            for (int x = 0; x < first.image.width; ++x)
                if (first.image.at(x, y) < 128)
                    QVERIFY(first.imageX + x < 110);
    }

    void strokesOfOneDigitStayTogether_data() {
        QTest::addColumn<Drawing>("drawing");
        QTest::newRow("4 whose stem crosses the bar")
            << drawingOf({polyline({{150, 60}, {90, 170}, {200, 170}}), polyline({{170, 100}, {170, 230}})});
        QTest::newRow("8 as two rings") << drawingOf({ellipse(140, 100, 35, 40), ellipse(150, 185, 45, 45)});
        QTest::newRow("9 as a loop and a tail")
            << drawingOf({ellipse(140, 100, 40, 40), polyline({{180, 100}, {175, 230}})});
        QTest::newRow("7 with a crossbar")
            << drawingOf({polyline({{90, 60}, {200, 60}, {130, 230}}), polyline({{120, 145}, {190, 145}})});
        QTest::newRow("5 whose bar touches it")
            << drawingOf({polyline({{110, 60}, {105, 130}, {150, 120}, {180, 160}, {160, 215}, {100, 210}}),
                          polyline({{110, 60}, {190, 60}})});
    }

    void strokesOfOneDigitStayTogether() {
        QFETCH(Drawing, drawing);
        const GrayImage image = renderDrawing(drawing);
        const std::vector<DigitSegment> byPixels = segmentDigits(image);
        const std::vector<DigitSegment> byStrokes = segmentDigits(image, drawing);
        QCOMPARE(byStrokes.size(), std::size_t{1});
        QCOMPARE(byPixels.size(), std::size_t{1});
        QCOMPARE(byStrokes.front().box, byPixels.front().box);
        QVERIFY(byStrokes.front().image.pixels == byPixels.front().image.pixels);
    }

    void digitsApartAreFoundAsFromPixels() {
        const Drawing drawing = drawingOf({polyline({{40, 60}, {40, 220}}), ellipse(200, 140, 40, 80)});
        const GrayImage image = renderDrawing(drawing);
        const std::vector<DigitSegment> byPixels = segmentDigits(image);
        const std::vector<DigitSegment> byStrokes = segmentDigits(image, drawing);
        QCOMPARE(byStrokes.size(), std::size_t{2});
        QCOMPARE(byPixels.size(), std::size_t{2});
        for (std::size_t i = 0; i < 2; ++i)
            QCOMPARE(byStrokes[i].box, byPixels[i].box);
    }

    void inkWithoutStrokesIsSegmentedFromPixels() {
        // An imported picture under a small stroke: the picture's ink has no strokes to follow.
        const Drawing drawing = drawingOf({one(), polyline({{108, 60}, {200, 60}, {150, 220}})});
        GrayImage image = renderDrawing(drawing);
        inkEllipse(image, 220, 200, 40, 50, 12);
        const std::vector<DigitSegment> byPixels = segmentDigits(image);
        const std::vector<DigitSegment> byStrokes = segmentDigits(image, drawing);
        QCOMPARE(byStrokes.size(), byPixels.size());
        for (std::size_t i = 0; i < byPixels.size(); ++i)
            QCOMPARE(byStrokes[i].box, byPixels[i].box);
    }

    void imageOfAnotherSizeIsSegmentedFromPixels() {
        const Drawing drawing = drawingOf({one(), polyline({{108, 60}, {200, 60}, {150, 220}})});
        Drawing half = drawing;
        half.canvasSide = 140;
        for (PenStroke& stroke : half.strokes)
            for (PenPoint& point : stroke)
                point = {point.x / 2, point.y / 2, point.width / 2};
        const GrayImage image = renderDrawing(half);
        const std::vector<DigitSegment> byStrokes = segmentDigits(image, drawing);
        QCOMPARE(byStrokes.size(), segmentDigits(image).size());
        QCOMPARE(byStrokes.front().box, segmentDigits(image).front().box);
    }

    void noInkHasNoSegment() { QVERIFY(segmentDigits(GrayImage(280, 280), drawingOf({})).empty()); }
};

QTEST_MAIN(StrokeSegmentationTest)
#include "test_stroke_segmentation.moc"
