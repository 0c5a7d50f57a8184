// SPDX-License-Identifier: GPL-3.0-or-later
// The window without a mouse: Tab reaches every Recognize-tab control in reading order and each shows a focus
// ring; Enter recognises and Backspace clears wherever focus is, Space presses the focused button; the View
// menu's shortcuts (Live, framing, pen width) and the tab switches; no two visible mnemonics share a letter.
#include "DrawingCanvas.h"
#include "LookInsidePanel.h"
#include "MainWindow.h"
#include "MyDigitsDialog.h"
#include "RecognizePanel.h"
#include "RecognizeViewActions.h"
#include "TrainingPanel.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QMap>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

#include "support/MouseDrawing.h"

namespace {

using digitpad::test::drawStroke;

void drawSeven(DrawingCanvas* canvas) {
    const QRectF paper = canvas->displayRect();
    const QList<QPointF> corners{{0.3, 0.2}, {0.7, 0.2}, {0.45, 0.85}};
    QList<QPointF> points;
    for (qsizetype i = 0; i + 1 < corners.size(); ++i)
        for (int step = 0; step <= 10; ++step) {
            const QPointF f = corners[i] + (corners[i + 1] - corners[i]) * (step / 10.0);
            points.append(paper.topLeft() + QPointF(f.x() * paper.width(), f.y() * paper.height()));
        }
    drawStroke(canvas, points);
}

std::shared_ptr<const digitpad::Model> randomModel() {
    auto model = std::make_shared<digitpad::Model>();
    model->network = digitpad::Network::fromArchitecture(digitpad::Shape{1, 28, 28}, "dense16,relu,dense10",
                                                         digitpad::OutputHead::Softmax);
    model->network.initialise(digitpad::Init::He, 5);
    return model;
}

/// A key press and release where a person's keyboard sends it: to the widget with focus.
void press(QWidget* window, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QWidget* focus = QApplication::focusWidget();
    QTest::keyClick(focus != nullptr ? focus : window, key, modifiers);
}

/// A name for a widget in failure messages.
QString describe(const QWidget* widget) {
    if (widget == nullptr)
        return QStringLiteral("(none)");
    const QString name = widget->objectName();
    return QStringLiteral("%1 %2").arg(QString::fromLatin1(widget->metaObject()->className()),
                                       name.isEmpty() ? QStringLiteral("(unnamed)") : name);
}

/// The Alt+letter a text's '&' gives, e.g. "Alt+S" for "&Start"; empty when it has none.
QString mnemonicOf(const QString& text) {
    return QKeySequence::mnemonic(text).toString(QKeySequence::PortableText);
}

} // namespace

class TestKeyboard : public QObject {
    Q_OBJECT

    std::unique_ptr<MainWindow> window_;

    MainWindow* showWindow() {
        window_ = std::make_unique<MainWindow>();
        window_->setModel(randomModel(), "test");
        window_->show();
        QApplication::setActiveWindow(window_.get());
        if (!QTest::qWaitForWindowActive(window_.get()))
            qWarning("window not active: keys may not arrive");
        return window_.get();
    }

    /// Presses Tab until `target` has focus; fails after a whole round of the focus chain.
    bool tabTo(QWidget* target) {
        for (int i = 0; i < 60 && QApplication::focusWidget() != target; ++i)
            press(window_.get(), Qt::Key_Tab);
        return QApplication::focusWidget() == target;
    }

    /// The Recognize tab's controls in the order Tab should reach them (all enabled: a drawing with an
    /// answer).
    QList<QWidget*> recognizeControls() const {
        RecognizePanel* panel = window_->recognizePanel();
        QList<QWidget*> controls{panel->findChild<QPushButton*>("recognizeButton"),
                                 panel->findChild<QPushButton*>("clearButton"),
                                 panel->findChild<QPushButton*>("undoButton"),
                                 panel->framingBox(),
                                 panel->liveBox(),
                                 panel->penSlider()};
        for (int digit = 0; digit < 10; ++digit)
            controls.append(panel->keepButton(digit));
        controls.append(panel->lookInside()->toggleButton());
        controls.append(panel->lookInside()->views());
        return controls;
    }

    /// Every Alt+letter of `root`'s visible widgets (and of the main window's menu bar when `root` is it),
    /// failing on a letter used twice.
    void checkMnemonicsUnique(QWidget* root, const QString& where) {
        QMap<QString, QString> owners; // Alt+letter → what uses it
        const auto claim = [&](const QString& text, const QString& owner) {
            const QString key = mnemonicOf(text);
            if (key.isEmpty())
                return;
            QVERIFY2(
                !owners.contains(key),
                qPrintable(
                    QStringLiteral("%1: %2 is both %3 and %4").arg(where, key, owners.value(key), owner)));
            owners.insert(key, owner);
        };
        if (root == window_.get())
            for (QAction* action : window_->menuBar()->actions())
                if (action->isVisible())
                    claim(action->text(), QStringLiteral("menu %1").arg(action->text()));
        for (QWidget* widget : root->findChildren<QWidget*>()) {
            if (!widget->isVisible() || widget->window() != root)
                continue;
            if (auto* button = qobject_cast<QAbstractButton*>(widget))
                claim(button->text(), QStringLiteral("button %1").arg(button->text()));
            else if (auto* label = qobject_cast<QLabel*>(widget);
                     label != nullptr && label->buddy() != nullptr)
                claim(label->text(), QStringLiteral("label %1").arg(label->text()));
            else if (auto* group = qobject_cast<QGroupBox*>(widget))
                claim(group->title(), QStringLiteral("group %1").arg(group->title()));
            else if (auto* bar = qobject_cast<QTabBar*>(widget))
                for (int i = 0; i < bar->count(); ++i)
                    claim(bar->tabText(i), QStringLiteral("tab %1").arg(bar->tabText(i)));
        }
    }

    /// Within one menu (and each submenu) every mnemonic is used once.
    void checkMenuMnemonicsUnique(const QMenu* menu) {
        QMap<QString, QString> owners;
        for (QAction* action : menu->actions()) {
            if (action->isSeparator() || !action->isVisible())
                continue;
            const QString key = mnemonicOf(action->text());
            if (!key.isEmpty()) {
                QVERIFY2(!owners.contains(key),
                         qPrintable(QStringLiteral("menu %1: %2 is both %3 and %4")
                                        .arg(menu->title(), key, owners.value(key), action->text())));
                owners.insert(key, action->text());
            }
            if (action->menu() != nullptr)
                checkMenuMnemonicsUnique(action->menu());
        }
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")).clear(); }
    void cleanup() { window_.reset(); }

    void tabReachesEveryControlInReadingOrder() {
        showWindow();
        RecognizePanel* panel = window_->recognizePanel();
        drawSeven(panel->canvas());
        press(window_.get(), Qt::Key_Return); // an answer enables the "It is:" buttons
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);

        QTabBar* tabBar = window_->tabs()->tabBar();
        QVERIFY2(tabTo(tabBar), qPrintable(describe(QApplication::focusWidget())));
        QList<QWidget*> reached;
        for (int i = 0; i < 40; ++i) {
            press(window_.get(), Qt::Key_Tab);
            if (QApplication::focusWidget() == tabBar)
                break;
            reached.append(QApplication::focusWidget());
        }
        const QList<QWidget*> expected = recognizeControls();
        qsizetype at = 0;
        for (QWidget* control : expected) {
            const qsizetype found = reached.indexOf(control, at);
            QVERIFY2(found >= 0, qPrintable(QStringLiteral("Tab does not reach %1 after %2")
                                                .arg(describe(control), describe(reached.value(at - 1)))));
            at = found + 1;
        }
        // Shift+Tab goes back the same way.
        QVERIFY(tabTo(panel->liveBox()));
        press(window_.get(), Qt::Key_Backtab, Qt::ShiftModifier);
        QCOMPARE(QApplication::focusWidget(), panel->framingBox());
    }

    void eachFocusedControlShowsAFocusRing() {
        showWindow();
        RecognizePanel* panel = window_->recognizePanel();
        drawSeven(panel->canvas());
        press(window_.get(), Qt::Key_Return);
        QVERIFY(tabTo(window_->tabs()->tabBar()));
        // With focus elsewhere (after a Tab, so the style knows focus moves by keyboard):
        QMap<QWidget*, QImage> unfocused;
        for (QWidget* control : recognizeControls())
            unfocused.insert(control, control->grab().toImage());
        for (QWidget* control : recognizeControls()) {
            QVERIFY2(tabTo(control), qPrintable(describe(control)));
            QVERIFY2(control->grab().toImage() != unfocused.value(control),
                     qPrintable(QStringLiteral("%1 looks the same with focus").arg(describe(control))));
        }
    }

    void enterRecognisesAndBackspaceClearsWhereverFocusIs() {
        showWindow();
        RecognizePanel* panel = window_->recognizePanel();
        drawSeven(panel->canvas());
        const QImage drawn = panel->canvas()->image();
        for (QWidget* control : recognizeControls()) {
            press(window_.get(), Qt::Key_Return); // an answer enables the "It is:" buttons
            QVERIFY2(tabTo(control), qPrintable(describe(control)));
            press(window_.get(), Qt::Key_Return);
            QVERIFY2(panel->answer() == RecognizePanel::Answer::Digit, qPrintable(describe(control)));
            QCOMPARE(panel->canvas()->image(), drawn); // Enter on a focused Clear button recognises too
            press(window_.get(), Qt::Key_Backspace);
            QVERIFY2(panel->canvas()->isEmpty(), qPrintable(describe(control)));
            QCOMPARE(panel->answer(), RecognizePanel::Answer::Idle);
            press(window_.get(), Qt::Key_Z, Qt::ControlModifier);
            QCOMPARE(panel->canvas()->image(), drawn);
        }
    }

    void spacePressesTheFocusedControl() {
        showWindow();
        RecognizePanel* panel = window_->recognizePanel();
        drawSeven(panel->canvas());

        QVERIFY(tabTo(panel->findChild<QPushButton*>("recognizeButton")));
        press(window_.get(), Qt::Key_Space);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);
        QVERIFY(tabTo(panel->findChild<QPushButton*>("clearButton")));
        press(window_.get(), Qt::Key_Space);
        QVERIFY(panel->canvas()->isEmpty());
        QVERIFY(tabTo(panel->findChild<QPushButton*>("undoButton")));
        press(window_.get(), Qt::Key_Space);
        QCOMPARE(panel->canvas()->strokeCount(), 1);

        QVERIFY(tabTo(panel->liveBox()));
        press(window_.get(), Qt::Key_Space);
        QVERIFY(panel->isLive());
        QVERIFY(window_->viewActions()->liveAction()->isChecked());

        QVERIFY(tabTo(panel->framingBox()));
        press(window_.get(), Qt::Key_Down);
        QCOMPARE(panel->framing(), digitpad::Framing::Resize);
        QVERIFY(window_->viewActions()->framingActions().at(1)->isChecked());

        QVERIFY(tabTo(panel->penSlider()));
        const int width = panel->penSlider()->value();
        press(window_.get(), Qt::Key_Right);
        QCOMPARE(panel->penSlider()->value(), width + panel->penSlider()->singleStep());
        QCOMPARE(panel->canvas()->penWidth(), qreal(width + panel->penSlider()->singleStep()));

        QVERIFY(tabTo(panel->lookInside()->toggleButton()));
        const bool expanded = panel->lookInside()->isExpanded();
        press(window_.get(), Qt::Key_Space);
        QCOMPARE(panel->lookInside()->isExpanded(), !expanded);
    }

    void viewMenuShortcutsSetLiveFramingAndPen() {
        showWindow();
        RecognizePanel* panel = window_->recognizePanel();
        QVERIFY(!panel->isLive());
        press(window_.get(), Qt::Key_L, Qt::ControlModifier);
        QVERIFY(panel->isLive());
        press(window_.get(), Qt::Key_L, Qt::ControlModifier);
        QVERIFY(!panel->isLive());

        press(window_.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(panel->framing(), digitpad::Framing::Resize);
        press(window_.get(), Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(panel->framing(), digitpad::Framing::Mnist);

        const int width = panel->penSlider()->value();
        press(window_.get(), Qt::Key_BracketRight, Qt::ControlModifier);
        QVERIFY(panel->penSlider()->value() > width);
        press(window_.get(), Qt::Key_BracketLeft, Qt::ControlModifier);
        press(window_.get(), Qt::Key_BracketLeft, Qt::ControlModifier);
        QVERIFY(panel->penSlider()->value() < width);
        QCOMPARE(panel->canvas()->penWidth(), qreal(panel->penSlider()->value()));

        // At the narrowest pen, Thinner is greyed.
        panel->penSlider()->setValue(panel->penSlider()->minimum());
        QVERIFY(!window_->viewActions()->thinnerPenAction()->isEnabled());
    }

    void altAndCtrlKeysSwitchTabs() {
        showWindow();
        QTabWidget* tabs = window_->tabs();
        press(window_.get(), Qt::Key_T, Qt::AltModifier);
        QCOMPARE(tabs->currentWidget(), window_->trainingPanel());
        press(window_.get(), Qt::Key_R, Qt::AltModifier);
        QCOMPARE(tabs->currentWidget(), window_->recognizePanel());
        press(window_.get(), Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(tabs->currentWidget(), window_->trainingPanel());
        press(window_.get(), Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(tabs->currentWidget(), window_->recognizePanel());
        // Alt+S starts nothing on the Recognize tab and reaches Start (not Seed) on the Train tab.
        press(window_.get(), Qt::Key_T, Qt::AltModifier);
        QCOMPARE(mnemonicOf(window_->trainingPanel()->startButton()->text()), QStringLiteral("Alt+S"));
    }

    void noTwoVisibleMnemonicsShareALetter() {
        showWindow();
        RecognizePanel* panel = window_->recognizePanel();
        drawSeven(panel->canvas());
        press(window_.get(), Qt::Key_Return); // the "It is:" row shows
        for (int tab = 0; tab < window_->tabs()->count(); ++tab) {
            window_->tabs()->setCurrentIndex(tab);
            QCoreApplication::processEvents();
            checkMnemonicsUnique(window_.get(), window_->tabs()->tabText(tab));
        }
        // Tools ▸ My digits… is a window of its own.
        press(window_.get(), Qt::Key_M, Qt::ControlModifier);
        QVERIFY(window_->myDigitsDialog() != nullptr);
        QVERIFY(QTest::qWaitForWindowExposed(window_->myDigitsDialog()));
        checkMnemonicsUnique(window_->myDigitsDialog(), QStringLiteral("My digits"));
        for (QAction* action : window_->menuBar()->actions())
            if (action->menu() != nullptr)
                checkMenuMnemonicsUnique(action->menu());
    }
};

QTEST_MAIN(TestKeyboard)
#include "test_keyboard.moc"
