// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRect>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

/// A confusion matrix as a heat map with the count in every cell: rows are the true classes, columns the
/// answers. Cells are shaded by their share of the row, so a class's mistakes stand out however many samples
/// it has: the diagonal (right answers) blue, every other cell red on the scale of the largest mistake. A
/// click, or Enter on the current cell (arrow keys move it), asks for the samples behind a cell.
class ConfusionMatrixView : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionMatrixView(QWidget* parent = nullptr);

    /// confusion[truth][predicted], classes × classes; empty shows `placeholder()`. `labels` has one
    /// character per class (digits fill in for missing ones): the row and column headers. `names` are the
    /// class names ("Sneaker" for a Fashion-MNIST model), which the tooltips and the accessible description
    /// use; the labels stand in for missing ones.
    void setMatrix(const std::vector<std::vector<int>>& confusion, const QString& labels,
                   const QStringList& names = {});
    const std::vector<std::vector<int>>& matrix() const { return confusion_; }
    /// The text shown while there is no matrix.
    void setPlaceholder(const QString& text);

    int classes() const { return static_cast<int>(confusion_.size()); }
    /// The cell with the keyboard focus, as (truth, predicted).
    int currentTruth() const { return currentTruth_; }
    int currentPredicted() const { return currentPredicted_; }
    /// Where cell (truth, predicted) is drawn, in widget coordinates; empty without a matrix.
    QRect cellRect(int truth, int predicted) const;
    /// The tooltip at `position`: a cell's figures, or the class a row or column header stands for when the
    /// class has a name; empty elsewhere.
    QString toolTipAt(const QPoint& position) const;
    /// The name of class `c`: its name, else its label.
    QString className(int c) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    /// The user clicked cell (truth, predicted) or pressed Enter on it.
    void cellActivated(int truth, int predicted);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    /// Never wider than the square grid its height allows, so the space beside it goes to its neighbours.
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;
    /// On QEvent::LanguageChange: retranslate().
    void changeEvent(QEvent* event) override;

private:
    /// The accessible name and, unless setPlaceholder() gave another, the placeholder in the language
    /// installed now.
    void retranslate();
    struct Layout {
        int cell = 0;        ///< side of one cell
        QRect grid;          ///< the cells
        int headerWidth = 0; ///< room left of the grid for the row labels
    };
    Layout layout() const;
    /// The (truth, predicted) cell under `position`, or false.
    bool cellAt(const QPoint& position, int& truth, int& predicted) const;
    int rowTotal(int truth) const;
    QString cellDescription(int truth, int predicted) const;
    QString label(int c) const;
    void setCurrent(int truth, int predicted);

    std::vector<std::vector<int>> confusion_;
    QString labels_;
    QStringList names_;
    QString placeholder_;
    bool defaultPlaceholder_ = true; ///< placeholder_ is this class's own, not one setPlaceholder() gave
    int currentTruth_ = 0;
    int currentPredicted_ = 0;
    int pressedTruth_ = -1;
    int pressedPredicted_ = -1;
};
