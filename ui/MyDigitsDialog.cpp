// SPDX-License-Identifier: GPL-3.0-or-later
#include "MyDigitsDialog.h"

#include "ErrorMessage.h"
#include "MyDigitsStore.h"
#include "QtImage.h"
#include "RemoveDrawingsCommand.h"

#include <QAction>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QToolButton>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr int kThumbnailSide = 64;

enum Role { IdRole = Qt::UserRole, LabelRole, AnsweredWronglyRole };

/// A thumbnail of a kept drawing: the square around its ink with a margin, so a small digit on the large
/// canvas is still legible at thumbnail size.
QPixmap thumbnail(const digitpad::GrayImage& image) {
    int left = image.width, top = image.height, right = -1, bottom = -1;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            if (image.at(x, y) < 192) {
                left = std::min(left, x);
                right = std::max(right, x);
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
    QImage picture = toQImage(image);
    if (right >= 0) {
        const int side = std::max(right - left, bottom - top) * 5 / 4 + 8;
        QImage framed(side, side, QImage::Format_Grayscale8);
        framed.fill(Qt::white);
        QPainter painter(&framed);
        painter.drawImage(QPoint(side / 2 - (left + right) / 2, side / 2 - (top + bottom) / 2), picture);
        painter.end();
        picture = framed;
    }
    return QPixmap::fromImage(
        picture.scaled(kThumbnailSide, kThumbnailSide, Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

/// The filter combo's entries: All, Wrong, then the digits; the data is the digit or -1 / -2.
constexpr int kAllData = -1;
constexpr int kWrongData = -2;

} // namespace

MyDigitsDialog::MyDigitsDialog(MyDigitsStore* store, QWidget* parent) : QDialog(parent), store_(store) {
    // The texts are set in retranslate(), at the end and on every language change.
    undoStack_ = new QUndoStack(this);

    filter_ = new QComboBox(this);
    filter_->addItem(QString(), kAllData);
    filter_->addItem(QString(), kWrongData);
    for (int digit = 0; digit < 10; ++digit)
        filter_->addItem(QString(), digit);
    filterLabel_ = new QLabel(this);
    filterLabel_->setBuddy(filter_);
    connect(filter_, &QComboBox::currentIndexChanged, this, &MyDigitsDialog::applyFilter);

    list_ = new QListWidget(this);
    list_->setViewMode(QListView::IconMode);
    list_->setIconSize({kThumbnailSide, kThumbnailSide});
    list_->setGridSize({kThumbnailSide + 48, kThumbnailSide + 44});
    list_->setResizeMode(QListView::Adjust);
    list_->setMovement(QListView::Static);
    list_->setUniformItemSizes(true);
    list_->setWordWrap(true);
    list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(list_, &QListWidget::itemSelectionChanged, this, &MyDigitsDialog::updateActions);

    summary_ = new QLabel(this);
    summary_->setObjectName("summary");
    summary_->setWordWrap(true);

    deleteAction_ = new QAction(this);
    deleteAction_->setShortcut(QKeySequence::Delete);
    connect(deleteAction_, &QAction::triggered, this, &MyDigitsDialog::deleteSelected);
    // Not QUndoStack::createUndoAction(): its prefix is fixed when made, and a language change rewords it.
    undo_ = new QAction(this);
    undo_->setShortcut(QKeySequence::Undo);
    undo_->setEnabled(false);
    connect(undo_, &QAction::triggered, undoStack_, &QUndoStack::undo);
    connect(undoStack_, &QUndoStack::canUndoChanged, undo_, &QAction::setEnabled);
    redo_ = new QAction(this);
    redo_->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    redo_->setEnabled(false);
    connect(redo_, &QAction::triggered, undoStack_, &QUndoStack::redo);
    connect(undoStack_, &QUndoStack::canRedoChanged, redo_, &QAction::setEnabled);
    connect(undoStack_, &QUndoStack::indexChanged, this, &MyDigitsDialog::updateUndoTexts);
    for (QAction* action : {deleteAction_, undo_, redo_}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }

    auto* tools = new QHBoxLayout;
    tools->addWidget(filterLabel_);
    tools->addWidget(filter_);
    tools->addStretch(1);
    for (QAction* action : {deleteAction_, undo_, redo_}) {
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        tools->addWidget(button);
    }

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    exportButton_ = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    openButton_ = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    openButton_->setToolTip(QDir::toNativeSeparators(store_->folder()));
    // Enter in the list must not press a button behind the person's back.
    for (QAbstractButton* button : buttons->buttons())
        if (auto* push = qobject_cast<QPushButton*>(button))
            push->setAutoDefault(false);
    connect(exportButton_, &QPushButton::clicked, this, &MyDigitsDialog::exportDialog);
    connect(openButton_, &QPushButton::clicked, this, &MyDigitsDialog::openFolder);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(tools);
    layout->addWidget(list_, 1);
    layout->addWidget(summary_);
    layout->addWidget(buttons);

    connect(store_, &MyDigitsStore::changed, this, [this] {
        if (isVisible())
            reload();
        else
            stale_ = true;
    });
    resize(620, 480);
    retranslate();
}

MyDigitsDialog::~MyDigitsDialog() {
    // The undo stack is a child, destroyed after this object has become a plain QWidget; its last
    // indexChanged (from clearing itself) must not reach updateUndoTexts() then.
    undoStack_->disconnect(this);
}

void MyDigitsDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void MyDigitsDialog::retranslate() {
    setWindowTitle(tr("My digits"));
    filter_->setItemText(0, tr("All digits"));
    filter_->setItemText(1, tr("Wrong answers"));
    for (int digit = 0; digit < 10; ++digit)
        filter_->setItemText(digit + 2, tr("Digit %1").arg(digit));
    filterLabel_->setText(tr("&Show:"));
    deleteAction_->setText(tr("&Delete"));
    deleteAction_->setToolTip(tr("Delete the selected drawings (Delete; Ctrl+Z brings them back)"));
    updateUndoTexts();
    exportButton_->setText(tr("&Export…"));
    exportButton_->setToolTip(tr("Copy the drawings (a sample folder: one subfolder per digit) to a folder"));
    openButton_->setText(tr("&Open folder"));
    // The drawings' captions and tooltips are worded as they are listed.
    if (isVisible())
        reload();
    else
        stale_ = true;
    applyFilter();
}

void MyDigitsDialog::updateUndoTexts() {
    // As QUndoStack::createUndoAction() words them: the prefix, a space, the step's text.
    const auto prefixed = [](const QString& prefix, const QString& step) {
        return step.isEmpty() ? prefix : prefix + QLatin1Char(' ') + step;
    };
    undo_->setText(prefixed(tr("&Undo"), undoStack_->undoText()));
    redo_->setText(prefixed(tr("&Redo"), undoStack_->redoText()));
}

void MyDigitsDialog::showEvent(QShowEvent* event) {
    if (stale_)
        reload();
    QDialog::showEvent(event);
    list_->setFocus();
}

void MyDigitsDialog::reload() {
    stale_ = false;
    const MyDigitsStore::Listing listing = store_->list();
    problems_ = listing.problems;
    list_->clear();
    for (const SampleFile& file : listing.files) {
        const int label = file.sample.label;
        const int answer = file.record ? file.record->answer : -1;
        auto* item = new QListWidgetItem(QIcon(thumbnail(file.sample.image)), QString());
        const QString id = file.record ? QString::fromStdString(file.record->id)
                                       : QFileInfo(QString::fromStdString(file.imagePath)).completeBaseName();
        QString text;
        QString tip = tr("Drawn %1").arg(label);
        if (answer < 0) {
            // Added from a file (an export, a script): there was no answer to judge.
            text = tr("%1\nno answer kept").arg(label);
            tip += tr("\nNo answer of a model was kept with it");
        } else if (answer == label) {
            text = tr("%1 ✓").arg(label);
            tip += tr("\nThe model answered %1 (%2 %)")
                       .arg(answer)
                       .arg(100.0 * file.record->probability, 0, 'f', 1);
        } else {
            text = tr("%1 ✗\nanswered %2").arg(label).arg(answer);
            item->setForeground(QColor(0xb0, 0x20, 0x20));
            tip += tr("\nThe model answered %1 (%2 %)")
                       .arg(answer)
                       .arg(100.0 * file.record->probability, 0, 'f', 1);
        }
        if (file.record) {
            tip += tr("\nKept %1").arg(QString::fromStdString(file.record->createdAt));
            if (!file.record->model.empty())
                tip += tr("\nModel: %1").arg(QString::fromStdString(file.record->model));
        }
        item->setText(text);
        item->setToolTip(tip);
        item->setData(IdRole, id);
        item->setData(LabelRole, label);
        item->setData(AnsweredWronglyRole, answer >= 0 && answer != label);
        list_->addItem(item);
    }
    applyFilter();
}

void MyDigitsDialog::showDigit(int digit) {
    filter_->setCurrentIndex(filter_->findData(digit));
}

void MyDigitsDialog::showAll(Filter filter) {
    filter_->setCurrentIndex(filter_->findData(filter == Filter::Wrong ? kWrongData : kAllData));
}

void MyDigitsDialog::applyFilter() {
    const int wanted = filter_->currentData().toInt();
    int wrong = 0;
    for (int row = 0; row < list_->count(); ++row) {
        QListWidgetItem* item = list_->item(row);
        const bool answeredWrongly = item->data(AnsweredWronglyRole).toBool();
        wrong += answeredWrongly ? 1 : 0;
        const bool shown = wanted == kAllData || (wanted == kWrongData && answeredWrongly) ||
                           item->data(LabelRole).toInt() == wanted;
        item->setHidden(!shown);
        if (!shown)
            item->setSelected(false);
    }
    QString text;
    if (list_->count() == 0)
        text =
            tr("No drawings kept yet. On the Recognize tab, after an answer, press the digit's key to keep "
               "the drawing.");
    else
        text = (list_->count() == 1 ? tr("1 drawing") : tr("%1 drawings").arg(list_->count())) +
               tr(", %1 answered wrongly when kept").arg(wrong);
    if (shownCount() != list_->count())
        text += tr(" (%1 shown)").arg(shownCount());
    if (!problems_.isEmpty())
        text += tr(". %1 could not be read (see the tooltip)").arg(problems_.size());
    summary_->setText(text);
    summary_->setToolTip(problems_.join(QLatin1Char('\n')));
    updateActions();
}

int MyDigitsDialog::shownCount() const {
    int shown = 0;
    for (int row = 0; row < list_->count(); ++row)
        shown += list_->item(row)->isHidden() ? 0 : 1;
    return shown;
}

QString MyDigitsDialog::summaryText() const {
    return summary_->text();
}

void MyDigitsDialog::deleteSelected() {
    QStringList ids;
    for (QListWidgetItem* item : list_->selectedItems())
        ids.append(item->data(IdRole).toString());
    if (ids.isEmpty())
        return;
    undoStack_->push(new RemoveDrawingsCommand(store_, ids, [this](const QString& message) {
        showErrorMessage(this, tr("My digits"), tr("DigitPad cannot move the drawings."), message,
                         QMessageBox::Warning);
    }));
}

void MyDigitsDialog::updateActions() {
    deleteAction_->setEnabled(!list_->selectedItems().isEmpty());
}

digitpad::Status MyDigitsDialog::exportTo(const QString& folder) {
    const digitpad::Status exported = store_->exportTo(folder);
    if (!exported)
        showErrorMessage(
            this, tr("Cannot export"),
            tr("DigitPad cannot export your drawings to %1.").arg(QDir::toNativeSeparators(folder)),
            QString::fromStdString(exported.error().message), QMessageBox::Warning);
    else
        summary_->setText(tr("Exported to %1").arg(QDir::toNativeSeparators(folder)));
    return exported;
}

void MyDigitsDialog::exportDialog() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export my digits to"));
    if (!folder.isEmpty())
        exportTo(folder);
}

void MyDigitsDialog::openFolder() {
    QDir().mkpath(store_->folder());
    QDesktopServices::openUrl(QUrl::fromLocalFile(store_->folder()));
}
