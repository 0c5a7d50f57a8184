// SPDX-License-Identifier: GPL-3.0-or-later
// The IDX reader on the tiny MNIST fixtures (tests/data/mnist-mini, made by scripts/make-idx-fixtures) and on
// corrupt files generated here: every bad file must give an error that names it, never a crash or an
// allocation.
#include "data/IdxReader.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

using namespace digitpad;

namespace {

const QString kMini = QStringLiteral(DIGITPAD_TEST_DATA "/mnist-mini");

/// An IDX header: 00 00 type rank, then big-endian u32 dimensions.
QByteArray idxHeader(std::uint8_t type, int rank, std::initializer_list<std::uint32_t> dimensions) {
    QByteArray bytes;
    bytes.append(char(0)).append(char(0)).append(char(type)).append(char(rank));
    for (std::uint32_t d : dimensions) {
        bytes.append(char(d >> 24)).append(char(d >> 16)).append(char(d >> 8)).append(char(d));
    }
    return bytes;
}

/// `held` images of rows × cols with distinct, non-uniform pixels, under a header that claims `claimed`.
QByteArray images(std::uint32_t claimed, int held, int rows = 28, int cols = 28) {
    QByteArray bytes = idxHeader(0x08, 3, {claimed, std::uint32_t(rows), std::uint32_t(cols)});
    for (int i = 0; i < held * rows * cols; ++i)
        bytes.append(char((i * 7) % 256));
    return bytes;
}

QByteArray labels(std::initializer_list<int> values) {
    QByteArray bytes = idxHeader(0x08, 1, {std::uint32_t(values.size())});
    for (int v : values)
        bytes.append(char(v));
    return bytes;
}

/// Gzip-compresses in memory (deflate with a gzip wrapper: windowBits 15 + 16).
QByteArray gzip(const QByteArray& raw) {
    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        qFatal("deflateInit2 failed");
    QByteArray out(int(deflateBound(&stream, uLong(raw.size()))) + 64, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.constData()));
    stream.avail_in = uInt(raw.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = uInt(out.size());
    if (deflate(&stream, Z_FINISH) != Z_STREAM_END)
        qFatal("deflate did not finish");
    out.resize(int(stream.total_out));
    deflateEnd(&stream);
    return out;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(path));
    return file.readAll();
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

} // namespace

class TestIdxReader : public QObject {
    Q_OBJECT

private slots:
    void readsFixtureFolder_data();
    void readsFixtureFolder();
    void normalisesEachColumnToUnitRange();
    void gzipAndRawGiveIdenticalData_data();
    void gzipAndRawGiveIdenticalData();
    void gzipMembersAreConcatenated();
    void folderAcceptsOtherSpellings_data();
    void folderAcceptsOtherSpellings();
    void corruptFilesAreRefused_data();
    void corruptFilesAreRefused();
    void folderErrors_data();
    void folderErrors();
};

void TestIdxReader::readsFixtureFolder_data() {
    QTest::addColumn<QString>("split");
    QTest::addColumn<int>("count");
    QTest::addColumn<QList<int>>("firstLabels");
    QTest::addColumn<QString>("name");
    QTest::newRow("first 500 training images")
        << "train" << 500 << QList<int>{5, 0, 4, 1, 9, 2, 1, 3, 1, 4} << "mnist-mini train";
    QTest::newRow("first 200 test images")
        << "t10k" << 200 << QList<int>{7, 2, 1, 0, 4, 1, 4, 9, 5, 9} << "mnist-mini test";
}

void TestIdxReader::readsFixtureFolder() {
    QFETCH(QString, split);
    QFETCH(int, count);
    QFETCH(QList<int>, firstLabels);
    QFETCH(QString, name);

    const Result<Dataset> data = readIdxFolder(kMini.toStdString(), split.toStdString());
    QVERIFY2(data.ok(), data.ok() ? "" : data.error().message.c_str());
    QCOMPARE(data->size(), count);
    QCOMPARE(data->shape, (Shape{1, 28, 28}));
    QCOMPARE(data->classes, 10);
    QCOMPARE(data->images.rows(), Eigen::Index(784));
    QCOMPARE(data->images.cols(), Eigen::Index(count));
    QCOMPARE(QString::fromStdString(data->name), name);
    for (int i = 0; i < firstLabels.size(); ++i)
        QCOMPARE(int(data->labels[std::size_t(i)]), firstLabels[i]);
    for (Eigen::Index c = 0; c < data->images.cols(); ++c) {
        QCOMPARE(data->images.col(c).minCoeff(), Scalar(0));
        QCOMPARE(data->images.col(c).maxCoeff(), Scalar(1));
    }
}

void TestIdxReader::normalisesEachColumnToUnitRange() {
    // Column i must be (pixel - min) / (max - min) of image i, computed here from the raw bytes.
    const QString imagesPath = kMini + "/t10k-images-idx3-ubyte";
    const Result<IdxArray> raw = readIdx(imagesPath.toStdString());
    QVERIFY(raw.ok());
    const Result<Dataset> data =
        readIdxDataset(imagesPath.toStdString(), (kMini + "/t10k-labels-idx1-ubyte").toStdString(), "t");
    QVERIFY(data.ok());
    for (int image : {0, 1, 199}) {
        const std::uint8_t* pixels = raw->data.data() + std::size_t(image) * 784;
        const auto [lo, hi] = std::minmax_element(pixels, pixels + 784);
        for (int p = 0; p < 784; ++p) {
            const double expected = double(pixels[p] - *lo) / double(*hi - *lo);
            QVERIFY2(std::abs(data->images(p, image) - expected) < 1e-6,
                     qPrintable(QString("image %1 pixel %2: %3 vs %4")
                                    .arg(image)
                                    .arg(p)
                                    .arg(data->images(p, image))
                                    .arg(expected)));
        }
    }
}

void TestIdxReader::gzipAndRawGiveIdenticalData_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("test images") << "t10k-images-idx3-ubyte";
    QTest::newRow("test labels") << "t10k-labels-idx1-ubyte";
}

void TestIdxReader::gzipAndRawGiveIdenticalData() {
    QFETCH(QString, file);
    const Result<IdxArray> raw = readIdx((kMini + "/" + file).toStdString());
    const Result<IdxArray> gz = readIdx((kMini + "/" + file + ".gz").toStdString());
    QVERIFY2(raw.ok(), raw.ok() ? "" : raw.error().message.c_str());
    QVERIFY2(gz.ok(), gz.ok() ? "" : gz.error().message.c_str());
    QCOMPARE(gz->dimensions, raw->dimensions);
    QCOMPARE(gz->data.size(), raw->data.size());
    QVERIFY(std::ranges::equal(gz->data, raw->data));
    QCOMPARE(raw->dimensions.front(), 200u);
}

void TestIdxReader::gzipMembersAreConcatenated() {
    // `cat a.gz b.gz` is one valid gzip stream (gzip decodes it so): only bytes that start no member are
    // trailing data.
    const QByteArray raw = images(3, 3);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("images-idx3-ubyte.gz");
    writeFile(path, gzip(raw.left(1000)) + gzip(raw.mid(1000)));
    const Result<IdxArray> array = readIdx(path.toStdString());
    QVERIFY2(array.ok(), array.ok() ? "" : array.error().message.c_str());
    QCOMPARE(array->data.size(), std::size_t(3 * 784));
    QVERIFY(std::equal(array->data.begin(), array->data.end(), raw.constData() + 16,
                       [](std::uint8_t a, char b) { return a == static_cast<std::uint8_t>(b); }));
}

void TestIdxReader::folderAcceptsOtherSpellings_data() {
    QTest::addColumn<QString>("imagesName");
    QTest::addColumn<QString>("labelsName");
    QTest::addColumn<bool>("gzipped");
    QTest::newRow("gzipped standard names") << "t10k-images-idx3-ubyte.gz"
                                            << "t10k-labels-idx1-ubyte.gz" << true;
    QTest::newRow("dotted names") << "t10k-images.idx3-ubyte"
                                  << "t10k-labels.idx1-ubyte" << false;
    QTest::newRow("dotted gzipped names") << "t10k-images.idx3-ubyte.gz"
                                          << "t10k-labels.idx1-ubyte.gz" << true;
}

void TestIdxReader::folderAcceptsOtherSpellings() {
    QFETCH(QString, imagesName);
    QFETCH(QString, labelsName);
    QFETCH(bool, gzipped);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray imageBytes = readAll(kMini + "/t10k-images-idx3-ubyte");
    const QByteArray labelBytes = readAll(kMini + "/t10k-labels-idx1-ubyte");
    writeFile(dir.filePath(imagesName), gzipped ? gzip(imageBytes) : imageBytes);
    writeFile(dir.filePath(labelsName), gzipped ? gzip(labelBytes) : labelBytes);

    const Result<Dataset> copy = readIdxFolder(dir.path().toStdString(), "t10k");
    QVERIFY2(copy.ok(), copy.ok() ? "" : copy.error().message.c_str());
    const Result<Dataset> original = readIdxFolder(kMini.toStdString(), "t10k");
    QVERIFY(original.ok());
    QVERIFY(copy->images == original->images);
    QVERIFY(copy->labels == original->labels);
}

void TestIdxReader::corruptFilesAreRefused_data() {
    QTest::addColumn<QByteArray>("imageBytes"); // a null QByteArray: the image file is not created at all
    QTest::addColumn<QByteArray>("labelBytes");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("named"); // which path the message must contain: images, labels or both

    const QByteArray goodImages = images(3, 3);
    const QByteArray goodLabels = labels({1, 2, 3});
    QByteArray badMagic = goodImages;
    badMagic[0] = char(0x12);
    badMagic[1] = char(0x34);
    QByteArray floatType = goodImages;
    floatType[2] = char(0x0d);
    QByteArray rank0 = idxHeader(0x08, 0, {});
    QByteArray rank4 = idxHeader(0x08, 4, {3, 1, 28, 28}) + goodImages.mid(16);
    QByteArray truncatedGzip = gzip(goodImages);
    truncatedGzip.chop(40);
    QByteArray corruptGzip = gzip(goodImages);
    corruptGzip[corruptGzip.size() / 2] = char(corruptGzip[corruptGzip.size() / 2] ^ 0x55);

    QTest::newRow("bad magic") << badMagic << goodLabels << "not an IDX file (magic bytes 12 34"
                               << "images";
    QTest::newRow("float type code") << floatType << goodLabels << "unsupported IDX type code 0x0d"
                                     << "images";
    QTest::newRow("rank 0") << rank0 << goodLabels << "unsupported IDX rank 0"
                            << "images";
    QTest::newRow("rank 4") << rank4 << goodLabels << "unsupported IDX rank 4"
                            << "images";
    QTest::newRow("header cut inside the dimensions")
        << idxHeader(0x08, 3, {3, 28}) << goodLabels << "header is truncated"
        << "images";
    // One image more than kMaxIdxBytes holds: refused on the header, whatever the file holds.
    const std::uint32_t overLimit = std::uint32_t(kMaxIdxBytes / 784 + 1);
    const QString overLimitMessage =
        QStringLiteral("header claims %1 images of 28x28 (%2 bytes), more than the "
                       "limit of 268435456 bytes (256 MiB)")
            .arg(overLimit)
            .arg(quint64(overLimit) * 784);
    QTest::newRow("header claims 2^31 images")
        << images(0x80000000u, 1) << goodLabels
        << "header claims 2147483648 images of 28x28 (1683627180032 bytes), more than the limit"
        << "images";
    QTest::newRow("gzip header claims 2^31 images")
        << gzip(images(0x80000000u, 1)) << goodLabels
        << "header claims 2147483648 images of 28x28 (1683627180032 bytes), more than the limit"
        << "images";
    QTest::newRow("header claims one image over the limit")
        << images(overLimit, 1) << goodLabels << overLimitMessage << "images";
    QTest::newRow("gzip header claims one image over the limit")
        << gzip(images(overLimit, 1)) << goodLabels << overLimitMessage << "images";
    QTest::newRow("gzip header claims labels over the limit")
        << goodImages << gzip(idxHeader(0x08, 1, {std::uint32_t(kMaxIdxBytes + 1)}))
        << "header claims 268435457 labels (268435457 bytes), more than the limit"
        << "labels";
    QTest::newRow("gzip header claims 300000 images, holds one")
        << gzip(images(300000, 1)) << goodLabels
        << "header claims 300000 images of 28x28 but the file holds 784 bytes of pixels"
        << "images";
    QTest::newRow("truncated pixels")
        << goodImages.left(goodImages.size() - 392) << goodLabels
        << "header claims 3 images of 28x28 but the file holds 1960 bytes of pixels"
        << "images";
    QTest::newRow("trailing garbage") << goodImages + "garbage" << goodLabels << "7 trailing bytes"
                                      << "images";
    QTest::newRow("gzip with trailing garbage")
        << gzip(goodImages + "garbage") << goodLabels << "trailing data"
        << "images";
    QTest::newRow("gzip stream decodes to far more than the header claims")
        << gzip(goodImages + QByteArray(4 << 20, '\0')) << goodLabels << "trailing data"
        << "images";
    QTest::newRow("garbage after the gzip stream")
        << gzip(goodImages) + "garbage" << goodLabels
        << "7 bytes of trailing data after the end of the gzip stream"
        << "images";
    QTest::newRow("one byte after the gzip stream")
        << gzip(goodImages) + "\x1f" << goodLabels << "1 byte of trailing data after the end of the gzip"
        << "images";
    QTest::newRow("garbage after the gzip stream of labels")
        << goodImages << gzip(goodLabels) + QByteArray(3, '\0')
        << "3 bytes of trailing data after the end of the gzip stream"
        << "labels";
    QTest::newRow("empty image file") << QByteArray("") << goodLabels << "the file is empty"
                                      << "images";
    QTest::newRow("missing image file") << QByteArray() << goodLabels << "no such file"
                                        << "images";
    QTest::newRow("labels as images") << goodLabels << goodLabels << "must have rank 3"
                                      << "images";
    QTest::newRow("images as labels") << goodImages << goodImages << "must have rank 1"
                                      << "labels";
    QTest::newRow("3 images, 2 labels") << goodImages << labels({1, 2}) << "holds 3 images but"
                                        << "both";
    QTest::newRow("2 labels named in the count mismatch") << goodImages << labels({1, 2}) << "holds 2 labels"
                                                          << "both";
    QTest::newRow("label 10") << goodImages << labels({1, 10, 3}) << "label 10 at index 1 is not a class"
                              << "labels";
    QTest::newRow("truncated gzip") << truncatedGzip << goodLabels << "truncated gzip data"
                                    << "images";
    QTest::newRow("corrupt gzip") << corruptGzip << goodLabels << "gzip data"
                                  << "images";
    QTest::newRow("zero images") << images(0, 0) << labels({}) << "holds no images"
                                 << "images";
}

void TestIdxReader::corruptFilesAreRefused() {
    QFETCH(QByteArray, imageBytes);
    QFETCH(QByteArray, labelBytes);
    QFETCH(QString, expected);
    QFETCH(QString, named);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString imagesPath = dir.filePath("images-idx3-ubyte");
    const QString labelsPath = dir.filePath("labels-idx1-ubyte");
    if (!imageBytes.isNull())
        writeFile(imagesPath, imageBytes);
    writeFile(labelsPath, labelBytes);

    const Result<Dataset> data =
        readIdxDataset(imagesPath.toStdString(), labelsPath.toStdString(), "corrupt");
    QVERIFY2(!data.ok(), "a corrupt file was accepted");
    const QString message = QString::fromStdString(data.error().message);
    QVERIFY2(message.contains(expected), qPrintable("message: " + message));
    if (named == "images" || named == "both")
        QVERIFY2(message.contains("'" + imagesPath + "'"), qPrintable("image file not named: " + message));
    if (named == "labels" || named == "both")
        QVERIFY2(message.contains("'" + labelsPath + "'"), qPrintable("label file not named: " + message));
}

void TestIdxReader::folderErrors_data() {
    QTest::addColumn<QString>("folder"); // relative to a fresh temporary directory
    QTest::addColumn<QString>("split");
    QTest::addColumn<QStringList>("files"); // copied from mnist-mini into the folder
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("kind"); // ErrorKind, for a front end's own wording

    QTest::newRow("missing folder") << "nowhere"
                                    << "train" << QStringList{} << "no such folder"
                                    << int(ErrorKind::NoSuchFolder);
    QTest::newRow("empty folder") << "."
                                  << "train" << QStringList{}
                                  << "no train images and labels (looked for train-images-idx3-ubyte[.gz]"
                                  << int(ErrorKind::SplitMissing);
    QTest::newRow("labels missing") << "."
                                    << "t10k" << QStringList{"t10k-images-idx3-ubyte"}
                                    << "no t10k labels (looked for t10k-labels-idx1-ubyte[.gz]"
                                    << int(ErrorKind::SplitMissing);
    QTest::newRow("unknown split") << "."
                                   << "validation" << QStringList{} << "unknown split 'validation'"
                                   << int(ErrorKind::Other);
}

void TestIdxReader::folderErrors() {
    QFETCH(QString, folder);
    QFETCH(QString, split);
    QFETCH(QStringList, files);
    QFETCH(QString, expected);
    QFETCH(int, kind);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString& file : files)
        QVERIFY(QFile::copy(kMini + "/" + file, dir.filePath(file)));
    const QString path = QDir::cleanPath(dir.filePath(folder));
    const Result<Dataset> data = readIdxFolder(path.toStdString(), split.toStdString());
    QVERIFY(!data.ok());
    const QString message = QString::fromStdString(data.error().message);
    QVERIFY2(message.contains(expected), qPrintable("message: " + message));
    QVERIFY2(message.contains("'" + path + "'"), qPrintable("folder not named: " + message));
    QCOMPARE(int(data.error().kind), kind);
    if (data.error().kind != ErrorKind::Other)
        QCOMPARE(QString::fromStdString(data.error().path), path);
    if (data.error().kind == ErrorKind::SplitMissing)
        QCOMPARE(QString::fromStdString(data.error().name), split);
}

QTEST_GUILESS_MAIN(TestIdxReader)
#include "test_idx_reader.moc"
