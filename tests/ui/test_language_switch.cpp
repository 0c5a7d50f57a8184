// SPDX-License-Identifier: GPL-3.0-or-later
// Tools ▸ Language applies at once: the open window's menus, tabs, buttons and chart titles change language
// and back, while the model, the drawing with its undo history, the Train tab's settings and a run in
// progress stay. Texts core makes (why a run stopped or diverged) come out in the chosen language too.
#include "AppLanguage.h"
#include "DivergenceText.h"
#include "DrawingCanvas.h"
#include "LossChart.h"
#include "MainWindow.h"
#include "RecognizePanel.h"
#include "TrainingController.h"
#include "TrainingPanel.h"
#include "TrainingSettingsForm.h"
#include "TrainingTypes.h"

#include "support/MouseDrawing.h"

#include "nn/Network.h"

#include <QAction>
#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

namespace {

constexpr int kTimeout = 30000;

QString fixtureFolder() {
    return QStringLiteral(DIGITPAD_TEST_DATA "/mnist-mini");
}

std::shared_ptr<const digitpad::Model> randomModel() {
    auto model = std::make_shared<digitpad::Model>();
    model->network = digitpad::Network::fromArchitecture(digitpad::Shape{1, 28, 28}, "dense16,relu,dense10",
                                                         digitpad::OutputHead::Softmax);
    model->network.initialise(digitpad::Init::He, 7);
    model->info.preset = "kept-model";
    return model;
}

QAction* actionNamed(const QList<QAction*>& actions, const QString& text) {
    for (QAction* action : actions)
        if (action->text() == text)
            return action;
    return nullptr;
}

/// Opens Tools ▸ Language with the mouse and clicks the language named `name` (each is named in itself).
void chooseLanguage(MainWindow& window, const QString& name) {
    QMenuBar* bar = window.menuBar();
    auto* languageMenu = window.findChild<QMenu*>(QStringLiteral("languageMenu"));
    QVERIFY(languageMenu);
    QAction* tools = nullptr;
    for (QAction* action : bar->actions())
        if (action->menu() && action->menu()->actions().contains(languageMenu->menuAction()))
            tools = action;
    QVERIFY(tools);
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->actionGeometry(tools).center());
    QMenu* toolsMenu = tools->menu();
    QTRY_VERIFY_WITH_TIMEOUT(toolsMenu->isVisible(), kTimeout);
    QTest::mouseClick(toolsMenu, Qt::LeftButton, {},
                      toolsMenu->actionGeometry(languageMenu->menuAction()).center());
    QTRY_VERIFY_WITH_TIMEOUT(languageMenu->isVisible(), kTimeout);
    QAction* choice = actionNamed(languageMenu->actions(), name);
    QVERIFY(choice);
    QTest::mouseClick(languageMenu, Qt::LeftButton, {}, languageMenu->actionGeometry(choice).center());
    QTRY_VERIFY_WITH_TIMEOUT(!languageMenu->isVisible(), kTimeout);
}

/// The label of the Train tab's Epochs field.
QString epochsLabel(TrainingPanel* panel) {
    auto* form = qobject_cast<QFormLayout*>(panel->settingsForm()->layout());
    auto* label =
        form ? qobject_cast<QLabel*>(form->labelForField(panel->settingsForm()->epochsBox())) : nullptr;
    return label ? label->text() : QString();
}

QStringList menuTitles(MainWindow& window) {
    QStringList titles;
    for (QAction* action : window.menuBar()->actions())
        titles.append(action->text());
    return titles;
}

} // namespace

class TestLanguageSwitch : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")).clear();
        language::install(AppLanguage::English);
    }
    void cleanup() {
        language::install(AppLanguage::English);
        language::save(AppLanguage::System);
    }

    void switchesTheOpenWindowAndBack() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const std::shared_ptr<const digitpad::Model> model = randomModel();
        window.setModel(model, QStringLiteral("kept.dpm"));

        // Something of everything that must survive: a drawing of two strokes (one undone, so there is a
        // redo step too), an answer, a changed Train tab setting and a run in progress.
        RecognizePanel* recognize = window.recognizePanel();
        DrawingCanvas* canvas = recognize->canvas();
        const QRect area = canvas->rect();
        digitpad::test::drawStroke(canvas, {area.center() - QPoint(40, 60), area.center() + QPoint(40, -60),
                                            area.center() + QPoint(0, 80)});
        digitpad::test::drawStroke(canvas, {area.center() - QPoint(30, 0), area.center() + QPoint(30, 0)});
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(&window, Qt::Key_Return);
        QCOMPARE(recognize->answer(), RecognizePanel::Answer::Digit);
        const int historyCount = canvas->history()->count();
        const int historyIndex = canvas->history()->index();
        QVERIFY(historyIndex < historyCount);
        const QImage drawing = canvas->image();

        TrainingPanel* train = window.trainingPanel();
        train->setDataFolder(fixtureFolder());
        QVERIFY(train->settingsForm()->selectPreset(QStringLiteral("mlp")));
        train->settingsForm()->epochsBox()->setValue(1000);
        train->settingsForm()->batchBox()->setValue(1);
        QSignalSpy batches(train->controller(), &TrainingController::batchProgress);
        QTest::mouseClick(train->startButton(), Qt::LeftButton);
        QVERIFY(train->isTraining());
        QVERIFY(batches.wait(kTimeout));

        QCOMPARE(window.tabs()->tabText(0), QStringLiteral("&Recognize"));
        QCOMPARE(epochsLabel(train), QStringLiteral("Epo&chs:"));
        chooseLanguage(window, QStringLiteral("简体中文"));
        QCOMPARE(language::saved(), AppLanguage::SimplifiedChinese);
        QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->tabText(0), QStringLiteral("识别(&R)"), kTimeout);
        QCOMPARE(window.tabs()->tabText(1), QStringLiteral("训练(&T)"));
        QCOMPARE(menuTitles(window).mid(0, 3),
                 (QStringList{QStringLiteral("文件(&F)"), QStringLiteral("编辑(&E)"),
                              QStringLiteral("视图(&V)")}));
        QCOMPARE(train->startButton()->text(), QStringLiteral("开始(&S)"));
        QVERIFY(epochsLabel(train) != QStringLiteral("Epo&chs:"));
        QVERIFY(!epochsLabel(train).isEmpty());
        QVERIFY(recognize->liveBox()->text() != QStringLiteral("Live"));
        QVERIFY(train->chart()->xAxis->label() != QStringLiteral("epoch"));
        QVERIFY(!train->chart()->xAxis->label().isEmpty());
        // The menu no longer speaks of a restart.
        auto* languageMenu = window.findChild<QMenu*>(QStringLiteral("languageMenu"));
        for (QAction* action : languageMenu->actions())
            QVERIFY2(action->isEnabled(), qPrintable(action->text()));

        // Nothing the person had is lost.
        QCOMPARE(window.model(), model);
        QCOMPARE(canvas->history()->count(), historyCount);
        QCOMPARE(canvas->history()->index(), historyIndex);
        QCOMPARE(canvas->image(), drawing);
        QCOMPARE(recognize->answer(), RecognizePanel::Answer::Digit);
        QCOMPARE(train->settingsForm()->epochsBox()->value(), 1000);
        QCOMPARE(train->dataFolder(), QDir::toNativeSeparators(fixtureFolder()));
        QVERIFY(train->isTraining());
        const int before = batches.count();
        QTRY_VERIFY_WITH_TIMEOUT(batches.count() > before, kTimeout); // still training

        chooseLanguage(window, QStringLiteral("English"));
        QCOMPARE(language::saved(), AppLanguage::English);
        QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->tabText(0), QStringLiteral("&Recognize"), kTimeout);
        QCOMPARE(menuTitles(window).mid(0, 3),
                 (QStringList{QStringLiteral("&File"), QStringLiteral("&Edit"), QStringLiteral("&View")}));
        QCOMPARE(train->startButton()->text(), QStringLiteral("&Start"));
        QCOMPARE(epochsLabel(train), QStringLiteral("Epo&chs:"));
        QCOMPARE(recognize->liveBox()->text(), QStringLiteral("Live"));
        QCOMPARE(train->chart()->xAxis->label(), QStringLiteral("epoch"));
        QCOMPARE(window.model(), model);
        QCOMPARE(canvas->history()->count(), historyCount);
        QCOMPARE(canvas->image(), drawing);
        QVERIFY(train->isTraining());

        train->stopAndWait();
        QVERIFY(!train->isTraining());
    }

    /// A data folder without the training files: core says which split is missing and the Train tab's
    /// message line words it in Chinese.
    void missingSplitIsShownInChinese() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        chooseLanguage(window, QStringLiteral("简体中文"));
        QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->tabText(1), QStringLiteral("训练(&T)"), kTimeout);
        QTest::mouseClick(window.tabs()->tabBar(), Qt::LeftButton, {},
                          window.tabs()->tabBar()->tabRect(1).center());
        QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->currentIndex(), 1, kTimeout);

        QTemporaryDir empty;
        QVERIFY(empty.isValid());
        TrainingPanel* train = window.trainingPanel();
        train->setDataFolder(empty.path());
        QSignalSpy failed(train->controller(), &TrainingController::failed);
        QTest::mouseClick(train->startButton(), Qt::LeftButton);
        QVERIFY(failed.wait(kTimeout));
        const QString message = train->messageText();
        QVERIFY2(message.contains(QStringLiteral("没有训练图像和标签")), qPrintable(message));
        QVERIFY2(message.contains(QDir::toNativeSeparators(empty.path())), qPrintable(message));
    }

    /// Why a run diverged, from core's kind and numbers, in Chinese; core's own text stays English.
    void divergenceIsShownInChinese() {
        QVERIFY(language::install(AppLanguage::SimplifiedChinese));
        digitpad::TrainingOutcome outcome;
        outcome.status = digitpad::TrainingStatus::Diverged;
        outcome.divergence.kind = digitpad::DivergenceKind::LossNaN;
        outcome.divergence.epoch = 2;
        outcome.divergence.batch = 17;
        outcome.reason = digitpad::describe(outcome.divergence);
        QVERIFY(
            QString::fromStdString(outcome.reason).startsWith(QStringLiteral("loss became NaN at epoch 2")));
        const QString shown = describeOutcome(outcome);
        QVERIFY2(shown.contains(QStringLiteral("第 2 轮第 17 批")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("第 1 轮结束时的权重")), qPrintable(shown));
        QVERIFY2(!shown.contains(QStringLiteral("loss became")), qPrintable(shown));

        QVERIFY(!language::install(AppLanguage::English));
        QCOMPARE(divergenceText(outcome.divergence), QString::fromStdString(outcome.reason));
    }
};

QTEST_MAIN(TestLanguageSwitch)
#include "test_language_switch.moc"
