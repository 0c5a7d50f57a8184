// SPDX-License-Identifier: GPL-3.0-or-later
// Undo and redo in the window, with real strokes and keys: Backspace is a step Ctrl+Z takes back to the very
// pixels, Ctrl+Shift+Z and Ctrl+Y redo, and the Edit menu names the step ("Undo Clear").
#include "DrawingCanvas.h"
#include "MainWindow.h"
#include "RecognizePanel.h"
#include "TrainingPanel.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

#include "support/MouseDrawing.h"

namespace {

using digitpad::test::drawStroke;

/// A stroke across the canvas's paper between two points given as fractions of its side.
void drawLine(DrawingCanvas* canvas, QPointF from, QPointF to) {
    const QRectF paper = canvas->displayRect();
    QList<QPointF> points;
    for (int step = 0; step <= 12; ++step) {
        const QPointF f = from + (to - from) * (step / 12.0);
        points.append(paper.topLeft() + QPointF(f.x() * paper.width(), f.y() * paper.height()));
    }
    drawStroke(canvas, points);
}

std::shared_ptr<const digitpad::Model> randomModel() {
    auto model = std::make_shared<digitpad::Model>();
    model->network = digitpad::Network::fromArchitecture(digitpad::Shape{1, 28, 28}, "dense16,relu,dense10",
                                                         digitpad::OutputHead::Softmax);
    model->network.initialise(digitpad::Init::He, 9);
    return model;
}

QAction* editAction(MainWindow* window, const QString& prefix) {
    for (QAction* menu : window->menuBar()->actions())
        if (menu->menu() != nullptr && menu->text() == QStringLiteral("&Edit"))
            for (QAction* action : menu->menu()->actions())
                if (action->text().startsWith(prefix))
                    return action;
    return nullptr;
}

} // namespace

class TestUndoRedo : public QObject {
    Q_OBJECT

    std::unique_ptr<MainWindow> window_;

    MainWindow* showWindow() {
        window_ = std::make_unique<MainWindow>();
        window_->setModel(randomModel(), "test");
        window_->show();
        QApplication::setActiveWindow(window_.get());
        if (!QTest::qWaitForWindowActive(window_.get()))
            qWarning("window not active: shortcuts may not arrive");
        return window_.get();
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")).clear(); }
    void cleanup() { window_.reset(); }

    void backspaceIsUndoneToTheVeryDrawing_data() {
        QTest::addColumn<int>("redoKey");
        QTest::addColumn<int>("redoModifiers");
        QTest::newRow("Ctrl+Shift+Z") << int(Qt::Key_Z) << int(Qt::ControlModifier | Qt::ShiftModifier);
        QTest::newRow("Ctrl+Y") << int(Qt::Key_Y) << int(Qt::ControlModifier);
    }

    void backspaceIsUndoneToTheVeryDrawing() {
        QFETCH(int, redoKey);
        QFETCH(int, redoModifiers);
        MainWindow* window = showWindow();
        RecognizePanel* panel = window->recognizePanel();
        DrawingCanvas* canvas = panel->canvas();
        QAction* undo = editAction(window, "&Undo");
        QAction* redo = editAction(window, "&Redo");
        QVERIFY(undo != nullptr && redo != nullptr);
        QVERIFY(!undo->isEnabled());
        QVERIFY(!redo->isEnabled());

        drawLine(canvas, {0.25, 0.2}, {0.75, 0.2});
        drawLine(canvas, {0.7, 0.2}, {0.4, 0.85});
        const QImage drawn = canvas->image();
        QCOMPARE(undo->text(), QStringLiteral("&Undo Stroke"));
        QTest::keyClick(window, Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);

        QTest::keyClick(window, Qt::Key_Backspace); // the stray key
        QVERIFY(canvas->isEmpty());
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Idle);
        QCOMPARE(undo->text(), QStringLiteral("&Undo Clear"));

        QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(canvas->image(), drawn); // pixel for pixel
        QCOMPARE(canvas->strokeCount(), 2);
        QCOMPARE(redo->text(), QStringLiteral("&Redo Clear"));
        QVERIFY(redo->isEnabled());
        QTest::keyClick(window, Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);

        QTest::keyClick(window, Qt::Key(redoKey), Qt::KeyboardModifiers(redoModifiers));
        QVERIFY(canvas->isEmpty());
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Idle);
        QVERIFY(!redo->isEnabled());

        // Back through the clear and both strokes, then forward again.
        QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(canvas->strokeCount(), 1);
        QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(canvas->isEmpty());
        QVERIFY(!undo->isEnabled());
        QTest::keyClick(window, Qt::Key(redoKey), Qt::KeyboardModifiers(redoModifiers));
        QTest::keyClick(window, Qt::Key(redoKey), Qt::KeyboardModifiers(redoModifiers));
        QCOMPARE(canvas->image(), drawn);
    }

    void theUndoButtonTakesBackAClear() {
        MainWindow* window = showWindow();
        RecognizePanel* panel = window->recognizePanel();
        drawLine(panel->canvas(), {0.5, 0.15}, {0.5, 0.85});
        const QImage drawn = panel->canvas()->image();
        auto* clearButton = panel->findChild<QPushButton*>("clearButton");
        auto* undoButton = panel->findChild<QPushButton*>("undoButton");
        QTest::mouseClick(clearButton, Qt::LeftButton);
        QVERIFY(panel->canvas()->isEmpty());
        QVERIFY(undoButton->isEnabled());
        QVERIFY(undoButton->toolTip().contains(QStringLiteral("Clear")));
        QTest::mouseClick(undoButton, Qt::LeftButton);
        QCOMPARE(panel->canvas()->image(), drawn);
    }

    void undoKeysRestNotInTheTrainTab() {
        MainWindow* window = showWindow();
        RecognizePanel* panel = window->recognizePanel();
        drawLine(panel->canvas(), {0.5, 0.15}, {0.5, 0.85});
        window->tabs()->setCurrentWidget(window->trainingPanel());
        QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(panel->canvas()->strokeCount(), 1);
    }
};

QTEST_MAIN(TestUndoRedo)
#include "test_undo_redo.moc"
