// SPDX-License-Identifier: GPL-3.0-or-later
// Imported pictures in canvas terms: light ink on dark is inverted, uneven paper (a photo or scan) is evened
// out to white with the ink kept dark, and a canvas drawing passes unchanged. Fixtures are generated here.
#include "data/ImportedImage.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace digitpad;

namespace {

/// A 7 drawn in ink `ink` on paper `paper(x, y)`: a bar and a slanted stroke 6 pixels wide.
template <typename Paper> GrayImage sevenOn(int width, int height, std::uint8_t ink, Paper paper) {
    GrayImage image(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at(x, y) = static_cast<std::uint8_t>(std::clamp(paper(x, y), 0, 255));
    const int left = width / 2 - 20, right = width / 2 + 20, top = height / 2 - 30, bottom = height / 2 + 30;
    for (int y = top; y < bottom; ++y) {
        for (int x = left; x <= right; ++x) {
            const bool bar = y < top + 6;
            const double along = right - (y - top) * 0.5; // the slanted stroke's x at row y
            const bool stroke = std::abs(x - along) < 3.0;
            if (bar || stroke)
                image.at(x, y) = ink;
        }
    }
    return image;
}

} // namespace

class TestImportedImage : public QObject {
    Q_OBJECT
private slots:
    void aCanvasDrawingPassesUnchanged() {
        const GrayImage drawing = sevenOn(280, 280, 0, [](int, int) { return 255; });
        const ImportedImage imported = importImage(drawing);
        QVERIFY(!imported.inverted);
        QVERIFY(!imported.flattened);
        QVERIFY(imported.image.pixels == drawing.pixels);
    }

    void lightInkOnDarkIsInverted_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::newRow("square") << 200 << 200;
        QTest::newRow("wide, as a photo") << 420 << 200;
        QTest::newRow("tall") << 120 << 300;
    }

    void lightInkOnDarkIsInverted() {
        QFETCH(int, width);
        QFETCH(int, height);
        const GrayImage picture = sevenOn(width, height, 255, [](int, int) { return 0; });
        const ImportedImage imported = importImage(picture);
        QVERIFY(imported.inverted);
        QVERIFY(!imported.flattened);
        for (std::size_t i = 0; i < picture.pixels.size(); ++i)
            QCOMPARE(int(imported.image.pixels[i]), 255 - int(picture.pixels[i]));
    }

    void unevenPaperIsEvenedOut() {
        // Grey paper lit from the left (brightness 110 to 220), noise as a phone camera adds, dark ink: no
        // pixel is clean white, and the right half's paper is brighter than the left half's ink would be in a
        // plain threshold.
        std::mt19937 rng(3);
        std::normal_distribution<double> noise(0.0, 6.0);
        const int width = 420, height = 280;
        GrayImage picture = sevenOn(width, height, 0, [&](int x, int) {
            return static_cast<int>(std::lround(110 + 110.0 * x / width + noise(rng)));
        });
        // The ink, too, is lit: a shade of the paper under it rather than pure black.
        const GrayImage inkMask = sevenOn(width, height, 0, [](int, int) { return 255; });
        for (std::size_t i = 0; i < picture.pixels.size(); ++i)
            if (inkMask.pixels[i] == 0)
                picture.pixels[i] =
                    static_cast<std::uint8_t>(std::clamp(30 + static_cast<int>(noise(rng)), 0, 255));

        const ImportedImage imported = importImage(picture);
        QVERIFY(!imported.inverted);
        QVERIFY(imported.flattened);
        int paperWhite = 0, paper = 0, inkDark = 0, ink = 0;
        for (std::size_t i = 0; i < picture.pixels.size(); ++i) {
            if (inkMask.pixels[i] == 0) {
                ++ink;
                inkDark += imported.image.pixels[i] < 128;
            } else {
                ++paper;
                paperWhite += imported.image.pixels[i] >= 240;
            }
        }
        qInfo("paper made white: %d of %d; ink kept dark: %d of %d", paperWhite, paper, inkDark, ink);
        QVERIFY(paperWhite >= paper * 95 / 100);
        QVERIFY(inkDark >= ink * 95 / 100);
    }

    void anEmptyPictureStaysEmpty() {
        const ImportedImage imported = importImage(GrayImage{});
        QVERIFY(imported.image.pixels.empty());
        QVERIFY(!imported.inverted && !imported.flattened);
    }
};

QTEST_APPLESS_MAIN(TestImportedImage)
#include "test_imported_image.moc"
