// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProbabilityChart.h"

#include "data/DigitFormat.h"

#include <QEvent>

#include <algorithm>

namespace {

const QColor kBarColor(120, 144, 170);
const QColor kWinnerColor(230, 120, 20);

} // namespace

ProbabilityChart::ProbabilityChart(QWidget* parent) : QCustomPlot(parent) {
    bars_ = new QCPBars(xAxis, yAxis);
    winnerBar_ = new QCPBars(xAxis, yAxis);
    for (QCPBars* bars : {bars_, winnerBar_}) {
        bars->setWidth(0.7);
        bars->setAntialiased(false);
    }
    yAxis->setRange(0, 1);
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(0.25);
    yAxis->setTicker(ticker);
    xAxis->setTickLength(0, 3);
    xAxis->grid()->setVisible(false);
    setInteractions({});
    setMinimumHeight(150);
    setClassCount(digitpad::kDigitClasses, {});
    clearProbabilities();
    retranslate();
}

void ProbabilityChart::setClassCount(int count, const QStringList& names) {
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    bool words = false;
    for (int i = 0; i < count; ++i) {
        const QString name = i < names.size() ? names[i] : QString::number(i);
        words = words || name.size() > 2;
        ticker->addTick(i, name);
    }
    xAxis->setTicker(ticker);
    // Names longer than a digit or two would overlap side by side.
    xAxis->setTickLabelRotation(words ? 60 : 0);
    xAxis->setRange(-0.6, count - 0.4);
}

void ProbabilityChart::setProbabilities(const QList<double>& probabilities, const QStringList& names,
                                        bool provisional) {
    values_ = probabilities;
    winner_ = probabilities.isEmpty()
                  ? -1
                  : static_cast<int>(std::max_element(probabilities.begin(), probabilities.end()) -
                                     probabilities.begin());
    QVector<double> keys;
    QVector<double> others;
    for (int i = 0; i < probabilities.size(); ++i) {
        keys.append(i);
        others.append(i == winner_ ? 0.0 : std::clamp(probabilities[i], 0.0, 1.0));
    }
    bars_->setData(keys, others, true);
    if (winner_ >= 0)
        winnerBar_->setData({double(winner_)}, {std::clamp(probabilities[winner_], 0.0, 1.0)}, true);
    else
        winnerBar_->data()->clear();

    // Provisional answers fade their colours so a glance tells them from a final answer.
    const int alpha = provisional ? 110 : 255;
    QColor bar = kBarColor;
    QColor win = kWinnerColor;
    bar.setAlpha(alpha);
    win.setAlpha(alpha);
    bars_->setPen(Qt::NoPen);
    bars_->setBrush(bar);
    winnerBar_->setPen(Qt::NoPen);
    winnerBar_->setBrush(win);
    setClassCount(probabilities.isEmpty() ? digitpad::kDigitClasses : static_cast<int>(probabilities.size()),
                  names);
    replot();
}

void ProbabilityChart::clearProbabilities() {
    values_.clear();
    winner_ = -1;
    bars_->data()->clear();
    winnerBar_->data()->clear();
    replot();
}

void ProbabilityChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QCustomPlot::changeEvent(event);
}

void ProbabilityChart::retranslate() {
    yAxis->setLabel(tr("probability"));
    replot(QCustomPlot::rpQueuedReplot);
}
