// SPDX-License-Identifier: GPL-3.0-or-later
// The one QImage → GrayImage conversion: the GUI's path (a decoded QImage through toGrayImage) and the CLI's
// (readGrayImage on the file) give identical pixels for every fixture, opaque or with alpha, and both follow
// the documented formula: qGray luminance composited over white.
#include "QtImage.h"

#include <QBuffer>
#include <QtTest>

#include <QColor>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QPainter>
#include <QTemporaryDir>

namespace {

/// The documented formula, written out independently of the converter.
int expectedGray(QRgb pixel) {
    const int luminance = (qRed(pixel) * 11 + qGreen(pixel) * 16 + qBlue(pixel) * 5) / 32;
    const int alpha = qAlpha(pixel);
    return (luminance * alpha + 255 * (255 - alpha) + 127) / 255;
}

/// What the GUI does with an opened file: decode (orientation applied) and convert the QImage.
digitpad::GrayImage guiPath(const QString& path) {
    QImageReader reader(path);
    reader.setAutoTransform(true);
    return toGrayImage(reader.read());
}

/// Writes images with an alpha channel: ink on a transparent background, half-transparent coloured ink, and a
/// transparent gradient, as PNG (the format that keeps alpha).
QStringList writeAlphaImages(const QTemporaryDir& dir) {
    QStringList files;
    QImage transparent(64, 64, QImage::Format_ARGB32);
    transparent.fill(Qt::transparent);
    {
        QPainter painter(&transparent);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(Qt::black, 7, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(20, 10, 40, 54);
    }
    files << dir.filePath(QStringLiteral("ink-on-transparent.png"));
    transparent.save(files.last());

    QImage tinted(48, 40, QImage::Format_ARGB32);
    tinted.fill(QColor(255, 255, 255, 0));
    for (int y = 10; y < 30; ++y)
        for (int x = 8; x < 40; ++x)
            tinted.setPixel(x, y, qRgba(200, 30, 90, 128));
    files << dir.filePath(QStringLiteral("half-transparent-colour.png"));
    tinted.save(files.last());

    QImage gradient(256, 4, QImage::Format_ARGB32);
    for (int y = 0; y < gradient.height(); ++y)
        for (int x = 0; x < gradient.width(); ++x)
            gradient.setPixel(x, y, qRgba(x, 255 - x, (x * 7) % 256, x));
    files << dir.filePath(QStringLiteral("alpha-gradient.png"));
    gradient.save(files.last());
    return files;
}

} // namespace

class QtImageTest : public QObject {
    Q_OBJECT

private slots:
    void guiAndCliGiveTheSamePixels_data() {
        QTest::addColumn<QString>("path");
        const QDir digits(QStringLiteral(DIGITPAD_TEST_DATA "/digits"));
        const QStringList files =
            digits.entryList({QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.bmp")},
                             QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 3);
        for (const QString& file : files)
            QTest::newRow(qPrintable(QStringLiteral("fixture %1").arg(file))) << digits.filePath(file);
        static QTemporaryDir alpha;
        for (const QString& file : writeAlphaImages(alpha))
            QTest::newRow(qPrintable(QStringLiteral("alpha %1").arg(QFileInfo(file).fileName()))) << file;
    }

    void guiAndCliGiveTheSamePixels() {
        QFETCH(QString, path);
        const digitpad::Result<digitpad::GrayImage> cli = readGrayImage(path.toStdString());
        QVERIFY2(cli, cli ? "" : cli.error().message.c_str());
        const digitpad::GrayImage gui = guiPath(path);
        QCOMPARE(gui.width, cli->width);
        QCOMPARE(gui.height, cli->height);
        QVERIFY(gui.pixels == cli->pixels);

        QImageReader reader(path);
        reader.setAutoTransform(true);
        const QImage source = reader.read().convertToFormat(QImage::Format_ARGB32);
        int differ = 0;
        for (int y = 0; y < source.height(); ++y)
            for (int x = 0; x < source.width(); ++x)
                differ += cli->at(x, y) != expectedGray(source.pixel(x, y));
        QCOMPARE(differ, 0);

        // The same bytes from memory (the CLI's standard input) give the same pixels as the file.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const digitpad::Result<digitpad::GrayImage> decoded =
            decodeGrayImage(file.readAll(), "standard input");
        QVERIFY2(decoded, decoded ? "" : decoded.error().message.c_str());
        QCOMPARE(decoded->width, cli->width);
        QVERIFY(decoded->pixels == cli->pixels);
    }

    void transparentPaperIsWhite() {
        QImage image(8, 8, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        image.setPixel(3, 3, qRgba(0, 0, 0, 255));
        const digitpad::GrayImage gray = toGrayImage(image);
        QCOMPARE(int(gray.at(0, 0)), 255);
        QCOMPARE(int(gray.at(3, 3)), 0);
    }

    void roundTripThroughQImage() {
        digitpad::GrayImage image(5, 3);
        for (std::size_t i = 0; i < image.pixels.size(); ++i)
            image.pixels[i] = static_cast<std::uint8_t>(i * 17);
        const digitpad::GrayImage back = toGrayImage(toQImage(image));
        QVERIFY(back.pixels == image.pixels);
    }

    void unreadableFileNamesIt() {
        const digitpad::Result<digitpad::GrayImage> missing = readGrayImage("/nonexistent/digit.png");
        QVERIFY(!missing);
        QVERIFY2(QString::fromStdString(missing.error().message)
                     .contains(QStringLiteral("/nonexistent/digit.png")),
                 missing.error().message.c_str());
        QVERIFY(toGrayImage(QImage()).pixels.empty());

        const digitpad::Result<digitpad::GrayImage> garbage =
            decodeGrayImage("not an image", "standard input");
        QVERIFY(!garbage);
        QVERIFY2(garbage.error().message.starts_with("cannot read image 'standard input': "),
                 garbage.error().message.c_str());
    }

    void rejectedImagesSayWhy_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QImage white(40, 30, QImage::Format_Grayscale8);
        white.fill(255);
        QByteArray png;
        QBuffer buffer(&png);
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(white.save(&buffer, "PNG"));
        QTest::newRow("empty file") << QByteArray() << "the file is empty";
        QTest::newRow("not an image") << QByteArray("plain text, not pixels") << "not an image in a format";
        QTest::newRow("truncated png") << png.left(60) << "truncated or damaged PNG data";
    }

    void rejectedImagesSayWhy() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString path = dir.filePath("digit.png");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        const digitpad::Result<digitpad::GrayImage> read = readGrayImage(path.toStdString());
        QVERIFY(!read);
        const QString message = QString::fromStdString(read.error().message);
        QVERIFY2(message.startsWith("cannot read image '" + path + "': " + reason), qPrintable(message));
    }

    void tooLargeImagesGiveTheirSize() {
        // Qt decodes up to its allocation limit; with the limit at 1 MB (262144 pixels at 4 bytes) a 600x500
        // image is too large, and says so with its size before any pixel is decoded.
        QImage big(600, 500, QImage::Format_Grayscale8);
        big.fill(255);
        QTemporaryDir dir;
        const QString path = dir.filePath("big.png");
        QVERIFY(big.save(path, "PNG"));
        const int limit = QImageReader::allocationLimit();
        QImageReader::setAllocationLimit(1);
        const digitpad::Result<digitpad::GrayImage> read = readGrayImage(path.toStdString());
        QImageReader::setAllocationLimit(limit);
        QVERIFY(!read);
        QVERIFY2(read.error().message.find("too large: 600x500 pixels") != std::string::npos,
                 read.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(QtImageTest)
#include "test_qt_image.moc"
