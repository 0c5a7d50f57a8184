// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>

#include <QList>
#include <QStringList>

/// Ten bars, one per class, probabilities on a fixed 0..1 axis; the winner is drawn in the highlight colour.
/// A provisional answer (live mode) is drawn in lighter colours.
class ProbabilityChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit ProbabilityChart(QWidget* parent = nullptr);

    /// Shows `probabilities` (one per class, each 0..1); the largest is highlighted. `names` names the
    /// classes on the x axis ("0" … "9", or e.g. Fashion-MNIST's "T-shirt/top" …, drawn slanted); classes
    /// beyond them are shown by number.
    void setProbabilities(const QList<double>& probabilities, const QStringList& names = {},
                          bool provisional = false);
    /// No bars (nothing recognised).
    void clearProbabilities();

    /// What is shown: one value per class, empty after clearProbabilities().
    QList<double> probabilities() const { return values_; }
    /// The highlighted class, -1 when nothing is shown.
    int highlighted() const { return winner_; }

    QSize sizeHint() const override { return {320, 200}; }

protected:
    /// On QEvent::LanguageChange: retranslate().
    void changeEvent(QEvent* event) override;

private:
    /// The axis title in the language installed now.
    void retranslate();
    void setClassCount(int count, const QStringList& names);

    QCPBars* bars_ = nullptr; ///< every class but the winner
    QCPBars* winnerBar_ = nullptr;
    QList<double> values_;
    int winner_ = -1;
};
