// SPDX-License-Identifier: GPL-3.0-or-later
// Where the bundled model and the data folders are looked for, shared by the GUI and the CLI.
#include "app/Locations.h"

#include <QtTest>

#include <filesystem>

using namespace digitpad;

class LocationsTest : public QObject {
    Q_OBJECT

private slots:
    void xdgDataDirsFollowTheSpecification_data() {
        QTest::addColumn<QByteArray>("dataHome");
        QTest::addColumn<QByteArray>("dataDirs");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("defaults") << QByteArray() << QByteArray()
                                  << QStringList{"/home/pat/.local/share", "/usr/local/share", "/usr/share"};
        QTest::newRow("both set") << QByteArray("/data/home") << QByteArray("/opt/share:/usr/share")
                                  << QStringList{"/data/home", "/opt/share", "/usr/share"};
        QTest::newRow("relative and empty entries are ignored")
            << QByteArray("relative/home") << QByteArray("relative::/usr/share") << QStringList{"/usr/share"};
    }

    void xdgDataDirsFollowTheSpecification() {
        QFETCH(QByteArray, dataHome);
        QFETCH(QByteArray, dataDirs);
        QFETCH(QStringList, expected);
        const QByteArray savedHome = qgetenv("HOME");
        const QByteArray savedDataHome = qgetenv("XDG_DATA_HOME");
        const QByteArray savedDataDirs = qgetenv("XDG_DATA_DIRS");
        qputenv("HOME", "/home/pat");
        qputenv("XDG_DATA_HOME", dataHome);
        qputenv("XDG_DATA_DIRS", dataDirs);
        QStringList dirs;
        for (const std::string& dir : xdgDataDirs())
            dirs << QString::fromStdString(dir);
        qputenv("HOME", savedHome);
        qputenv("XDG_DATA_HOME", savedDataHome);
        qputenv("XDG_DATA_DIRS", savedDataDirs);
        QCOMPARE(dirs, expected);
    }

    void bundledModelCandidatesInOrder() {
        const std::vector<std::string> candidates = bundledModelCandidates();
        const std::vector<std::string> data = xdgDataDirs();
        QCOMPARE(candidates.size(), data.size() + 2);
        // First next to the executable (build and install layout), then the XDG data folders, then the source
        // tree.
        const QString exeDir = QCoreApplication::applicationDirPath();
        QCOMPARE(QDir::cleanPath(QString::fromStdString(candidates[0])),
                 QDir::cleanPath(exeDir + "/../share/digitpad/models/default.dpm"));
        for (std::size_t i = 0; i < data.size(); ++i)
            QCOMPARE(QString::fromStdString(candidates[i + 1]),
                     QString::fromStdString(data[i]) + "/digitpad/models/default.dpm");
        QCOMPARE(QString::fromStdString(candidates.back()),
                 QStringLiteral(DIGITPAD_SOURCE_DIR "/models/default.dpm"));
        const std::optional<std::string> found = bundledModelPath();
        if (found)
            QVERIFY(std::find(candidates.begin(), candidates.end(), *found) != candidates.end());
    }

    void sourceTreeRootIsTheCheckout() {
        const std::optional<std::string> root = sourceTreeRoot();
        QVERIFY(root);
        QCOMPARE(QDir::cleanPath(QString::fromStdString(*root)), QDir::cleanPath(DIGITPAD_SOURCE_DIR));
    }

    void folders_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("expected");
        QTest::newRow("data folder given is used as is") << "data"
                                                         << "some/where"
                                                         << "some/where";
        QTest::newRow("drawn folder given is used as is") << "drawn"
                                                          << "my/drawn"
                                                          << "my/drawn";
        QTest::newRow("drawn folder default: the checkout's, from elsewhere")
            << "drawn"
            << "" << DIGITPAD_SOURCE_DIR "/datasets/drawn-digits";
    }

    void folders() {
        QFETCH(QString, kind);
        QFETCH(QString, given);
        QFETCH(QString, expected);
        // From a directory without data/ or datasets/, the defaults fall back to the source tree.
        QTemporaryDir elsewhere;
        const QString previous = QDir::currentPath();
        QVERIFY(QDir::setCurrent(elsewhere.path()));
        const std::string folder =
            kind == QLatin1String("data")
                ? dataFolder(given.isEmpty() ? std::nullopt : std::optional<std::string>(given.toStdString()))
                : drawnDigitsFolder(given.toStdString());
        QVERIFY(QDir::setCurrent(previous));
        QCOMPARE(QString::fromStdString(folder), expected);
    }

    void missingDataHint_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<bool>("hint");
        QTest::newRow("existing folder: no hint") << DIGITPAD_TEST_DATA "/mnist-mini" << false;
        QTest::newRow("missing folder: how to fetch MNIST") << "/nonexistent/mnist" << true;
    }

    void missingDataHint() {
        QFETCH(QString, folder);
        QFETCH(bool, hint);
        const QString text = QString::fromStdString(digitpad::missingDataHint(folder.toStdString()));
        QCOMPARE(text.contains(QStringLiteral("scripts/fetch-mnist")), hint);
        if (hint)
            QVERIFY(text.contains(folder));
    }
};

QTEST_GUILESS_MAIN(LocationsTest)
#include "test_locations.moc"
