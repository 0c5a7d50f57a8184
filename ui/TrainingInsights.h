// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TrainingTypes.h"

#include <QImage>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTabWidget>

#include <optional>
#include <vector>

class ConfusionCellDialog;
class ConfusionMatrixView;
class MistakesGallery;
class PerClassAccuracyChart;
class QLabel;

/// The Train tab's views of a run, as tabs: the curves; the confusion matrix with the accuracy per class
/// beside it (the validation set's after every epoch, the test set's once the run's model has been scored);
/// and the gallery of the test set's mistakes. Clicking a matrix cell opens the images behind it.
class TrainingInsights : public QTabWidget {
    Q_OBJECT
public:
    /// `curves` becomes the first tab.
    explicit TrainingInsights(QWidget* curves, QWidget* parent = nullptr);

    /// Forgets the previous run's figures and images. `names` are the class names the run's data will have
    /// (classNamesFor() of its folder), for the validation matrix; empty for digits. The test report's names
    /// replace them.
    void startRun(const QStringList& names = {});
    /// The run's validation images; the predictions of every later showEpoch() index them.
    void setValidationSet(SharedDataset validation);
    /// The validation confusion matrix and accuracy per class after an epoch.
    void showEpoch(const digitpad::EpochMetrics& metrics);
    /// The run's model on the test set: the matrix, the accuracy per class and the mistakes.
    void showTestReport(SharedEvaluationReport report);

    ConfusionMatrixView* confusionView() const { return confusion_; }
    PerClassAccuracyChart* perClassChart() const { return perClass_; }
    MistakesGallery* mistakesGallery() const { return gallery_; }
    QWidget* confusionPage() const { return confusionPage_; }
    /// The dialog of the last clicked cell, or null before the first click.
    ConfusionCellDialog* cellDialog() const;
    /// The line over the matrix, e.g. "Validation set after epoch 3: 97.10 % right (5826 of 6000)".
    QString confusionTitle() const;

signals:
    /// The user chose an image to look at on the Recognize tab (black ink on white, the data's size).
    void imageChosen(const QImage& image, const QString& caption);

protected:
    /// On QEvent::LanguageChange: retranslate().
    void changeEvent(QEvent* event) override;

private:
    /// Puts the tabs and the title of what is shown in the language installed now.
    void retranslate();
    /// The titles before a run's first epoch.
    void showStartTexts();
    void showCell(int truth, int predicted);
    /// The name of every class of the matrix shown, for the cell dialog.
    QStringList cellNames() const;
    void showMatrix(const std::vector<std::vector<int>>& confusion, const QString& title);

    ConfusionMatrixView* confusion_ = nullptr;
    PerClassAccuracyChart* perClass_ = nullptr;
    MistakesGallery* gallery_ = nullptr;
    QWidget* confusionPage_ = nullptr;
    QWidget* mistakesPage_ = nullptr;
    QLabel* confusionTitle_ = nullptr;
    QPointer<ConfusionCellDialog> cellDialog_;
    SharedDataset validation_;
    /// What the matrix shows: the images, the answer for each, the set's name and its class labels.
    SharedDataset shownSet_;
    std::vector<int> shownPredictions_;
    QString shownSetName_;
    /// The last epoch shown and the run's test report once it came, to word them again on a language change.
    std::optional<digitpad::EpochMetrics> shownEpoch_;
    SharedEvaluationReport shownReport_;
    QString labels_;
    QStringList names_; ///< the class names, e.g. "Sneaker"; the labels stand in for missing ones
};
