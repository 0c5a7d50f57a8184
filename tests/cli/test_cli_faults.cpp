// SPDX-License-Identifier: GPL-3.0-or-later
// Faults from outside, on the real digitpad-cli: a training run killed at random moments (many of them while
// it saves), a file size limit reached while saving (what a full disk looks like to the writer), and a folder
// nobody may write into. In every case the target model is absent, the old file, or a complete new one, and
// the next save leaves no temp file behind.
#include "io/ModelFile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

using namespace digitpad;

namespace {

const QString kMini = QStringLiteral(DIGITPAD_TEST_DATA "/mnist-mini");

// A wide dense layer makes a 6.4 MB model file on a few seconds' worth of data, so that a good share of a run
// is the save and the random kills below land in it often.
QStringList trainArguments(const QString& out, int seed) {
    return {"train",
            "--data",
            kMini,
            "--architecture",
            "dense2000,relu,dense10",
            "--epochs",
            "1",
            "--limit",
            "64",
            "--validation",
            "0",
            "--seed",
            QString::number(seed),
            "--out",
            out};
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList tempFilesOf(const QString& target) {
    const QFileInfo info(target);
    return QDir(info.absolutePath()).entryList({info.fileName() + ".tmp-*"}, QDir::Files | QDir::Hidden);
}

struct Finished {
    int exitCode = -1;
    QString err;
};

Finished run(const QStringList& args, std::function<void()> inChild = {}) {
    QProcess process;
    if (inChild)
        process.setChildProcessModifier(inChild);
    process.start(QStringLiteral(DIGITPAD_CLI), args);
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit)
        return {-1, QStringLiteral("digitpad-cli did not finish normally: ") + process.errorString()};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardError())};
}

/// Waits until the run has printed its (only) epoch line: training is over, the end of the run is ahead.
bool waitForEpochLine(QProcess& process) {
    if (!process.waitForStarted())
        return false;
    QByteArray output;
    while (!output.contains("epoch 1/1") && process.state() == QProcess::Running) {
        process.waitForReadyRead(1000);
        output += process.readAllStandardOutput();
    }
    return output.contains("epoch 1/1");
}

} // namespace

class TestCliFaults : public QObject {
    Q_OBJECT

    QTemporaryDir temp_;

private slots:
    void killedRunLeavesOldOrCompleteModel() {
        const QString target = temp_.filePath("killed.dpm");
        // One whole run first, for the old model and for how long the end of a run takes here — from its
        // epoch line to its exit: the final scoring and the save. The kills are spread over that end,
        // whatever the machine's speed, so that many land while the file is being written.
        QElapsedTimer clock;
        QProcess first;
        first.start(QStringLiteral(DIGITPAD_CLI), trainArguments(target, 1));
        QVERIFY(waitForEpochLine(first));
        clock.start();
        QVERIFY(first.waitForFinished(-1));
        QCOMPARE(first.exitCode(), 0);
        const qint64 endMs = std::max<qint64>(clock.elapsed(), 5);
        QByteArray current = readAll(target);
        QVERIFY(!current.isEmpty());

        constexpr int kKills = 40;
        int keptOld = 0, replacedComplete = 0, finishedBeforeKill = 0, leftTempFiles = 0;
        for (int kill = 0; kill < kKills; ++kill) {
            QProcess process;
            process.start(QStringLiteral(DIGITPAD_CLI), trainArguments(target, 100 + kill));
            QVERIFY(waitForEpochLine(process));
            const qint64 delay = endMs * QRandomGenerator::global()->bounded(120) / 100;
            if (process.waitForFinished(static_cast<int>(delay))) {
                ++finishedBeforeKill;
            } else {
                ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
                QVERIFY(process.waitForFinished(-1));
            }
            leftTempFiles += tempFilesOf(target).isEmpty() ? 0 : 1;
            const QByteArray now = readAll(target);
            if (now == current) {
                ++keptOld;
                continue;
            }
            const auto loaded = loadModel(target.toStdString());
            if (!loaded.ok())
                QFAIL(qPrintable(QString("after kill %1 at %2 ms the target is neither the old model nor a "
                                         "complete one: %3")
                                     .arg(kill)
                                     .arg(delay)
                                     .arg(QString::fromStdString(loaded.error().message))));
            ++replacedComplete;
            current = now;
        }
        qInfo("%d kills in the last %lld ms of a run: old model kept %d, complete new model %d (%d runs had "
              "finished); killed while writing (a temp file left) %d",
              kKills, endMs, keptOld, replacedComplete, finishedBeforeKill, leftTempFiles);

        // The next save of the same target clears what the killed ones left.
        QCOMPARE(run(trainArguments(target, 7)).exitCode, 0);
        QVERIFY2(tempFilesOf(target).isEmpty(), qPrintable(tempFilesOf(target).join(", ")));
        QVERIFY(loadModel(target.toStdString()).ok());
    }

    void fileSizeLimitKeepsOldModel() {
        // RLIMIT_FSIZE is what a full disk looks like to the writer, without needing a small file system: the
        // write stops part way. The 6.4 MB model cannot be written under 1 MB.
        const QString target = temp_.filePath("limited.dpm");
        QCOMPARE(run(trainArguments(target, 1)).exitCode, 0);
        const QByteArray before = readAll(target);
        const Finished limited = run(trainArguments(target, 2), [] {
            rlimit small{};
            ::getrlimit(RLIMIT_FSIZE, &small);
            small.rlim_cur = 1 << 20;
            ::setrlimit(RLIMIT_FSIZE, &small);
        });
        QCOMPARE(limited.exitCode, 1);
        QVERIFY2(limited.err.contains(target) && limited.err.contains("file too large"),
                 qPrintable(limited.err));
        QCOMPARE(readAll(target), before);
        QVERIFY2(tempFilesOf(target).isEmpty(), qPrintable(tempFilesOf(target).join(", ")));
    }

    void unwritableFolderRefusedBeforeTraining() {
        // /proc refuses new files even to root, so this runs the same as root (CI) and as a user.
        const QString target = QStringLiteral("/proc/digitpad-fault-test.dpm");
        const Finished refused = run(trainArguments(target, 1));
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(target), qPrintable(refused.err));
        QVERIFY2(!refused.err.contains("epoch 1"), qPrintable(refused.err));
        QVERIFY(!QFile::exists(target));
    }

    void explodingRunKeepsLastGoodEpoch() {
        // The reproduction: plain SGD at learning rate 100 with MSE explodes without reaching NaN.
        // The run stops, says so (exit 1), and replaces the target only with the last epoch before the
        // explosion, out loud, never with the exploded weights.
        const QString target = temp_.filePath("exploding.dpm");
        QCOMPARE(run(trainArguments(target, 1)).exitCode, 0);
        const Finished exploded =
            run({"train", "--data",   kMini, "--limit",     "64",  "--batch",    "64", "--validation",
                 "0",     "--epochs", "4",   "--optimizer", "sgd", "--momentum", "0",  "--lr",
                 "100",   "--loss",   "mse", "--out",       target});
        QCOMPARE(exploded.exitCode, 1);
        QVERIFY2(exploded.err.contains("exploded") &&
                     exploded.err.contains("saved the weights of epoch 1 to '" + target + "'"),
                 qPrintable(exploded.err));
        const auto kept = loadModel(target.toStdString());
        QVERIFY(kept.ok());
        QCOMPARE(kept->info.epochs, 1);
        for (const auto& [name, tensor] : kept->network.tensors())
            QVERIFY2(tensor->allFinite(), name.c_str());
        QVERIFY(tempFilesOf(target).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliFaults)
#include "test_cli_faults.moc"
