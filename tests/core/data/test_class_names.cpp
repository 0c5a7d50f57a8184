// SPDX-License-Identifier: GPL-3.0-or-later
// Class names: the digits, Fashion-MNIST's ten names and how its folder is recognised, and the labels file
// (one name per line) with each way it can be wrong.
#include "data/ClassNames.h"

#include <QtTest>

using namespace digitpad;

namespace {

QStringList toList(const std::vector<std::string>& names) {
    QStringList list;
    for (const std::string& name : names)
        list << QString::fromStdString(name);
    return list;
}

} // namespace

class TestClassNames : public QObject {
    Q_OBJECT

private slots:
    void digits() {
        QCOMPARE(toList(digitClassNames(3)), QStringList({"0", "1", "2"}));
        QVERIFY(areDigitNames(digitClassNames(10)));
        QVERIFY(!areDigitNames(digitClassNames(9)));
        QVERIFY(!areDigitNames(fashionMnistClassNames()));
        QCOMPARE(fashionMnistClassNames().size(), std::size_t(10));
        QCOMPARE(fashionMnistClassNames().front(), std::string("T-shirt/top"));
        QCOMPARE(fashionMnistClassNames().back(), std::string("Ankle boot"));
    }

    void fashionFolder_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<bool>("fashion");
        QTest::newRow("Debian's") << "/usr/share/datasets/fashion-mnist" << true;
        QTest::newRow("trailing separator, capitals") << "data/Fashion-MNIST/" << true;
        QTest::newRow("underscore") << "fashion_mnist" << true;
        QTest::newRow("one word") << "FashionMNIST" << true;
        QTest::newRow("MNIST") << "data/mnist" << false;
        QTest::newRow("inside a fashion-mnist folder") << "fashion-mnist/other" << false;
    }

    void fashionFolder() {
        QFETCH(QString, folder);
        QFETCH(bool, fashion);
        QCOMPARE(isFashionMnistFolder(folder.toStdString()), fashion);
    }

    void readsLabelsFiles_data() {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("error"); // a part of the message, empty when it reads
        QTest::newRow("one per line") << QByteArray("cat\ndog\n") << QStringList{"cat", "dog"} << "";
        QTest::newRow("no final newline, CRLF, spaces trimmed, blank lines at the end")
            << QByteArray(" cat \r\nhot dog\r\n\n\n") << QStringList{"cat", "hot dog"} << "";
        QTest::newRow("UTF-8") << QByteArray("Ä\nø\n") << QStringList{"Ä", "ø"} << "";
        QTest::newRow("an empty line between names")
            << QByteArray("cat\n\ndog\n") << QStringList{} << "line 2: empty name";
        QTest::newRow("no names") << QByteArray("\n\n") << QStringList{} << "names no classes";
        QTest::newRow("a control character")
            << QByteArray("c\x1b[2Jat\n") << QStringList{} << "line 1: control characters";
        QTest::newRow("too long") << QByteArray(41, 'x') << QStringList{}
                                  << "a name of 41 bytes (at most 40)";
    }

    void readsLabelsFiles() {
        QFETCH(QByteArray, contents);
        QFETCH(QStringList, names);
        QFETCH(QString, error);
        QTemporaryDir dir;
        QFile file(dir.filePath("labels"));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size());
        file.close();
        const Result<std::vector<std::string>> read = readClassNames(file.fileName().toStdString());
        if (error.isEmpty()) {
            QVERIFY2(read, read ? "" : read.error().message.c_str());
            QCOMPARE(toList(*read), names);
        } else {
            QVERIFY(!read);
            const QString message = QString::fromStdString(read.error().message);
            QVERIFY2(message.contains(error) && message.contains(file.fileName()), qPrintable(message));
            QCOMPARE(read.error().kind, ErrorKind::ClassNamesInvalid); // for a front end's own wording
            QCOMPARE(QString::fromStdString(read.error().path), file.fileName());
        }
    }

    void missingLabelsFile() {
        const Result<std::vector<std::string>> read = readClassNames("no-such-labels-file");
        QVERIFY(!read);
        QVERIFY(QString::fromStdString(read.error().message).contains("'no-such-labels-file'"));
        QCOMPARE(read.error().kind, ErrorKind::FileUnreadable);
        QCOMPARE(read.error().path, std::string("no-such-labels-file"));
    }

    void chooses() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("fashion-mnist"));
        const std::string fashion = dir.filePath("fashion-mnist").toStdString();
        QCOMPARE(*classNamesFor(fashion, std::nullopt, 10), fashionMnistClassNames());
        QCOMPARE(*classNamesFor(fashion, std::nullopt, 5), digitClassNames(5)); // not Fashion-MNIST's classes
        QCOMPARE(*classNamesFor(dir.path().toStdString(), std::nullopt, 10), digitClassNames(10));
        QFile labels(dir.filePath("fashion-mnist/labels"));
        QVERIFY(labels.open(QIODevice::WriteOnly) && labels.write("a\nb\n") == 4);
        labels.close();
        QCOMPARE(toList(*classNamesFor(fashion, std::nullopt, 2)), QStringList({"a", "b"}));
        const Result<std::vector<std::string>> wrongCount = classNamesFor(fashion, std::nullopt, 10);
        QVERIFY(!wrongCount);
        QVERIFY(QString::fromStdString(wrongCount.error().message)
                    .contains("names 2 classes, but the data has 10"));
        QCOMPARE(wrongCount.error().kind, ErrorKind::ClassNamesInvalid);
        QCOMPARE(QString::fromStdString(wrongCount.error().path), labels.fileName());
        QFile option(dir.filePath("names"));
        QVERIFY(option.open(QIODevice::WriteOnly) && option.write("x\ny\n") == 4);
        option.close();
        QCOMPARE(toList(*classNamesFor(fashion, option.fileName().toStdString(), 2)),
                 QStringList({"x", "y"}));
    }
};

QTEST_APPLESS_MAIN(TestClassNames)
#include "test_class_names.moc"
