// SPDX-License-Identifier: GPL-3.0-or-later
// Resume instead of restart: a run stopped after k epochs (as Ctrl+C stops it, after the checkpoint of epoch
// k was saved) and resumed from its checkpoint ends with the same weights, byte for byte, and the same curves
// as a run that never stopped — with augmentation, dropout, Adam, SGD with momentum, a learning-rate
// schedule and two shards. A checkpoint of other settings, a damaged one and one of another kind are refused
// with a message naming the file.
#include "app/TrainingSession.h"
#include "io/Checkpoint.h"
#include "io/ModelFile.h"
#include "train/Preset.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <memory>

using namespace digitpad;

namespace {

const std::string kMini = DIGITPAD_TEST_DATA "/mnist-mini";

TrainingRequest requestFor(const TrainConfig& config) {
    TrainingRequest request;
    request.dataFolder = kMini;
    request.config = config;
    request.trainingLimit = 300;
    return request;
}

/// Runs the request; with stopAfter > 0 cancels it from the epoch callback of that epoch, as Ctrl+C during
/// the next epoch would.
TrainingSessionResult run(const TrainingRequest& request, int stopAfter = 0) {
    TrainingControl control;
    TrainingSessionCallbacks callbacks;
    callbacks.onEpoch = [&](const EpochMetrics& metrics) {
        if (metrics.epoch == stopAfter)
            control.cancel = true;
    };
    callbacks.onCheckpoint = [](const CheckpointSaved& saved) {
        QVERIFY2(saved.error.empty(), saved.error.c_str());
    };
    return runTrainingSession(request, control, callbacks);
}

/// Whether two networks hold the same tensors, bit for bit.
bool sameBits(const Network& a, const Network& b) {
    const auto left = a.tensors();
    const auto right = b.tensors();
    if (left.size() != right.size())
        return false;
    for (std::size_t i = 0; i < left.size(); ++i) {
        const Matrix& x = *left[i].second;
        const Matrix& y = *right[i].second;
        if (x.rows() != y.rows() || x.cols() != y.cols() ||
            std::memcmp(x.data(), y.data(), sizeof(Scalar) * static_cast<std::size_t>(x.size())) != 0)
            return false;
    }
    return true;
}

/// Epoch figures that do not depend on timing, compared exactly (NaN equals NaN).
bool sameFigures(const EpochMetrics& a, const EpochMetrics& b) {
    const auto same = [](double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; };
    return a.epoch == b.epoch && same(a.trainLoss, b.trainLoss) && same(a.trainAccuracy, b.trainAccuracy) &&
           same(a.validationLoss, b.validationLoss) && same(a.validationAccuracy, b.validationAccuracy) &&
           same(a.testAccuracy, b.testAccuracy) && a.learningRate == b.learningRate &&
           a.validationConfusion == b.validationConfusion &&
           a.validationPredictions == b.validationPredictions;
}

TrainConfig smallConfig(const std::string& architecture) {
    TrainConfig config = *presetConfig("mlp");
    config.architecture = architecture;
    config.epochs = 3;
    config.batchSize = 40;
    config.threads = 2;
    return config;
}

} // namespace

class TrainingResumeTest : public QObject {
    Q_OBJECT

private slots:
    void resumedRunMatchesUninterruptedRun_data() {
        QTest::addColumn<QString>("optimizer");
        QTest::addColumn<bool>("augment");
        QTest::addColumn<int>("shards");
        QTest::addColumn<int>("stopAfter");
        QTest::addColumn<bool>("oneCycle");
        QTest::newRow("adam, augmentation, dropout, 2 shards, stopped after 1")
            << "adam" << true << 2 << 1 << false;
        QTest::newRow("adam, augmentation, dropout, 2 shards, stopped after 2")
            << "adam" << true << 2 << 2 << false;
        QTest::newRow("sgd momentum, dropout, 2 shards, stopped after 1")
            << "sgd" << false << 2 << 1 << false;
        QTest::newRow("sgd momentum, augmentation, dropout, 1 shard, stopped after 2")
            << "sgd" << true << 1 << 2 << false;
        QTest::newRow("adam, one-cycle, dropout, 2 shards, stopped after 1")
            << "adam" << false << 2 << 1 << true;
    }

    void resumedRunMatchesUninterruptedRun() {
        QFETCH(QString, optimizer);
        QFETCH(bool, augment);
        QFETCH(int, shards);
        QFETCH(int, stopAfter);
        QFETCH(bool, oneCycle);
        TrainConfig config = smallConfig("conv3x3x4,relu,pool2,dense24,relu,dropout30,dense10");
        config.optimizer.kind = optimizer == "sgd" ? OptimizerKind::Sgd : OptimizerKind::Adam;
        if (config.optimizer.kind == OptimizerKind::Sgd) {
            config.optimizer.learningRate = 0.05;
            config.optimizer.momentum = 0.9;
            config.optimizer.weightDecay = 1e-4;
        }
        config.augment.enabled = augment;
        config.shards = shards;
        config.lrStepEvery = 2; // the schedule's position must come back too
        if (oneCycle)           // a rate per batch, from the epoch and the batch
            config.schedule = ScheduleKind::OneCycle;
        config.seed = 7;

        const TrainingSessionResult whole = run(requestFor(config));
        QVERIFY(whole.ok());
        QCOMPARE(whole.outcome.status, TrainingStatus::Completed);
        QCOMPARE(whole.outcome.shards, shards);

        QTemporaryDir dir;
        const std::string path = dir.filePath("run.checkpoint").toStdString();
        TrainingRequest first = requestFor(config);
        first.checkpointPath = path;
        const TrainingSessionResult stopped = run(first, stopAfter);
        QVERIFY(stopped.ok());
        QCOMPARE(stopped.outcome.status, TrainingStatus::Cancelled);
        QCOMPARE(static_cast<int>(stopped.outcome.epochs.size()), stopAfter);

        Result<Checkpoint> loaded = loadCheckpoint(path);
        QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
        QCOMPARE(loaded->epochsDone(), stopAfter);
        TrainingRequest second = requestFor(config);
        second.config.threads = 1; // the thread count may differ: it does not change the weights
        second.checkpointPath = path;
        second.resumePath = path;
        second.resumeFrom = std::make_shared<const Checkpoint>(std::move(*loaded));
        std::vector<int> reported;
        TrainingControl control;
        TrainingSessionCallbacks callbacks;
        callbacks.onEpoch = [&](const EpochMetrics& metrics) { reported.push_back(metrics.epoch); };
        const TrainingSessionResult resumed = runTrainingSession(second, control, callbacks);
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : resumed.error->message.c_str());
        QCOMPARE(resumed.outcome.status, TrainingStatus::Completed);

        std::vector<int> expected;
        for (int epoch = stopAfter + 1; epoch <= config.epochs; ++epoch)
            expected.push_back(epoch);
        QCOMPARE(reported, expected);
        QVERIFY(sameBits(whole.model->network, resumed.model->network));
        QCOMPARE(resumed.outcome.epochs.size(), whole.outcome.epochs.size());
        for (std::size_t i = 0; i < whole.outcome.epochs.size(); ++i)
            QVERIFY2(sameFigures(whole.outcome.epochs[i], resumed.outcome.epochs[i]),
                     qPrintable(QStringLiteral("epoch %1 differs").arg(i + 1)));
        QCOMPARE(resumed.outcome.bestEpoch, whole.outcome.bestEpoch);
        QCOMPARE(resumed.bestModel.has_value(), whole.bestModel.has_value());
        if (whole.bestModel)
            QVERIFY(sameBits(whole.bestModel->network, resumed.bestModel->network));
        // The checkpoint went on being written: it now holds the whole run.
        Result<Checkpoint> last = loadCheckpoint(path);
        QVERIFY(last);
        QCOMPARE(last->epochsDone(), config.epochs);
    }

    /// A run of k epochs extended to N with --epochs is the N-epoch run (the CLI's "1 + 2" check).
    void shorterRunExtendedMatches() {
        TrainConfig config = smallConfig("dense32,relu,dropout20,dense10");
        config.augment.enabled = true;
        const TrainingSessionResult whole = run(requestFor(config));
        QVERIFY(whole.ok());

        QTemporaryDir dir;
        const std::string path = dir.filePath("short.checkpoint").toStdString();
        TrainingRequest shortRun = requestFor(config);
        shortRun.config.epochs = 1;
        shortRun.checkpointPath = path;
        QVERIFY(run(shortRun).ok());
        Result<Checkpoint> loaded = loadCheckpoint(path);
        QVERIFY(loaded);
        TrainingRequest rest = requestFor(config);
        rest.resumeFrom = std::make_shared<const Checkpoint>(std::move(*loaded));
        rest.resumePath = path;
        const TrainingSessionResult resumed = run(rest);
        QVERIFY(resumed.ok());
        QVERIFY(sameBits(whole.model->network, resumed.model->network));
        QCOMPARE(resumed.model->info.epochs, 3);
    }

    void mismatchedSettingsAreRefused_data() {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("expected");
        QTest::newRow("learning rate") << "lr"
                                       << "lr 0.001, this one asks for 0.01";
        QTest::newRow("seed") << "seed"
                              << "seed 1, this one asks for 2";
        QTest::newRow("layers") << "layers"
                                << "architecture";
        QTest::newRow("augmentation") << "augment"
                                      << "augment/enabled false, this one asks for true";
        QTest::newRow("training limit") << "limit"
                                        << "limit 300, this one asks for 200";
        QTest::newRow("fewer epochs than done") << "epochs"
                                                << "already completed 2 epochs, more than the 1";
        QTest::newRow("schedule") << "schedule"
                                  << "lr-schedule \"step\", this one asks for \"one-cycle\"";
        // A one-cycle schedule spreads its rates over the run's epochs: more of them would change the ones
        // done.
        QTest::newRow("more epochs of a one-cycle run") << "one-cycle epochs"
                                                        << "epochs 2, this one asks for 3";
    }

    void mismatchedSettingsAreRefused() {
        QFETCH(QString, change);
        QFETCH(QString, expected);
        TrainConfig config = smallConfig("dense16,relu,dense10");
        config.epochs = 2;
        if (change == "one-cycle epochs")
            config.schedule = ScheduleKind::OneCycle;
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.checkpoint").toStdString();
        TrainingRequest original = requestFor(config);
        original.checkpointPath = path;
        QVERIFY(run(original).ok());

        TrainingRequest other = requestFor(config);
        if (change == "lr")
            other.config.optimizer.learningRate = 0.01;
        else if (change == "seed")
            other.config.seed = 2;
        else if (change == "layers")
            other.config.architecture = "dense32,relu,dense10";
        else if (change == "augment")
            other.config.augment.enabled = true;
        else if (change == "limit")
            other.trainingLimit = 200;
        else if (change == "epochs")
            other.config.epochs = 1;
        else if (change == "schedule")
            other.config.schedule = ScheduleKind::OneCycle;
        else if (change == "one-cycle epochs")
            other.config.epochs = 3;
        Result<Checkpoint> loaded = loadCheckpoint(path);
        QVERIFY(loaded);
        other.resumeFrom = std::make_shared<const Checkpoint>(std::move(*loaded));
        other.resumePath = path;
        const TrainingSessionResult result = run(other);
        QVERIFY(!result.ok());
        const QString message = QString::fromStdString(result.error->message);
        QVERIFY2(message.contains(QString::fromStdString(path)), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        QCOMPARE(result.error->kind, ErrorKind::CheckpointMismatch); // for a front end's own wording
        QCOMPARE(result.error->path, path);
    }

    void damagedOrForeignCheckpointsAreRefused() {
        TrainConfig config = smallConfig("dense16,relu,dense10");
        config.epochs = 1;
        QTemporaryDir dir;
        const QString path = dir.filePath("good.checkpoint");
        TrainingRequest original = requestFor(config);
        original.checkpointPath = path.toStdString();
        const TrainingSessionResult trained = run(original);
        QVERIFY(trained.ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray good = file.readAll();
        file.close();

        const auto refusal = [&dir](const QString& name, const QByteArray& bytes) {
            const QString damaged = dir.filePath(name);
            QFile out(damaged);
            if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
                return QStringLiteral("cannot write the test file");
            out.close();
            const Result<Checkpoint> loaded = loadCheckpoint(damaged.toStdString());
            if (loaded)
                return QStringLiteral("accepted");
            const QString message = QString::fromStdString(loaded.error().message);
            return message.contains(damaged) ? message : QStringLiteral("no file name in: ") + message;
        };
        QVERIFY(refusal("empty", {}).contains("too short"));
        QVERIFY(refusal("truncated", good.left(good.size() / 2)).contains("truncated"));
        QVERIFY(refusal("short header", good.left(100)).contains("truncated"));
        QByteArray flipped = good;
        flipped[flipped.size() - 10] = char(flipped[flipped.size() - 10] ^ 0x10);
        QVERIFY(refusal("flipped", flipped).contains("checksum"));
        QVERIFY(refusal("longer", good + QByteArray(8, 'x')).contains("bytes more"));
        QByteArray version = good;
        version[8] = 9;
        QVERIFY(refusal("version", version).contains("version 9"));
        QByteArray hugeHeader = good;
        hugeHeader[16] = char(0xff);
        hugeHeader[17] = char(0xff);
        hugeHeader[18] = char(0xff);
        hugeHeader[19] = char(0x7f);
        QVERIFY(refusal("huge header", hugeHeader).contains("header length"));
        QVERIFY(refusal("text", "hello, I am not a checkpoint at all")
                    .contains("not a DigitPad training checkpoint"));

        // A model file is no checkpoint.
        const QString model = dir.filePath("model.dpm");
        QVERIFY(saveModel(*trained.model, model.toStdString()));
        const Result<Checkpoint> fromModel = loadCheckpoint(model.toStdString());
        QVERIFY(!fromModel);
        QVERIFY(
            QString::fromStdString(fromModel.error().message).contains("not a DigitPad training checkpoint"));
        const Result<Checkpoint> missing = loadCheckpoint(dir.filePath("missing").toStdString());
        QVERIFY(!missing);
        QVERIFY(QString::fromStdString(missing.error().message).contains("no such file"));

        // A header that parses but lies about its tensors is caught before they are allocated.
        QByteArray lying = good;
        const int at = lying.indexOf("\"weights\":[[");
        QVERIFY(at > 0);
        lying.replace(at, 12, "\"weights\":[[9");
        // The header grew by one byte: fix its length so the size check, not the length check, speaks.
        const quint32 headerLength = quint32(quint8(lying[16])) | quint32(quint8(lying[17])) << 8 |
                                     quint32(quint8(lying[18])) << 16 | quint32(quint8(lying[19])) << 24;
        const quint32 longer = headerLength + 1;
        for (int i = 0; i < 4; ++i)
            lying[16 + i] = char(longer >> (8 * i));
        QVERIFY(refusal("lying", lying).contains("truncated"));
    }
};

QTEST_APPLESS_MAIN(TrainingResumeTest)
#include "test_training_resume.moc"
