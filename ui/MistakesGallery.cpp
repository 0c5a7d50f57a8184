// SPDX-License-Identifier: GPL-3.0-or-later
#include "MistakesGallery.h"

#include "DigitGrid.h"
#include "DigitImage.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

QString classLabel(const std::string& labels, int c) {
    return c < static_cast<int>(labels.size()) ? QString(QLatin1Char(labels[static_cast<std::size_t>(c)]))
                                               : QString::number(c % 10);
}

/// The name of class `c` ("7", or "Sneaker" for a Fashion-MNIST model), else its label.
QString className(const digitpad::EvaluationReport& report, int c) {
    if (c >= 0 && c < static_cast<int>(report.classNames.size()))
        return QString::fromStdString(report.classNames[static_cast<std::size_t>(c)]);
    return classLabel(report.labels, c);
}

} // namespace

MistakesGallery::MistakesGallery(QWidget* parent) : QWidget(parent) {
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    grid_ = new DigitGrid(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(summary_);
    layout->addWidget(grid_, 1);
    connect(grid_, &DigitGrid::digitChosen, this,
            [this](int row) { emit mistakeChosen(grid_->imageAt(row), captionOf(row)); });
    setReport(nullptr);
}

void MistakesGallery::changeEvent(QEvent* event) {
    // The summary and the tiles' captions are worded when the report is shown: show it again.
    if (event->type() == QEvent::LanguageChange)
        setReport(report_);
    QWidget::changeEvent(event);
}

void MistakesGallery::setReport(SharedEvaluationReport report) {
    report_ = std::move(report);
    grid_->setAccessibleName(tr("Misclassified test images"));
    grid_->clear();
    if (!report_ || !report_->testSet) {
        summary_->setText(tr("When a run ends, its model's mistakes on the test set appear here, the most "
                             "confidently wrong first."));
        return;
    }
    const std::vector<digitpad::Mistake>& mistakes = report_->testMistakes;
    const int shown = std::min(kMaxShown, static_cast<int>(mistakes.size()));
    QString text = tr("%1 of %2 test images misclassified, the most confidently wrong first.")
                       .arg(mistakes.size())
                       .arg(report_->test.count);
    if (shown < static_cast<int>(mistakes.size()))
        text += tr(" Showing the first %1.").arg(shown);
    if (!mistakes.empty())
        text += tr(" Click one to look at it on the Recognize tab.");
    summary_->setText(text);
    grid_->setUpdatesEnabled(false);
    for (int row = 0; row < shown; ++row) {
        const digitpad::Mistake& mistake = mistakes[static_cast<std::size_t>(row)];
        const QString truth = classLabel(report_->labels, mistake.label);
        const QString answer = classLabel(report_->labels, mistake.predicted);
        // Rounded down, so a wrong answer short of certain never reads "100 %".
        const double shownPercent = std::floor(100.0 * mistake.confidence);
        // The caption under a thumbnail has room for the labels; the tooltip names the classes.
        grid_->addDigit(digitImage(*report_->testSet, mistake.index),
                        tr("%1 → %2\n%3 %").arg(truth, answer).arg(shownPercent, 0, 'f', 0),
                        tr("Test image %1: true %2, answered %3 with %4 % probability")
                            .arg(mistake.index)
                            .arg(className(*report_, mistake.label), className(*report_, mistake.predicted))
                            .arg(100.0 * mistake.confidence, 0, 'f', 1));
    }
    grid_->setUpdatesEnabled(true);
}

QString MistakesGallery::summary() const {
    return summary_->text();
}

QString MistakesGallery::captionOf(int row) const {
    if (!report_ || row < 0 || row >= static_cast<int>(report_->testMistakes.size()))
        return {};
    const digitpad::Mistake& mistake = report_->testMistakes[static_cast<std::size_t>(row)];
    return tr("test image %1: true %2, the trained model answered %3 (%4 %)")
        .arg(mistake.index)
        .arg(className(*report_, mistake.label), className(*report_, mistake.predicted))
        .arg(100.0 * mistake.confidence, 0, 'f', 1);
}
