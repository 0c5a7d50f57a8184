// SPDX-License-Identifier: GPL-3.0-or-later
// The training thread: runs on the fixture data, reports on the GUI thread, cancels, pauses, fails cleanly.
#include "DivergenceText.h"
#include "SessionErrorText.h"
#include "TrainingController.h"
#include "TrainingSettingsForm.h"
#include "TrainingTypes.h"

#include "data/AugmentSettings.h"
#include "train/Preset.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cmath>
#include <memory>

namespace {

QString fixtureFolder() {
    return QStringLiteral(DIGITPAD_TEST_DATA "/mnist-mini");
}

digitpad::TrainConfig preset(const char* name, int epochs, int batch) {
    digitpad::TrainConfig config = digitpad::presetConfig(name).value();
    config.epochs = epochs;
    config.batchSize = batch;
    return config;
}

/// A run long enough (sample by sample, many epochs) that it is still going when a test acts on it.
digitpad::TrainConfig longRun() {
    return preset("mlp", 1000, 1);
}

/// Enums compared by name, so a failure prints "cancelled" rather than a number.
template <typename Enum> QString nameOf(Enum value) {
    return QString::fromStdString(digitpad::toName(value));
}

} // namespace

class TestTrainingController : public QObject {
    Q_OBJECT
private slots:
    void completesOnFixture_data();
    void completesOnFixture();
    void cancelKeepsOnlyCompletedEpochs();
    void pauseHoldsProgress();
    void stopAndWaitDropsTheRun();
    void destroyWhileTraining();
    void failures_data();
    void failures();
    void divergedRunSaysWhy();
    void csvHasOneLinePerEpoch();
    void hiddenLayers_data();
    void hiddenLayers();
    void formRoundTripsPresets_data();
    void formRoundTripsPresets();
    void formShowsAugmentation_data();
    void formShowsAugmentation();
};

void TestTrainingController::completesOnFixture_data() {
    QTest::addColumn<QString>("presetName");
    QTest::addColumn<int>("epochs");
    QTest::addColumn<int>("batch");
    QTest::addColumn<double>("validation");
    QTest::addColumn<double>("augmentStrength"); // negative: no augmentation
    QTest::newRow("mlp, 2 epochs, batch 64") << "mlp" << 2 << 64 << 0.1 << -1.0;
    QTest::newRow("sigmoid-100 (MSE), sample by sample") << "sigmoid-100" << 1 << 1 << 0.1 << -1.0;
    QTest::newRow("relu-25-25 without a validation split") << "relu-25-25" << 1 << 32 << 0.0 << -1.0;
    QTest::newRow("mlp with augmentation strength 1.5") << "mlp" << 2 << 64 << 0.1 << 1.5;
}

void TestTrainingController::completesOnFixture() {
    QFETCH(QString, presetName);
    QFETCH(int, epochs);
    QFETCH(int, batch);
    QFETCH(double, validation);
    QFETCH(double, augmentStrength);
    digitpad::TrainConfig config = preset(presetName.toUtf8().constData(), epochs, batch);
    config.validationFraction = validation;
    if (augmentStrength >= 0.0) {
        config.augment = digitpad::AugmentSettings{}.scaled(augmentStrength);
        config.augment.enabled = true;
    }

    TrainingController controller;
    QThread* const gui = QThread::currentThread();
    int offThread = 0;
    int batches = 0;
    digitpad::BatchProgress lastBatch;
    std::vector<digitpad::EpochMetrics> epochMetrics;
    connect(&controller, &TrainingController::batchProgress, this, [&](const digitpad::BatchProgress& p) {
        offThread += QThread::currentThread() != gui;
        ++batches;
        lastBatch = p;
    });
    connect(&controller, &TrainingController::epochFinished, this, [&](const digitpad::EpochMetrics& m) {
        offThread += QThread::currentThread() != gui;
        epochMetrics.push_back(m);
    });
    digitpad::TrainingOutcome outcome;
    std::shared_ptr<const digitpad::Model> model;
    bool finished = false;
    connect(&controller, &TrainingController::finished, this,
            [&](const digitpad::TrainingOutcome& o, const TrainedModels& m) {
                offThread += QThread::currentThread() != gui;
                outcome = o;
                model = m.last;
                finished = true;
            });
    QSignalSpy failed(&controller, &TrainingController::failed);

    QVERIFY(controller.start(fixtureFolder(), config));
    QVERIFY(controller.isRunning());
    QVERIFY2(!controller.start(fixtureFolder(), config), "a second run must not start while one is going");
    QTRY_VERIFY_WITH_TIMEOUT(finished || !failed.isEmpty(), 60000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.first().first().toString()));

    QCOMPARE(offThread, 0);
    QVERIFY(!controller.isRunning());
    QCOMPARE(nameOf(outcome.status), nameOf(digitpad::TrainingStatus::Completed));
    QCOMPARE(static_cast<int>(epochMetrics.size()), epochs);
    QCOMPARE(static_cast<int>(outcome.epochs.size()), epochs);
    QVERIFY(batches >= epochs);
    // The throttle never drops the last batch of an epoch.
    QCOMPARE(lastBatch.epoch, epochs);
    QCOMPARE(lastBatch.batch, lastBatch.batchesPerEpoch);
    QVERIFY(std::isfinite(lastBatch.loss));
    QCOMPARE(std::isfinite(epochMetrics.back().validationAccuracy), validation > 0.0);
    QVERIFY(std::isfinite(epochMetrics.back().testAccuracy));

    QVERIFY(model);
    QCOMPARE(model->network.outputSize(), 10);
    QCOMPARE(QString::fromStdString(model->info.preset), presetName);
    QVERIFY(model->info.testAccuracy.has_value());
    QCOMPARE(*model->info.testAccuracy, epochMetrics.back().testAccuracy);
    QVERIFY(!model->info.trainedAt.empty());
    QCOMPARE(QString::fromStdString(model->info.augmentation),
             augmentStrength >= 0.0 ? QString::fromStdString(config.augment.describe()) : QString());
}

void TestTrainingController::cancelKeepsOnlyCompletedEpochs() {
    TrainingController controller;
    QSignalSpy batches(&controller, &TrainingController::batchProgress);
    QSignalSpy finished(&controller, &TrainingController::finished);
    QVERIFY(controller.start(fixtureFolder(), longRun()));
    QVERIFY(batches.wait(30000));
    controller.cancel();
    QVERIFY(finished.wait(30000));
    const auto outcome = finished.first().at(0).value<digitpad::TrainingOutcome>();
    const auto models = finished.first().at(1).value<TrainedModels>();
    QCOMPARE(nameOf(outcome.status), nameOf(digitpad::TrainingStatus::Cancelled));
    // Stopping keeps the epochs that completed before it (how many depends on the machine's speed) and
    // never half an epoch.
    const int done = static_cast<int>(outcome.epochs.size());
    QCOMPARE(models.last != nullptr, done > 0);
    if (models.last)
        QCOMPARE(models.last->info.epochs, done);
    QVERIFY(!controller.isRunning());
}

void TestTrainingController::pauseHoldsProgress() {
    TrainingController controller;
    QSignalSpy batches(&controller, &TrainingController::batchProgress);
    QSignalSpy paused(&controller, &TrainingController::pausedChanged);
    QSignalSpy finished(&controller, &TrainingController::finished);
    QVERIFY(controller.start(fixtureFolder(), longRun()));
    QVERIFY(batches.wait(30000));
    controller.setPaused(true);
    QVERIFY(controller.isPaused());
    QCOMPARE(paused.count(), 1);
    // The flag is read between batches, so the batch in flight may still report, once; nothing more may come
    // while paused, however long we look (a bound on counts, not on time: true on a quick or a slow machine).
    const int atPause = batches.count();
    QTest::qWait(600);
    const int whilePaused = batches.count();
    QVERIFY2(whilePaused <= atPause + 1,
             qPrintable(QStringLiteral("%1 reports while paused").arg(whilePaused - atPause)));
    QVERIFY(finished.isEmpty());

    controller.setPaused(false);
    QVERIFY(!controller.isPaused());
    QVERIFY(batches.wait(30000));
    QVERIFY(batches.count() > whilePaused);

    // Stopping a paused run must not leave the worker waiting forever.
    controller.setPaused(true);
    controller.cancel();
    QVERIFY(finished.wait(30000));
    QCOMPARE(nameOf(finished.first().at(0).value<digitpad::TrainingOutcome>().status),
             nameOf(digitpad::TrainingStatus::Cancelled));
    QVERIFY(!controller.isPaused());
}

void TestTrainingController::stopAndWaitDropsTheRun() {
    TrainingController controller;
    QSignalSpy batches(&controller, &TrainingController::batchProgress);
    QSignalSpy finished(&controller, &TrainingController::finished);
    QSignalSpy running(&controller, &TrainingController::runningChanged);
    QVERIFY(controller.start(fixtureFolder(), longRun()));
    QVERIFY(batches.wait(30000));
    controller.stopAndWait();
    QVERIFY(!controller.isRunning());
    QCOMPARE(running.count(), 2);
    QCOMPARE(running.last().first().toBool(), false);
    QCoreApplication::processEvents();
    QTest::qWait(100);
    QVERIFY2(finished.isEmpty(), "nothing of a stopped run may arrive after stopAndWait()");

    // The controller is ready for the next run.
    QVERIFY(controller.start(fixtureFolder(), preset("relu-25-25", 1, 64)));
    QVERIFY(finished.wait(30000));
    QCOMPARE(nameOf(finished.first().at(0).value<digitpad::TrainingOutcome>().status),
             nameOf(digitpad::TrainingStatus::Completed));
}

void TestTrainingController::destroyWhileTraining() {
    auto controller = std::make_unique<TrainingController>();
    QSignalSpy batches(controller.get(), &TrainingController::batchProgress);
    QVERIFY(controller->start(fixtureFolder(), longRun()));
    QVERIFY(batches.wait(30000));
    controller.reset();
    QVERIFY(!controller);
}

void TestTrainingController::failures_data() {
    QTest::addColumn<QString>("folder");
    QTest::addColumn<int>("batch");
    QTest::addColumn<QString>("expected");
    QTest::newRow("folder does not exist")
        << "/nonexistent/digitpad-data" << 64 << "/nonexistent/digitpad-data";
    QTest::newRow("folder without IDX files") << "<empty>" << 64 << "train-images";
    QTest::newRow("batch size 0") << fixtureFolder() << 0 << "batch size";
}

void TestTrainingController::failures() {
    QFETCH(QString, folder);
    QFETCH(int, batch);
    QFETCH(QString, expected);
    QTemporaryDir empty;
    if (folder == QLatin1String("<empty>"))
        folder = empty.path();
    digitpad::TrainConfig config = preset("mlp", 1, 64);
    config.batchSize = batch;

    TrainingController controller;
    QSignalSpy failed(&controller, &TrainingController::failed);
    QSignalSpy finished(&controller, &TrainingController::finished);
    QVERIFY(controller.start(folder, config));
    QVERIFY(failed.wait(30000));
    const auto error = failed.first().first().value<digitpad::SessionError>();
    const QString message = QDir::fromNativeSeparators(sessionErrorText(error));
    QVERIFY2(message.contains(expected, Qt::CaseInsensitive), qPrintable(message));
    QVERIFY(finished.isEmpty());
    QVERIFY(!controller.isRunning());
}

void TestTrainingController::divergedRunSaysWhy() {
    // Plain SGD with an absurd learning rate blows the weights up within a few batches.
    digitpad::TrainConfig config = preset("sigmoid-64-16", 3, 8);
    config.optimizer.kind = digitpad::OptimizerKind::Sgd;
    config.optimizer.learningRate = 1e30;
    config.activation = digitpad::Activation::Relu;
    config.init = digitpad::Init::He;

    TrainingController controller;
    QSignalSpy finished(&controller, &TrainingController::finished);
    QVERIFY(controller.start(fixtureFolder(), config));
    QVERIFY(finished.wait(30000));
    const auto outcome = finished.first().at(0).value<digitpad::TrainingOutcome>();
    QCOMPARE(nameOf(outcome.status), nameOf(digitpad::TrainingStatus::Diverged));
    QCOMPARE(int(outcome.epochs.size()), 0); // within the first epoch: nothing to keep
    QVERIFY(!finished.first().at(1).value<TrainedModels>().last);
    QVERIFY2(describeOutcome(outcome).contains(QString::fromStdString(outcome.reason)),
             qPrintable(describeOutcome(outcome)));
    QVERIFY(!outcome.reason.empty());
    // The GUI words the divergence from its kind and numbers; in English it says what core's text says.
    QCOMPARE(divergenceText(outcome.divergence), QString::fromStdString(outcome.reason));
}

void TestTrainingController::csvHasOneLinePerEpoch() {
    digitpad::EpochMetrics first;
    first.epoch = 1;
    first.trainLoss = 0.5;
    first.trainAccuracy = 0.75;
    first.validationLoss = std::nan("");
    first.validationAccuracy = std::nan("");
    first.testAccuracy = 0.8;
    first.learningRate = 0.001;
    first.seconds = 2.5;
    digitpad::EpochMetrics second = first;
    second.epoch = 2;
    const QStringList lines = epochMetricsCsv({first, second}).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QStringLiteral("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,"
                                      "test_accuracy,learning_rate,seconds"));
    QCOMPARE(lines[1], QStringLiteral("1,0.5,0.75,,,0.8,0.001,2.5"));
    QVERIFY(lines[2].startsWith(QStringLiteral("2,")));
}

void TestTrainingController::hiddenLayers_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QList<int>>("widths");
    QTest::addColumn<QString>("architecture");
    QTest::newRow("two widths") << "128,64" << true << QList<int>{128, 64} << "";
    QTest::newRow("spaces are ignored") << " 256 , 32 " << true << QList<int>{256, 32} << "";
    QTest::newRow("empty: no hidden layer") << "" << true << QList<int>{} << "";
    QTest::newRow("a full layer string")
        << "dense100,sigmoid,dense10,sigmoid" << true << QList<int>{} << "dense100,sigmoid,dense10,sigmoid";
    QTest::newRow("zero width") << "128,0" << false << QList<int>{} << "";
    QTest::newRow("negative width") << "-5" << false << QList<int>{} << "";
    QTest::newRow("empty token") << "dense100,,relu" << false << QList<int>{} << "";
}

void TestTrainingController::hiddenLayers() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QList<int>, widths);
    QFETCH(QString, architecture);
    std::vector<int> parsed;
    std::string parsedArchitecture;
    QCOMPARE(TrainingSettingsForm::parseHiddenLayers(text, parsed, parsedArchitecture), valid);
    if (!valid)
        return;
    QCOMPARE(QList<int>(parsed.begin(), parsed.end()), widths);
    QCOMPARE(QString::fromStdString(parsedArchitecture), architecture);
}

void TestTrainingController::formRoundTripsPresets_data() {
    QTest::addColumn<QString>("name");
    for (const digitpad::Preset& p : digitpad::presets())
        QTest::newRow(p.name.c_str()) << QString::fromStdString(p.name);
}

void TestTrainingController::formRoundTripsPresets() {
    QFETCH(QString, name);
    TrainingSettingsForm form;
    QVERIFY(form.selectPreset(name));
    const digitpad::TrainConfig expected = digitpad::presetConfig(name.toStdString()).value();
    const digitpad::TrainConfig shown = form.config();
    QVERIFY2(form.validationError().isEmpty(), qPrintable(form.validationError()));
    QCOMPARE(shown.resolvedArchitecture(), expected.resolvedArchitecture());
    QCOMPARE(nameOf(shown.loss), nameOf(expected.loss));
    QCOMPARE(nameOf(shown.optimizer.kind), nameOf(expected.optimizer.kind));
    QCOMPARE(shown.optimizer.learningRate, expected.optimizer.learningRate);
    QCOMPARE(shown.batchSize, expected.batchSize);
    QCOMPARE(shown.epochs, expected.epochs);
    QCOMPARE(shown.seed, expected.seed);
    QCOMPARE(shown.validationFraction, expected.validationFraction);
    QCOMPARE(nameOf(shown.init), nameOf(expected.init));
    QCOMPARE(shown.augment.enabled, expected.augment.enabled);
    // A preset that augments (fast-99.5) shows its strength, so the form trains what the preset says (off,
    // the magnitudes are unused and the form keeps the person's last strength).
    if (expected.augment.enabled) {
        QCOMPARE(shown.augment.rotationDegrees, expected.augment.rotationDegrees);
        QCOMPARE(shown.augment.elasticAlpha, expected.augment.elasticAlpha);
    }
    QCOMPARE(nameOf(shown.schedule), nameOf(expected.schedule));
    QCOMPARE(shown.labelSmoothing, expected.labelSmoothing);

    // An edited field wins over the preset.
    form.layersEdit()->setText(QStringLiteral("32"));
    form.epochsBox()->setValue(3);
    QCOMPARE(form.config().hiddenLayers, std::vector<int>{32});
    QCOMPARE(form.config().epochs, 3);
    form.layersEdit()->setText(QStringLiteral("32,x,"));
    QVERIFY(!form.validationError().isEmpty());
}

void TestTrainingController::formShowsAugmentation_data() {
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<double>("strength");
    // Off keeps the box at the strength last chosen: at first, the default.
    QTest::newRow("off") << false << digitpad::kDefaultAugmentStrength;
    QTest::newRow("on, default strength") << true << digitpad::kDefaultAugmentStrength;
    QTest::newRow("on, full strength") << true << 1.0;
    QTest::newRow("on, strength 0.5") << true << 0.5;
    QTest::newRow("on, strength 3 (the maximum)") << true << 3.0;
}

void TestTrainingController::formShowsAugmentation() {
    QFETCH(bool, enabled);
    QFETCH(double, strength);
    digitpad::TrainConfig config = preset("mlp", 2, 64);
    config.augment = digitpad::AugmentSettings{}.scaled(strength);
    config.augment.enabled = enabled;
    TrainingSettingsForm form;
    QSignalSpy augmentChanged(&form, &TrainingSettingsForm::augmentChanged);
    form.setConfig(config);
    QCOMPARE(augmentChanged.count(), 1);
    QCOMPARE(form.augmentBox()->isChecked(), enabled);
    QCOMPARE(form.augmentStrengthBox()->isEnabled(), enabled);
    QCOMPARE(form.augmentStrengthBox()->value(), strength);
    QCOMPARE(TrainingSettingsForm::strengthOf(config.augment), strength);
    const digitpad::TrainConfig shown = form.config();
    QCOMPARE(shown.augment.enabled, enabled);
    QCOMPARE(QString::fromStdString(shown.augment.describe()),
             QString::fromStdString(config.augment.describe()));
    QCOMPARE(shown.augment.thickenProbability, config.augment.thickenProbability);
    QVERIFY2(form.validationError().isEmpty(), qPrintable(form.validationError()));

    // The strength box is the only control of the distortions' size; it emits augmentChanged.
    form.augmentStrengthBox()->setValue(2.0);
    QCOMPARE(augmentChanged.count(), 2);
    QCOMPARE(form.config().augment.elasticAlpha, digitpad::AugmentSettings{}.elasticAlpha * 2.0);
}

QTEST_MAIN(TestTrainingController)
#include "test_training_controller.moc"
