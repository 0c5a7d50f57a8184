// SPDX-License-Identifier: GPL-3.0-or-later
// readSampleFolder on folders built here: the order (label, then the sidecar's createdAt, then images without
// a sidecar by name), strokes from sidecars, what it ignores, any image size and format, and an error naming
// the path for every kind of bad folder.
#include "SampleFolder.h"

#include <QtTest>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>

using namespace digitpad;

namespace {

/// A white `width` × `height` image with a black bar down its middle third (a "1"), saved as `path` in the
/// format its suffix names.
bool writeDigit(const QString& path, int width = 280, int height = 280) {
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    for (int y = height / 5; y < height * 4 / 5; ++y)
        for (int x = width * 2 / 5; x < width * 3 / 5; ++x)
            image.setPixel(x, y, qRgb(0, 0, 0));
    return QDir().mkpath(QFileInfo(path).absolutePath()) && image.save(path);
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

DrawingRecord record(const std::string& id, int label, const std::string& createdAt, bool withStrokes) {
    DrawingRecord r;
    r.id = id;
    r.label = label;
    r.createdAt = createdAt;
    if (withStrokes)
        r.drawing.strokes = {{{100.0, 50.0, 20.0}, {140.5, 230.0, 24.0}}, {{60.0, 60.0, 18.0}}};
    return r;
}

/// `<dir>/<label>/<id>.png` with its sidecar `<id>.json`.
bool writeRecorded(const QString& dir, const DrawingRecord& r) {
    const QString stem = QStringLiteral("%1/%2/%3").arg(dir).arg(r.label).arg(QString::fromStdString(r.id));
    return writeDigit(stem + ".png") && writeFile(stem + ".json", QByteArray::fromStdString(toJson(r)));
}

QString fileName(const SampleFile& file) {
    return QFileInfo(QString::fromStdString(file.imagePath)).fileName();
}

} // namespace

class SampleFolderTest : public QObject {
    Q_OBJECT

private slots:
    void ordersByLabelThenCreationThenName() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString root = dir.path();
        // Written in an order unlike the expected one; names unlike the creation order.
        QVERIFY(writeDigit(root + "/3/zz.png"));
        QVERIFY(writeRecorded(root, record("b-late", 1, "2026-12-01T10:00:09Z", true)));
        QVERIFY(writeDigit(root + "/1/d-plain.png"));
        QVERIFY(writeRecorded(root, record("a-early", 3, "2026-12-01T09:00:00Z", false)));
        QVERIFY(writeRecorded(root, record("c-first", 1, "2026-12-01T10:00:01Z", true)));
        QVERIFY(writeDigit(root + "/1/a-plain.png"));
        // Ignored: top-level files, hidden files and folders.
        QVERIFY(writeFile(root + "/index.csv", "id,label\nb-late,1\n"));
        QVERIFY(writeFile(root + "/README", "my digits"));
        QVERIFY(writeFile(root + "/1/.hidden.png", "not an image at all"));
        QVERIFY(writeFile(root + "/.thumbnails/x.png", "not an image either"));

        const Result<std::vector<SampleFile>> files = readSampleFolder(root.toStdString());
        QVERIFY2(files.ok(), files.ok() ? "" : files.error().message.c_str());
        QStringList order;
        for (const SampleFile& file : *files)
            order << QStringLiteral("%1:%2").arg(file.sample.label).arg(fileName(file));
        QCOMPARE(order, (QStringList{"1:c-first.png", "1:b-late.png", "1:a-plain.png", "1:d-plain.png",
                                     "3:a-early.png", "3:zz.png"}));
        for (const SampleFile& file : *files) {
            QCOMPARE(file.sample.source, file.imagePath);
            QCOMPARE(file.sample.image.width, 280);
            QCOMPARE(file.sample.image.height, 280);
        }
        QCOMPARE(samplesOf(*files).size(), files->size());
        QCOMPARE(samplesOf(*files)[4].source, (*files)[4].imagePath);
    }

    void takesStrokesFromTheSidecar() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const DrawingRecord drawn = record("drawn", 7, "2026-12-01T10:00:00Z", true);
        QVERIFY(writeRecorded(dir.path(), drawn));
        QVERIFY(writeRecorded(dir.path(), record("imported", 7, "2026-12-01T11:00:00Z", false)));
        QVERIFY(writeDigit(dir.path() + "/7/plain.png"));

        const Result<std::vector<SampleFile>> files = readSampleFolder(dir.path().toStdString());
        QVERIFY(files.ok());
        QCOMPARE(files->size(), std::size_t{3});
        const SampleFile& first = (*files)[0];
        QVERIFY(first.record);
        QCOMPARE(first.record->id, std::string("drawn"));
        QVERIFY(first.sample.drawing);
        QCOMPARE(first.sample.drawing->strokes.size(), std::size_t{2});
        QCOMPARE(first.sample.drawing->strokes[0].size(), std::size_t{2});
        QCOMPARE(first.sample.drawing->strokes[0][1].x, 140.5);
        QCOMPARE(first.sample.drawing->strokes[0][1].width, 24.0);
        QCOMPARE(first.sample.drawing->canvasSide, 280);
        // A record without strokes (an imported image) leaves the drawing unknown, as does no record.
        QVERIFY((*files)[1].record);
        QVERIFY(!(*files)[1].sample.drawing);
        QVERIFY(!(*files)[2].record);
        QVERIFY(!(*files)[2].sample.drawing);
        for (const SampleFile& file : *files)
            QCOMPARE(file.sample.label, 7);
    }

    void anySizeAndFormat_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::newRow("small PNG") << "a.png" << 28 << 28;
        QTest::newRow("wide PNG") << "b.png" << 400 << 120;
        QTest::newRow("JPEG") << "c.jpg" << 90 << 160;
        QTest::newRow("BMP") << "d.bmp" << 64 << 64;
        // Decoded by content, not by name.
        QTest::newRow("PNG without suffix") << "e" << 50 << 70;
    }
    void anySizeAndFormat() {
        QFETCH(QString, name);
        QFETCH(int, width);
        QFETCH(int, height);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.path() + "/4/" + name;
        if (name.contains('.')) {
            QVERIFY(writeDigit(path, width, height));
        } else {
            QVERIFY(writeDigit(path + ".png", width, height));
            QVERIFY(QFile::rename(path + ".png", path));
        }
        const Result<std::vector<SampleFile>> files = readSampleFolder(dir.path().toStdString());
        QVERIFY2(files.ok(), files.ok() ? "" : files.error().message.c_str());
        QCOMPARE(files->size(), std::size_t{1});
        const GrayImage& image = files->front().sample.image;
        QCOMPARE(image.width, width);
        QCOMPARE(image.height, height);
        QCOMPARE(files->front().sample.label, 4);
        // Black ink on white paper stays so (JPEG only nearly).
        QVERIFY(image.at(width / 2, height / 2) < 40);
        QVERIFY(image.at(1, 1) > 215);
    }

    void refusesBadFolders_data() {
        QTest::addColumn<QString>("breakage");
        QTest::addColumn<QString>("badPath"); // relative to the folder; the message must name it
        QTest::addColumn<QString>("complaint");
        QTest::newRow("missing folder") << "missing"
                                        << ""
                                        << "does not exist";
        QTest::newRow("a file, not a folder") << "file"
                                              << ""
                                              << "is not a folder";
        QTest::newRow("label 07") << "07"
                                  << "07"
                                  << "is not a label folder";
        QTest::newRow("label seven") << "seven"
                                     << "seven"
                                     << "is not a label folder";
        QTest::newRow("undecodable image") << "garbage"
                                           << "2/broken.png"
                                           << "cannot read image";
        QTest::newRow("no images at all") << "empty"
                                          << ""
                                          << "holds no images";
        QTest::newRow("only empty label folders") << "empty labels"
                                                  << ""
                                                  << "holds no images";
        QTest::newRow("sidecar names another label") << "mislabelled"
                                                     << "5/x.json"
                                                     << "says the digit is 6";
        QTest::newRow("corrupt sidecar") << "corrupt json"
                                         << "5/x.json"
                                         << "not valid JSON";
        QTest::newRow("sidecar label out of range") << "label 12"
                                                    << "5/x.json"
                                                    << "'label' must be a digit";
    }
    void refusesBadFolders() {
        QFETCH(QString, breakage);
        QFETCH(QString, badPath);
        QFETCH(QString, complaint);
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        QString root = temp.path() + "/samples";
        QVERIFY(QDir().mkpath(root));
        // A good image beside every breakage: one bad file spoils the folder, it is not skipped.
        if (breakage != "empty" && breakage != "empty labels" && breakage != "file")
            QVERIFY(writeDigit(root + "/1/good.png"));
        if (breakage == "missing") {
            root = temp.path() + "/nowhere";
        } else if (breakage == "file") {
            root = temp.path() + "/a-file";
            QVERIFY(writeFile(root, "not a folder"));
        } else if (breakage == "07" || breakage == "seven") {
            QVERIFY(writeDigit(root + "/" + breakage + "/x.png"));
        } else if (breakage == "garbage") {
            QVERIFY(writeFile(root + "/2/broken.png", "\x89PNG but not really"));
        } else if (breakage == "empty labels") {
            QVERIFY(QDir().mkpath(root + "/3"));
            QVERIFY(QDir().mkpath(root + "/8"));
        } else if (breakage == "mislabelled") {
            QVERIFY(writeDigit(root + "/5/x.png"));
            QVERIFY(
                writeFile(root + "/5/x.json", QByteArray::fromStdString(toJson(record("x", 6, "", true)))));
        } else if (breakage == "corrupt json") {
            QVERIFY(writeDigit(root + "/5/x.png"));
            QVERIFY(writeFile(root + "/5/x.json", "{\"id\": \"x\", \"label\": 5, \"strokes\": [[[1, 2"));
        } else if (breakage == "label 12") {
            QVERIFY(writeDigit(root + "/5/x.png"));
            QVERIFY(writeFile(root + "/5/x.json", "{\"id\": \"x\", \"label\": 12}"));
        }
        const Result<std::vector<SampleFile>> files = readSampleFolder(root.toStdString());
        QVERIFY(!files.ok());
        const QString message = QString::fromStdString(files.error().message);
        const QString named = badPath.isEmpty() ? root : root + "/" + badPath;
        QVERIFY2(message.contains("'" + named + "'"), qPrintable(message));
        QVERIFY2(message.contains(complaint), qPrintable(message));
    }

    void skipsBadEntriesWhenLenient() {
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        const QString root = temp.path();
        QVERIFY(writeRecorded(root, record("b", 1, "2026-01-02T00:00:00Z", true)));
        QVERIFY(writeRecorded(root, record("a", 4, "2026-01-01T00:00:00Z", false)));
        QVERIFY(writeFile(root + "/2/broken.png", "\x89PNG but not really"));
        QVERIFY(writeDigit(root + "/seven/x.png"));
        QVERIFY(writeDigit(root + "/5/x.png"));
        QVERIFY(writeFile(root + "/5/x.json", "{\"id\": \"x\", \"label\": 12}"));

        const Result<SampleFolderReading> reading = readSampleFolderSkippingProblems(root.toStdString());
        QVERIFY(reading.ok());
        QCOMPARE(reading->files.size(), std::size_t{2});
        QCOMPARE(fileName(reading->files[0]), QStringLiteral("b.png"));
        QCOMPARE(fileName(reading->files[1]), QStringLiteral("a.png"));
        QCOMPARE(reading->problems.size(), std::size_t{3});
        const QString problems =
            QString::fromStdString(reading->problems[0].message + "\n" + reading->problems[1].message + "\n" +
                                   reading->problems[2].message);
        for (const QString& bad : {root + "/seven", root + "/2/broken.png", root + "/5/x.json"})
            QVERIFY2(problems.contains("'" + bad + "'"), qPrintable(problems));
        // Each names the entry left out, for a front end to list in its own words: the x.json's drawing.
        QStringList left;
        for (const Error& problem : reading->problems)
            left.append(QDir::cleanPath(QString::fromStdString(problem.path)));
        left.sort();
        QCOMPARE(left, (QStringList{root + "/2/broken.png", root + "/5/x.png", root + "/seven"}));

        // An empty folder reads as nothing, without a problem; a missing one is an error.
        QTemporaryDir empty;
        const Result<SampleFolderReading> none = readSampleFolderSkippingProblems(empty.path().toStdString());
        QVERIFY(none.ok() && none->files.empty() && none->problems.empty());
        QVERIFY(!readSampleFolderSkippingProblems((root + "/nowhere").toStdString()).ok());
    }
};

QTEST_GUILESS_MAIN(SampleFolderTest)
#include "test_sample_folder.moc"
