// SPDX-License-Identifier: GPL-3.0-or-later
// The drawn-digit set loader: the set in datasets/drawn-digits (made by scripts/make-drawn-digits) loads in
// both framings, each canvas goes through exactly preprocess(), and every broken folder gives an error naming
// the file.
#include "data/DrawnDigits.h"

#include <QByteArray>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <string>
#include <vector>

using namespace digitpad;

namespace {

const QString kDrawn = QStringLiteral(DIGITPAD_SOURCE_DIR "/datasets/drawn-digits");

/// An IDX header: 00 00 08 rank, then big-endian u32 dimensions.
QByteArray idxHeader(const std::vector<std::uint32_t>& dimensions) {
    QByteArray bytes;
    bytes.append(char(0)).append(char(0)).append(char(0x08)).append(char(dimensions.size()));
    for (std::uint32_t d : dimensions)
        bytes.append(char(d >> 24)).append(char(d >> 16)).append(char(d >> 8)).append(char(d));
    return bytes;
}

/// A small white canvas with a black rectangle of ink at (x, y, w, h); w == 0 leaves it blank.
GrayImage canvas(int side, int x, int y, int w, int h) {
    GrayImage image(side, side);
    for (int row = y; row < y + h; ++row)
        for (int col = x; col < x + w; ++col)
            image.at(col, row) = 0;
    return image;
}

QByteArray imagesFile(const std::vector<GrayImage>& images) {
    const int side = images.empty() ? 1 : images.front().width;
    QByteArray bytes = idxHeader({std::uint32_t(images.size()), std::uint32_t(side), std::uint32_t(side)});
    for (const GrayImage& image : images)
        bytes.append(reinterpret_cast<const char*>(image.pixels.data()), qsizetype(image.pixels.size()));
    return bytes;
}

QByteArray labelsFile(const std::vector<int>& labels) {
    QByteArray bytes = idxHeader({std::uint32_t(labels.size())});
    for (int label : labels)
        bytes.append(char(label));
    return bytes;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

/// Three distinct hand-made canvases: a tall bar (a "1"), a wide bar and a small square in a corner.
std::vector<GrayImage> handMade() {
    return {canvas(60, 28, 5, 6, 45), canvas(60, 5, 20, 40, 8), canvas(60, 2, 2, 9, 9)};
}

} // namespace

class TestDrawnDigits : public QObject {
    Q_OBJECT

private slots:
    void bundledSet_data();
    void bundledSet();
    void eachCanvasIsPreprocessed_data();
    void eachCanvasIsPreprocessed();
    void brokenFolder_data();
    void brokenFolder();
};

void TestDrawnDigits::bundledSet_data() {
    QTest::addColumn<int>("framing");
    QTest::newRow("mnist framing") << int(Framing::Mnist);
    QTest::newRow("resize framing") << int(Framing::Resize);
}

void TestDrawnDigits::bundledSet() {
    QFETCH(int, framing);
    const Result<Dataset> data = readDrawnDigits(kDrawn.toStdString(), Framing(framing));
    QVERIFY2(data.ok(), data.ok() ? "" : data.error().message.c_str());
    QCOMPARE(data->shape, (Shape{1, 28, 28}));
    QCOMPARE(data->classes, 10);
    QCOMPARE(int(data->images.rows()), 784);
    QCOMPARE(int(data->images.cols()), data->size());
    // The set is balanced: the same number of drawings of every digit, at least 100 each.
    std::vector<int> perClass(10, 0);
    for (std::uint8_t label : data->labels) {
        QVERIFY(label < 10);
        ++perClass[label];
    }
    QVERIFY2(perClass[0] >= 100, qPrintable(QString::number(perClass[0])));
    for (int digit = 1; digit < 10; ++digit)
        QCOMPARE(perClass[digit], perClass[0]);
    // Every column is a min-max normalised input with ink: min 0, max 1, no NaN.
    for (int i = 0; i < data->size(); ++i) {
        QCOMPARE(data->images.col(i).minCoeff(), Scalar(0));
        QCOMPARE(data->images.col(i).maxCoeff(), Scalar(1));
    }
    QVERIFY(data->images.allFinite());
    QVERIFY(QString::fromStdString(data->name).contains(QString::fromStdString(toName(Framing(framing)))));
}

void TestDrawnDigits::eachCanvasIsPreprocessed_data() {
    QTest::addColumn<int>("framing");
    QTest::newRow("mnist framing") << int(Framing::Mnist);
    QTest::newRow("resize framing") << int(Framing::Resize);
}

void TestDrawnDigits::eachCanvasIsPreprocessed() {
    QFETCH(int, framing);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::vector<GrayImage> images = handMade();
    QVERIFY(writeFile(dir.filePath(kDrawnImagesFile), imagesFile(images)));
    QVERIFY(writeFile(dir.filePath(kDrawnLabelsFile), labelsFile({1, 7, 4})));

    const Result<Dataset> data = readDrawnDigits(dir.path().toStdString(), Framing(framing));
    QVERIFY2(data.ok(), data.ok() ? "" : data.error().message.c_str());
    QCOMPARE(data->size(), 3);
    QCOMPARE(data->labels, (std::vector<std::uint8_t>{1, 7, 4}));
    for (int i = 0; i < 3; ++i) {
        const std::optional<Vector> expected = preprocess(images[std::size_t(i)], Framing(framing));
        QVERIFY(expected.has_value());
        QVERIFY2(data->images.col(i) == *expected, qPrintable(QString("image %1 differs").arg(i)));
    }
    // The two framings really differ on a small digit in a corner, so the framing argument is honoured.
    const Result<Dataset> other = readDrawnDigits(
        dir.path().toStdString(), Framing(framing) == Framing::Mnist ? Framing::Resize : Framing::Mnist);
    QVERIFY(other.ok());
    QVERIFY(other->images.col(2) != data->images.col(2));
}

void TestDrawnDigits::brokenFolder_data() {
    QTest::addColumn<QByteArray>("images");
    QTest::addColumn<QByteArray>("labels"); // empty: no labels file
    QTest::addColumn<QString>("file");      // the file the message must name
    QTest::addColumn<QString>("reason");
    QTest::addColumn<ErrorKind>("kind"); // the file's own bytes are unreadable, or do not fit together

    const QByteArray good = imagesFile(handMade());
    std::vector<GrayImage> withBlank = handMade();
    withBlank[1] = canvas(60, 0, 0, 0, 0);
    QTest::newRow("no labels file") << good << QByteArray() << kDrawnLabelsFile << "no such file"
                                    << ErrorKind::FileUnreadable;
    QTest::newRow("fewer labels than images")
        << good << labelsFile({1, 7}) << kDrawnLabelsFile << "3 images but" << ErrorKind::DrawnDigitsDamaged;
    QTest::newRow("label that is not a digit") << good << labelsFile({1, 12, 4}) << kDrawnLabelsFile
                                               << "label 12 of image 1" << ErrorKind::DrawnDigitsDamaged;
    QTest::newRow("blank canvas") << imagesFile(withBlank) << labelsFile({1, 7, 4}) << kDrawnImagesFile
                                  << "image 1 holds no ink" << ErrorKind::DrawnDigitsDamaged;
    QTest::newRow("labels where images belong")
        << labelsFile({1, 7, 4}) << labelsFile({1, 7, 4}) << kDrawnImagesFile << "rank 1"
        << ErrorKind::DrawnDigitsDamaged;
    QTest::newRow("truncated images") << good.left(good.size() - 100) << labelsFile({1, 7, 4})
                                      << kDrawnImagesFile << "" << ErrorKind::FileUnreadable;
}

void TestDrawnDigits::brokenFolder() {
    QFETCH(QByteArray, images);
    QFETCH(QByteArray, labels);
    QFETCH(QString, file);
    QFETCH(QString, reason);
    QFETCH(ErrorKind, kind);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(kDrawnImagesFile), images));
    if (!labels.isEmpty())
        QVERIFY(writeFile(dir.filePath(kDrawnLabelsFile), labels));
    const Result<Dataset> data = readDrawnDigits(dir.path().toStdString(), Framing::Mnist);
    QVERIFY(!data.ok());
    const QString message = QString::fromStdString(data.error().message);
    QVERIFY2(message.contains("'" + dir.filePath(file) + "'"), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    QCOMPARE(data.error().kind, kind);
    QCOMPARE(QString::fromStdString(data.error().path), dir.filePath(file));
}

QTEST_GUILESS_MAIN(TestDrawnDigits)
#include "test_drawn_digits.moc"
