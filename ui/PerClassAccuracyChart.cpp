// SPDX-License-Identifier: GPL-3.0-or-later
#include "PerClassAccuracyChart.h"

#include "data/DigitFormat.h"

#include <QEvent>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

PerClassAccuracyChart::PerClassAccuracyChart(QWidget* parent) : QCustomPlot(parent) {
    bars_ = new QCPBars(xAxis, yAxis);
    bars_->setWidth(0.7);
    bars_->setAntialiased(false);
    bars_->setPen(Qt::NoPen);
    bars_->setBrush(QColor(33, 102, 172));
    xAxis->setTickLength(0, 3);
    xAxis->grid()->setVisible(false);
    plotLayout()->insertRow(0);
    title_ = new QCPTextElement(this, tr("Accuracy per class"), font());
    plotLayout()->addElement(0, 0, title_);
    setInteractions({});
    setMouseTracking(true);
    setClassLabels(digitpad::kDigitClasses, {});
    clear();
    retranslate();
}

void PerClassAccuracyChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QCustomPlot::changeEvent(event);
}

void PerClassAccuracyChart::retranslate() {
    yAxis->setLabel(tr("right (%)"));
    xAxis->setLabel(tr("true class"));
    // A title given with the accuracies is the caller's to word again.
    if (accuracies_.empty())
        title_->setText(tr("Accuracy per class"));
    replot(QCustomPlot::rpQueuedReplot);
}

void PerClassAccuracyChart::setClassLabels(int count, const QString& labels) {
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < count; ++i)
        ticker->addTick(i, i < labels.size() ? QString(labels[i]) : QString::number(i % 10));
    xAxis->setTicker(ticker);
    xAxis->setRange(-0.6, count - 0.4);
}

void PerClassAccuracyChart::setConfusion(const std::vector<std::vector<int>>& confusion,
                                         const QString& labels, const QStringList& names,
                                         const QString& title) {
    const int classes = static_cast<int>(confusion.size());
    accuracies_.assign(confusion.size(), std::numeric_limits<double>::quiet_NaN());
    totals_.assign(confusion.size(), 0);
    labels_ = labels;
    names_ = names;
    QVector<double> keys;
    QVector<double> values;
    double weakest = 1.0;
    for (int c = 0; c < classes; ++c) {
        const auto& row = confusion[static_cast<std::size_t>(c)];
        int total = 0;
        for (const int n : row)
            total += n;
        totals_[static_cast<std::size_t>(c)] = total;
        if (total == 0)
            continue;
        const double accuracy = static_cast<double>(row[static_cast<std::size_t>(c)]) / total;
        accuracies_[static_cast<std::size_t>(c)] = accuracy;
        weakest = std::min(weakest, accuracy);
        keys.append(c);
        values.append(100.0 * accuracy);
    }
    bars_->setData(keys, values, true);
    // From a round figure below the weakest class: 99 % and 97 % would look alike on a 0–100 axis.
    const double floor = weakest < 0.5 ? 0.0 : std::max(0.0, std::floor(100.0 * weakest / 5.0) * 5.0 - 5.0);
    yAxis->setRange(floor, 100.5);
    setClassLabels(classes == 0 ? digitpad::kDigitClasses : classes, labels);
    title_->setText(title);
    replot(QCustomPlot::rpQueuedReplot);
}

void PerClassAccuracyChart::clear() {
    accuracies_.clear();
    totals_.clear();
    bars_->data()->clear();
    yAxis->setRange(0.0, 100.5);
    title_->setText(tr("Accuracy per class"));
    replot(QCustomPlot::rpQueuedReplot);
}

QString PerClassAccuracyChart::barDescription(int c) const {
    if (c < 0 || c >= static_cast<int>(accuracies_.size()))
        return {};
    const QString name = c < names_.size() && !names_[c].isEmpty() ? names_[c]
                         : c < labels_.size()                      ? QString(labels_[c])
                                                                   : QString::number(c % 10);
    const double accuracy = accuracies_[static_cast<std::size_t>(c)];
    const int total = totals_[static_cast<std::size_t>(c)];
    return std::isnan(accuracy) ? tr("%1: no samples").arg(name)
                                : tr("%1: %2 % right (%3 of %4)")
                                      .arg(name)
                                      .arg(100.0 * accuracy, 0, 'f', 2)
                                      .arg(static_cast<int>(std::lround(accuracy * total)))
                                      .arg(total);
}

void PerClassAccuracyChart::mouseMoveEvent(QMouseEvent* event) {
    QCustomPlot::mouseMoveEvent(event);
    const QPointF position = event->position();
    const int c = static_cast<int>(std::lround(xAxis->pixelToCoord(position.x())));
    if (c < 0 || c >= static_cast<int>(accuracies_.size()) ||
        !axisRect()->rect().contains(position.toPoint())) {
        QToolTip::hideText();
        return;
    }
    const QString text = barDescription(c);
    QToolTip::showText(event->globalPosition().toPoint(), text, this);
}
