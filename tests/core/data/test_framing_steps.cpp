// SPDX-License-Identifier: GPL-3.0-or-later
// The framing steps after framing: deskew by image moments and stroke-width normalisation, on hand-made
// drawings rendered the way the canvas renders them.
#include "data/Drawing.h"
#include "data/FramingSteps.h"
#include "data/HeavyInkThinning.h"
#include "data/Preprocess.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <optional>

using namespace digitpad;

namespace {

constexpr int kSide = 28;

/// A polyline drawing on the 280 px canvas with a constant pen width.
Drawing polyline(std::initializer_list<std::initializer_list<std::pair<double, double>>> strokes,
                 double pen) {
    Drawing drawing;
    for (const auto& points : strokes) {
        PenStroke stroke;
        for (const auto& [x, y] : points)
            stroke.push_back({x, y, pen});
        drawing.strokes.push_back(stroke);
    }
    return drawing;
}

/// A 4 in two strokes (open top), written upright.
Drawing four(double pen) {
    return polyline({{{170, 40}, {90, 170}, {200, 170}}, {{170, 40}, {170, 250}}}, pen);
}

/// A 0 as a closed ring of centre-line radius `radius` around (200, 200), drawn with `pen`.
Drawing ring(double radius, double pen) {
    PenStroke stroke;
    for (int i = 0; i <= 48; ++i) {
        const double a = 2 * 3.14159265358979 * i / 48;
        stroke.push_back({200 + radius * std::cos(a), 200 + 1.3 * radius * std::sin(a), pen});
    }
    Drawing drawing;
    drawing.strokes.push_back(stroke);
    return drawing;
}

Vector framed(const Drawing& drawing, const FramingSteps& steps) {
    const std::optional<Vector> v = preprocess(renderDrawing(drawing), Framing::Mnist, steps);
    if (!v)
        qFatal("the drawing has no ink");
    return *v;
}

/// Mean absolute difference per pixel.
double meanDifference(const Vector& a, const Vector& b) {
    return static_cast<double>((a - b).cwiseAbs().mean());
}

FramingSteps only(FramingStep step) {
    FramingSteps steps;
    steps.set(step, true);
    return steps;
}

/// A horizontal bar of `width` rows × `length` columns of full ink in an otherwise empty field.
Vector bar(int width, int length) {
    Vector field = Vector::Zero(kSide * kSide);
    for (int y = 10; y < 10 + width; ++y)
        for (int x = 4; x < 4 + length; ++x)
            field[y * kSide + x] = 1;
    return field;
}

} // namespace

class FramingStepsTest : public QObject {
    Q_OBJECT

private slots:
    void namesReadAndWrite() {
        QCOMPARE(FramingSteps{}.toText(), std::string("none"));
        QCOMPARE((FramingSteps{true, true}).toText(), std::string("deskew,stroke-width"));
        QCOMPARE(only(FramingStep::StrokeWidth).toText(), std::string("stroke-width"));
        for (const char* text : {"none", "deskew", "stroke-width", "deskew,stroke-width"}) {
            const Result<FramingSteps> steps = parseFramingSteps(text);
            QVERIFY2(steps.ok(), text);
            QCOMPARE(steps->toText(), std::string(text));
        }
        QCOMPARE(parseFramingSteps("stroke-width,deskew")->toText(), std::string("deskew,stroke-width"));
        const Result<FramingSteps> unknown = parseFramingSteps("deskew,blur");
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.find("'blur'") != std::string::npos);
        QVERIFY(unknown.error().message.find("deskew and stroke-width") != std::string::npos);
        QVERIFY(!parseFramingSteps("deskew,deskew").ok());
        QVERIFY(!parseFramingSteps("").ok());
        QVERIFY(!parseFramingSteps("deskew,").ok());
    }

    void stepsNeedOneSquareChannel() {
        const FramingSteps steps{true, false};
        QVERIFY(steps.check(Shape{1, 28, 28}).ok());
        QVERIFY(!steps.check(Shape{3, 28, 28}).ok());
        QVERIFY(!steps.check(Shape{1, 28, 20}).ok());
        QVERIFY(FramingSteps{}.check(Shape{3, 28, 20}).ok());
    }

    void slantedStrokeBecomesUpright() {
        // A 1 leaning right by about 22°: top at the right, foot at the left.
        const Drawing slanted = polyline({{{180, 30}, {100, 250}}}, 20);
        const Vector plain = framed(slanted, {});
        const Vector upright = framed(slanted, only(FramingStep::Deskew));
        QVERIFY2(slantOf(plain, kSide) < -0.25, qPrintable(QString::number(slantOf(plain, kSide))));
        QVERIFY2(std::abs(slantOf(upright, kSide)) < 0.03,
                 qPrintable(QString::number(slantOf(upright, kSide))));
        // Upright, the stroke's top and bottom rows have their ink in the same columns.
        auto inkCentreOfRow = [&](int y) {
            double mass = 0, sum = 0;
            for (int x = 0; x < kSide; ++x) {
                mass += upright[y * kSide + x];
                sum += upright[y * kSide + x] * x;
            }
            return sum / mass;
        };
        QVERIFY2(std::abs(inkCentreOfRow(6) - inkCentreOfRow(21)) < 1.0,
                 qPrintable(QString("%1 vs %2").arg(inkCentreOfRow(6)).arg(inkCentreOfRow(21))));
        // Leaning the other way is corrected too, and an upright stroke is left as it is.
        const Vector mirrored = framed(polyline({{{100, 30}, {180, 250}}}, 20), only(FramingStep::Deskew));
        QVERIFY(std::abs(slantOf(mirrored, kSide)) < 0.03);
        const Drawing straight = polyline({{{140, 30}, {140, 250}}}, 20);
        QVERIFY(meanDifference(framed(straight, {}), framed(straight, only(FramingStep::Deskew))) < 1e-3);
    }

    void deskewKeepsTheInkCentred() {
        const Vector upright = framed(polyline({{{180, 30}, {100, 250}}}, 20), only(FramingStep::Deskew));
        double mass = 0, sumX = 0;
        for (int i = 0; i < kSide * kSide; ++i) {
            mass += upright[i];
            sumX += upright[i] * (i % kSide);
        }
        QVERIFY(std::abs(sumX / mass - 14.0) < 0.6);
    }

    void strokeWidthIsMeasuredInPixels() {
        // A bar of width w and length L: area wL, perimeter 2(w + L) (less 2 − √2 at the one corner where
        // both forward differences meet).
        QVERIFY(std::abs(strokeWidthOf(bar(2, 20), kSide) - 2.0 * 40 / 44) < 0.05);
        QVERIFY(std::abs(strokeWidthOf(bar(4, 20), kSide) - 2.0 * 80 / 48) < 0.05);
        QCOMPARE(strokeWidthOf(Vector::Zero(kSide * kSide), kSide), 0.0);
        // Only the shape counts, not how strong the ink is.
        QVERIFY(std::abs(strokeWidthOf(0.3 * bar(4, 20), kSide) - strokeWidthOf(bar(4, 20), kSide)) < 1e-9);
    }

    void thickAndThinPensFrameAlike() {
        const Vector thinPlain = framed(four(7), {});
        const Vector thickPlain = framed(four(44), {});
        const Vector thin = framed(four(7), only(FramingStep::StrokeWidth));
        const Vector thick = framed(four(44), only(FramingStep::StrokeWidth));
        const double before = meanDifference(thinPlain, thickPlain);
        const double after = meanDifference(thin, thick);
        // Not to zero: the thick pen's stroke ends are rounder and, thinned on the canvas first
        // (thinHeavyInk), a little shorter.
        QVERIFY2(after < 0.6 * before, qPrintable(QString("%1 -> %2").arg(before).arg(after)));
        for (const Vector* v : {&thin, &thick})
            QVERIFY2(std::abs(strokeWidthOf(*v, kSide) - kTypicalStrokeWidth) < 0.6,
                     qPrintable(QString::number(strokeWidthOf(*v, kSide))));
        // The pen in between is close to MNIST's width already and is left nearly as it is.
        const Vector usual = framed(four(20), {});
        QVERIFY(std::abs(strokeWidthOf(usual, kSide) - kTypicalStrokeWidth) < 0.6);
    }

    void smallDigitWithAHeavyPenKeepsItsHole() {
        // A 0 about 46 px wide written with the canvas's 22 px pen: its hole, 2 px wide on the canvas, is a
        // tenth of a box pixel once framed and is averaged into grey ink. Thinned on the canvas first, it
        // stays open; with a light pen nothing is thinned.
        const Drawing heavy = ring(12, 22);
        const int centre = 14 * kSide + 14;
        const Vector plain = framed(heavy, {});
        const Vector steps = framed(heavy, only(FramingStep::StrokeWidth));
        QVERIFY2(plain[centre] > 0.3, qPrintable(QString::number(plain[centre])));
        QVERIFY2(steps[centre] < 0.05, qPrintable(QString::number(steps[centre])));
        QVERIFY2(strokeWidthOf(steps, kSide) < kTypicalStrokeWidth + 0.6,
                 qPrintable(QString::number(strokeWidthOf(steps, kSide))));
        // The thinned canvas differs from the drawing only inside the ink's box, and its darkest level is
        // the one the whole canvas has.
        const GrayImage canvas = renderDrawing(heavy);
        const std::optional<ThinnedInk> thinned = thinHeavyInk(canvas, 255, 0);
        QVERIFY(thinned);
        QCOMPARE(int(thinned->darkest),
                 int(*std::min_element(thinned->image.pixels.begin(), thinned->image.pixels.end())));
        QCOMPARE(thinned->image.pixels.front(), canvas.pixels.front());
        QVERIFY(thinned->image.pixels != canvas.pixels);
        const GrayImage light = renderDrawing(ring(40, 6));
        QCOMPARE(heavyInkErosions(canvasStrokeWidth(light, 255, 0), 110), 0);
        QVERIFY(!thinHeavyInk(light, 255, 0));
    }

    void heavyInkErosionsCountTwoPixelsEach() {
        // Ink 100 px across frames to 20 px: the target is 0.7 × 2.4 × 5 = 8.4 px of canvas.
        QCOMPARE(heavyInkErosions(8.0, 100), 0);
        QCOMPARE(heavyInkErosions(10.3, 100), 0);
        QCOMPARE(heavyInkErosions(10.5, 100), 1);
        QCOMPARE(heavyInkErosions(30.0, 100), 10);
        QCOMPARE(heavyInkErosions(30.0, 400), 0);
        // Bounded, whatever the measured width.
        QCOMPARE(heavyInkErosions(1e6, 100), kMaxHeavyInkErosions);
        QCOMPARE(heavyInkErosions(std::nan(""), 100), 0);
    }

    void largeInkIsLeftAsItIs() {
        // A filled square larger than kMaxThinnedInkSize (a photograph, not a canvas) is not eroded.
        const int side = kMaxThinnedInkSize + 40;
        GrayImage image(side + 20, side + 20);
        for (int y = 10; y < 10 + side; ++y)
            for (int x = 10; x < 10 + side; ++x)
                image.at(x, y) = 0;
        QVERIFY(!thinHeavyInk(image, 255, 0));
    }

    void emptyFieldIsLeftAlone() {
        Vector field = Vector::Zero(kSide * kSide);
        applyFramingSteps(FramingSteps{true, true}, field, kSide);
        QVERIFY(field.isZero());
    }

    void matrixColumnsAreNormalisedAgain() {
        Matrix images(kSide * kSide, 2);
        images.col(0) = bar(1, 20);
        images.col(1) = framed(polyline({{{180, 30}, {100, 250}}}, 20), {});
        applyFramingSteps(FramingSteps{true, true}, images, kSide);
        for (int c = 0; c < 2; ++c) {
            QVERIFY(std::abs(images.col(c).maxCoeff() - 1) < 1e-6);
            QVERIFY(std::abs(images.col(c).minCoeff()) < 1e-6);
        }
        QVERIFY(std::abs(slantOf(images.col(1), kSide)) < 0.05);
    }
};

QTEST_APPLESS_MAIN(FramingStepsTest)
#include "test_framing_steps.moc"
