// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "train/Trainer.h"

#include <qcustomplot.h>

#include <QTimer>

/// Live training curves: smoothed training loss per batch report and validation loss per epoch on the left
/// axis, training and validation accuracy per epoch (0–100 %) on the right axis, against epochs on x. The
/// legend sits in a row of its own above the plot, so it never covers a curve.
/// Data is only appended; redraws are coalesced by a timer (~15 Hz) into queued replots, so a fast run costs
/// the GUI at most one redraw per tick however many reports arrive.
class LossChart : public QCustomPlot {
    Q_OBJECT
public:
    /// Time between redraws while data is arriving.
    static constexpr int kRedrawIntervalMs = 66;

    explicit LossChart(QWidget* parent = nullptr);

    /// Clears every curve and sets the x range to [0, epochs].
    void reset(int epochs);
    /// Adds the smoothed training loss at x = epoch - 1 + batch / batchesPerEpoch.
    void addBatch(const digitpad::BatchProgress& progress);
    /// Adds validation loss and both accuracies at x = epoch (NaN values, e.g. no validation split, are
    /// skipped).
    void addEpoch(const digitpad::EpochMetrics& metrics);

    QCPGraph* trainLossGraph() const { return trainLoss_; }
    QCPGraph* validationLossGraph() const { return validationLoss_; }
    QCPGraph* trainAccuracyGraph() const { return trainAccuracy_; }
    QCPGraph* validationAccuracyGraph() const { return validationAccuracy_; }
    /// How many redraws the throttle has asked for (lets tests see that redraws are coalesced).
    int redrawCount() const { return redraws_; }

protected:
    /// On QEvent::LanguageChange: retranslate().
    void changeEvent(QEvent* event) override;

private:
    /// Axis titles and the legend in the language installed now.
    void retranslate();
    void setEpochRange();
    void markDirty(double loss);
    void redraw();

    QCPGraph* trainLoss_ = nullptr;
    QCPGraph* validationLoss_ = nullptr;
    QCPGraph* trainAccuracy_ = nullptr;
    QCPGraph* validationAccuracy_ = nullptr;
    QTimer redrawTimer_;
    bool dirty_ = false;
    int redraws_ = 0;
    int epochs_ = 1;
    double maxLoss_ = 0.0;
    /// Bias-corrected exponential moving average of the batch losses (as Adam corrects its moments), so the
    /// first points are not pulled towards zero.
    double ema_ = 0.0;
    double emaWeight_ = 0.0;
};
