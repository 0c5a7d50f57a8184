// SPDX-License-Identifier: GPL-3.0-or-later
// Test-time augmentation's image maths: one-pixel shifts and small turns of a hand-made image, and how the
// copies of a batch are laid out.
#include "data/TestTimeAugmentation.h"

#include <QTest>

#include <vector>

using namespace digitpad;

Q_DECLARE_METATYPE(digitpad::TestTimeAugmentation)
Q_DECLARE_METATYPE(std::vector<float>)

namespace {

/// A 3 × 4 image (height 3, width 4), row-major: 1 … 12, so each pixel says where it came from.
Vector counting() {
    Vector image(12);
    for (int i = 0; i < 12; ++i)
        image[i] = static_cast<Scalar>(i + 1);
    return image;
}

Vector fromList(const std::vector<float>& values) {
    Vector v(static_cast<Eigen::Index>(values.size()));
    for (std::size_t i = 0; i < values.size(); ++i)
        v[static_cast<Eigen::Index>(i)] = static_cast<Scalar>(values[i]);
    return v;
}

} // namespace

class TestTimeAugmentationTest : public QObject {
    Q_OBJECT

private slots:
    void shiftMovesEveryPixel_data();
    void shiftMovesEveryPixel();
    void turnOfNothingIsTheImage();
    void quarterTurnOfASquare();
    void smallTurnKeepsInkNearTheCentre();
    void copiesAreLaidOutByKind_data();
    void copiesAreLaidOutByKind();
    void namesReadBack();
};

void TestTimeAugmentationTest::shiftMovesEveryPixel_data() {
    QTest::addColumn<int>("dx");
    QTest::addColumn<int>("dy");
    QTest::addColumn<std::vector<float>>("expected");
    // Rows of the 3 × 4 image:  1  2  3  4 /  5  6  7  8 /  9 10 11 12; 0 is paper brought in at an edge.
    QTest::newRow("none") << 0 << 0 << std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    QTest::newRow("right") << 1 << 0 << std::vector<float>{0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11};
    QTest::newRow("left") << -1 << 0 << std::vector<float>{2, 3, 4, 0, 6, 7, 8, 0, 10, 11, 12, 0};
    QTest::newRow("down") << 0 << 1 << std::vector<float>{0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    QTest::newRow("up") << 0 << -1 << std::vector<float>{5, 6, 7, 8, 9, 10, 11, 12, 0, 0, 0, 0};
    QTest::newRow("down and right") << 1 << 1 << std::vector<float>{0, 0, 0, 0, 0, 1, 2, 3, 0, 5, 6, 7};
    QTest::newRow("up and left") << -1 << -1 << std::vector<float>{6, 7, 8, 0, 10, 11, 12, 0, 0, 0, 0, 0};
    QTest::newRow("off the image") << 4 << 0 << std::vector<float>(12, 0.f);
}

void TestTimeAugmentationTest::shiftMovesEveryPixel() {
    QFETCH(int, dx);
    QFETCH(int, dy);
    QFETCH(std::vector<float>, expected);
    const Vector shifted = shiftedImage(counting(), 3, 4, dx, dy);
    QCOMPARE(shifted, fromList(expected));
}

void TestTimeAugmentationTest::turnOfNothingIsTheImage() {
    const Vector image = counting();
    QVERIFY((rotatedImage(image, 3, 4, 0.0) - image).cwiseAbs().maxCoeff() < 1e-5f);
}

// A quarter turn clockwise (y down) of a 3 × 3 square about its middle pixel: the top row becomes the right
// column.
void TestTimeAugmentationTest::quarterTurnOfASquare() {
    const Vector square = fromList({1, 2, 3, 4, 5, 6, 7, 8, 9});
    const Vector turned = rotatedImage(square, 3, 3, 90.0);
    const Vector expected = fromList({7, 4, 1, 8, 5, 2, 9, 6, 3});
    QVERIFY2((turned - expected).cwiseAbs().maxCoeff() < 1e-4f, "a quarter turn moves each pixel by a side");
}

// A turn by kTestTimeDegrees keeps a centred dot where it was and keeps the ink's total nearly unchanged.
void TestTimeAugmentationTest::smallTurnKeepsInkNearTheCentre() {
    Vector field = Vector::Zero(28 * 28);
    for (int y = 12; y < 16; ++y)
        for (int x = 12; x < 16; ++x)
            field[y * 28 + x] = 1;
    for (const double degrees : {-kTestTimeDegrees, kTestTimeDegrees}) {
        const Vector turned = rotatedImage(field, 28, 28, degrees);
        QCOMPARE(turned[13 * 28 + 13], Scalar(1));
        QCOMPARE(turned[14 * 28 + 14], Scalar(1));
        QVERIFY(std::abs(turned.sum() - field.sum()) < 0.5f);
        QVERIFY(turned.minCoeff() >= 0);
    }
}

void TestTimeAugmentationTest::copiesAreLaidOutByKind_data() {
    QTest::addColumn<TestTimeAugmentation>("kind");
    QTest::addColumn<int>("copies");
    QTest::newRow("none") << TestTimeAugmentation::None << 1;
    QTest::newRow("shifts") << TestTimeAugmentation::Shifts << 5;
    QTest::newRow("shifts8") << TestTimeAugmentation::Shifts8 << 9;
    QTest::newRow("rotations") << TestTimeAugmentation::Rotations << 3;
}

// Copy k of image i is column k·n + i, copy 0 the image itself; the shift sets hold each one-pixel shift
// once.
void TestTimeAugmentationTest::copiesAreLaidOutByKind() {
    QFETCH(TestTimeAugmentation, kind);
    QFETCH(int, copies);
    QCOMPARE(testTimeImageCount(kind), copies);
    Matrix images(12, 2);
    images.col(0) = counting();
    images.col(1) = 2 * counting();
    const Matrix all = testTimeImages(kind, images, 3, 4);
    QCOMPARE(all.rows(), Eigen::Index(12));
    QCOMPARE(all.cols(), Eigen::Index(2 * copies));
    QCOMPARE(Matrix(all.leftCols(2)), images);
    for (int k = 1; k < copies; ++k) {
        // Every copy of the second image is twice the same copy of the first.
        QCOMPARE(Matrix(all.col(2 * k + 1)), Matrix(2 * all.col(2 * k)));
        QVERIFY(all.col(2 * k) != images.col(0));
    }
    if (kind == TestTimeAugmentation::Shifts || kind == TestTimeAugmentation::Shifts8) {
        const std::vector<std::pair<int, int>> wanted =
            kind == TestTimeAugmentation::Shifts
                ? std::vector<std::pair<int, int>>{{-1, 0}, {1, 0}, {0, -1}, {0, 1}}
                : std::vector<std::pair<int, int>>{{-1, 0},  {1, 0},  {0, -1}, {0, 1},
                                                   {-1, -1}, {1, -1}, {-1, 1}, {1, 1}};
        for (int k = 1; k < copies; ++k) {
            const auto [dx, dy] = wanted[static_cast<std::size_t>(k - 1)];
            QCOMPARE(Vector(all.col(2 * k)), shiftedImage(images.col(0), 3, 4, dx, dy));
        }
    }
}

void TestTimeAugmentationTest::namesReadBack() {
    for (const EnumName<TestTimeAugmentation>& entry : kTestTimeAugmentationNames)
        QCOMPARE(fromName<TestTimeAugmentation>(toName(entry.value)), std::optional(entry.value));
    QCOMPARE(fromName<TestTimeAugmentation>("flips"), std::nullopt);
    QCOMPARE(QString::fromStdString(nameChoices<TestTimeAugmentation>()),
             QString("none, shifts, shifts8 or rotations"));
}

QTEST_APPLESS_MAIN(TestTimeAugmentationTest)
#include "test_test_time_augmentation.moc"
