// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Result.h"

#include <QDialog>
#include <QStringList>

class MyDigitsStore;
class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QListWidget;
class QUndoStack;

/// Tools ▸ My digits…: the drawings kept from the Recognize tab as thumbnails, each with its label, what the
/// model answered when it was kept and whether that was right. Filter by digit or to the wrong answers;
/// Delete removes the selected drawings (to the store's trash), Ctrl+Z / Ctrl+Shift+Z undo and redo that;
/// Export… copies the sample folder elsewhere; Open folder shows it in the file manager.
class MyDigitsDialog : public QDialog {
    Q_OBJECT
public:
    /// What the filter shows besides a single digit.
    enum class Filter { All, Wrong };

    explicit MyDigitsDialog(MyDigitsStore* store, QWidget* parent = nullptr);
    ~MyDigitsDialog() override;

    QListWidget* list() const { return list_; }
    QUndoStack* undoStack() const { return undoStack_; }
    QAction* deleteAction() const { return deleteAction_; }
    /// Shows only drawings labelled `digit` (0–9).
    void showDigit(int digit);
    void showAll(Filter filter = Filter::All);
    /// How many drawings the filter lets through.
    int shownCount() const;
    /// The summary line, e.g. "120 drawings, 14 answered wrongly".
    QString summaryText() const;
    /// Exports into `folder`; a failure is shown in a message box and returned.
    digitpad::Status exportTo(const QString& folder);

public slots:
    /// Reads the store again (done on every change while the dialog is shown).
    void reload();
    /// Removes the selected drawings as one undoable step.
    void deleteSelected();

protected:
    void showEvent(QShowEvent* event) override;
    /// On QEvent::LanguageChange: retranslate().
    void changeEvent(QEvent* event) override;

private:
    /// Puts the controls, the drawings' captions and the summary in the language installed now.
    void retranslate();
    void updateUndoTexts();
    void applyFilter();
    void updateActions();
    void exportDialog();
    void openFolder();

    MyDigitsStore* store_;
    QUndoStack* undoStack_ = nullptr;
    QComboBox* filter_ = nullptr;
    QListWidget* list_ = nullptr;
    QLabel* summary_ = nullptr;
    QAction* deleteAction_ = nullptr;
    QAction* undo_ = nullptr;
    QAction* redo_ = nullptr;
    QLabel* filterLabel_ = nullptr;
    QPushButton* exportButton_ = nullptr;
    QPushButton* openButton_ = nullptr;
    QStringList problems_;
    bool stale_ = true; ///< the store changed while the dialog was hidden
};
