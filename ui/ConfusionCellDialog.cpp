// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConfusionCellDialog.h"

#include "DigitGrid.h"
#include "DigitImage.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

ConfusionCellDialog::ConfusionCellDialog(QWidget* parent) : QDialog(parent) {
    heading_ = new QLabel(this);
    heading_->setWordWrap(true);
    grid_ = new DigitGrid(this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading_);
    layout->addWidget(grid_, 1);
    layout->addWidget(buttons);
    resize(560, 420);
    connect(grid_, &DigitGrid::digitChosen, this, [this](int row) {
        if (row >= 0 && row < static_cast<int>(captions_.size()))
            emit imageChosen(grid_->imageAt(row), captions_[static_cast<std::size_t>(row)]);
    });
}

void ConfusionCellDialog::setCell(const digitpad::Dataset& data, const std::vector<int>& predictions,
                                  int truth, int predicted, const QString& setName,
                                  const QStringList& names) {
    const auto label = [&names](int c) { return c < names.size() ? names[c] : QString::number(c); };
    truth_ = truth;
    predicted_ = predicted;
    std::vector<int> samples;
    const int count = std::min(data.size(), static_cast<int>(predictions.size()));
    for (int i = 0; i < count; ++i)
        if (data.labels[static_cast<std::size_t>(i)] == truth &&
            predictions[static_cast<std::size_t>(i)] == predicted)
            samples.push_back(i);
    const int shown = std::min(kMaxShown, static_cast<int>(samples.size()));
    setWindowTitle(truth == predicted ? tr("True %1, answered %1").arg(label(truth))
                                      : tr("True %1, answered %2").arg(label(truth), label(predicted)));
    const int found = static_cast<int>(samples.size());
    const QString what =
        found == 1 ? tr("1 %1 image").arg(setName) : tr("%1 %2 images").arg(found).arg(setName);
    QString text = tr("%1 of a %2 that the network read as %3.").arg(what, label(truth), label(predicted));
    if (shown < found)
        text += tr(" Showing the first %1.").arg(shown);
    heading_->setText(text);
    grid_->clear();
    captions_.clear();
    grid_->setUpdatesEnabled(false);
    for (int k = 0; k < shown; ++k) {
        const int index = samples[static_cast<std::size_t>(k)];
        grid_->addDigit(digitImage(data, index), tr("#%1").arg(index),
                        tr("%1 image %2. Click to look at it on the Recognize tab.").arg(setName).arg(index));
        captions_.push_back(tr("%1 image %2: true %3, the trained model answered %4")
                                .arg(setName)
                                .arg(index)
                                .arg(label(truth), label(predicted)));
    }
    grid_->setUpdatesEnabled(true);
}

void ConfusionCellDialog::showCell(const digitpad::Dataset& data, const std::vector<int>& predictions,
                                   int truth, int predicted, const QString& setName,
                                   const QStringList& names) {
    setCell(data, predictions, truth, predicted, setName, names);
    show();
    raise();
    activateWindow();
}

QString ConfusionCellDialog::heading() const {
    return heading_->text();
}
