// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConfusionMatrixView.h"

#include <QEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace {

constexpr int kPreferredCell = 34;
constexpr int kSmallestCell = 17;

/// White blended toward `full` by t in 0..1.
QColor shade(const QColor& full, double t) {
    const auto mix = [t](int to) { return static_cast<int>(std::lround(255.0 + (to - 255.0) * t)); };
    return QColor(mix(full.red()), mix(full.green()), mix(full.blue()));
}

} // namespace

ConfusionMatrixView::ConfusionMatrixView(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    retranslate();
}

void ConfusionMatrixView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ConfusionMatrixView::retranslate() {
    setAccessibleName(tr("Confusion matrix"));
    // A placeholder the owner gave is the owner's to word again.
    if (defaultPlaceholder_) {
        placeholder_ = tr("The confusion matrix appears after the first epoch.");
        update();
    }
}

void ConfusionMatrixView::setMatrix(const std::vector<std::vector<int>>& confusion, const QString& labels,
                                    const QStringList& names) {
    confusion_ = confusion;
    labels_ = labels;
    names_ = names;
    if (currentTruth_ >= classes() || currentPredicted_ >= classes())
        currentTruth_ = currentPredicted_ = 0;
    setCurrent(currentTruth_, currentPredicted_);
}

void ConfusionMatrixView::setPlaceholder(const QString& text) {
    defaultPlaceholder_ = false;
    placeholder_ = text;
    update();
}

QString ConfusionMatrixView::label(int c) const {
    return c < labels_.size() ? QString(labels_[c]) : QString::number(c % 10);
}

QString ConfusionMatrixView::className(int c) const {
    return c >= 0 && c < names_.size() && !names_[c].isEmpty() ? names_[c] : label(c);
}

int ConfusionMatrixView::rowTotal(int truth) const {
    int total = 0;
    for (const int n : confusion_[static_cast<std::size_t>(truth)])
        total += n;
    return total;
}

ConfusionMatrixView::Layout ConfusionMatrixView::layout() const {
    Layout l;
    const int n = classes();
    if (n == 0)
        return l;
    const QFontMetrics fm(font());
    const int top = 2 * fm.height() + 2;
    l.headerWidth = fm.height() + fm.horizontalAdvance(QStringLiteral("00")) + 4;
    l.cell = std::max(1, std::min((width() - l.headerWidth - 2) / n, (height() - top - 2) / n));
    l.grid = QRect(l.headerWidth, top, l.cell * n, l.cell * n);
    return l;
}

QRect ConfusionMatrixView::cellRect(int truth, int predicted) const {
    const Layout l = layout();
    if (l.cell == 0 || truth < 0 || predicted < 0 || truth >= classes() || predicted >= classes())
        return {};
    return QRect(l.grid.left() + predicted * l.cell, l.grid.top() + truth * l.cell, l.cell, l.cell);
}

bool ConfusionMatrixView::cellAt(const QPoint& position, int& truth, int& predicted) const {
    const Layout l = layout();
    if (l.cell == 0 || !l.grid.contains(position))
        return false;
    predicted = std::min(classes() - 1, (position.x() - l.grid.left()) / l.cell);
    truth = std::min(classes() - 1, (position.y() - l.grid.top()) / l.cell);
    return true;
}

QString ConfusionMatrixView::cellDescription(int truth, int predicted) const {
    const int count = confusion_[static_cast<std::size_t>(truth)][static_cast<std::size_t>(predicted)];
    const int total = rowTotal(truth);
    const QString share =
        total > 0 ? QStringLiteral(" (%1 %)").arg(100.0 * count / total, 0, 'f', 1) : QString();
    if (truth == predicted)
        return tr("True %1, answered %1: %2 of %3%4 right")
            .arg(className(truth))
            .arg(count)
            .arg(total)
            .arg(share);
    return tr("True %1, answered %2: %3 of %4%5")
        .arg(className(truth), className(predicted))
        .arg(count)
        .arg(total)
        .arg(share);
}

QSize ConfusionMatrixView::sizeHint() const {
    const QFontMetrics fm(font());
    const int n = std::max(classes(), 10);
    return {fm.height() + fm.horizontalAdvance(QStringLiteral("00")) + 6 + n * kPreferredCell,
            2 * fm.height() + 4 + n * kPreferredCell};
}

QSize ConfusionMatrixView::minimumSizeHint() const {
    const QFontMetrics fm(font());
    const int n = std::max(classes(), 10);
    return {fm.height() + fm.horizontalAdvance(QStringLiteral("00")) + 6 + n * kSmallestCell,
            2 * fm.height() + 4 + n * kSmallestCell};
}

void ConfusionMatrixView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const int n = classes();
    if (n == 0) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
        return;
    }
    const Layout l = layout();
    const QFontMetrics fm(font());
    painter.setPen(palette().color(QPalette::Text));
    // Axis titles: "answered" over the columns, "true" (turned) beside the rows.
    painter.drawText(QRect(l.grid.left(), 0, l.grid.width(), fm.height()), Qt::AlignCenter, tr("answered"));
    painter.save();
    painter.translate(0, l.grid.center().y());
    painter.rotate(-90);
    painter.drawText(QRect(-l.grid.height() / 2, 0, l.grid.height(), fm.height()), Qt::AlignCenter,
                     tr("true"));
    painter.restore();
    for (int c = 0; c < n; ++c) {
        painter.drawText(QRect(l.grid.left() + c * l.cell, fm.height(), l.cell, fm.height()), Qt::AlignCenter,
                         label(c));
        painter.drawText(
            QRect(fm.height(), l.grid.top() + c * l.cell, l.headerWidth - fm.height() - 4, l.cell),
            Qt::AlignRight | Qt::AlignVCenter, label(c));
    }

    // The counts shrink with the cells, so a four-digit count still fits.
    int largest = 0;
    for (const auto& row : confusion_)
        for (const int count : row)
            largest = std::max(largest, count);
    QFont countFont = font();
    const int textWidth = QFontMetrics(countFont).horizontalAdvance(QString::number(largest));
    if (textWidth > l.cell - 4 && textWidth > 0)
        countFont.setPointSizeF(std::max(5.0, countFont.pointSizeF() * (l.cell - 4) / textWidth));
    painter.setFont(countFont);

    const QColor right(33, 102, 172);
    const QColor wrong(200, 40, 40);
    // A good network's mistakes are a few percent of a row at most: they are shaded on the scale of the
    // largest one, so the worst confusion is deep red however rare it is.
    double largestMistake = 0.0;
    for (int truth = 0; truth < n; ++truth)
        for (int predicted = 0; predicted < n; ++predicted)
            if (truth != predicted && rowTotal(truth) > 0)
                largestMistake = std::max(
                    largestMistake,
                    static_cast<double>(
                        confusion_[static_cast<std::size_t>(truth)][static_cast<std::size_t>(predicted)]) /
                        rowTotal(truth));
    for (int truth = 0; truth < n; ++truth) {
        const int total = rowTotal(truth);
        for (int predicted = 0; predicted < n; ++predicted) {
            const int count =
                confusion_[static_cast<std::size_t>(truth)][static_cast<std::size_t>(predicted)];
            const double share = total > 0 ? static_cast<double>(count) / total : 0.0;
            // The square root keeps a mistake a tenth the size of the largest visible.
            const double mistake = largestMistake > 0.0 ? 0.85 * std::sqrt(share / largestMistake) : 0.0;
            const double t = truth == predicted ? share : mistake;
            const QRect cell = cellRect(truth, predicted);
            painter.fillRect(cell, shade(truth == predicted ? right : wrong, t));
            if (count > 0 || truth == predicted) {
                painter.setPen(t > 0.55 ? Qt::white : Qt::black);
                painter.drawText(cell, Qt::AlignCenter, QString::number(count));
            }
        }
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(l.grid.adjusted(0, 0, -1, -1));
    if (hasFocus()) {
        QPen pen(palette().color(QPalette::Highlight), 2);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(cellRect(currentTruth_, currentPredicted_).adjusted(1, 1, -1, -1));
    }
}

void ConfusionMatrixView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    const QFontMetrics fm(font());
    const int n = std::max(classes(), 10);
    const int cell = std::max(1, (height() - 2 * fm.height() - 4) / n);
    const int headerWidth = fm.height() + fm.horizontalAdvance(QStringLiteral("00")) + 6;
    setMaximumWidth(std::max(minimumSizeHint().width(), headerWidth + n * cell));
}

void ConfusionMatrixView::setCurrent(int truth, int predicted) {
    currentTruth_ = std::clamp(truth, 0, std::max(0, classes() - 1));
    currentPredicted_ = std::clamp(predicted, 0, std::max(0, classes() - 1));
    // What a screen reader says of the current cell, whether a key or a click made it current.
    if (classes() > 0)
        setAccessibleDescription(cellDescription(currentTruth_, currentPredicted_));
    update();
}

void ConfusionMatrixView::mousePressEvent(QMouseEvent* event) {
    pressedTruth_ = pressedPredicted_ = -1;
    int truth = 0;
    int predicted = 0;
    if (event->button() == Qt::LeftButton && cellAt(event->position().toPoint(), truth, predicted)) {
        pressedTruth_ = truth;
        pressedPredicted_ = predicted;
        setCurrent(truth, predicted);
    }
    QWidget::mousePressEvent(event);
}

void ConfusionMatrixView::mouseReleaseEvent(QMouseEvent* event) {
    int truth = 0;
    int predicted = 0;
    // A click: pressed and released on the same cell.
    if (event->button() == Qt::LeftButton && cellAt(event->position().toPoint(), truth, predicted) &&
        truth == pressedTruth_ && predicted == pressedPredicted_)
        emit cellActivated(truth, predicted);
    pressedTruth_ = pressedPredicted_ = -1;
    QWidget::mouseReleaseEvent(event);
}

void ConfusionMatrixView::keyPressEvent(QKeyEvent* event) {
    if (classes() == 0) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_Left:
        setCurrent(currentTruth_, currentPredicted_ - 1);
        break;
    case Qt::Key_Right:
        setCurrent(currentTruth_, currentPredicted_ + 1);
        break;
    case Qt::Key_Up:
        setCurrent(currentTruth_ - 1, currentPredicted_);
        break;
    case Qt::Key_Down:
        setCurrent(currentTruth_ + 1, currentPredicted_);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        emit cellActivated(currentTruth_, currentPredicted_);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

QString ConfusionMatrixView::toolTipAt(const QPoint& position) const {
    int truth = 0;
    int predicted = 0;
    if (cellAt(position, truth, predicted))
        return cellDescription(truth, predicted);
    // The headers have room for a label only: a named class says its name there.
    const Layout l = layout();
    if (l.cell == 0)
        return {};
    int c = -1;
    if (position.x() < l.grid.left() && position.y() >= l.grid.top() && position.y() <= l.grid.bottom())
        c = (position.y() - l.grid.top()) / l.cell;
    else if (position.y() < l.grid.top() && position.x() >= l.grid.left() && position.x() <= l.grid.right())
        c = (position.x() - l.grid.left()) / l.cell;
    if (c < 0 || c >= classes() || className(c) == label(c))
        return {};
    return tr("Class %1: %2").arg(label(c), className(c));
}

bool ConfusionMatrixView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (const QString text = toolTipAt(help->pos()); !text.isEmpty())
            QToolTip::showText(help->globalPos(), text, this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}
