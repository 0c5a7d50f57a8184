// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Dataset.h"

#include <QDialog>
#include <QImage>
#include <QString>
#include <QStringList>

#include <vector>

class DigitGrid;
class QLabel;

/// The images behind one cell of a confusion matrix: the samples of one true class that got one answer.
/// Not modal, so the matrix stays usable; showing another cell replaces the contents. Choosing a thumbnail
/// asks for it to be shown on the Recognize tab.
class ConfusionCellDialog : public QDialog {
    Q_OBJECT
public:
    /// At most this many thumbnails (a diagonal cell of MNIST holds about a thousand).
    static constexpr int kMaxShown = 500;

    explicit ConfusionCellDialog(QWidget* parent = nullptr);

    /// Shows the samples i of `data` with data.labels[i] == truth and predictions[i] == predicted
    /// (predictions: one per sample, in order). `setName` says which set, e.g. "validation"; `names` has the
    /// name of every class ("7", or "Sneaker" for a Fashion-MNIST model; the class number for a missing one).
    void showCell(const digitpad::Dataset& data, const std::vector<int>& predictions, int truth,
                  int predicted, const QString& setName, const QStringList& names);
    /// Fills in the samples as showCell() does without showing or raising the dialog: a new epoch's answers
    /// for the cell already open.
    void setCell(const digitpad::Dataset& data, const std::vector<int>& predictions, int truth, int predicted,
                 const QString& setName, const QStringList& names);
    /// The cell shown, as (truth, predicted); -1 before the first.
    int truth() const { return truth_; }
    int predicted() const { return predicted_; }

    QString heading() const;
    DigitGrid* grid() const { return grid_; }

signals:
    /// A thumbnail was chosen, to look at on the Recognize tab; caption says which image it is.
    void imageChosen(const QImage& image, const QString& caption);

private:
    QLabel* heading_ = nullptr;
    DigitGrid* grid_ = nullptr;
    std::vector<QString> captions_; ///< one per thumbnail
    int truth_ = -1;
    int predicted_ = -1;
};
