// SPDX-License-Identifier: GPL-3.0-or-later
// The preprocessing (docs/preprocessing.md): invert, frame into 28×28 (mnist or resize), min-max normalise.
#include "data/InkBox.h"
#include "data/Preprocess.h"

#include <QFile>
#include <QPointF>
#include <QRect>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

using namespace digitpad;

namespace {

constexpr int kSide = 28;

/// A pen stroke from (x0, y0) to (x1, y1) in the unit square (y down).
struct Segment {
    double x0, y0, x1, y1;
};
using Figure = std::vector<Segment>;

double distanceToSegment(double px, double py, const Segment& s) {
    const double dx = s.x1 - s.x0;
    const double dy = s.y1 - s.y0;
    const double lengthSquared = dx * dx + dy * dy;
    double t = lengthSquared > 0 ? ((px - s.x0) * dx + (py - s.y0) * dy) / lengthSquared : 0.;
    t = std::clamp(t, 0., 1.);
    return std::hypot(px - (s.x0 + t * dx), py - (s.y0 + t * dy));
}

/// Draws `shape` (unit-square coordinates) scaled to `size` pixels at (left, top) with a round pen of
/// `penWidth` pixels, black ink on the image, anti-aliased by 4×4 supersampling — as a canvas would draw it.
void draw(GrayImage& image, const Figure& shape, double left, double top, double size, double penWidth) {
    const double radius = penWidth / 2;
    const int x0 = std::max(0, static_cast<int>(left - radius) - 1);
    const int y0 = std::max(0, static_cast<int>(top - radius) - 1);
    const int x1 = std::min(image.width, static_cast<int>(left + size + radius) + 2);
    const int y1 = std::min(image.height, static_cast<int>(top + size + radius) + 2);
    for (int y = y0; y < y1; ++y) {
        for (int x = x0; x < x1; ++x) {
            int covered = 0;
            for (int sy = 0; sy < 4; ++sy) {
                for (int sx = 0; sx < 4; ++sx) {
                    const double px = x + (sx + 0.5) / 4;
                    const double py = y + (sy + 0.5) / 4;
                    for (const Segment& s : shape) {
                        const Segment scaled{left + s.x0 * size, top + s.y0 * size, left + s.x1 * size,
                                             top + s.y1 * size};
                        if (distanceToSegment(px, py, scaled) <= radius) {
                            ++covered;
                            break;
                        }
                    }
                }
            }
            const int ink = (255 * covered + 8) / 16;
            image.at(x, y) = static_cast<std::uint8_t>(std::min<int>(image.at(x, y), 255 - ink));
        }
    }
}

Figure seven() {
    return {{0.1, 0.05, 0.9, 0.05}, {0.9, 0.05, 0.35, 0.95}};
}
Figure four() {
    return {{0.6, 0.0, 0.1, 0.65}, {0.1, 0.65, 0.9, 0.65}, {0.65, 0.35, 0.65, 1.0}};
}
Figure ell() {
    return {{0.2, 0.0, 0.2, 1.0}, {0.2, 1.0, 0.8, 1.0}};
}
Figure two() {
    return {{0.15, 0.25, 0.5, 0.0}, {0.5, 0.0, 0.85, 0.25}, {0.85, 0.25, 0.15, 1.0}, {0.15, 1.0, 0.9, 1.0}};
}
/// A lopsided shape: a long thin tail with a heavy knot at one end.
Figure knot() {
    return {{0.0, 0.0, 1.0, 0.3}, {0.85, 0.2, 0.95, 0.4}, {0.95, 0.4, 0.8, 0.45}, {0.8, 0.45, 0.85, 0.2}};
}

/// Index-coordinate centre of mass (sum i·v / sum v), the way MNIST's centring is measured.
QPointF centreOfMass(const Vector& v) {
    double mass = 0, sx = 0, sy = 0;
    for (int y = 0; y < kSide; ++y) {
        for (int x = 0; x < kSide; ++x) {
            mass += v[y * kSide + x];
            sx += v[y * kSide + x] * x;
            sy += v[y * kSide + x] * y;
        }
    }
    return {sx / mass, sy / mass};
}

/// Rows and columns of the field with a value above `threshold`: {left, top, width, height}.
QRect inkBox(const Vector& v, double threshold) {
    int x0 = kSide, y0 = kSide, x1 = -1, y1 = -1;
    for (int y = 0; y < kSide; ++y) {
        for (int x = 0; x < kSide; ++x) {
            if (v[y * kSide + x] > threshold) {
                x0 = std::min(x0, x);
                y0 = std::min(y0, y);
                x1 = std::max(x1, x);
                y1 = std::max(y1, y);
            }
        }
    }
    return x1 < 0 ? QRect() : QRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
}

double meanAbsDifference(const Vector& a, const Vector& b) {
    return (a - b).cwiseAbs().mean();
}

/// The test digits of tests/data/mnist-mini, read with the few lines the IDX format needs (the engine's own
/// IdxReader has its own tests; this test should not depend on it).
struct MnistImages {
    int count = 0;
    std::vector<std::uint8_t> pixels; ///< count × 28 × 28, ink high (as MNIST stores it)
};

MnistImages loadMnistMini() {
    MnistImages images;
    QFile file(QStringLiteral(DIGITPAD_TEST_DATA "/mnist-mini/t10k-images-idx3-ubyte"));
    if (!file.open(QIODevice::ReadOnly))
        return images;
    const QByteArray bytes = file.readAll();
    if (bytes.size() < 16)
        return images;
    auto be32 = [&](int offset) {
        const auto* p = reinterpret_cast<const unsigned char*>(bytes.constData()) + offset;
        return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
    };
    if (be32(0) != 0x00000803 || be32(8) != 28 || be32(12) != 28)
        return images;
    const std::uint32_t count = be32(4);
    if (std::uint64_t(bytes.size()) != 16 + std::uint64_t(count) * 784)
        return images;
    images.count = static_cast<int>(count);
    images.pixels.assign(bytes.begin() + 16, bytes.end());
    return images;
}

} // namespace

Q_DECLARE_METATYPE(Figure)

class TestPreprocess : public QObject {
    Q_OBJECT

private slots:
    void framingNames_data();
    void framingNames();
    void nothingToRecognise_data();
    void nothingToRecognise();
    void outputIsNormalised_data();
    void outputIsNormalised();
    void inkIsMeasuredFromThePaper_data();
    void inkIsMeasuredFromThePaper();
    void sizeAndPositionDoNotMatter_data();
    void sizeAndPositionDoNotMatter();
    void differentDigitsDiffer_data();
    void differentDigitsDiffer();
    void aspectRatioIsKept_data();
    void aspectRatioIsKept();
    void centreOfMassIsCentred_data();
    void centreOfMassIsCentred();
    void resizeIsABlockAverage_data();
    void resizeIsABlockAverage();
    void resizeFractionalHandValues();
    void mnistDigitRoundTrips_data();
    void mnistDigitRoundTrips();
    void normaliseMinMaxValues_data();
    void normaliseMinMaxValues();
    void wrongPixelCountThrows();
    void inkBoxHoldsTheDarkPixels();
    void benchmarkCanvas_data();
    void benchmarkCanvas();
};

void TestPreprocess::framingNames_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("framing");
    QTest::newRow("mnist") << "mnist" << true << int(Framing::Mnist);
    QTest::newRow("resize") << "resize" << true << int(Framing::Resize);
    QTest::newRow("empty") << "" << false << 0;
    QTest::newRow("capitalised") << "Mnist" << false << 0;
    QTest::newRow("unknown word") << "crop" << false << 0;
    QTest::newRow("trailing space") << "resize " << false << 0;
}

void TestPreprocess::framingNames() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(int, framing);
    const std::optional<Framing> parsed = fromName<Framing>(text.toStdString());
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(int(*parsed), framing);
        QCOMPARE(QString::fromStdString(toName(*parsed)), text);
    }
}

void TestPreprocess::nothingToRecognise_data() {
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("fill");
    QTest::addColumn<int>("framing");
    for (Framing f : {Framing::Mnist, Framing::Resize}) {
        const QByteArray name = QByteArray::fromStdString(toName(f));
        QTest::newRow(name + ": empty white canvas") << 280 << 280 << 255 << int(f);
        QTest::newRow(name + ": uniform gray") << 280 << 280 << 128 << int(f);
        QTest::newRow(name + ": uniform black") << 64 << 48 << 0 << int(f);
        QTest::newRow(name + ": one white pixel") << 1 << 1 << 255 << int(f);
        QTest::newRow(name + ": zero-sized image") << 0 << 0 << 255 << int(f);
    }
}

void TestPreprocess::nothingToRecognise() {
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, fill);
    QFETCH(int, framing);
    const GrayImage image(width, height, static_cast<std::uint8_t>(fill));
    QVERIFY(!preprocess(image, Framing(framing)).has_value());
}

void TestPreprocess::outputIsNormalised_data() {
    QTest::addColumn<int>("framing");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("paper");
    QTest::addColumn<double>("pen");
    for (Framing f : {Framing::Mnist, Framing::Resize}) {
        const QByteArray name = QByteArray::fromStdString(toName(f));
        QTest::newRow(name + ": canvas 280x280") << int(f) << 280 << 280 << 255 << 18.;
        QTest::newRow(name + ": wide 400x300") << int(f) << 400 << 300 << 255 << 12.;
        QTest::newRow(name + ": thumbnail 20x20") << int(f) << 20 << 20 << 255 << 2.;
        QTest::newRow(name + ": gray paper") << int(f) << 280 << 280 << 180 << 18.;
        QTest::newRow(name + ": hairline pen") << int(f) << 280 << 280 << 255 << 0.3;
    }
}

void TestPreprocess::outputIsNormalised() {
    QFETCH(int, framing);
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, paper);
    QFETCH(double, pen);
    GrayImage image(width, height, static_cast<std::uint8_t>(paper));
    const double size = std::min(width, height) * 0.6;
    draw(image, two(), width * 0.2, height * 0.2, size, pen);
    const std::optional<Vector> v = preprocess(image, Framing(framing));
    QVERIFY(v.has_value());
    QCOMPARE(v->size(), kSide * kSide);
    QVERIFY(v->allFinite());
    QCOMPARE(v->minCoeff(), Scalar(0));
    QCOMPARE(v->maxCoeff(), Scalar(1));
}

void TestPreprocess::inkIsMeasuredFromThePaper_data() {
    QTest::addColumn<int>("framing");
    QTest::newRow("mnist") << int(Framing::Mnist);
    QTest::newRow("resize") << int(Framing::Resize);
}

// A drawing on gray paper and the same drawing on white paper (same ink contrast) give the same tensor.
void TestPreprocess::inkIsMeasuredFromThePaper() {
    QFETCH(int, framing);
    GrayImage drawing(280, 280, 255);
    draw(drawing, seven(), 60, 40, 180, 16);
    // Ink contrast 0..195 on white paper (255) and on gray paper (195): paper - pixel is the same in both.
    GrayImage white = drawing;
    GrayImage gray = drawing;
    for (std::size_t i = 0; i < drawing.pixels.size(); ++i) {
        const int contrast = (255 - drawing.pixels[i]) * 195 / 255;
        white.pixels[i] = static_cast<std::uint8_t>(255 - contrast);
        gray.pixels[i] = static_cast<std::uint8_t>(195 - contrast);
    }
    const auto a = preprocess(white, Framing(framing));
    const auto b = preprocess(gray, Framing(framing));
    QVERIFY(a && b);
    QCOMPARE(meanAbsDifference(*a, *b), 0.);
}

void TestPreprocess::sizeAndPositionDoNotMatter_data() {
    QTest::addColumn<Figure>("shape");
    QTest::addColumn<int>("canvas");
    QTest::addColumn<double>("smallLeft");
    QTest::addColumn<double>("smallTop");
    QTest::addColumn<double>("smallSize");
    QTest::addColumn<double>("largeSize");
    // The large copy is centred; the pen scales with the drawing (a scaled copy of the same strokes).
    QTest::newRow("seven: 40 px top-left vs 200 px centre") << seven() << 280 << 4. << 6. << 40. << 200.;
    QTest::newRow("four: 48 px bottom-right vs 220 px centre")
        << four() << 280 << 220. << 222. << 48. << 220.;
    QTest::newRow("two: 36 px top-right vs 180 px centre") << two() << 280 << 236. << 3. << 36. << 180.;
    QTest::newRow("ell: 60 px bottom-left on 600x600 vs 500 px")
        << ell() << 600 << 10. << 520. << 60. << 500.;
}

void TestPreprocess::sizeAndPositionDoNotMatter() {
    QFETCH(Figure, shape);
    QFETCH(int, canvas);
    QFETCH(double, smallLeft);
    QFETCH(double, smallTop);
    QFETCH(double, smallSize);
    QFETCH(double, largeSize);
    GrayImage small(canvas, canvas);
    draw(small, shape, smallLeft, smallTop, smallSize, smallSize * 0.1);
    GrayImage large(canvas, canvas);
    const double offset = (canvas - largeSize) / 2;
    draw(large, shape, offset, offset, largeSize, largeSize * 0.1);

    const auto a = preprocess(small, Framing::Mnist);
    const auto b = preprocess(large, Framing::Mnist);
    QVERIFY(a && b);
    const double mean = meanAbsDifference(*a, *b);
    const double worst = (*a - *b).cwiseAbs().maxCoeff();
    qInfo("mean |small - large| = %.4f, max = %.4f", mean, worst);
    // Tolerance: mean |difference| < 0.03 and no pixel off by more than 0.5. The small drawing's ink box is
    // only known to a whole source pixel (1/36 of its size here: half a pixel of the 20 px box), so single
    // pixels along a stroke's edge may differ by a third; a different digit differs by 0.1 or more on average
    // (differentDigitsDiffer).
    QVERIFY2(mean < 0.03, qPrintable(QStringLiteral("mean abs difference %1").arg(mean)));
    QVERIFY2(worst < 0.5, qPrintable(QStringLiteral("max abs difference %1").arg(worst)));
}

void TestPreprocess::differentDigitsDiffer_data() {
    QTest::addColumn<Figure>("first");
    QTest::addColumn<Figure>("second");
    QTest::newRow("seven vs two") << seven() << two();
    QTest::newRow("four vs seven") << four() << seven();
    QTest::newRow("ell vs four") << ell() << four();
}

// The other side of sizeAndPositionDoNotMatter's tolerance: it does tell different digits apart.
void TestPreprocess::differentDigitsDiffer() {
    QFETCH(Figure, first);
    QFETCH(Figure, second);
    GrayImage a(280, 280);
    draw(a, first, 40, 40, 200, 20);
    GrayImage b(280, 280);
    draw(b, second, 40, 40, 200, 20);
    const auto va = preprocess(a, Framing::Mnist);
    const auto vb = preprocess(b, Framing::Mnist);
    QVERIFY(va && vb);
    const double mean = meanAbsDifference(*va, *vb);
    qInfo("mean |first - second| = %.4f", mean);
    QVERIFY2(mean > 0.1, qPrintable(QStringLiteral("mean abs difference %1").arg(mean)));
}

void TestPreprocess::aspectRatioIsKept_data() {
    QTest::addColumn<int>("barWidth");
    QTest::addColumn<int>("barHeight");
    QTest::addColumn<int>("expectedWidth");
    QTest::addColumn<int>("expectedHeight");
    // The longer side becomes 20 px; the shorter one width·20/longer, rounded up (a partly covered pixel).
    QTest::newRow("tall thin bar 12x200") << 12 << 200 << 2 << 20;
    QTest::newRow("flat wide bar 240x14") << 240 << 14 << 20 << 2;
    QTest::newRow("tall block 100x200") << 100 << 200 << 10 << 20;
    QTest::newRow("square 150x150") << 150 << 150 << 20 << 20;
    QTest::newRow("small tall bar 3x10 (enlarged)") << 3 << 10 << 6 << 20;
}

void TestPreprocess::aspectRatioIsKept() {
    QFETCH(int, barWidth);
    QFETCH(int, barHeight);
    QFETCH(int, expectedWidth);
    QFETCH(int, expectedHeight);
    GrayImage image(280, 280);
    for (int y = 30; y < 30 + barHeight; ++y)
        for (int x = 17; x < 17 + barWidth; ++x)
            image.at(x, y) = 0;
    const auto v = preprocess(image, Framing::Mnist);
    QVERIFY(v);
    const QRect box = inkBox(*v, 0.);
    QCOMPARE(box.width(), expectedWidth);
    QCOMPARE(box.height(), expectedHeight);
}

void TestPreprocess::centreOfMassIsCentred_data() {
    QTest::addColumn<Figure>("shape");
    QTest::addColumn<double>("left");
    QTest::addColumn<double>("top");
    QTest::addColumn<double>("size");
    QTest::newRow("ell (mass low left)") << ell() << 20. << 30. << 200.;
    QTest::newRow("seven (mass high)") << seven() << 150. << 10. << 100.;
    QTest::newRow("four") << four() << 40. << 60. << 170.;
    QTest::newRow("knot (mass far right)") << knot() << 10. << 100. << 250.;
}

void TestPreprocess::centreOfMassIsCentred() {
    QFETCH(Figure, shape);
    QFETCH(double, left);
    QFETCH(double, top);
    QFETCH(double, size);
    GrayImage image(280, 280);
    draw(image, shape, left, top, size, 14);
    const auto v = preprocess(image, Framing::Mnist);
    QVERIFY(v);
    const QPointF c = centreOfMass(*v);
    qInfo("centre of mass (%.3f, %.3f)", c.x(), c.y());
    // Whole-pixel shifts (MNIST's recipe) leave the centre within half a pixel of (14, 14).
    QVERIFY2(std::abs(c.x() - 14) <= 0.5, qPrintable(QString::number(c.x())));
    QVERIFY2(std::abs(c.y() - 14) <= 0.5, qPrintable(QString::number(c.y())));
}

void TestPreprocess::resizeIsABlockAverage_data() {
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::newRow("canvas 280x280 (10x10 blocks)") << 280 << 280;
    QTest::newRow("56x56 (2x2 blocks)") << 56 << 56;
    QTest::newRow("84x28 (3x1 blocks, aspect not kept)") << 84 << 28;
    QTest::newRow("28x28 (identity)") << 28 << 28;
}

// A full-canvas pattern (no blank border to crop) against the block average computed here naively.
void TestPreprocess::resizeIsABlockAverage() {
    QFETCH(int, width);
    QFETCH(int, height);
    GrayImage image(width, height);
    std::uint32_t state = 12345;
    for (std::uint8_t& p : image.pixels) {
        state = state * 1664525u + 1013904223u;
        p = static_cast<std::uint8_t>(state >> 24);
    }
    const int bw = width / kSide;
    const int bh = height / kSide;
    const auto paper = *std::max_element(image.pixels.begin(), image.pixels.end());
    Vector expected(kSide * kSide);
    for (int Y = 0; Y < kSide; ++Y) {
        for (int X = 0; X < kSide; ++X) {
            double sum = 0;
            for (int y = Y * bh; y < (Y + 1) * bh; ++y)
                for (int x = X * bw; x < (X + 1) * bw; ++x)
                    sum += paper - image.at(x, y);
            expected[Y * kSide + X] = static_cast<Scalar>(sum / (bw * bh));
        }
    }
    QVERIFY(normaliseMinMax(expected));
    const auto v = preprocess(image, Framing::Resize);
    QVERIFY(v);
    QVERIFY2(((*v - expected).cwiseAbs().maxCoeff()) < 1e-5, "resize differs from the block average");
}

// A 42x42 image resized to 28x28: each output pixel covers 1.5 source pixels per axis. Columns repeat the ink
// levels 240, 60, 0, 120, 30, 90 (every row alike), so output columns repeat
//   (240 + 60/2) / 1.5 = 180,  (60/2 + 0) / 1.5 = 20,  (120 + 30/2) / 1.5 = 90,  (30/2 + 90) / 1.5 = 70,
// which min-max normalise to 1, 0, 70/160, 50/160.
void TestPreprocess::resizeFractionalHandValues() {
    const int levels[6] = {240, 60, 0, 120, 30, 90};
    GrayImage image(42, 42);
    for (int y = 0; y < 42; ++y)
        for (int x = 0; x < 42; ++x)
            image.at(x, y) = static_cast<std::uint8_t>(255 - levels[x % 6]);
    const auto v = preprocess(image, Framing::Resize);
    QVERIFY(v);
    const double expected[4] = {1., 0., 70. / 160., 50. / 160.};
    for (int y = 0; y < kSide; ++y) {
        for (int x = 0; x < kSide; ++x) {
            const double got = (*v)[y * kSide + x];
            if (std::abs(got - expected[x % 4]) > 1e-5)
                QFAIL(qPrintable(
                    QStringLiteral("(%1,%2): %3, expected %4").arg(x).arg(y).arg(got).arg(expected[x % 4])));
        }
    }
}

void TestPreprocess::mnistDigitRoundTrips_data() {
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("factor");
    QTest::addColumn<int>("canvasWidth");
    QTest::addColumn<int>("canvasHeight");
    QTest::addColumn<int>("left");
    QTest::addColumn<int>("top");
    for (int i = 0; i < 10; ++i) {
        QTest::addRow("digit %d, x10 filling a 280x280 canvas", i) << i << 10 << 280 << 280 << 0 << 0;
        QTest::addRow("digit %d, x5 off-centre on 400x300", i) << i << 5 << 400 << 300 << 230 << 20;
        QTest::addRow("digit %d, x3 in a corner of 640x480", i) << i << 3 << 640 << 480 << 2 << 390;
    }
}

// An MNIST test digit enlarged (each pixel a factor×factor block, ink black on white) comes back as the
// original after the original's own min-max normalisation.
void TestPreprocess::mnistDigitRoundTrips() {
    QFETCH(int, index);
    QFETCH(int, factor);
    QFETCH(int, canvasWidth);
    QFETCH(int, canvasHeight);
    QFETCH(int, left);
    QFETCH(int, top);
    static const MnistImages mnist = loadMnistMini();
    QVERIFY2(mnist.count > index,
             "tests/data/mnist-mini/t10k-images-idx3-ubyte is missing or has too few images");

    const std::uint8_t* digit = mnist.pixels.data() + static_cast<std::size_t>(index) * 784;
    Vector original(784);
    for (int i = 0; i < 784; ++i)
        original[i] = digit[i];
    QVERIFY(normaliseMinMax(original));

    GrayImage canvas(canvasWidth, canvasHeight);
    for (int y = 0; y < kSide * factor; ++y)
        for (int x = 0; x < kSide * factor; ++x)
            canvas.at(left + x, top + y) =
                static_cast<std::uint8_t>(255 - digit[(y / factor) * kSide + x / factor]);
    const auto v = preprocess(canvas, Framing::Mnist);
    QVERIFY(v);
    const double mean = meanAbsDifference(*v, original);
    qInfo("mean |round trip - original| = %.5f", mean);
    // The enlargement is exact and MNIST's own box is 20 px with whole-pixel centring, so only faint
    // pixels outside the ink threshold's crop may be lost; 0.01 is a fraction of one gray level on average.
    QVERIFY2(mean < 0.01, qPrintable(QStringLiteral("mean abs difference %1").arg(mean)));
}

void TestPreprocess::normaliseMinMaxValues_data() {
    QTest::addColumn<QList<double>>("input");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QList<double>>("expected");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("2,4,6") << QList<double>{2, 4, 6} << true << QList<double>{0, 0.5, 1};
    QTest::newRow("negative range") << QList<double>{-1, 1, 0} << true << QList<double>{0, 1, 0.5};
    QTest::newRow("already 0..1") << QList<double>{0, 0.25, 1} << true << QList<double>{0, 0.25, 1};
    QTest::newRow("MNIST bytes") << QList<double>{0, 51, 255} << true << QList<double>{0, 0.2, 1};
    QTest::newRow("constant") << QList<double>{5, 5, 5} << false << QList<double>{0, 0, 0};
    QTest::newRow("single value") << QList<double>{3} << false << QList<double>{0};
    QTest::newRow("empty") << QList<double>{} << false << QList<double>{};
    QTest::newRow("NaN") << QList<double>{1, nan, 2} << false << QList<double>{0, 0, 0};
    QTest::newRow("infinity") << QList<double>{1, inf, 2} << false << QList<double>{0, 0, 0};
}

void TestPreprocess::normaliseMinMaxValues() {
    QFETCH(QList<double>, input);
    QFETCH(bool, ok);
    QFETCH(QList<double>, expected);
    Vector v(input.size());
    for (int i = 0; i < input.size(); ++i)
        v[i] = static_cast<Scalar>(input[i]);
    QCOMPARE(normaliseMinMax(v), ok);
    for (int i = 0; i < expected.size(); ++i)
        QVERIFY2(
            std::abs(double(v[i]) - expected[i]) < 1e-6,
            qPrintable(QStringLiteral("[%1] = %2, expected %3").arg(i).arg(double(v[i])).arg(expected[i])));
}

void TestPreprocess::wrongPixelCountThrows() {
    GrayImage image(10, 10);
    image.pixels.pop_back();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, preprocess(image, Framing::Mnist));
}

void TestPreprocess::inkBoxHoldsTheDarkPixels() {
    GrayImage image(9, 7);
    std::fill(image.pixels.begin(), image.pixels.end(), std::uint8_t{255});
    image.at(2, 1) = 10;
    image.at(6, 4) = 99;
    image.at(3, 5) = 100; // at the cut: not ink
    const InkBox box = inkBox(image, 100);
    QCOMPARE(box.x0, 2);
    QCOMPARE(box.y0, 1);
    QCOMPARE(box.x1, 7);
    QCOMPARE(box.y1, 5);
    QCOMPARE(box.count, 2);
    QCOMPARE(box.width(), 5);
    QCOMPARE(box.height(), 4);
    const InkBox none = inkBox(image, 10);
    QCOMPARE(none.count, 0);
    QVERIFY(none.width() <= 0);
}

void TestPreprocess::benchmarkCanvas_data() {
    QTest::addColumn<int>("framing");
    QTest::newRow("mnist") << int(Framing::Mnist);
    QTest::newRow("resize") << int(Framing::Resize);
}

// Not an assertion: QBENCHMARK reports the time per 280x280 canvas (run with -iterations or -callgrind).
void TestPreprocess::benchmarkCanvas() {
    QFETCH(int, framing);
    GrayImage image(280, 280);
    draw(image, four(), 50, 40, 190, 18);
    std::optional<Vector> v;
    QBENCHMARK {
        v = preprocess(image, Framing(framing));
    }
    QVERIFY(v);
}

QTEST_GUILESS_MAIN(TestPreprocess)
#include "test_preprocess.moc"
