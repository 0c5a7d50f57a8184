// SPDX-License-Identifier: GPL-3.0-or-later
// Segmentation of a drawing into digits: separate digits apart, parts of one digit together (a 5's detached
// bar, a 4 in two strokes), touching digits cut apart, reading order, each segment holding its own ink only.
#include "data/DigitSegmentation.h"

#include "support/InkStrokes.h"

#include <QtTest>

using namespace digitpad;
using namespace digitpad::test;

namespace {

int inkCount(const GrayImage& image) {
    return static_cast<int>(
        std::count_if(image.pixels.begin(), image.pixels.end(), [](auto p) { return p < 128; }));
}

} // namespace

class DigitSegmentationTest : public QObject {
    Q_OBJECT

private slots:
    void emptyImageHasNoSegment() {
        QVERIFY(segmentDigits(GrayImage(280, 280)).empty());
        QVERIFY(segmentDigits(GrayImage(50, 50, 128)).empty());
        QVERIFY(segmentDigits(GrayImage()).empty());
    }

    void fortyTwoApartGivesTwoDigitsLeftToRight() {
        GrayImage image(280, 200);
        // The 2 is drawn first, on the right: reading order, not drawing order.
        inkTwo(image, 160, 40);
        inkFourInTwoStrokes(image, 40, 40);
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(segments.size(), std::size_t(2));
        QVERIFY(segments[0].box.right() < 110);
        QVERIFY(segments[1].box.x > 150);
        // Each segment holds its own ink and no other: together they hold all of it.
        QCOMPARE(inkCount(segments[0].image) + inkCount(segments[1].image), inkCount(image));
    }

    void fiveWithDetachedBarIsOneDigit() {
        GrayImage image(200, 200);
        inkFiveWithDetachedBar(image, 70, 40);
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(segments.size(), std::size_t(1));
        QVERIFY(segments[0].box.y < 45);
        QVERIFY(segments[0].box.bottom() > 150);
    }

    void fourInTwoStrokesIsOneDigit() {
        GrayImage image(200, 200);
        inkFourInTwoStrokes(image, 60, 40);
        QCOMPARE(segmentDigits(image).size(), std::size_t(1));
    }

    void touchingDigitsAreCutApart() {
        GrayImage image(300, 160);
        // Two zeros whose rings touch: one component, far too wide for one digit.
        inkEllipse(image, 100, 80, 32, 45, 10);
        inkEllipse(image, 170, 80, 32, 45, 10);
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(segments.size(), std::size_t(2));
        QVERIFY(std::abs(segments[0].box.right() - 135) < 15);
        QVERIFY(std::abs(segments[1].box.x - 135) < 15);
    }

    void oneWideStrokeIsNotCut() {
        // A 7's bar drawn first (live mode recognises it alone): far wider than tall, but one stroke, no dip.
        GrayImage image(280, 280);
        inkPolyline(image, {{80, 60}, {200, 60}}, 22);
        QCOMPARE(segmentDigits(image).size(), std::size_t(1));
    }

    void singleDigitBoxIsItsInk() {
        GrayImage image(100, 100);
        inkPolyline(image, {{50, 20}, {50, 80}}, 10);
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(segments.size(), std::size_t(1));
        QCOMPARE(segments[0].box, (InkBox{45, 15, 11, 71}));
    }

    void sizeDoesNotMatter() {
        // The same "42" at a third of the size: the rules go by the ink's proportions.
        GrayImage image(280, 200);
        inkTwo(image, 160, 40);
        inkFourInTwoStrokes(image, 40, 40);
        GrayImage small(94, 67);
        for (int y = 0; y < small.height; ++y)
            for (int x = 0; x < small.width; ++x)
                small.at(x, y) = image.at(std::min(279, x * 3 + 1), std::min(199, y * 3 + 1));
        QCOMPARE(segmentDigits(small).size(), std::size_t(2));
    }
};

QTEST_APPLESS_MAIN(DigitSegmentationTest)
#include "test_digit_segmentation.moc"
