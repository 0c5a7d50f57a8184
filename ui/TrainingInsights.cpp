// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrainingInsights.h"

#include "ConfusionCellDialog.h"
#include "ConfusionMatrixView.h"
#include "MistakesGallery.h"
#include "PerClassAccuracyChart.h"

#include "app/ModelEvaluation.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

const QString kDigits = QStringLiteral("0123456789");

/// "97.10 % right (5826 of 6000)".
QString rightOf(const std::vector<std::vector<int>>& confusion) {
    long long right = 0;
    long long total = 0;
    for (std::size_t truth = 0; truth < confusion.size(); ++truth)
        for (std::size_t predicted = 0; predicted < confusion[truth].size(); ++predicted) {
            total += confusion[truth][predicted];
            right += truth == predicted ? confusion[truth][predicted] : 0;
        }
    if (total == 0)
        return TrainingInsights::tr("no images");
    return TrainingInsights::tr("%1\u00a0% right (%2 of %3)")
        .arg(100.0 * static_cast<double>(right) / static_cast<double>(total), 0, 'f', 2)
        .arg(right)
        .arg(total);
}

} // namespace

TrainingInsights::TrainingInsights(QWidget* curves, QWidget* parent) : QTabWidget(parent) {
    // The tabs' texts are set in retranslate().
    addTab(curves, QString());

    confusionPage_ = new QWidget(this);
    confusionTitle_ = new QLabel(confusionPage_);
    confusionTitle_->setWordWrap(true);
    confusion_ = new ConfusionMatrixView(confusionPage_);
    perClass_ = new PerClassAccuracyChart(confusionPage_);
    auto* views = new QHBoxLayout;
    // The matrix first: it stops at the square its height allows, and the chart takes what is left.
    views->addWidget(confusion_, 2);
    views->addWidget(perClass_, 1);
    auto* confusionLayout = new QVBoxLayout(confusionPage_);
    confusionLayout->setContentsMargins(4, 4, 4, 4);
    confusionLayout->addWidget(confusionTitle_);
    confusionLayout->addLayout(views, 1);
    addTab(confusionPage_, QString());

    gallery_ = new MistakesGallery(this);
    mistakesPage_ = gallery_;
    addTab(mistakesPage_, QString());

    connect(confusion_, &ConfusionMatrixView::cellActivated, this, &TrainingInsights::showCell);
    connect(gallery_, &MistakesGallery::mistakeChosen, this, &TrainingInsights::imageChosen);
    startRun();
    retranslate();
}

void TrainingInsights::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QTabWidget::changeEvent(event);
}

void TrainingInsights::retranslate() {
    setTabText(0, tr("Curves"));
    setTabText(indexOf(confusionPage_), tr("Confusion"));
    // What is shown is shown again, so its title and tab are worded anew.
    if (shownReport_) {
        // Not showTestReport(): that closes an open cell dialog, which a language change must not.
        showMatrix(shownReport_->test.confusion,
                   tr("Test set, the run's model: %1").arg(rightOf(shownReport_->test.confusion)));
        setTabText(indexOf(mistakesPage_), tr("Mistakes (%1)").arg(shownReport_->testMistakes.size()));
        shownSetName_ = tr("test");
        if (cellDialog_ && cellDialog_->isVisible() && shownSet_)
            cellDialog_->setCell(*shownSet_, shownPredictions_, cellDialog_->truth(),
                                 cellDialog_->predicted(), shownSetName_, cellNames());
        return;
    }
    setTabText(indexOf(mistakesPage_), tr("Mistakes"));
    if (shownEpoch_)
        showEpoch(*shownEpoch_);
    else
        showStartTexts();
}

void TrainingInsights::showStartTexts() {
    setTabText(indexOf(mistakesPage_), tr("Mistakes"));
    confusionTitle_->setText(
        tr("The validation set's confusion matrix appears after every epoch, the test set's "
           "when the run ends."));
}

void TrainingInsights::startRun(const QStringList& names) {
    validation_.reset();
    shownSet_.reset();
    shownPredictions_.clear();
    shownSetName_.clear();
    labels_ = kDigits;
    names_ = names;
    confusion_->setMatrix({}, labels_);
    perClass_->clear();
    gallery_->setReport(nullptr);
    shownEpoch_.reset();
    shownReport_.reset();
    showStartTexts();
    if (cellDialog_)
        cellDialog_->close();
}

void TrainingInsights::setValidationSet(SharedDataset validation) {
    validation_ = std::move(validation);
}

void TrainingInsights::showMatrix(const std::vector<std::vector<int>>& confusion, const QString& title) {
    confusion_->setMatrix(confusion, labels_, names_);
    // The set is named in the line above: a narrow chart has no room for it.
    perClass_->setConfusion(confusion, labels_, names_, tr("Accuracy per class"));
    confusionTitle_->setText(title + tr(". Click a cell (or press Enter on it) to see its images."));
}

void TrainingInsights::showEpoch(const digitpad::EpochMetrics& metrics) {
    if (!shownReport_)
        shownEpoch_ = metrics;
    if (metrics.validationConfusion.empty()) {
        confusion_->setPlaceholder(
            tr("This run holds out no validation images: the test set's confusion matrix "
               "appears when the run ends."));
        return;
    }
    shownSet_ = validation_;
    shownPredictions_ = metrics.validationPredictions;
    shownSetName_ = tr("validation");
    showMatrix(
        metrics.validationConfusion,
        tr("Validation set after epoch %1: %2").arg(metrics.epoch).arg(rightOf(metrics.validationConfusion)));
    // An open cell follows the epochs: its images become the ones this epoch answered that way.
    if (cellDialog_ && cellDialog_->isVisible() && shownSet_)
        cellDialog_->setCell(*shownSet_, shownPredictions_, cellDialog_->truth(), cellDialog_->predicted(),
                             shownSetName_, cellNames());
}

void TrainingInsights::showTestReport(SharedEvaluationReport report) {
    if (!report)
        return;
    shownReport_ = report;
    labels_ = QString::fromStdString(report->labels);
    names_.clear();
    for (const std::string& name : report->classNames)
        names_ << QString::fromStdString(name);
    // The images live inside the report: share its ownership rather than copying them.
    shownSet_ = report->testSet ? SharedDataset(report, &*report->testSet) : SharedDataset();
    shownPredictions_ = report->test.predictions;
    shownSetName_ = tr("test");
    showMatrix(report->test.confusion,
               tr("Test set, the run's model: %1").arg(rightOf(report->test.confusion)));
    gallery_->setReport(report);
    setTabText(indexOf(mistakesPage_), tr("Mistakes (%1)").arg(report->testMistakes.size()));
    if (cellDialog_ && cellDialog_->isVisible())
        cellDialog_->close();
}

void TrainingInsights::showCell(int truth, int predicted) {
    if (!shownSet_)
        return;
    if (!cellDialog_) {
        cellDialog_ = new ConfusionCellDialog(this);
        connect(cellDialog_, &ConfusionCellDialog::imageChosen, this, &TrainingInsights::imageChosen);
    }
    cellDialog_->showCell(*shownSet_, shownPredictions_, truth, predicted, shownSetName_, cellNames());
}

QStringList TrainingInsights::cellNames() const {
    QStringList names;
    for (int c = 0; c < std::max<int>(confusion_->classes(), labels_.size()); ++c)
        names << confusion_->className(c);
    return names;
}

QString TrainingInsights::confusionTitle() const {
    return confusionTitle_->text();
}

ConfusionCellDialog* TrainingInsights::cellDialog() const {
    return cellDialog_;
}
