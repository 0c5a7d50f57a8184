// SPDX-License-Identifier: GPL-3.0-or-later
// Tools ▸ Language applies at once: the open window's menus, tabs, buttons and chart titles change language
// and back, while the model, the drawing with its undo history, the Train tab's settings and a run in
// progress stay. Texts core makes (why a run stopped or diverged, a fine-tuning error, a model file that does
// not open, an invalid training setting) come out in the chosen language too.
#include "AppDataFolders.h"
#include "AppLanguage.h"
#include "DivergenceText.h"
#include "DrawingCanvas.h"
#include "LossChart.h"
#include "MainWindow.h"
#include "RecognizePanel.h"
#include "TeachDialog.h"
#include "TrainingController.h"
#include "TrainingPanel.h"
#include "TrainingSettingsForm.h"
#include "TrainingTypes.h"

#include "support/MouseDrawing.h"

#include "io/ModelFile.h"
#include "nn/Network.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
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

/// Types layers that build for the digits, as an earlier test may have left others in the saved settings.
void useBuildableLayers(TrainingPanel* train) {
    QLineEdit* layers = train->settingsForm()->layersEdit();
    QTest::mouseClick(layers, Qt::LeftButton);
    QTest::keyClick(layers, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(layers, QStringLiteral("dense16,relu,dense10"));
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
    // The pointer enters the bar first: just after another menu closed, the bar takes a click without a
    // move for the end of that menu's gesture.
    QTest::mouseMove(bar, bar->actionGeometry(tools).center());
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

/// Shows `window`, switches it to Chinese with the mouse and opens its Train tab with a click.
void showTrainTabInChinese(MainWindow& window) {
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    chooseLanguage(window, QStringLiteral("简体中文"));
    QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->tabText(1), QStringLiteral("训练(&T)"), kTimeout);
    QTest::mouseClick(window.tabs()->tabBar(), Qt::LeftButton, {},
                      window.tabs()->tabBar()->tabRect(1).center());
    QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->currentIndex(), 1, kTimeout);
}

/// The label of the Train tab's Epochs field.
QString epochsLabel(TrainingPanel* panel) {
    auto* form = qobject_cast<QFormLayout*>(panel->settingsForm()->layout());
    auto* label =
        form ? qobject_cast<QLabel*>(form->labelForField(panel->settingsForm()->epochsBox())) : nullptr;
    return label ? label->text() : QString();
}

/// Opens the menu bar's `top` menu with the mouse, then each submenu of `path` in turn, and clicks `item` in
/// the last one.
void clickMenuItem(MainWindow& window, QMenu* top, const QList<QMenu*>& path, QAction* item) {
    QMenuBar* bar = window.menuBar();
    // The pointer enters the bar first: just after another menu closed, the bar takes a click without a
    // move for the end of that menu's gesture.
    QTest::mouseMove(bar, bar->actionGeometry(top->menuAction()).center());
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->actionGeometry(top->menuAction()).center());
    QTRY_VERIFY_WITH_TIMEOUT(top->isVisible(), kTimeout);
    QMenu* open = top;
    for (QMenu* sub : path) {
        QTest::mouseClick(open, Qt::LeftButton, {}, open->actionGeometry(sub->menuAction()).center());
        QTRY_VERIFY_WITH_TIMEOUT(sub->isVisible(), kTimeout);
        open = sub;
    }
    QTest::mouseClick(open, Qt::LeftButton, {}, open->actionGeometry(item).center());
}

/// Closes every modal message box that appears while it lives and remembers its main and detailed texts:
/// the error is checked in the real QMessageBox the person sees.
class MessageBoxCatcher : public QObject {
public:
    MessageBoxCatcher() {
        connect(&timer_, &QTimer::timeout, this, [this] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                texts.append(box->text());
                details.append(box->detailedText());
                box->close();
            }
        });
        timer_.start(10);
    }
    QStringList texts;
    QStringList details;

private:
    QTimer timer_;
};

/// A digit-like stroke on a white 280 × 280 canvas, as DigitPad keeps drawings; `ink` false leaves it blank.
QImage keptDrawing(int variant, bool ink) {
    QImage image(280, 280, QImage::Format_Grayscale8);
    image.fill(255);
    if (ink) {
        QPainter painter(&image);
        painter.setPen(QPen(Qt::black, 20, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(100 + 5 * variant, 60, 180 - 5 * variant, 220);
    }
    return image;
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
        showTrainTabInChinese(window);
        if (QTest::currentTestFailed())
            return;

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

    /// A drawing without ink stops fine-tuning: the Teach dialog names it in Chinese, not in core's English.
    void teachErrorIsShownInChinese() {
        const QString drawings = appdata::myDigitsFolder();
        QDir(drawings).removeRecursively();
        for (int i = 0; i < TeachDialog::kMinimumDrawings; ++i) {
            const QString label = QDir(drawings).filePath(QString::number(i % 10));
            QVERIFY(QDir().mkpath(label));
            QVERIFY(keptDrawing(i, true).save(QDir(label).filePath(QStringLiteral("kept%1.png").arg(i))));
        }
        const QString blank = QDir(drawings).filePath(QStringLiteral("6/blank.png"));
        QVERIFY(keptDrawing(0, false).save(blank));

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.setModel(randomModel(), QStringLiteral("kept.dpm"));
        chooseLanguage(window, QStringLiteral("简体中文"));
        QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->tabText(0), QStringLiteral("识别(&R)"), kTimeout);

        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        TeachDialog* dialog = window.teachDialog();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        dialog->setDataFolder(fixtureFolder());
        QTRY_VERIFY_WITH_TIMEOUT(dialog->startButton()->isEnabled(), kTimeout);
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning() && dialog->startButton()->isEnabled(), kTimeout * 10);
        const QString message = dialog->messageText();
        QVERIFY2(message.contains(QStringLiteral("不含笔迹")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("无法学习")), qPrintable(message));
        QVERIFY2(message.contains(QDir::toNativeSeparators(blank)), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("holds no ink")) &&
                     !message.contains(QStringLiteral("Cannot")),
                 qPrintable(message));
        QVERIFY(!dialog->tunedModel());
        dialog->close();
        QDir(drawings).removeRecursively();
    }

    /// A damaged model chosen from Model ▸ Recent models: the message box's main text is Chinese and names
    /// the file; core's English reason is only under Show Details.
    void corruptModelIsShownInChinese() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("damaged.dpm"));
        QVERIFY(digitpad::saveModel(*randomModel(), path.toStdString()).ok());

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.openModelFile(path)); // now in Recent models
        const auto inUse = window.model();
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write("DPM1 but not really a model");
        }
        chooseLanguage(window, QStringLiteral("简体中文"));
        QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->tabText(0), QStringLiteral("识别(&R)"), kTimeout);

        auto* recent = window.findChild<QMenu*>(QStringLiteral("recentModelsMenu"));
        QVERIFY(recent);
        QMenu* modelMenu = nullptr;
        for (QAction* action : window.menuBar()->actions())
            if (action->menu() && action->menu()->actions().contains(recent->menuAction()))
                modelMenu = action->menu();
        QVERIFY(modelMenu);
        QVERIFY(!recent->actions().isEmpty());
        MessageBoxCatcher catcher;
        clickMenuItem(window, modelMenu, {recent}, recent->actions().first());
        QTRY_COMPARE_WITH_TIMEOUT(catcher.texts.size(), 1, kTimeout);
        const QString text = catcher.texts.first();
        QVERIFY2(text.contains(QStringLiteral("无法打开模型")), qPrintable(text));
        QVERIFY2(text.contains(QDir::toNativeSeparators(path)), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("cannot")) && !text.contains(QStringLiteral("model '")),
                 qPrintable(text));
        QVERIFY2(!catcher.details.first().isEmpty(), "core's reason belongs under Show Details");
        QCOMPARE(window.model(), inUse);
    }

    /// Layers the form cannot build: Start says so in Chinese, one sentence per problem, with core's English
    /// reason only in the tooltip.
    void invalidSettingIsShownInChinese() {
        MainWindow window;
        showTrainTabInChinese(window);
        if (QTest::currentTestFailed())
            return;
        TrainingPanel* train = window.trainingPanel();
        train->setDataFolder(fixtureFolder());
        QLineEdit* layers = train->settingsForm()->layersEdit();

        const auto typeLayers = [layers](const QString& text) {
            QTest::mouseClick(layers, Qt::LeftButton);
            QTest::keyClick(layers, Qt::Key_A, Qt::ControlModifier);
            QTest::keyClicks(layers, text);
        };
        // Five outputs for ten digits.
        typeLayers(QStringLiteral("dense16,relu,dense5"));
        QTest::mouseClick(train->startButton(), Qt::LeftButton);
        QVERIFY(!train->isTraining());
        QString message = train->messageText();
        QVERIFY2(message.contains(QStringLiteral("无法开始")) &&
                     message.contains(QStringLiteral("每个数字一个")),
                 qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("outputs")) && !message.contains(QStringLiteral("classes")),
                 qPrintable(message));

        // A layer core does not know: the sentence is Chinese, why is core's English in the tooltip.
        typeLayers(QStringLiteral("dense16,frobnicate,dense10"));
        QTest::mouseClick(train->startButton(), Qt::LeftButton);
        QVERIFY(!train->isTraining());
        message = train->messageText();
        QVERIFY2(message.contains(QStringLiteral("无法构建")) &&
                     message.contains(QStringLiteral("frobnicate")),
                 qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("unknown")), qPrintable(message));
        auto* label = train->findChild<QLabel*>(QStringLiteral("trainingMessage"));
        QVERIFY(label);
        QVERIFY2(label->toolTip().contains(QStringLiteral("frobnicate")), qPrintable(label->toolTip()));
    }

    /// A data folder whose class-names file does not fit its data: the Train tab's line says so in Chinese
    /// and names the file, with core's English reason only in the tooltip.
    void badClassNamesAreShownInChinese() {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        for (const char* name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte"})
            QVERIFY(QFile::copy(QDir(fixtureFolder()).filePath(QLatin1String(name)),
                                data.filePath(QLatin1String(name))));
        const QString labels = data.filePath(QStringLiteral("labels"));
        {
            QFile file(labels);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("cat\ndog\n"); // two names for ten classes
        }
        MainWindow window;
        showTrainTabInChinese(window);
        if (QTest::currentTestFailed())
            return;
        TrainingPanel* train = window.trainingPanel();
        train->setDataFolder(data.path());
        useBuildableLayers(train);
        QSignalSpy failed(train->controller(), &TrainingController::failed);
        QTest::mouseClick(train->startButton(), Qt::LeftButton);
        QVERIFY(failed.wait(kTimeout));
        const QString message = train->messageText();
        QVERIFY2(message.contains(QStringLiteral("类别名称文件")), qPrintable(message));
        QVERIFY2(message.contains(QDir::toNativeSeparators(labels)), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("labels file")) &&
                     !message.contains(QStringLiteral("classes")),
                 qPrintable(message));
        auto* label = train->findChild<QLabel*>(QStringLiteral("trainingMessage"));
        QVERIFY(label);
        QVERIFY2(label->toolTip().contains(QStringLiteral("names 2 classes")), qPrintable(label->toolTip()));
    }

    /// Lines already on the Train tab (a run that could not start, Start refused for a setting) are worded
    /// again when the language changes, from the error that made them.
    void shownMessagesFollowTheLanguage() {
        MainWindow window;
        showTrainTabInChinese(window);
        if (QTest::currentTestFailed())
            return;
        TrainingPanel* train = window.trainingPanel();

        // A run that could not start: the folder has no training files.
        QTemporaryDir empty;
        QVERIFY(empty.isValid());
        train->setDataFolder(empty.path());
        useBuildableLayers(train);
        QSignalSpy failed(train->controller(), &TrainingController::failed);
        QTest::mouseClick(train->startButton(), Qt::LeftButton);
        QVERIFY(failed.wait(kTimeout));
        QVERIFY2(train->messageText().contains(QStringLiteral("没有训练图像和标签")),
                 qPrintable(train->messageText()));
        chooseLanguage(window, QStringLiteral("English"));
        QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->tabText(1), QStringLiteral("&Train"), kTimeout);
        QVERIFY2(train->messageText().contains(QStringLiteral("has no training images and labels")) &&
                     train->messageText().contains(QDir::toNativeSeparators(empty.path())),
                 qPrintable(train->messageText()));

        // Start refused: five outputs for ten digits. The line stays about them after the field changes.
        train->setDataFolder(fixtureFolder());
        QLineEdit* layers = train->settingsForm()->layersEdit();
        QTest::mouseClick(layers, Qt::LeftButton);
        QTest::keyClick(layers, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(layers, QStringLiteral("dense16,relu,dense5"));
        QTest::mouseClick(train->startButton(), Qt::LeftButton);
        QVERIFY(!train->isTraining());
        QVERIFY2(train->messageText().contains(QStringLiteral("Cannot start")) &&
                     train->messageText().contains(QStringLiteral("one per digit")),
                 qPrintable(train->messageText()));
        chooseLanguage(window, QStringLiteral("简体中文"));
        QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->tabText(1), QStringLiteral("训练(&T)"), kTimeout);
        const QString message = train->messageText();
        QVERIFY2(message.contains(QStringLiteral("无法开始")) &&
                     message.contains(QStringLiteral("每个数字一个")) &&
                     message.contains(QStringLiteral("dense16,relu,dense5")),
                 qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("Cannot")), qPrintable(message));
    }

    /// The presets' descriptions and the augmentation summary, core's English for the CLI, are Chinese in the
    /// Train tab's tooltips and English again after switching back.
    void presetAndAugmentTooltipsFollowTheLanguage() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        TrainingSettingsForm* form = window.trainingPanel()->settingsForm();
        QVERIFY(form->selectPreset(QStringLiteral("mlp")));
        const auto presetTip = [form] {
            return form->presetBox()->itemData(form->presetBox()->currentIndex(), Qt::ToolTipRole).toString();
        };
        QVERIFY2(presetTip().contains(QStringLiteral("He init")), qPrintable(presetTip()));
        QVERIFY2(form->augmentStrengthBox()->toolTip().contains(QStringLiteral("rotate")),
                 qPrintable(form->augmentStrengthBox()->toolTip()));

        chooseLanguage(window, QStringLiteral("简体中文"));
        QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->tabText(1), QStringLiteral("训练(&T)"), kTimeout);
        QVERIFY2(presetTip().contains(QStringLiteral("He 初始化")), qPrintable(presetTip()));
        QVERIFY2(!presetTip().contains(QStringLiteral("init;")), qPrintable(presetTip()));
        const QString strengthTip = form->augmentStrengthBox()->toolTip();
        QVERIFY2(strengthTip.contains(QStringLiteral("旋转")) &&
                     !strengthTip.contains(QStringLiteral("rotate")),
                 qPrintable(strengthTip));

        chooseLanguage(window, QStringLiteral("English"));
        QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->tabText(1), QStringLiteral("&Train"), kTimeout);
        QVERIFY2(presetTip().contains(QStringLiteral("He init")), qPrintable(presetTip()));
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
