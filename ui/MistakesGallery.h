// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TrainingTypes.h"

#include <QImage>
#include <QString>
#include <QWidget>

class DigitGrid;
class QLabel;

/// The misclassified test images of a scored model, the most confidently wrong first, each captioned with its
/// true class, the answer and the probability the network gave that answer ("4 → 9 · 97 %"). Choosing one
/// asks for it to be shown on the Recognize tab.
class MistakesGallery : public QWidget {
    Q_OBJECT
public:
    /// At most this many thumbnails: a weak model misreads thousands, and the first ones tell the most.
    static constexpr int kMaxShown = 400;

    explicit MistakesGallery(QWidget* parent = nullptr);

    /// Shows report's test mistakes (report.testSet must hold the images they index); null clears.
    void setReport(SharedEvaluationReport report);
    /// The line above the thumbnails ("23 of 200 test images misclassified, …").
    QString summary() const;
    DigitGrid* grid() const { return grid_; }
    /// The caption a chosen mistake is shown with, e.g. "test image 123: true 4, answered 9 (97.3 %)".
    QString captionOf(int row) const;

signals:
    /// Mistake `image` (black ink on white, the size of the data's images) was chosen.
    void mistakeChosen(const QImage& image, const QString& caption);

protected:
    /// On QEvent::LanguageChange: shows the report again, in the language installed now.
    void changeEvent(QEvent* event) override;

private:
    QLabel* summary_ = nullptr;
    DigitGrid* grid_ = nullptr;
    SharedEvaluationReport report_;
};
