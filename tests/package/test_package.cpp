// SPDX-License-Identifier: GPL-3.0-or-later
// The Debian package: `cpack -G DEB` builds it from this build folder, `dpkg -x` unpacks it into a scratch
// root, and the programs run from there with the packaged model, as on a machine that installed it.
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& args, const QString& workingDirectory = {}) {
    QProcess process;
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, args);
    if (!process.waitForStarted() || !process.waitForFinished(300000) ||
        process.exitStatus() != QProcess::NormalExit)
        return {-1, {}, program + QStringLiteral(" did not run: ") + process.errorString()};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestPackage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(packages_.isValid());
        QVERIFY(root_.isValid());
        const Run built =
            run(QStringLiteral(DIGITPAD_CPACK),
                {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("-B"), packages_.path()},
                QStringLiteral(DIGITPAD_BUILD_DIR));
        QVERIFY2(built.exitCode == 0, qPrintable(built.out + built.err));
        const QStringList debs = QDir(packages_.path()).entryList({QStringLiteral("*.deb")}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        deb_ = QDir(packages_.path()).filePath(debs.first());
        const Run unpacked = run(QStringLiteral("dpkg"), {QStringLiteral("-x"), deb_, root_.path()});
        QVERIFY2(unpacked.exitCode == 0, qPrintable(unpacked.err));
    }

    void holdsWhatAnInstallationNeeds_data() {
        QTest::addColumn<QString>("path");
        for (const char* path :
             {"usr/bin/digitpad", "usr/bin/digitpad-cli", "usr/share/digitpad/models/default.dpm",
              "usr/share/applications/digitpad.desktop",
              "usr/share/metainfo/io.github.digitpad.DigitPad.metainfo.xml",
              "usr/share/mime/packages/digitpad.xml", "usr/share/icons/hicolor/scalable/apps/digitpad.svg",
              "usr/share/icons/hicolor/48x48/apps/digitpad.png",
              "usr/share/icons/hicolor/256x256/apps/digitpad.png", "usr/share/man/man1/digitpad.1.gz",
              "usr/share/man/man1/digitpad-cli.1.gz", "usr/share/doc/digitpad/copyright",
              "usr/share/doc/digitpad/README.md"})
            QTest::newRow(path) << QString::fromLatin1(path);
    }

    void holdsWhatAnInstallationNeeds() {
        QFETCH(QString, path);
        QVERIFY2(QFileInfo(QDir(root_.path()).filePath(path)).isFile(), qPrintable(path));
    }

    void declaresItsDependencies() {
        const Run fields =
            run(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), deb_, QStringLiteral("Depends")});
        QCOMPARE(fields.exitCode, 0);
        for (const char* dependency :
             {"libqt6widgets6", "libqcustomplot2.1-qt6", "libprotobuf", "qt6-qpa-plugins"})
            QVERIFY2(fields.out.contains(QLatin1String(dependency)), qPrintable(fields.out));
    }

    void desktopFilesPassTheirValidators() {
        const QString share = QDir(root_.path()).filePath(QStringLiteral("usr/share/"));
        const Run appstream =
            run(QStringLiteral("appstreamcli"),
                {QStringLiteral("validate"), QStringLiteral("--no-net"),
                 share + QStringLiteral("metainfo/io.github.digitpad.DigitPad.metainfo.xml")});
        if (appstream.exitCode == -1)
            QSKIP("appstreamcli is not installed (package appstream; scripts/test installs it)");
        QVERIFY2(appstream.exitCode == 0, qPrintable(appstream.out + appstream.err));
        const Run desktop = run(QStringLiteral("desktop-file-validate"),
                                {share + QStringLiteral("applications/digitpad.desktop")});
        if (desktop.exitCode == -1)
            QSKIP("desktop-file-validate is not installed (package desktop-file-utils)");
        QVERIFY2(desktop.exitCode == 0 && desktop.out.isEmpty(), qPrintable(desktop.out + desktop.err));
    }

    void programsRunFromTheUnpackedRoot() {
        const QString cli = QDir(root_.path()).filePath(QStringLiteral("usr/bin/digitpad-cli"));
        const QString model =
            QDir(root_.path()).filePath(QStringLiteral("usr/share/digitpad/models/default.dpm"));
        const Run info = run(cli, {QStringLiteral("info"), model});
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
        QVERIFY(info.out.contains(QStringLiteral("architecture")));
        // No --model: predict finds the packaged model beside the program (../share/digitpad/models).
        const Run predicted = run(cli, {QStringLiteral("predict"),
                                        QStringLiteral(DIGITPAD_TEST_DATA "/digits/7_mnist0_canvas280.png")});
        QVERIFY2(predicted.exitCode == 0, qPrintable(predicted.err));
        QVERIFY2(predicted.out.contains(QStringLiteral("7_mnist0_canvas280.png,7,")),
                 qPrintable(predicted.out));
        const Run version = run(QDir(root_.path()).filePath(QStringLiteral("usr/bin/digitpad")),
                                {QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(QStringLiteral("DigitPad ")));
    }

private:
    QTemporaryDir packages_;
    QTemporaryDir root_;
    QString deb_;
};

QTEST_APPLESS_MAIN(TestPackage)
#include "test_package.moc"
