// SPDX-License-Identifier: GPL-3.0-or-later
// The Recognize tab's "Look inside" panel driven as a user drives it: real mouse strokes, Enter and Backspace
// on the window, Ctrl+I to collapse and expand; with the bundled CNN and with a dense identity-head model.
#include "DrawingCanvas.h"
#include "InputPreview.h"
#include "LookInsidePanel.h"
#include "RecognizePanel.h"
#include "TileGrid.h"
#include "io/ModelFile.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QTest>

#include "support/CanvasStrokes.h"

namespace {

using digitpad::test::drawSeven;

std::shared_ptr<const digitpad::Model> bundledModel() {
    digitpad::Result<digitpad::Model> model = digitpad::loadModel(DIGITPAD_SOURCE_DIR "/models/default.dpm");
    if (!model)
        qFatal("%s", model.error().message.c_str());
    return std::make_shared<const digitpad::Model>(std::move(*model));
}

/// Sigmoid units trained with MSE use the identity head; its first layer is dense, so its filters are 28×28.
std::shared_ptr<const digitpad::Model> sigmoidModel() {
    auto model = std::make_shared<digitpad::Model>();
    model->network = digitpad::Network::fromArchitecture(
        digitpad::Shape{1, 28, 28}, "dense12,sigmoid,dense10,sigmoid", digitpad::OutputHead::Identity);
    model->network.initialise(digitpad::Init::Xavier, 4);
    return model;
}

} // namespace

class TestLookInsidePanel : public QObject {
    Q_OBJECT

    std::unique_ptr<RecognizePanel> panel_;

    RecognizePanel* showPanel(std::shared_ptr<const digitpad::Model> model) {
        panel_ = std::make_unique<RecognizePanel>();
        panel_->setModel(std::move(model));
        panel_->resize(1200, 640);
        panel_->show();
        QApplication::setActiveWindow(panel_.get());
        if (!QTest::qWaitForWindowActive(panel_.get()))
            qWarning("panel window not active: shortcuts may not arrive");
        return panel_.get();
    }

    static void verifyViewsShown(RecognizePanel* panel) {
        LookInsidePanel* inside = panel->lookInside();
        QVERIFY(inside->hasViews());
        const auto& layers = panel->model()->network.layers();
        QCOMPARE(inside->layerViewCount(), static_cast<int>(layers.size()));
        for (int i = 0; i < inside->layerViewCount(); ++i) {
            const TileGrid* grid = inside->layerGrid(i);
            QVERIFY2(!grid->sheet().isNull(), qPrintable(QStringLiteral("layer %1 shows nothing").arg(i)));
            const digitpad::LayerActivation& activation = inside->look()->layers[static_cast<std::size_t>(i)];
            QCOMPARE(activation.shape, layers[static_cast<std::size_t>(i)]->outputShape());
            QCOMPARE(grid->count(),
                     activation.hasMaps() ? activation.shape.channels : activation.shape.size());
        }
        // The why-map: the input with its ink coloured, and a legend naming the shown answer.
        QVERIFY(!inside->whyView()->isEmpty());
        QCOMPARE(inside->whyView()->image(), panel->preview()->image());
        const QImage overlay = inside->whyView()->overlay();
        QCOMPARE(overlay.size(), QSize(28, 28));
        int coloured = 0;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x)
                coloured += qAlpha(overlay.pixel(x, y)) > 0 ? 1 : 0;
        QVERIFY(coloured > 0);
        QCOMPARE(inside->look()->winner, panel->shownDigit());
        QVERIFY(inside->legendText().contains(QStringLiteral("<b>%1</b>").arg(panel->shownDigit())));
        QVERIFY(inside->legendText().contains(
            QStringLiteral("<b>%1</b>").arg(QString::fromStdString(inside->look()->runnerUpLabel))));
    }

    static void verifyViewsCleared(RecognizePanel* panel) {
        LookInsidePanel* inside = panel->lookInside();
        QVERIFY(!inside->hasViews());
        for (int i = 0; i < inside->layerViewCount(); ++i)
            QVERIFY(inside->layerGrid(i)->sheet().isNull());
        QVERIFY(inside->whyView()->isEmpty());
        QVERIFY(inside->whyView()->overlay().isNull());
    }

private slots:
    void cleanup() { panel_.reset(); }

    void enterUpdatesAndBackspaceClears() {
        RecognizePanel* panel = showPanel(bundledModel());
        LookInsidePanel* inside = panel->lookInside();
        QVERIFY(inside->isExpanded());
        QVERIFY(inside->isVisible());
        verifyViewsCleared(panel);
        // The filters belong to the model: shown before any drawing.
        QCOMPARE(inside->filterGrid()->count(), 24);
        QCOMPARE(inside->filterGrid()->tileSize(), QSize(5, 5));
        QVERIFY(!inside->filterGrid()->sheet().isNull());

        drawSeven(panel->canvas());
        QVERIFY(!inside->hasViews()); // nothing until the drawing is recognised
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);
        QCOMPARE(panel->shownDigit(), 7);
        verifyViewsShown(panel);
        const QImage firstMaps = inside->layerGrid(0)->sheet();

        QTest::keyClick(panel, Qt::Key_Backspace);
        QVERIFY(panel->canvas()->isEmpty());
        verifyViewsCleared(panel);
        QVERIFY(!inside->filterGrid()->sheet().isNull());

        // A new drawing and Enter: the views follow again.
        drawSeven(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Enter);
        verifyViewsShown(panel);
        QCOMPARE(inside->layerGrid(0)->sheet(), firstMaps);
    }

    // Collapsed, the panel computes nothing; expanding shows the views of the last answer.
    void ctrlICollapsesAndExpands() {
        RecognizePanel* panel = showPanel(bundledModel());
        LookInsidePanel* inside = panel->lookInside();
        QTest::keyClick(panel, Qt::Key_I, Qt::ControlModifier);
        QVERIFY(!inside->isExpanded());
        QVERIFY(!inside->toggleAction()->isChecked());
        drawSeven(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);
        QVERIFY(!inside->hasViews());
        QTest::keyClick(panel, Qt::Key_I, Qt::ControlModifier);
        QVERIFY(inside->isExpanded());
        verifyViewsShown(panel);
    }

    void identityHeadDenseModel() {
        RecognizePanel* panel = showPanel(sigmoidModel());
        LookInsidePanel* inside = panel->lookInside();
        QCOMPARE(inside->filterGrid()->count(), 12);
        QCOMPARE(inside->filterGrid()->tileSize(), QSize(28, 28));
        drawSeven(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);
        QCOMPARE(inside->layerViewCount(), 4);
        QVERIFY(inside->hasViews());
        QCOMPARE(inside->layerGrid(0)->count(), 12);
        QCOMPARE(inside->layerGrid(3)->count(), 10);
        QVERIFY(!inside->whyView()->overlay().isNull());
    }

    // Another model rebuilds the layer views and drops the old model's views.
    void modelChangeRebuildsViews() {
        RecognizePanel* panel = showPanel(bundledModel());
        LookInsidePanel* inside = panel->lookInside();
        drawSeven(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        verifyViewsShown(panel);
        panel->setModel(sigmoidModel()); // re-classifies what is shown
        QCOMPARE(inside->layerViewCount(), 4);
        verifyViewsShown(panel);
        panel->setModel(nullptr);
        QCOMPARE(inside->layerViewCount(), 0);
        QVERIFY(!inside->hasViews());
        QCOMPARE(inside->filterGrid()->count(), 0);
    }
};

QTEST_MAIN(TestLookInsidePanel)
#include "test_look_inside_panel.moc"
