// SPDX-License-Identifier: GPL-3.0-or-later
// The Train tab driven with real clicks: a run on the fixture data fills the plot and offers its model on the
// GUI thread; Stop offers nothing; a missing folder is reported; the GUI keeps running while training.
#include "LossChart.h"
#include "TrainingController.h"
#include "TrainingPanel.h"
#include "TrainingSettingsForm.h"

#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QThread>
#include <QTimer>

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

} // namespace

class TestTrainingPanel : public QObject {
    Q_OBJECT
private slots:
    void trainOneEpochAndUseTheModel_data();
    void trainOneEpochAndUseTheModel();
    void stopOffersNoModel();
    void missingDataFolderIsReported();
    void guiKeepsRunningWhileTraining();
    void stopAndWaitReturnsPromptly();
    void destroyWhileTraining();
};

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

void TestTrainingPanel::stopOffersNoModel() {
    TrainingPanel panel;
    panel.show();
    configure(panel, QStringLiteral("mlp"), 1000, 1);
    QSignalSpy used(&panel, &TrainingPanel::useModelRequested);
    startAndWaitForBatch(panel);
    QVERIFY(panel.stopButton()->isEnabled());
    QTest::mouseClick(panel.stopButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isTraining(), 30000);
    QVERIFY2(panel.messageText().contains(QStringLiteral("stopped")), qPrintable(panel.messageText()));
    QVERIFY(!panel.finishedModel());
    QVERIFY(!panel.useModelButton()->isEnabled());
    QVERIFY(!panel.saveModelButton()->isEnabled());
    QTest::mouseClick(panel.useModelButton(), Qt::LeftButton);
    QCOMPARE(used.count(), 0);
}

void TestTrainingPanel::missingDataFolderIsReported() {
    TrainingPanel panel;
    panel.show();
    const QString missing = QStringLiteral("/nonexistent/digitpad/mnist");
    panel.setDataFolder(missing);
    const QLabel* hint = panel.findChild<QLabel*>();
    QVERIFY(hint);
    bool fetchHintShown = false;
    for (const QLabel* label : panel.findChildren<QLabel*>())
        fetchHintShown |= label->isVisible() && label->text().contains(QStringLiteral("fetch-mnist"));
    QVERIFY2(fetchHintShown, "a missing data folder shows the command that fetches MNIST");

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
    // Sample by sample for many epochs: a second or two of training with a report every 50 ms.
    configure(panel, QStringLiteral("sigmoid-100"), 40, 1);

    int ticks = 0;
    QTimer timer;
    timer.setInterval(10);
    connect(&timer, &QTimer::timeout, this, [&] { ++ticks; });
    QElapsedTimer clock;
    QSignalSpy epochs(panel.controller(), &TrainingController::epochFinished);
    QTest::mouseClick(panel.startButton(), Qt::LeftButton);
    clock.start();
    timer.start();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isTraining(), 120000);
    timer.stop();
    const double seconds = clock.elapsed() / 1000.0;
    QCOMPARE(epochs.count(), 40);
    const double rate = ticks / seconds;
    qInfo("training took %.2f s; the GUI timer fired %d times (%.0f Hz)", seconds, ticks, rate);
    QVERIFY2(seconds > 0.3, "the run must last long enough to measure the GUI's responsiveness");
    QVERIFY2(rate >= 20.0, qPrintable(QStringLiteral("GUI timer ran at %1 Hz").arg(rate)));
    QVERIFY(panel.chart()->trainLossGraph()->dataCount() > 1);
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

QTEST_MAIN(TestTrainingPanel)
#include "test_training_panel.moc"
