// SPDX-License-Identifier: GPL-3.0-or-later
// The Train tab driven with real clicks: a run on the fixture data fills the plot and offers its model on the
// GUI thread; Stop keeps the completed epochs; a missing folder is reported; the GUI keeps running while
// training; the Augment box reaches the run and the model file's info, and the preview strip shows the data's
// samples; the data-set box offers MNIST and Fashion-MNIST when their files are present, and a run on
// Fashion-MNIST names its classes in the confusion matrix.
#include "AugmentPreview.h"
#include "ConfusionMatrixView.h"
#include "LossChart.h"
#include "PerClassAccuracyChart.h"
#include "TrainingController.h"
#include "TrainingInsights.h"
#include "TrainingPanel.h"
#include "TrainingSettingsForm.h"

#include "data/AugmentSettings.h"
#include "data/IdxReader.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <cstdlib>
#include <memory>

namespace {

QString fixtureFolder() {
    return QStringLiteral(DIGITPAD_TEST_DATA "/mnist-mini");
}

/// Sets the fields as a user would type them.
void configure(TrainingPanel& panel, const QString& preset, int epochs, int batch) {
    panel.setDataFolder(fixtureFolder());
    QVERIFY(panel.settingsForm()->selectPreset(preset));
    panel.settingsForm()->epochsBox()->setValue(epochs);
    panel.settingsForm()->batchBox()->setValue(batch);
}

/// Clicks Start and waits until the run has sent its first batch report.
void startAndWaitForBatch(TrainingPanel& panel) {
    QSignalSpy batches(panel.controller(), &TrainingController::batchProgress);
    QTest::mouseClick(panel.startButton(), Qt::LeftButton);
    QVERIFY(panel.isTraining());
    QVERIFY(batches.wait(30000));
}

/// Copies the mini set's four IDX files into `folder` (made if missing).
bool copyMiniSet(const QString& folder) {
    if (!QDir().mkpath(folder))
        return false;
    for (const char* name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                             "t10k-labels-idx1-ubyte"})
        if (!QFile::copy(fixtureFolder() + '/' + name, folder + '/' + QString(name)))
            return false;
    return true;
}

/// Makes `path` the working directory for its lifetime, where the Train tab looks for data/mnist and
/// data/fashion-mnist, and restores the previous one.
class WorkingDirectory {
public:
    explicit WorkingDirectory(const QString& path) : previous_(QDir::currentPath()) {
        changed_ = QDir::setCurrent(path);
    }
    ~WorkingDirectory() { QDir::setCurrent(previous_); }
    WorkingDirectory(const WorkingDirectory&) = delete;
    WorkingDirectory& operator=(const WorkingDirectory&) = delete;
    bool changed() const { return changed_; }

private:
    QString previous_;
    bool changed_ = false;
};

} // namespace

class TestTrainingPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void settingsAreRememberedAcrossRestarts();
    void unreadableSettingsKeepThePresets();
    void trainOneEpochAndUseTheModel_data();
    void trainOneEpochAndUseTheModel();
    void stopKeepsTheCompletedEpochs();
    void missingDataFolderIsReported();
    void guiKeepsRunningWhileTraining();
    void stopAndWaitReturnsPromptly();
    void destroyWhileTraining();
    void augmentBoxReachesTheConfig_data();
    void augmentBoxReachesTheConfig();
    void previewShowsTheFolderSamples();
    void previewOfAMissingFolderShowsNoTiles();
    void trainOneEpochWithAugmentation();
    void framingStepBoxesReachTheConfig();
    void datasetBoxOffersTheDatasetsPresent();
    void datasetBoxIsHiddenWithoutDatasets();
};

void TestTrainingPanel::initTestCase() {
    // Settings go to a throw-away test location, never the user's.
    QStandardPaths::setTestModeEnabled(true);
}

void TestTrainingPanel::init() {
    // Every test starts from the presets, whatever an earlier one left behind.
    QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")).remove(QStringLiteral("train"));
}

void TestTrainingPanel::settingsAreRememberedAcrossRestarts() {
    const QString folder = fixtureFolder();
    {
        TrainingPanel panel;
        panel.show();
        TrainingSettingsForm* form = panel.settingsForm();
        QVERIFY(form->selectPreset(QStringLiteral("cnn")));
        // Typed as a person would: into the focused fields.
        form->epochsBox()->setFocus();
        form->epochsBox()->selectAll();
        QTest::keyClicks(form->epochsBox(), QStringLiteral("7"));
        form->batchBox()->setValue(33);
        form->layersEdit()->setText(QStringLiteral("conv5x5x8,relu,pool2,dense10"));
        QTest::mouseClick(form->augmentBox(), Qt::LeftButton);
        form->augmentStrengthBox()->setValue(1.5);
        QTest::mouseClick(form->deskewBox(), Qt::LeftButton);
        panel.setDataFolder(folder);
        QCOMPARE(form->epochsBox()->value(), 7);
    } // closing the tab saves
    TrainingPanel restarted;
    TrainingSettingsForm* form = restarted.settingsForm();
    QCOMPARE(form->presetName(), QStringLiteral("cnn"));
    QCOMPARE(form->epochsBox()->value(), 7);
    QCOMPARE(form->batchBox()->value(), 33);
    QCOMPARE(form->layersEdit()->text(), QStringLiteral("conv5x5x8,relu,pool2,dense10"));
    QVERIFY(form->augmentBox()->isChecked());
    QCOMPARE(form->augmentStrengthBox()->value(), 1.5);
    QVERIFY(form->deskewBox()->isChecked());
    QVERIFY(!form->strokeWidthBox()->isChecked());
    QCOMPARE(QDir::fromNativeSeparators(restarted.dataFolder()), folder);
    const digitpad::TrainConfig config = form->config();
    QCOMPARE(config.epochs, 7);
    QVERIFY(config.framingSteps.deskew);
}

void TestTrainingPanel::unreadableSettingsKeepThePresets() {
    QSettings settings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad"));
    settings.setValue(QStringLiteral("train/preset"), QStringLiteral("mlp"));
    settings.setValue(QStringLiteral("train/epochs"), QStringLiteral("banana"));
    settings.setValue(QStringLiteral("train/batchSize"), 1e9); // beyond the field's range
    settings.setValue(QStringLiteral("train/loss"), QStringLiteral("no-such-loss"));
    settings.sync();
    TrainingPanel panel;
    TrainingSettingsForm reference;
    QVERIFY(reference.selectPreset(QStringLiteral("mlp")));
    QCOMPARE(panel.settingsForm()->epochsBox()->value(), reference.epochsBox()->value());
    QCOMPARE(panel.settingsForm()->batchBox()->value(), reference.batchBox()->value());
    QCOMPARE(panel.settingsForm()->config().loss, reference.config().loss);

    // An unknown preset restores nothing at all.
    settings.setValue(QStringLiteral("train/preset"), QStringLiteral("no-such-preset"));
    settings.setValue(QStringLiteral("train/epochs"), 3);
    settings.sync();
    TrainingPanel second;
    QCOMPARE(second.settingsForm()->presetName(), QStringLiteral("mlp"));
    QCOMPARE(second.settingsForm()->epochsBox()->value(), reference.epochsBox()->value());
}

void TestTrainingPanel::trainOneEpochAndUseTheModel_data() {
    QTest::addColumn<QString>("preset");
    QTest::addColumn<int>("batch");
    QTest::newRow("mlp, batch 64") << "mlp" << 64;
    QTest::newRow("sigmoid-100, sample by sample") << "sigmoid-100" << 1;
}

void TestTrainingPanel::trainOneEpochAndUseTheModel() {
    QFETCH(QString, preset);
    QFETCH(int, batch);
    TrainingPanel panel;
    panel.resize(1100, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    configure(panel, preset, 1, batch);

    QSignalSpy epochs(panel.controller(), &TrainingController::epochFinished);
    QSignalSpy state(&panel, &TrainingPanel::trainingStateChanged);
    QVERIFY(!panel.useModelButton()->isEnabled());
    QTest::mouseClick(panel.startButton(), Qt::LeftButton);
    QVERIFY(panel.isTraining());
    QVERIFY(!panel.startButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isTraining(), 60000);
    QCOMPARE(state.count(), 2);
    QCOMPARE(state.at(0).first().toBool(), true);
    QCOMPARE(state.at(1).first().toBool(), false);

    QCOMPARE(epochs.count(), 1);
    LossChart* chart = panel.chart();
    QVERIFY(chart->trainLossGraph()->dataCount() > 0);
    QCOMPARE(chart->validationLossGraph()->dataCount(), 1);
    QCOMPARE(chart->trainAccuracyGraph()->dataCount(), 1);
    QCOMPARE(chart->validationAccuracyGraph()->dataCount(), 1);
    QTRY_VERIFY(chart->redrawCount() > 0);
    QVERIFY2(panel.messageText().contains(QStringLiteral("Completed 1 epoch")),
             qPrintable(panel.messageText()));
    QVERIFY(panel.finishedModel());

    // The model reaches its receiver on the GUI thread, when the user asks for it.
    QThread* receivedOn = nullptr;
    std::shared_ptr<const digitpad::Model> received;
    connect(&panel, &TrainingPanel::useModelRequested, this,
            [&](std::shared_ptr<const digitpad::Model> model) {
                receivedOn = QThread::currentThread();
                received = std::move(model);
            });
    QVERIFY(panel.useModelButton()->isEnabled());
    QVERIFY(panel.saveModelButton()->isEnabled());
    QTest::mouseClick(panel.useModelButton(), Qt::LeftButton);
    QCOMPARE(receivedOn, QThread::currentThread());
    QCOMPARE(receivedOn, panel.thread());
    QVERIFY(received);
    QCOMPARE(received.get(), panel.finishedModel().get());
    QCOMPARE(QString::fromStdString(received->info.preset), preset);
}

void TestTrainingPanel::stopKeepsTheCompletedEpochs() {
    // Stopped after at least one epoch: the run offers the weights it reached, named by epoch, and still
    // replaces nothing until Use is clicked.
    TrainingPanel panel;
    panel.show();
    configure(panel, QStringLiteral("mlp"), 1000, 1);
    QSignalSpy used(&panel, &TrainingPanel::useModelRequested);
    QSignalSpy epochs(panel.controller(), &TrainingController::epochFinished);
    startAndWaitForBatch(panel);
    QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 1, 60000);
    QVERIFY(panel.stopButton()->isEnabled());
    QTest::mouseClick(panel.stopButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isTraining(), 30000);
    QVERIFY2(panel.messageText().contains(QStringLiteral("stopped after")), qPrintable(panel.messageText()));
    QCOMPARE(used.count(), 0);
    const std::shared_ptr<const digitpad::Model> kept = panel.finishedModel();
    QVERIFY(kept);
    QVERIFY(kept->info.epochs >= 1);
    QVERIFY(panel.useModelButton()->isEnabled());
    QVERIFY(panel.saveModelButton()->isEnabled());

    // Every entry of the weights box names its epoch; choosing one with the keyboard changes what Use gives.
    QComboBox* weights = panel.weightsBox();
    QCOMPARE(weights->isVisible(), weights->count() == 2);
    for (int i = 0; i < weights->count(); ++i) {
        weights->setCurrentIndex(i);
        QVERIFY2(weights->currentText().contains(
                     QStringLiteral("epoch (%1)").arg(panel.finishedModel()->info.epochs)),
                 qPrintable(weights->currentText()));
    }
    QTest::mouseClick(panel.useModelButton(), Qt::LeftButton);
    QCOMPARE(used.count(), 1);
    QCOMPARE(used.first().first().value<std::shared_ptr<const digitpad::Model>>().get(),
             panel.finishedModel().get());
}

void TestTrainingPanel::missingDataFolderIsReported() {
    TrainingPanel panel;
    panel.show();
    const QString missing = QStringLiteral("/nonexistent/digitpad/mnist");
    panel.setDataFolder(missing);
    // The hint speaks plainly; the command that fetches MNIST is behind a button, in the box's details.
    for (const QLabel* label : panel.findChildren<QLabel*>())
        QVERIFY2(!label->isVisible() || !label->text().contains(QStringLiteral("fetch-mnist")),
                 qPrintable(label->text()));
    auto* fetchHelp = panel.findChild<QPushButton*>(QStringLiteral("fetchHelpButton"));
    QVERIFY(fetchHelp);
    QVERIFY(fetchHelp->isVisible());
    QString text;
    QString details;
    QTimer::singleShot(0, &panel, [&] {
        QTRY_VERIFY_WITH_TIMEOUT(QApplication::activeModalWidget() != nullptr, 10000);
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box);
        text = box->text();
        details = box->detailedText();
        QTest::keyClick(box, Qt::Key_Escape);
    });
    QTest::mouseClick(fetchHelp, Qt::LeftButton);
    QVERIFY2(!text.isEmpty() && !text.contains(QStringLiteral("fetch-mnist")), qPrintable(text));
    QVERIFY2(details.contains(QStringLiteral("fetch-mnist")) && details.contains(missing),
             qPrintable(details));

    QSignalSpy state(&panel, &TrainingPanel::trainingStateChanged);
    QTest::mouseClick(panel.startButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isTraining(), 30000);
    QVERIFY2(panel.messageText().contains(missing), qPrintable(panel.messageText()));
    QVERIFY(panel.startButton()->isEnabled());
    QVERIFY(!panel.finishedModel());
}

void TestTrainingPanel::guiKeepsRunningWhileTraining() {
    TrainingPanel panel;
    panel.resize(1100, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    // The convolutional preset sample by sample for the most epochs the form allows: minutes of training on
    // any machine, far longer than the test looks. The test stops the run itself, so what it checks never
    // depends on how fast this machine trains.
    configure(panel, QStringLiteral("cnn"), 1000, 1);

    int ticks = 0;
    QTimer timer;
    timer.setInterval(10);
    connect(&timer, &QTimer::timeout, this, [&] { ++ticks; });
    QSignalSpy epochs(panel.controller(), &TrainingController::epochFinished);
    startAndWaitForBatch(panel);
    timer.start();
    // The GUI thread keeps serving its timer and the chart keeps growing while the worker trains: a blocked
    // event loop would stall both until the run ended, and this run does not end by itself.
    QTRY_VERIFY_WITH_TIMEOUT(ticks >= 50 && epochs.count() >= 1, 120000);
    QVERIFY2(panel.isTraining(), "the measurement must happen during the run");
    QTRY_VERIFY_WITH_TIMEOUT(panel.chart()->trainLossGraph()->dataCount() > 1, 120000);
    QVERIFY(panel.isTraining());
    timer.stop();
    qInfo("while training: %d GUI timer ticks, %d epochs finished", ticks, int(epochs.count()));
    QTest::mouseClick(panel.stopButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isTraining(), 30000);
}

void TestTrainingPanel::stopAndWaitReturnsPromptly() {
    TrainingPanel panel;
    configure(panel, QStringLiteral("mlp"), 1000, 1);
    QSignalSpy used(&panel, &TrainingPanel::useModelRequested);
    startAndWaitForBatch(panel);
    panel.stopAndWait();
    QVERIFY(!panel.isTraining());
    QVERIFY(panel.startButton()->isEnabled());
    QTest::qWait(100);
    QVERIFY(!panel.finishedModel());
    QCOMPARE(used.count(), 0);
}

void TestTrainingPanel::destroyWhileTraining() {
    auto panel = std::make_unique<TrainingPanel>();
    panel->show();
    configure(*panel, QStringLiteral("mlp"), 1000, 1);
    startAndWaitForBatch(*panel);
    panel.reset();
    QTest::qWait(50);
    QVERIFY(!panel);
}

void TestTrainingPanel::augmentBoxReachesTheConfig_data() {
    QTest::addColumn<double>("strength");
    QTest::newRow("the default strength") << digitpad::kDefaultAugmentStrength;
    QTest::newRow("strength 2.5") << 2.5;
    QTest::newRow("strength 0: identity distortions") << 0.0;
}

void TestTrainingPanel::augmentBoxReachesTheConfig() {
    QFETCH(double, strength);
    TrainingPanel panel;
    panel.resize(1100, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    TrainingSettingsForm* form = panel.settingsForm();
    QCheckBox* box = form->augmentBox();
    QVERIFY2(!box->isChecked(), "presets train without augmentation");
    QVERIFY(!form->config().augment.enabled);
    QVERIFY(!form->augmentStrengthBox()->isEnabled());
    QCOMPARE(form->augmentStrengthBox()->value(), digitpad::kDefaultAugmentStrength);

    QTest::mouseClick(box, Qt::LeftButton);
    QVERIFY(box->isChecked());
    QVERIFY(form->augmentStrengthBox()->isEnabled());
    form->augmentStrengthBox()->setValue(strength);
    const digitpad::TrainConfig config = form->config();
    QVERIFY(config.augment.enabled);
    QVERIFY2(config.validate().ok(), config.validate() ? "" : config.validate().error().message.c_str());
    digitpad::AugmentSettings expected = digitpad::AugmentSettings{}.scaled(strength);
    expected.enabled = true;
    QCOMPARE(QString::fromStdString(config.augment.describe()), QString::fromStdString(expected.describe()));
    QCOMPARE(config.augment.rotationDegrees, 12.0 * strength);
    QVERIFY(panel.augmentPreview()->settings().enabled);

    // Choosing a preset switches it off again; clicking the box again does too.
    QVERIFY(form->selectPreset(QStringLiteral("relu-25-25")));
    QVERIFY(!box->isChecked());
    QVERIFY(!form->config().augment.enabled);
    QVERIFY(!panel.augmentPreview()->settings().enabled);
    QTest::mouseClick(box, Qt::LeftButton);
    QVERIFY(form->config().augment.enabled);
    QCOMPARE(form->augmentStrengthBox()->value(), strength); // the chosen strength is kept
    QTest::mouseClick(box, Qt::LeftButton);
    QVERIFY(!form->config().augment.enabled);
}

void TestTrainingPanel::previewShowsTheFolderSamples() {
    TrainingPanel panel;
    panel.resize(1100, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    AugmentPreview* preview = panel.augmentPreview();
    panel.setDataFolder(fixtureFolder());
    QTRY_COMPARE_WITH_TIMEOUT(preview->tileCount(), AugmentPreview::kDefaultSampleCount, 30000);
    QVERIFY2(preview->statusText().isEmpty(), qPrintable(preview->statusText()));
    QVERIFY(!preview->isLoading());
    QVERIFY(preview->isVisible());
    QVERIFY2(preview->height() >= 28, "the tiles are at least as large as the data");

    // With augmentation off the tiles are the training images themselves (normalised, as the network sees
    // them): compare each with the image it claims to show.
    const auto data = digitpad::readIdxFolder(DIGITPAD_TEST_DATA "/mnist-mini", "train");
    QVERIFY(data.ok());
    const QImage first = preview->tile(0);
    QCOMPARE(first.size(), QSize(28, 28));
    QCOMPARE(first.format(), QImage::Format_Grayscale8);
    QList<QImage> plain;
    for (int i = 0; i < preview->tileCount(); ++i) {
        plain << preview->tile(i);
        const int source = preview->tileSource(i);
        QVERIFY(source >= 0 && source < data->size());
        QCOMPARE(preview->tileLabel(i), int(data->labels[std::size_t(source)]));
        int ink = 0;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const int want = qRound(255.0 * double(data->images(y * 28 + x, source)));
                const int got = qGray(plain.last().pixel(x, y));
                QVERIFY2(std::abs(got - want) <= 1, qPrintable(QStringLiteral("tile %1 (%2, %3): %4 vs %5")
                                                                   .arg(i)
                                                                   .arg(x)
                                                                   .arg(y)
                                                                   .arg(got)
                                                                   .arg(want)));
                ink += got > 128;
            }
        QVERIFY2(ink > 20, "every tile shows a digit");
    }

    // Ticking Augment re-renders the same images distorted.
    QSignalSpy changed(preview, &AugmentPreview::samplesChanged);
    QTest::mouseClick(panel.settingsForm()->augmentBox(), Qt::LeftButton);
    QVERIFY(changed.count() > 0);
    QCOMPARE(preview->tileCount(), plain.size());
    int differ = 0;
    for (int i = 0; i < preview->tileCount(); ++i)
        differ += preview->tile(i) != plain[i];
    QVERIFY2(differ >= plain.size() / 2, qPrintable(QStringLiteral("%1 tiles changed").arg(differ)));
    QList<QImage> augmented;
    for (int i = 0; i < preview->tileCount(); ++i)
        augmented << preview->tile(i);

    // A stronger setting distorts differently; the same seed keeps the same source images.
    QList<int> labels;
    for (int i = 0; i < preview->tileCount(); ++i)
        labels << preview->tileLabel(i);
    panel.settingsForm()->augmentStrengthBox()->setValue(2.0);
    QCOMPARE(preview->tileCount(), augmented.size());
    differ = 0;
    for (int i = 0; i < preview->tileCount(); ++i) {
        differ += preview->tile(i) != augmented[i];
        QCOMPARE(preview->tileLabel(i), labels[i]);
    }
    QVERIFY(differ > 0);

    // Shuffle: a new seed, other tiles.
    const unsigned long long seed = preview->seed();
    QList<QImage> before;
    for (int i = 0; i < preview->tileCount(); ++i)
        before << preview->tile(i);
    QTest::mouseClick(panel.shuffleButton(), Qt::LeftButton);
    QVERIFY(preview->seed() != seed);
    QCOMPARE(preview->tileCount(), before.size());
    differ = 0;
    for (int i = 0; i < preview->tileCount(); ++i)
        differ += preview->tile(i) != before[i];
    QVERIFY2(differ >= before.size() / 2, qPrintable(QStringLiteral("%1 tiles changed").arg(differ)));

    // The strip is painted: grab it and find the tiles' white ink on black.
    const QImage shot = preview->grab().toImage();
    int bright = 0;
    for (int y = 0; y < shot.height(); ++y)
        for (int x = 0; x < shot.width(); ++x)
            bright += qGray(shot.pixel(x, y)) > 200;
    QVERIFY2(bright > 100, "the tiles' ink is on screen");
}

void TestTrainingPanel::previewOfAMissingFolderShowsNoTiles() {
    TrainingPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setDataFolder(fixtureFolder());
    QTRY_COMPARE_WITH_TIMEOUT(panel.augmentPreview()->tileCount(), AugmentPreview::kDefaultSampleCount,
                              30000);
    panel.setDataFolder(QStringLiteral("/nonexistent/digitpad/mnist"));
    QCOMPARE(panel.augmentPreview()->tileCount(), 0);
    QVERIFY(!panel.augmentPreview()->statusText().isEmpty());

    // A folder that has the file names but not IDX data: the reader's message, naming the file.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile fake(dir.filePath(QStringLiteral("train-images-idx3-ubyte")));
    QVERIFY(fake.open(QIODevice::WriteOnly));
    fake.write("not an IDX file");
    fake.close();
    panel.setDataFolder(dir.path());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.augmentPreview()->isLoading(), 30000);
    QCOMPARE(panel.augmentPreview()->tileCount(), 0);
    QVERIFY2(panel.augmentPreview()->statusText().contains(QStringLiteral("train-")),
             qPrintable(panel.augmentPreview()->statusText()));
}

void TestTrainingPanel::framingStepBoxesReachTheConfig() {
    TrainingPanel panel;
    panel.resize(1100, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    TrainingSettingsForm* form = panel.settingsForm();
    QVERIFY(!form->config().framingSteps.any());
    QTest::mouseClick(form->deskewBox(), Qt::LeftButton);
    QCOMPARE(form->config().framingSteps.toText(), std::string("deskew"));
    QTest::mouseClick(form->strokeWidthBox(), Qt::LeftButton);
    QCOMPARE(form->config().framingSteps.toText(), std::string("deskew,stroke-width"));
    // The training images preview shows them as training will apply them.
    QCOMPARE(panel.augmentPreview()->framingSteps().toText(), std::string("deskew,stroke-width"));
    QTest::mouseClick(form->deskewBox(), Qt::LeftButton);
    QCOMPARE(form->config().framingSteps.toText(), std::string("stroke-width"));
    // A preset is a whole recipe: choosing one sets the steps it names (none).
    QVERIFY(form->selectPreset(QStringLiteral("mlp")));
    QVERIFY(!form->config().framingSteps.any());
    QVERIFY(!form->strokeWidthBox()->isChecked());
}

void TestTrainingPanel::trainOneEpochWithAugmentation() {
    TrainingPanel panel;
    panel.resize(1100, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    configure(panel, QStringLiteral("mlp"), 1, 32);
    QTest::mouseClick(panel.settingsForm()->augmentBox(), Qt::LeftButton);
    QVERIFY(panel.settingsForm()->config().augment.enabled);

    QSignalSpy epochs(panel.controller(), &TrainingController::epochFinished);
    QTest::mouseClick(panel.startButton(), Qt::LeftButton);
    QVERIFY(panel.isTraining());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isTraining(), 60000);
    QCOMPARE(epochs.count(), 1);
    QVERIFY2(panel.messageText().contains(QStringLiteral("Completed 1 epoch")),
             qPrintable(panel.messageText()));
    QVERIFY(panel.finishedModel());
    // The model records how it was trained, for its file and `digitpad-cli info`.
    const std::string recorded = panel.finishedModel()->info.augmentation;
    QCOMPARE(QString::fromStdString(recorded),
             QString::fromStdString(panel.settingsForm()->config().augment.describe()));
    // The Train tab's default strength 0.7: ±8.4° rather than the full-strength ±12°.
    QVERIFY2(QString::fromStdString(recorded).startsWith(QStringLiteral("rotate ±8.4°")), recorded.c_str());
}

// With data/mnist and data/fashion-mnist under the working directory (the mini set under both names), the box
// offers both by name; choosing one with the keyboard or in its popup sets the folder, another folder leaves
// the box blank, and a run on Fashion-MNIST names its classes in the confusion matrix and the per-class
// chart.
void TestTrainingPanel::datasetBoxOffersTheDatasetsPresent() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString mnist = QDir::cleanPath(dir.filePath(QStringLiteral("data/mnist")));
    const QString fashion = QDir::cleanPath(dir.filePath(QStringLiteral("data/fashion-mnist")));
    QVERIFY(copyMiniSet(mnist));
    QVERIFY(copyMiniSet(fashion));
    const WorkingDirectory cd(dir.path());
    QVERIFY(cd.changed());

    TrainingPanel panel;
    panel.resize(1100, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto* box = panel.findChild<QComboBox*>(QStringLiteral("datasetBox"));
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QCOMPARE(box->count(), 2);
    QCOMPARE(box->itemText(0), QStringLiteral("MNIST"));
    QCOMPARE(box->itemText(1), QStringLiteral("Fashion-MNIST"));
    auto* folderEdit = panel.findChild<QLineEdit*>(QStringLiteral("dataFolderEdit"));
    QVERIFY(folderEdit);

    // The box names the folder's data set; the keyboard moves to Fashion-MNIST and sets its folder.
    panel.setDataFolder(mnist);
    QCOMPARE(box->currentText(), QStringLiteral("MNIST"));
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Down);
    QCOMPARE(box->currentText(), QStringLiteral("Fashion-MNIST"));
    QCOMPARE(QDir::cleanPath(panel.dataFolder()), fashion);

    // A click opens the list; in it, Up and Return go back to MNIST. (A click on an item so soon after the
    // list opened would be taken for the opening click's release.)
    QTest::mouseClick(box, Qt::LeftButton);
    QAbstractItemView* popup = box->view();
    QTRY_VERIFY(popup->isVisible());
    QTest::keyClick(popup, Qt::Key_Up);
    QTest::keyClick(popup, Qt::Key_Return);
    QTRY_VERIFY(!popup->isVisible());
    QCOMPARE(box->currentText(), QStringLiteral("MNIST"));
    QCOMPARE(QDir::cleanPath(panel.dataFolder()), mnist);

    // Another folder typed in is no known data set.
    folderEdit->setFocus();
    folderEdit->selectAll();
    QTest::keyClicks(folderEdit, fixtureFolder());
    QCOMPARE(box->currentIndex(), -1);

    // A run on Fashion-MNIST: the matrix and the chart keep the labels where space is short and name the
    // classes where a person points.
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Down);
    QTest::keyClick(box, Qt::Key_Down);
    QCOMPARE(QDir::cleanPath(panel.dataFolder()), fashion);
    QVERIFY(panel.settingsForm()->selectPreset(QStringLiteral("mlp")));
    panel.settingsForm()->epochsBox()->setValue(1);
    panel.settingsForm()->batchBox()->setValue(64);
    QSignalSpy epochs(panel.controller(), &TrainingController::epochFinished);
    QSignalSpy tested(panel.controller(), &TrainingController::testEvaluated);
    QTest::mouseClick(panel.startButton(), Qt::LeftButton);
    QVERIFY(epochs.wait(120000));
    // The validation matrix of the epoch already has the names the folder gives.
    ConfusionMatrixView* matrix = panel.insights()->confusionView();
    QCOMPARE(matrix->className(0), QStringLiteral("T-shirt/top"));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isTraining(), 120000);
    QCOMPARE(tested.count(), 1);
    QVERIFY(panel.finishedModel());
    QCOMPARE(panel.finishedModel()->info.classNames.size(), std::size_t(10));
    QCOMPARE(matrix->className(9), QStringLiteral("Ankle boot"));
    const QRect cell = matrix->cellRect(9, 9);
    QVERIFY2(
        matrix->toolTipAt(cell.center()).startsWith(QStringLiteral("True Ankle boot, answered Ankle boot")),
        qPrintable(matrix->toolTipAt(cell.center())));
    QCOMPARE(matrix->toolTipAt(QPoint(1, cell.center().y())), QStringLiteral("Class 9: Ankle boot"));
    QVERIFY2(panel.insights()->perClassChart()->barDescription(1).startsWith(QStringLiteral("Trouser: ")),
             qPrintable(panel.insights()->perClassChart()->barDescription(1)));
}

// Without MNIST or Fashion-MNIST where the tab looks, there is nothing to offer: the box is hidden.
void TestTrainingPanel::datasetBoxIsHiddenWithoutDatasets() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("data/mnist")));
    const WorkingDirectory cd(dir.path());
    QVERIFY(cd.changed());
    TrainingPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto* box = panel.findChild<QComboBox*>(QStringLiteral("datasetBox"));
    QVERIFY(box);
    if (QFileInfo::exists(QStringLiteral("/usr/share/datasets/fashion-mnist")))
        QSKIP("this machine has Fashion-MNIST installed system-wide");
    QVERIFY(!box->isVisible());
    QCOMPARE(box->count(), 0);
}

QTEST_MAIN(TestTrainingPanel)
#include "test_training_panel.moc"
