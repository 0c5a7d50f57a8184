// SPDX-License-Identifier: GPL-3.0-or-later
// The session outlives the window: what a person sets with real clicks and keys (Live, framing, pen width,
// Look inside, the current tab, the Train tab's fields and data folder, the window's size) is there again in
// a new window after the first one closed.
#include "DrawingCanvas.h"
#include "LookInsidePanel.h"
#include "MainWindow.h"
#include "RecognizePanel.h"
#include "TrainingPanel.h"
#include "TrainingSettingsForm.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

std::unique_ptr<MainWindow> showWindow() {
    auto window = std::make_unique<MainWindow>();
    window->show();
    QApplication::setActiveWindow(window.get());
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning("window not active: shortcuts may not arrive");
    return window;
}

/// Types `text` into `edit` as a person would: focus it, select all, type.
void typeInto(QWidget* edit, const QString& text) {
    edit->setFocus(Qt::TabFocusReason);
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(edit, text);
}

} // namespace

class TestSession : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")).clear(); }

    void aNewWindowStartsWhereTheLastOneClosed() {
        QTemporaryDir dataFolder;
        QVERIFY(dataFolder.isValid());
        const QString folder = QDir::toNativeSeparators(dataFolder.path());
        int penWidth = 0;
        bool lookInside = false;
        QSize size;
        {
            auto window = showWindow();
            RecognizePanel* panel = window->recognizePanel();
            QVERIFY(!panel->isLive());
            QCOMPARE(panel->framing(), digitpad::Framing::Mnist);
            QTest::mouseClick(panel->liveBox(), Qt::LeftButton);
            QTest::keyClick(window.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
            QTest::keyClick(window.get(), Qt::Key_BracketRight, Qt::ControlModifier);
            QTest::keyClick(window.get(), Qt::Key_BracketRight, Qt::ControlModifier);
            penWidth = panel->penSlider()->value();
            QVERIFY(penWidth != static_cast<int>(DrawingCanvas::kDefaultPenWidth));
            lookInside = !panel->lookInside()->isExpanded();
            QTest::keyClick(window.get(), Qt::Key_I, Qt::ControlModifier);
            QCOMPARE(panel->lookInside()->isExpanded(), lookInside);
            window->resize(1000, 640);
            size = window->size();

            QTest::keyClick(window.get(), Qt::Key_T, Qt::AltModifier);
            TrainingPanel* train = window->trainingPanel();
            QCOMPARE(window->tabs()->currentWidget(), train);
            typeInto(train->findChild<QLineEdit*>("dataFolderEdit"), folder);
            typeInto(train->settingsForm()->epochsBox(), QStringLiteral("7"));
            QTest::mouseClick(train->settingsForm()->deskewBox(), Qt::LeftButton);
            QVERIFY(train->settingsForm()->deskewBox()->isChecked());
            QVERIFY(window->close());
        }

        auto window = showWindow();
        RecognizePanel* panel = window->recognizePanel();
        QVERIFY(panel->isLive());
        QCOMPARE(panel->framing(), digitpad::Framing::Resize);
        QCOMPARE(panel->penSlider()->value(), penWidth);
        QCOMPARE(panel->lookInside()->isExpanded(), lookInside);
        QCOMPARE(window->size(), size);
        QCOMPARE(window->tabs()->currentWidget(), window->trainingPanel());
        TrainingPanel* train = window->trainingPanel();
        QCOMPARE(train->dataFolder(), folder);
        QCOMPARE(train->settingsForm()->epochsBox()->value(), 7);
        QVERIFY(train->settingsForm()->deskewBox()->isChecked());
        // The View menu shows the restored state too.
        QVERIFY(panel->liveBox()->isChecked());
    }

    void theStartupModelDoesNotUndoTheChosenFraming() {
        {
            auto window = showWindow();
            QTest::keyClick(window.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
            QVERIFY(window->close());
        }
        auto window = showWindow();
        window->restoreStartupModel(); // the bundled model, trained with MNIST framing
        QVERIFY(window->model() != nullptr);
        QCOMPARE(window->recognizePanel()->framing(), digitpad::Framing::Resize);
    }
};

QTEST_MAIN(TestSession)
#include "test_session.moc"
