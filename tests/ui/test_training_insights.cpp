// SPDX-License-Identifier: GPL-3.0-or-later
// The Train tab's confusion matrix, accuracy per class and mistakes, driven with real events: a click (and
// Enter) on a matrix cell opens exactly the images behind it; after a run on the fixture data the test set's
// matrix and mistakes show (for a stopped run too: its last complete epoch), and clicking a mistake puts it
// on the Recognize tab's canvas and recognises it.
#include "ConfusionCellDialog.h"
#include "ConfusionMatrixView.h"
#include "DigitGrid.h"
#include "DigitImage.h"
#include "DrawingCanvas.h"
#include "MainWindow.h"
#include "MistakesGallery.h"
#include "PerClassAccuracyChart.h"
#include "RecognizePanel.h"
#include "TrainingController.h"
#include "TrainingInsights.h"
#include "TrainingPanel.h"
#include "TrainingSettingsForm.h"

#include <QApplication>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

#include <cmath>
#include <memory>

namespace {

/// Six 2 × 2 "images" of three classes; sample i has ink i/10 in its first pixel, so each is recognisable.
SharedDataset tinySet() {
    auto data = std::make_shared<digitpad::Dataset>();
    data->shape = {1, 2, 2};
    data->classes = 3;
    data->images = digitpad::Matrix::Zero(4, 6);
    for (int i = 0; i < 6; ++i)
        data->images(0, i) = static_cast<digitpad::Scalar>(i) / 10;
    data->labels = {0, 0, 1, 1, 2, 2};
    return data;
}

/// An epoch whose answers for tinySet() are 0, 1, 1, 1, 0, 2: samples 1 (0 → 1) and 4 (2 → 0) are wrong.
digitpad::EpochMetrics tinyEpoch() {
    digitpad::EpochMetrics metrics;
    metrics.epoch = 3;
    metrics.validationPredictions = {0, 1, 1, 1, 0, 2};
    metrics.validationConfusion = {{1, 1, 0}, {0, 2, 0}, {1, 0, 1}};
    return metrics;
}

void click(QWidget* widget, const QPoint& position) {
    QTest::mouseClick(widget, Qt::LeftButton, Qt::NoModifier, position);
}

} // namespace

class TestTrainingInsights : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        // The main window's settings go to a throw-away test location, never the user's.
        QStandardPaths::setTestModeEnabled(true);
        QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")).clear();
    }

    void tabsAreNamedFromTheStart() {
        // Named before any language change reaches the widget: a window opened in English shows them.
        TrainingInsights insights(new QLabel(QStringLiteral("curves")));
        QCOMPARE(insights.count(), 3);
        QCOMPARE(insights.tabText(0), QStringLiteral("Curves"));
        QCOMPARE(insights.tabText(1), QStringLiteral("Confusion"));
        QCOMPARE(insights.tabText(2), QStringLiteral("Mistakes"));
    }

    void clickingACellShowsItsImages_data() {
        QTest::addColumn<int>("truth");
        QTest::addColumn<int>("predicted");
        QTest::addColumn<QList<int>>("samples");
        QTest::newRow("0 read as 1") << 0 << 1 << QList<int>{1};
        QTest::newRow("1 read as 1") << 1 << 1 << QList<int>{2, 3};
        QTest::newRow("2 read as 0") << 2 << 0 << QList<int>{4};
        QTest::newRow("empty cell") << 1 << 2 << QList<int>{};
    }

    void clickingACellShowsItsImages() {
        QFETCH(int, truth);
        QFETCH(int, predicted);
        QFETCH(QList<int>, samples);
        // The tab widget owns its pages.
        TrainingInsights insights(new QLabel(QStringLiteral("curves")));
        insights.resize(700, 500);
        insights.show();
        QVERIFY(QTest::qWaitForWindowExposed(&insights));
        const SharedDataset data = tinySet();
        insights.setValidationSet(data);
        insights.showEpoch(tinyEpoch());
        insights.setCurrentWidget(insights.confusionPage());
        QVERIFY2(insights.confusionTitle().contains(QStringLiteral("epoch 3")),
                 qPrintable(insights.confusionTitle()));
        QVERIFY(insights.confusionTitle().contains(QStringLiteral("4 of 6")));

        // Accuracy per class from the same matrix: 1/2, 2/2, 1/2.
        const std::vector<double>& perClass = insights.perClassChart()->accuracies();
        QCOMPARE(perClass, (std::vector<double>{0.5, 1.0, 0.5}));

        ConfusionMatrixView* view = insights.confusionView();
        QSignalSpy activated(view, &ConfusionMatrixView::cellActivated);
        const QRect cell = view->cellRect(truth, predicted);
        QVERIFY(!cell.isEmpty());
        click(view, cell.center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toInt(), truth);
        QCOMPARE(activated.at(0).at(1).toInt(), predicted);

        ConfusionCellDialog* dialog = insights.cellDialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        DigitGrid* grid = dialog->grid();
        QCOMPARE(grid->count(), samples.size());
        QVERIFY2(dialog->heading().startsWith(QString::number(samples.size()) +
                                              QStringLiteral(" validation image")),
                 qPrintable(dialog->heading()));
        for (int k = 0; k < samples.size(); ++k) {
            QCOMPARE(grid->item(k)->text(), QStringLiteral("#%1").arg(samples[k]));
            QCOMPARE(grid->imageAt(k), digitImage(*data, samples[k]));
        }

        // A thumbnail there goes to the Recognize tab too.
        if (!samples.isEmpty()) {
            QSignalSpy chosen(&insights, &TrainingInsights::imageChosen);
            // The list lays its items out after showing them.
            QTRY_VERIFY(!grid->visualItemRect(grid->item(0)).isEmpty());
            click(grid->viewport(), grid->visualItemRect(grid->item(0)).center());
            QCOMPARE(chosen.count(), 1);
            QCOMPARE(chosen.at(0).at(0).value<QImage>(), digitImage(*data, samples[0]));
            QVERIFY(chosen.at(0).at(1).toString().contains(
                QStringLiteral("validation image %1").arg(samples[0])));
        }
    }

    void enterOnTheCurrentCellShowsItsImages() {
        // The tab widget owns its pages.
        TrainingInsights insights(new QLabel(QStringLiteral("curves")));
        insights.resize(700, 500);
        insights.show();
        QVERIFY(QTest::qWaitForWindowExposed(&insights));
        insights.setValidationSet(tinySet());
        insights.showEpoch(tinyEpoch());
        insights.setCurrentWidget(insights.confusionPage());
        ConfusionMatrixView* view = insights.confusionView();
        view->setFocus();
        QSignalSpy activated(view, &ConfusionMatrixView::cellActivated);
        // From (0, 0): down twice and right stays in the grid's bounds at the edges.
        QTest::keyClick(view, Qt::Key_Down);
        QTest::keyClick(view, Qt::Key_Down);
        QTest::keyClick(view, Qt::Key_Down);
        QTest::keyClick(view, Qt::Key_Left);
        QCOMPARE(view->currentTruth(), 2);
        QCOMPARE(view->currentPredicted(), 0);
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QVERIFY(insights.cellDialog());
        QCOMPARE(insights.cellDialog()->grid()->count(), 1);
        QCOMPARE(insights.cellDialog()->grid()->item(0)->text(), QStringLiteral("#4"));
    }

    void anOpenCellFollowsTheEpochs() {
        TrainingInsights insights(new QLabel(QStringLiteral("curves")));
        insights.resize(700, 500);
        insights.show();
        QVERIFY(QTest::qWaitForWindowExposed(&insights));
        insights.setValidationSet(tinySet());
        insights.showEpoch(tinyEpoch());
        insights.setCurrentWidget(insights.confusionPage());
        ConfusionMatrixView* view = insights.confusionView();
        click(view, view->cellRect(2, 0).center());
        ConfusionCellDialog* dialog = insights.cellDialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->grid()->count(), 1);
        // The next epoch reads sample 5 as 0 too: the open cell now holds samples 4 and 5.
        digitpad::EpochMetrics next = tinyEpoch();
        next.epoch = 4;
        next.validationPredictions = {0, 1, 1, 1, 0, 0};
        next.validationConfusion = {{1, 1, 0}, {0, 2, 0}, {2, 0, 0}};
        insights.showEpoch(next);
        QCOMPARE(dialog->grid()->count(), 2);
        QCOMPARE(dialog->grid()->item(0)->text(), QStringLiteral("#4"));
        QCOMPARE(dialog->grid()->item(1)->text(), QStringLiteral("#5"));
    }

    void noMatrixBeforeTheFirstEpoch() {
        // The tab widget owns its pages.
        TrainingInsights insights(new QLabel(QStringLiteral("curves")));
        insights.show();
        QVERIFY(QTest::qWaitForWindowExposed(&insights));
        QCOMPARE(insights.confusionView()->classes(), 0);
        QCOMPARE(insights.mistakesGallery()->grid()->count(), 0);
        // A click on the empty view opens nothing.
        insights.setCurrentWidget(insights.confusionPage());
        click(insights.confusionView(), insights.confusionView()->rect().center());
        QVERIFY(!insights.cellDialog());
    }

    // Named classes: the matrix's headers keep the labels (the room of a character) and name the class in
    // their tooltip; a cell's tooltip, its accessible description after a click, the cell's dialog and the
    // per-class chart's bar say the names.
    void namedClassesAreShownWherePointedAt() {
        TrainingInsights insights(new QLabel(QStringLiteral("curves")));
        insights.resize(700, 500);
        insights.show();
        QVERIFY(QTest::qWaitForWindowExposed(&insights));
        insights.startRun({QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("bird")});
        insights.setValidationSet(tinySet());
        insights.showEpoch(tinyEpoch());
        insights.setCurrentWidget(insights.confusionPage());
        ConfusionMatrixView* view = insights.confusionView();
        const QRect cell = view->cellRect(2, 0);
        QCOMPARE(view->toolTipAt(cell.center()), QStringLiteral("True bird, answered cat: 1 of 2 (50.0 %)"));
        QCOMPARE(view->toolTipAt(QPoint(1, cell.center().y())), QStringLiteral("Class 2: bird"));
        QCOMPARE(view->toolTipAt(QPoint(view->cellRect(0, 1).center().x(), 1)),
                 QStringLiteral("Class 1: dog"));
        QCOMPARE(insights.perClassChart()->barDescription(1), QStringLiteral("dog: 100.00 % right (2 of 2)"));

        click(view, cell.center());
        QVERIFY2(view->accessibleDescription().startsWith(QStringLiteral("True bird, answered cat")),
                 qPrintable(view->accessibleDescription()));
        ConfusionCellDialog* dialog = insights.cellDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), QStringLiteral("True bird, answered cat"));
        QVERIFY2(dialog->heading().contains(QStringLiteral("of a bird that the network read as cat")),
                 qPrintable(dialog->heading()));

        // A run of digits: the labels are the names, and the headers have nothing more to say.
        insights.startRun();
        insights.setValidationSet(tinySet());
        insights.showEpoch(tinyEpoch());
        QCOMPARE(view->toolTipAt(view->cellRect(2, 0).center()),
                 QStringLiteral("True 2, answered 0: 1 of 2 (50.0 %)"));
        QVERIFY(view->toolTipAt(QPoint(1, view->cellRect(2, 0).center().y())).isEmpty());
    }

    void aStoppedRunScoresItsLastEpoch() {
        TrainingPanel panel;
        panel.resize(1100, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setDataFolder(QStringLiteral(DIGITPAD_TEST_DATA "/mnist-mini"));
        QVERIFY(panel.settingsForm()->selectPreset(QStringLiteral("mlp")));
        // Far more epochs than the test waits for: it stops the run itself after the first one.
        panel.settingsForm()->epochsBox()->setValue(1000);
        panel.settingsForm()->batchBox()->setValue(1);
        QSignalSpy epochs(panel.controller(), &TrainingController::epochFinished);
        QSignalSpy tested(panel.controller(), &TrainingController::testEvaluated);
        QTest::mouseClick(panel.startButton(), Qt::LeftButton);
        QVERIFY(epochs.wait(120000));
        QTest::mouseClick(panel.stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isTraining(), 120000);
        QCOMPARE(tested.count(), 1);
        const auto report = tested.at(0).at(0).value<SharedEvaluationReport>();
        QVERIFY(report);
        QCOMPARE(report->test.count, 200);
        QVERIFY2(panel.insights()->confusionTitle().startsWith(QStringLiteral("Test set")),
                 qPrintable(panel.insights()->confusionTitle()));
        QCOMPARE(panel.insights()->mistakesGallery()->grid()->count(),
                 static_cast<int>(report->testMistakes.size()));
    }

    void runThenClickAMistake() {
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        TrainingPanel* panel = window.trainingPanel();
        window.tabs()->setCurrentWidget(panel);
        panel->setDataFolder(QStringLiteral(DIGITPAD_TEST_DATA "/mnist-mini"));
        QVERIFY(panel->settingsForm()->selectPreset(QStringLiteral("mlp")));
        panel->settingsForm()->epochsBox()->setValue(1);
        panel->settingsForm()->batchBox()->setValue(64);

        TrainingInsights* insights = panel->insights();
        QSignalSpy epochs(panel->controller(), &TrainingController::epochFinished);
        QSignalSpy tested(panel->controller(), &TrainingController::testEvaluated);
        QTest::mouseClick(panel->startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isTraining(), 120000);
        QCOMPARE(epochs.count(), 1);
        QCOMPARE(tested.count(), 1);

        // The matrix now shows the test set (200 fixture images) and the gallery its mistakes, worst first.
        QVERIFY2(insights->confusionTitle().startsWith(QStringLiteral("Test set")),
                 qPrintable(insights->confusionTitle()));
        int total = 0;
        for (const auto& row : insights->confusionView()->matrix())
            for (const int n : row)
                total += n;
        QCOMPARE(total, 200);
        const auto report = tested.at(0).at(0).value<SharedEvaluationReport>();
        QVERIFY(report && report->testSet);
        QCOMPARE(report->test.confusion, insights->confusionView()->matrix());
        MistakesGallery* gallery = insights->mistakesGallery();
        // One epoch on 160 images leaves this small network far from perfect on the test images.
        QVERIFY(!report->testMistakes.empty());
        QCOMPARE(gallery->grid()->count(), static_cast<int>(report->testMistakes.size()));
        QVERIFY2(gallery->summary().startsWith(QString::number(report->testMistakes.size()) +
                                               QStringLiteral(" of 200")),
                 qPrintable(gallery->summary()));
        for (std::size_t i = 1; i < report->testMistakes.size(); ++i)
            QVERIFY(report->testMistakes[i - 1].confidence >= report->testMistakes[i].confidence);

        // A test cell's images are test images.
        insights->setCurrentWidget(insights->confusionPage());
        const digitpad::Mistake& worst = report->testMistakes.front();
        click(insights->confusionView(),
              insights->confusionView()->cellRect(worst.label, worst.predicted).center());
        QVERIFY(insights->cellDialog());
        QTRY_VERIFY(insights->cellDialog()->isVisible());
        QCOMPARE(insights->cellDialog()->grid()->count(),
                 report->test.confusion[static_cast<std::size_t>(worst.label)]
                                       [static_cast<std::size_t>(worst.predicted)]);
        QVERIFY(insights->cellDialog()->heading().contains(QStringLiteral("test image")));
        insights->cellDialog()->close();

        // Use the run's model, go back to the Train tab, and click the most confident mistake: it shows on
        // the Recognize tab's canvas and is recognised.
        QTest::mouseClick(panel->useModelButton(), Qt::LeftButton);
        QCOMPARE(window.recognizePanel()->model(), panel->finishedModel());
        window.tabs()->setCurrentWidget(panel);
        insights->setCurrentWidget(gallery);
        DigitGrid* grid = gallery->grid();
        QTRY_VERIFY(grid->isVisible());
        QTRY_VERIFY(!grid->visualItemRect(grid->item(0)).isEmpty());
        const QRect first = grid->visualItemRect(grid->item(0));
        click(grid->viewport(), first.center());
        RecognizePanel* recognize = window.recognizePanel();
        QCOMPARE(window.tabs()->currentWidget(), recognize);
        QVERIFY(recognize->canvas()->hasBackgroundImage());
        QCOMPARE(recognize->answer(), RecognizePanel::Answer::Digit);
        // The canvas holds the mistake's image: dark where the 28 × 28 image has ink.
        const QImage shown = digitImage(*report->testSet, worst.index);
        QCOMPARE(grid->imageAt(0), shown);
        QVERIFY(gallery->captionOf(0).contains(QStringLiteral("test image %1").arg(worst.index)));
    }
};

QTEST_MAIN(TestTrainingInsights)
#include "test_training_insights.moc"
