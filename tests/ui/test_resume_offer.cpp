// SPDX-License-Identifier: GPL-3.0-or-later
// Resume at start: a checkpoint left in the app-data folder by a run that was killed is offered when a new
// window starts ("Resume the training interrupted at epoch 1 of 3?"); Resume, clicked, continues the run in
// the Train tab from epoch 2 with the curves of epoch 1 restored, and the checkpoint goes once the run ends;
// Discard removes it.
#include "AppDataFolders.h"
#include "LossChart.h"
#include "MainWindow.h"
#include "TrainingController.h"
#include "TrainingPanel.h"
#include "TrainingSettingsForm.h"

#include "app/TrainingSession.h"
#include "train/Preset.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

namespace {

/// Trains 1 of 3 epochs on the mini set with a checkpoint in the app-data folder, and stops there as a
/// killed app would have: the checkpoint of epoch 1 is left behind.
void leaveInterruptedRun() {
    digitpad::TrainingRequest request;
    request.dataFolder = DIGITPAD_TEST_DATA "/mnist-mini";
    request.config = *digitpad::presetConfig("mlp");
    request.config.hiddenLayers = {16};
    request.config.epochs = 3;
    request.config.batchSize = 50;
    request.config.augment.enabled = true;
    request.testSplit = digitpad::TestSplit::Optional;
    const QString path = appdata::trainingCheckpointFile();
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    request.checkpointPath = QDir::toNativeSeparators(path).toStdString();
    digitpad::TrainingControl control;
    digitpad::TrainingSessionCallbacks callbacks;
    callbacks.onEpoch = [&control](const digitpad::EpochMetrics&) { control.cancel = true; };
    const digitpad::TrainingSessionResult result = digitpad::runTrainingSession(request, control, callbacks);
    QVERIFY(result.ok());
    QVERIFY(QFileInfo::exists(path));
}

QAbstractButton* buttonNamed(QMessageBox* box, const QString& text) {
    for (QAbstractButton* button : box->buttons())
        if (button->text().remove('&') == text)
            return button;
    return nullptr;
}

} // namespace

class TestResumeOffer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")).clear();
    }

    void init() { QFile::remove(appdata::trainingCheckpointFile()); }

    void nothingToOfferWithoutACheckpoint() {
        MainWindow window;
        window.show();
        QVERIFY(!window.offerToResumeTraining());
        QVERIFY(window.resumeOffer() == nullptr);
    }

    void resumeContinuesTheRunFromTheNextEpoch() {
        leaveInterruptedRun();
        if (QTest::currentTestFailed())
            return;
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.offerToResumeTraining());
        QMessageBox* box = window.resumeOffer();
        QVERIFY(box != nullptr);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->text(), QStringLiteral("Resume the training interrupted at epoch 1 of 3?"));

        TrainingPanel* panel = window.trainingPanel();
        QSignalSpy epochs(panel->controller(), &TrainingController::epochFinished);
        QSignalSpy finished(panel->controller(), &TrainingController::finished);
        QAbstractButton* resume = buttonNamed(box, QStringLiteral("Resume"));
        QVERIFY(resume != nullptr);
        QTest::mouseClick(resume, Qt::LeftButton);

        QCOMPARE(window.tabs()->currentWidget(), panel);
        // Epoch 1's curves are back before the run goes on.
        QCOMPARE(panel->chart()->validationAccuracyGraph()->data()->size(), 1);
        QVERIFY(panel->isTraining());
        QCOMPARE(panel->settingsForm()->config().epochs, 3);

        QVERIFY(finished.wait(120000) || finished.size() == 1);
        QCOMPARE(epochs.size(), 2);
        QCOMPARE(epochs.at(0).at(0).value<digitpad::EpochMetrics>().epoch, 2);
        QCOMPARE(epochs.at(1).at(0).value<digitpad::EpochMetrics>().epoch, 3);
        const auto outcome = finished.at(0).at(0).value<digitpad::TrainingOutcome>();
        QCOMPARE(outcome.status, digitpad::TrainingStatus::Completed);
        QCOMPARE(static_cast<int>(outcome.epochs.size()), 3);
        QCOMPARE(panel->chart()->validationAccuracyGraph()->data()->size(), 3);
        QVERIFY(panel->finishedModel() != nullptr);
        QCOMPARE(panel->finishedModel()->info.epochs, 3);
        // The run ended here and its result is offered: nothing is left to resume.
        QVERIFY(!QFileInfo::exists(appdata::trainingCheckpointFile()));
    }

    void discardRemovesTheCheckpoint() {
        leaveInterruptedRun();
        if (QTest::currentTestFailed())
            return;
        MainWindow window;
        window.show();
        QVERIFY(window.offerToResumeTraining());
        QMessageBox* box = window.resumeOffer();
        QTRY_VERIFY(box->isVisible());
        QAbstractButton* discard = buttonNamed(box, QStringLiteral("Discard"));
        QVERIFY(discard != nullptr);
        QTest::mouseClick(discard, Qt::LeftButton);
        QTRY_VERIFY(!QFileInfo::exists(appdata::trainingCheckpointFile()));
        QVERIFY(!window.trainingPanel()->isTraining());
        QVERIFY(!window.offerToResumeTraining());
    }

    void anUnreadableCheckpointIsNotOffered() {
        const QString path = appdata::trainingCheckpointFile();
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("DPRESUME and then nothing useful");
        file.close();
        MainWindow window;
        window.show();
        QVERIFY(!window.offerToResumeTraining());
        QVERIFY(QFileInfo::exists(path)); // left alone, and named in the status bar
    }
};

QTEST_MAIN(TestResumeOffer)
#include "test_resume_offer.moc"
