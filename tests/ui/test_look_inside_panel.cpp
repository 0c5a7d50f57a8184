// SPDX-License-Identifier: GPL-3.0-or-later
// The Recognize tab's "Look inside" panel driven as a user drives it: real mouse strokes, Enter and Backspace
// on the window, Ctrl+I to collapse and expand; with the bundled CNN and with a dense identity-head model.
#include "DrawingCanvas.h"
#include "InputPreview.h"
#include "LookInsidePanel.h"
#include "RecognizePanel.h"
#include "TileGrid.h"
#include "TileSheet.h"
#include "io/ModelFile.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QPainter>
#include <QTest>

#include "support/CanvasStrokes.h"

namespace {

using digitpad::test::drawOne;
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
        // Hovering the output layer's cells names their classes.
        const TileGrid* outputs = inside->layerGrid(inside->layerViewCount() - 1);
        QVERIFY(outputs->tileToolTip(panel->shownDigit())
                    .startsWith(QStringLiteral("class %1: ").arg(panel->shownDigit())));
        QCOMPARE(outputs->tileAt(QPoint(0, 0)), 0);
        QCOMPARE(outputs->tileAt(QPoint(-1, 0)), -1);
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

    // A layer's output as tiles: maps per channel or a strip of units, positive grey, negative blue.
    void activationTiles() {
        digitpad::LayerActivation maps{"pool2", {24, 12, 12}, digitpad::Vector::Zero(24 * 144)};
        maps.values[0] = 2;                 // channel 0, (0, 0): the largest value, white
        maps.values[144 + 13] = 1;          // channel 1, (1, 1): half of it, mid-grey
        maps.values[2 * 144 + 12 * 3] = -4; // channel 2, (0, 3): the lowest value, full blue
        const TileSheet tiles = TileSheet::fromActivation(maps);
        QCOMPARE(tiles.count, 24);
        QCOMPARE(tiles.tileSize, QSize(12, 12));
        QCOMPARE(tiles.caption, QStringLiteral("24 maps of 12×12"));
        QCOMPARE(tiles.sheet.size(), QSize(12, 24 * 12));
        QCOMPARE(tiles.sheet.pixel(0, 0), qRgb(255, 255, 255));
        QCOMPARE(tiles.sheet.pixel(1, 12 + 1), qRgb(128, 128, 128));
        QCOMPARE(tiles.sheet.pixel(0, 2 * 12 + 3), qRgb(51, 102, 255));
        QCOMPARE(tiles.sheet.pixel(5, 5), qRgb(0, 0, 0));

        const digitpad::LayerActivation units{"dense256", {1, 1, 256}, digitpad::Vector::Ones(256)};
        const TileSheet strip = TileSheet::fromActivation(units);
        QCOMPARE(strip.count, 256);
        QCOMPARE(strip.tileSize, QSize(1, 1));
        QCOMPARE(strip.caption, QStringLiteral("256 units"));
    }

    // Filters: mid-grey is 0, white the largest and black the most negative weight.
    void filterTiles() {
        digitpad::FirstLayerFilters filters;
        filters.layer = 0;
        filters.spec = "conv5x5x3";
        filters.filterShape = {1, 5, 5};
        filters.weights = digitpad::Matrix::Zero(25, 3);
        filters.weights(0, 1) = 1;
        filters.weights(24, 2) = -1;
        const TileSheet tiles = TileSheet::fromFilters(filters);
        QCOMPARE(tiles.count, 3);
        QCOMPARE(tiles.tileSize, QSize(5, 5));
        QCOMPARE(tiles.caption, QStringLiteral("3 filters of 5×5 (conv5x5x3)"));
        QCOMPARE(tiles.sheet.pixel(2, 2), qRgb(128, 128, 128));
        QCOMPARE(tiles.sheet.pixel(0, 5), qRgb(255, 255, 255));
        QCOMPARE(tiles.sheet.pixel(4, 2 * 5 + 4), qRgb(1, 1, 1));
    }

    // Recognising and drawing everything with the views on and off, for the record: reports, checks nothing.
    void answerAndPaint_data() {
        QTest::addColumn<bool>("expanded");
        QTest::newRow("look inside on") << true;
        QTest::newRow("look inside off") << false;
    }
    void answerAndPaint() {
        QFETCH(bool, expanded);
        RecognizePanel* panel = showPanel(bundledModel());
        panel->lookInside()->setExpanded(expanded);
        drawSeven(panel->canvas());
        QImage frame(panel->size(), QImage::Format_ARGB32_Premultiplied);
        QBENCHMARK {
            panel->recognize();
            QPainter painter(&frame);
            panel->render(&painter);
        }
    }

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

        // An answer while collapsed drops the views of the one before, and expanding catches up.
        QTest::keyClick(panel, Qt::Key_I, Qt::ControlModifier);
        drawOne(panel->canvas()); // a stroke more: the drawing changes, the canvas is not cleared
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);
        QVERIFY(!inside->hasViews());
        inside->toggleAction()->trigger();
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
