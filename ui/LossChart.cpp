// SPDX-License-Identifier: GPL-3.0-or-later
#include "LossChart.h"

#include <QEvent>

#include <algorithm>
#include <cmath>

namespace {

/// Weight of the history in the moving average of batch reports (each report already averages ~50 ms).
constexpr double kSmoothing = 0.8;

QCPGraph* makeGraph(QCustomPlot* plot, QCPAxis* valueAxis, const QColor& color, bool points) {
    QCPGraph* graph = plot->addGraph(plot->xAxis, valueAxis);
    graph->setPen(QPen(color, points ? 2.0 : 1.5));
    graph->setAdaptiveSampling(true);
    if (points)
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    return graph;
}

} // namespace

LossChart::LossChart(QWidget* parent) : QCustomPlot(parent) {
    setMinimumSize(360, 240);
    setAntialiasedElements(QCP::aePlottables);

    yAxis2->setVisible(true);
    // A little headroom so points at 100 % and at the last epoch are not cut in half by the axis rect.
    yAxis2->setRange(0.0, 101.5);
    yAxis->setRange(0.0, 1.0);
    QSharedPointer<QCPAxisTickerFixed> epochTicker(new QCPAxisTickerFixed);
    epochTicker->setTickStep(1.0);
    epochTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    xAxis->setTicker(epochTicker);

    // Axis titles and graph names are set in retranslate().
    trainLoss_ = makeGraph(this, yAxis, QColor(31, 119, 180), false);
    validationLoss_ = makeGraph(this, yAxis, QColor(255, 127, 14), true);
    trainAccuracy_ = makeGraph(this, yAxis2, QColor(44, 160, 44), true);
    validationAccuracy_ = makeGraph(this, yAxis2, QColor(214, 39, 40), true);
    retranslate();
    QPen dashed = trainAccuracy_->pen();
    dashed.setStyle(Qt::DashLine);
    trainAccuracy_->setPen(dashed);

    // The legend gets a row of its own above the axis rect: inside the plot it covered the curves wherever
    // it sat, since loss and accuracy together fill the rect from top to bottom. Two columns, loss on the
    // first line and accuracy on the second, keep the row short and narrow.
    legend->setVisible(true);
    legend->setFont(font());
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    legend->setIconSize(20, 12);
    legend->setColumnSpacing(12);
    legend->setRowSpacing(0);
    legend->setWrap(2);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst); // also rearranges the four items already added
    axisRect()->insetLayout()->take(legend);
    // Centred between two empty elements that take all the spare width (the legend's column stretches ~0).
    auto* legendRow = new QCPLayoutGrid;
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, legendRow);
    plotLayout()->setRowStretchFactor(0, 0.001); // the row keeps the legend's height, the plot gets the rest
    legendRow->addElement(0, 0, new QCPLayoutElement(this));
    legendRow->addElement(0, 1, legend);
    legendRow->addElement(0, 2, new QCPLayoutElement(this));
    legendRow->setColumnStretchFactors({1.0, 0.001, 1.0});
    legendRow->setMargins(QMargins(0, 0, 0, 0));
    // Never so narrow that the two legend columns are clipped, whatever the font.
    const QMargins outer = plotLayout()->margins();
    setMinimumWidth(
        std::max(minimumWidth(), legend->minimumOuterSizeHint().width() + outer.left() + outer.right()));

    redrawTimer_.setInterval(kRedrawIntervalMs);
    connect(&redrawTimer_, &QTimer::timeout, this, &LossChart::redraw);
    reset(1);
}

void LossChart::reset(int epochs) {
    epochs_ = std::max(1, epochs);
    for (QCPGraph* graph : {trainLoss_, validationLoss_, trainAccuracy_, validationAccuracy_})
        graph->data()->clear();
    maxLoss_ = 0.0;
    ema_ = 0.0;
    emaWeight_ = 0.0;
    setEpochRange();
    yAxis->setRange(0.0, 1.0);
    dirty_ = true;
    redraw();
}

void LossChart::addBatch(const digitpad::BatchProgress& progress) {
    if (!std::isfinite(progress.loss) || progress.batchesPerEpoch <= 0)
        return;
    ema_ = kSmoothing * ema_ + (1.0 - kSmoothing) * progress.loss;
    emaWeight_ = kSmoothing * emaWeight_ + (1.0 - kSmoothing);
    const double smoothed = ema_ / emaWeight_;
    const double x = progress.epoch - 1 + static_cast<double>(progress.batch) / progress.batchesPerEpoch;
    trainLoss_->addData(x, smoothed);
    markDirty(smoothed);
}

void LossChart::addEpoch(const digitpad::EpochMetrics& metrics) {
    const double x = metrics.epoch;
    double loss = 0.0;
    if (std::isfinite(metrics.validationLoss)) {
        validationLoss_->addData(x, metrics.validationLoss);
        loss = metrics.validationLoss;
    }
    if (std::isfinite(metrics.trainAccuracy))
        trainAccuracy_->addData(x, 100.0 * metrics.trainAccuracy);
    if (std::isfinite(metrics.validationAccuracy))
        validationAccuracy_->addData(x, 100.0 * metrics.validationAccuracy);
    if (metrics.epoch > epochs_) {
        epochs_ = metrics.epoch;
        setEpochRange();
    }
    markDirty(loss);
}

void LossChart::setEpochRange() {
    xAxis->setRange(0.0, epochs_ + std::max(0.08, 0.02 * epochs_));
}

void LossChart::markDirty(double loss) {
    maxLoss_ = std::max(maxLoss_, loss);
    dirty_ = true;
    if (!redrawTimer_.isActive())
        redrawTimer_.start();
}

void LossChart::redraw() {
    if (!dirty_) {
        // Nothing arrived for a whole tick: stop polling until the next point.
        redrawTimer_.stop();
        return;
    }
    dirty_ = false;
    yAxis->setRange(0.0, maxLoss_ > 0.0 ? maxLoss_ * 1.05 : 1.0);
    ++redraws_;
    replot(QCustomPlot::rpQueuedReplot);
}

void LossChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QCustomPlot::changeEvent(event);
}

void LossChart::retranslate() {
    xAxis->setLabel(tr("epoch"));
    yAxis->setLabel(tr("loss"));
    yAxis2->setLabel(tr("accuracy (%)"));
    trainLoss_->setName(tr("training loss (smoothed)"));
    validationLoss_->setName(tr("validation loss"));
    trainAccuracy_->setName(tr("training accuracy"));
    validationAccuracy_->setName(tr("validation accuracy"));
    replot(QCustomPlot::rpQueuedReplot);
}
