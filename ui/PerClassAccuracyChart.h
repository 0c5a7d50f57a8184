// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>

#include <QString>
#include <QStringList>

#include <vector>

/// One bar per class: the share of its samples the network got right, in percent. The value axis starts a
/// little below the weakest class (at 0 when a class is below 50 %), so a few percent between two classes
/// stay visible; the axis says where it starts. Hovering a bar tells its figures.
class PerClassAccuracyChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit PerClassAccuracyChart(QWidget* parent = nullptr);

    /// Accuracy per class from confusion[truth][predicted] (classes × classes); a class without samples gets
    /// no bar. `labels` has one character per class, the axis's ticks; `names` are the class names
    /// ("Sneaker" for a Fashion-MNIST model), which hovering a bar tells (the labels stand in for missing
    /// ones); `title` says which set the figures are of.
    void setConfusion(const std::vector<std::vector<int>>& confusion, const QString& labels,
                      const QStringList& names, const QString& title);
    /// No bars.
    void clear();

    /// What is shown: the accuracy of each class in 0..1, NaN for a class without samples.
    const std::vector<double>& accuracies() const { return accuracies_; }
    /// What hovering class c's bar tells: its name and figures.
    QString barDescription(int c) const;

    QSize sizeHint() const override { return {260, 240}; }
    QSize minimumSizeHint() const override { return {140, 160}; }

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    /// On QEvent::LanguageChange: retranslate().
    void changeEvent(QEvent* event) override;

private:
    /// Axis titles (and the default title) in the language installed now.
    void retranslate();
    void setClassLabels(int count, const QString& labels);

    QCPBars* bars_ = nullptr;
    QCPTextElement* title_ = nullptr;
    std::vector<double> accuracies_;
    std::vector<int> totals_;
    QString labels_;
    QStringList names_;
};
