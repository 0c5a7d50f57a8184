// SPDX-License-Identifier: GPL-3.0-or-later
// styles.txt of a drawn-digit folder (how each canvas was drawn) and the accuracy per tag.
#include "app/TagScore.h"
#include "data/DrawnTags.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace digitpad;

namespace {

void writeTags(const QTemporaryDir& dir, const QByteArray& text) {
    QFile file(dir.filePath(kDrawnTagsFile));
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        qFatal("cannot write the fixture");
}

} // namespace

class DrawnTagsTest : public QObject {
    Q_OBJECT

private slots:
    void readsOneListPerCanvas() {
        QTemporaryDir dir;
        writeTags(dir, "# index label tags\n"
                       "0 1 shape:1-flag-base,pen:thick\n"
                       "1 7 shape:7-crossed,pen:thin\n"
                       "\n"
                       "2 1 shape:1-plain,pen:thick\n");
        const Result<std::vector<SampleTags>> tags = readDrawnTags(dir.path().toStdString(), {1, 7, 1});
        QVERIFY2(tags.ok(), tags.ok() ? "" : tags.error().message.c_str());
        QCOMPARE(tags->size(), std::size_t(3));
        QCOMPARE((*tags)[0], (SampleTags{"shape:1-flag-base", "pen:thick"}));
        QCOMPARE((*tags)[2], (SampleTags{"shape:1-plain", "pen:thick"}));
    }

    void aFolderWithoutTheFileHasNoTags() {
        QTemporaryDir dir;
        const Result<std::vector<SampleTags>> tags = readDrawnTags(dir.path().toStdString(), {1, 2});
        QVERIFY(tags.ok());
        QVERIFY(tags->empty());
    }

    void problemsNameTheFileAndLine_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("index out of order")
            << QByteArray("0 1 a:b\n2 7 a:b\n") << "line 2: expected canvas 1, got 2";
        QTest::newRow("label differs")
            << QByteArray("0 1 a:b\n1 4 a:b\n") << "line 2: label 4 but the labels file says 7";
        QTest::newRow("tag without family") << QByteArray("0 1 thick\n1 7 a:b\n") << "line 1: tag 'thick'";
        QTest::newRow("empty value") << QByteArray("0 1 pen:\n1 7 a:b\n") << "line 1: tag 'pen:'";
        QTest::newRow("missing tags") << QByteArray("0 1\n1 7 a:b\n") << "line 1: expected 'index label";
        QTest::newRow("extra field") << QByteArray("0 1 a:b c:d\n") << "line 1: expected 'index label";
        QTest::newRow("too few lines")
            << QByteArray("0 1 a:b\n") << "it describes 1 canvases, the folder holds 2";
        QTest::newRow("too many lines")
            << QByteArray("0 1 a:b\n1 7 a:b\n2 7 a:b\n") << "line 3: more lines than the 2 canvases";
    }

    void problemsNameTheFileAndLine() {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        QTemporaryDir dir;
        writeTags(dir, text);
        const Result<std::vector<SampleTags>> tags = readDrawnTags(dir.path().toStdString(), {1, 7});
        QVERIFY(!tags.ok());
        const QString got = QString::fromStdString(tags.error().message);
        QVERIFY2(got.contains(message), qPrintable(got));
        QVERIFY2(got.contains("styles.txt"), qPrintable(got));
    }

    void accuracyPerTagIsSortedByTag() {
        const std::vector<SampleTags> tags{
            {"shape:1-flag", "pen:thick"}, {"shape:1-flag", "pen:thin"}, {"shape:7-crossed", "pen:thick"}};
        const std::vector<std::uint8_t> labels{1, 1, 7};
        const std::vector<int> predictions{7, 1, 7};
        const std::vector<TagScore> scores = scoreByTag(tags, labels, predictions);
        QCOMPARE(scores.size(), std::size_t(4));
        QCOMPARE(scores[0].tag, std::string("pen:thick"));
        QCOMPARE(scores[0].count, 2);
        QCOMPARE(scores[0].correct, 1);
        QCOMPARE(scores[1].tag, std::string("pen:thin"));
        QCOMPARE(scores[1].accuracy(), 1.0);
        QCOMPARE(scores[2].tag, std::string("shape:1-flag"));
        QCOMPARE(scores[2].accuracy(), 0.5);
        QCOMPARE(scores[3].tag, std::string("shape:7-crossed"));
        QCOMPARE(tagFamily(scores[3].tag), std::string("shape"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, scoreByTag(tags, labels, {1, 1}));
    }
};

QTEST_APPLESS_MAIN(DrawnTagsTest)
#include "test_drawn_tags.moc"
