// SPDX-License-Identifier: GPL-3.0-or-later
#include "LayerListDialog.h"

#include "layers/LayerFactory.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <stdexcept>

namespace {

constexpr int kDigits = 10;

/// The size a kind starts with when chosen: what the presets use.
int usualSize(LayerKind kind) {
    switch (kind) {
    case LayerKind::Dense:
        return 128;
    case LayerKind::Convolution:
        return 24;
    case LayerKind::Pooling:
        return 2;
    case LayerKind::Dropout:
        return 25;
    case LayerKind::Relu:
    case LayerKind::Sigmoid:
    case LayerKind::Tanh:
    case LayerKind::Flatten:
        break;
    }
    return 0;
}

bool hasSize(LayerKind kind) {
    return usualSize(kind) > 0;
}

QListWidgetItem* makeRow(const QString& token) {
    auto* item = new QListWidgetItem(token);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    return item;
}

} // namespace

LayerListDialog::LayerListDialog(const QString& architecture, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Layers"));
    list_ = new QListWidget(this);
    list_->setToolTip(
        tr("The network's layers from the input down; double-click a layer to edit it as text"));
    for (const QString& token : architecture.split(QLatin1Char(','), Qt::SkipEmptyParts))
        list_->addItem(makeRow(token.trimmed()));

    kind_ = new QComboBox(this);
    const std::pair<LayerKind, QString> kinds[] = {
        {LayerKind::Dense, tr("Dense (units)")},
        {LayerKind::Convolution, tr("Convolution 5×5 (channels)")},
        {LayerKind::Pooling, tr("Max pooling (window)")},
        {LayerKind::Dropout, tr("Dropout (percent)")},
        {LayerKind::Relu, QStringLiteral("ReLU")},
        {LayerKind::Sigmoid, QStringLiteral("Sigmoid")},
        {LayerKind::Tanh, QStringLiteral("Tanh")},
        {LayerKind::Flatten, tr("Flatten")},
    };
    for (const auto& [kind, name] : kinds)
        kind_->addItem(name, static_cast<int>(kind));
    size_ = new QSpinBox(this);
    size_->setRange(1, 4096);
    add_ = new QPushButton(tr("&Add"), this);
    add_->setToolTip(tr("Add the layer below the selected one (at the end when none is selected)"));
    auto* addRow = new QHBoxLayout;
    addRow->addWidget(kind_, 1);
    addRow->addWidget(size_);
    addRow->addWidget(add_);

    remove_ = new QPushButton(tr("&Remove"), this);
    up_ = new QPushButton(tr("Move &up"), this);
    down_ = new QPushButton(tr("Move do&wn"), this);
    auto* editRow = new QHBoxLayout;
    editRow->addWidget(remove_);
    editRow->addWidget(up_);
    editRow->addWidget(down_);
    editRow->addStretch(1);

    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    selectedLayer_ = new QLabel(this);
    selectedLayer_->setObjectName(QStringLiteral("selectedLayer"));
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(list_, 1);
    layout->addLayout(addRow);
    layout->addLayout(editRow);
    layout->addWidget(selectedLayer_);
    layout->addWidget(summary_);
    layout->addWidget(buttons_);

    connect(kind_, &QComboBox::currentIndexChanged, this, &LayerListDialog::kindChosen);
    connect(add_, &QPushButton::clicked, this, &LayerListDialog::addLayer);
    connect(remove_, &QPushButton::clicked, this, &LayerListDialog::removeLayer);
    connect(up_, &QPushButton::clicked, this, [this] { moveLayer(-1); });
    connect(down_, &QPushButton::clicked, this, [this] { moveLayer(1); });
    connect(list_, &QListWidget::currentRowChanged, this, &LayerListDialog::updateButtons);
    connect(list_, &QListWidget::currentRowChanged, this, &LayerListDialog::showSelectedLayer);
    connect(list_, &QListWidget::itemChanged, this, &LayerListDialog::check);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    kindChosen();
    check();
    updateButtons();
}

QString LayerListDialog::tokenFor(LayerKind kind, int size) {
    switch (kind) {
    case LayerKind::Dense:
        return QStringLiteral("dense%1").arg(size);
    case LayerKind::Convolution:
        return QStringLiteral("conv5x5x%1").arg(size);
    case LayerKind::Pooling:
        return QStringLiteral("pool%1").arg(size);
    case LayerKind::Dropout:
        return QStringLiteral("dropout%1").arg(size);
    case LayerKind::Relu:
        return QStringLiteral("relu");
    case LayerKind::Sigmoid:
        return QStringLiteral("sigmoid");
    case LayerKind::Tanh:
        return QStringLiteral("tanh");
    case LayerKind::Flatten:
        return QStringLiteral("flatten");
    }
    return {};
}

QString LayerListDialog::architecture() const {
    QStringList tokens;
    for (int i = 0; i < list_->count(); ++i)
        tokens.append(list_->item(i)->text().trimmed());
    return tokens.join(QLatin1Char(','));
}

QPushButton* LayerListDialog::okButton() const {
    return buttons_->button(QDialogButtonBox::Ok);
}

QString LayerListDialog::summary() const {
    return summary_->text();
}

void LayerListDialog::kindChosen() {
    const auto kind = static_cast<LayerKind>(kind_->currentData().toInt());
    size_->setEnabled(hasSize(kind));
    if (hasSize(kind))
        size_->setValue(usualSize(kind));
}

void LayerListDialog::addLayer() {
    const auto kind = static_cast<LayerKind>(kind_->currentData().toInt());
    const int row = list_->currentRow() < 0 ? list_->count() : list_->currentRow() + 1;
    list_->insertItem(row, makeRow(tokenFor(kind, size_->value())));
    list_->setCurrentRow(row);
    check();
}

void LayerListDialog::removeLayer() {
    const int row = list_->currentRow();
    if (row < 0)
        return;
    delete list_->takeItem(row);
    check();
    updateButtons();
}

void LayerListDialog::moveLayer(int by) {
    const int row = list_->currentRow();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= list_->count())
        return;
    QListWidgetItem* item = list_->takeItem(row);
    list_->insertItem(to, item);
    list_->setCurrentRow(to);
    check();
}

void LayerListDialog::updateButtons() {
    const int row = list_->currentRow();
    remove_->setEnabled(row >= 0);
    up_->setEnabled(row > 0);
    down_->setEnabled(row >= 0 && row + 1 < list_->count());
}

QString LayerListDialog::selectedLayerText() const {
    return selectedLayer_->text();
}

void LayerListDialog::showSelectedLayer() {
    const int row = list_->currentRow();
    if (row < 0 || row >= static_cast<int>(plans_.size())) {
        selectedLayer_->clear();
        return;
    }
    const digitpad::LayerPlan& plan = plans_[static_cast<std::size_t>(row)];
    selectedLayer_->setText(tr("Layer %1 (%2) gives %3 × %4 × %5 values, %6 parameters.")
                                .arg(row + 1)
                                .arg(list_->item(row)->text().trimmed())
                                .arg(plan.output.channels)
                                .arg(plan.output.height)
                                .arg(plan.output.width)
                                .arg(QLocale().toString(plan.parameters)));
}

void LayerListDialog::check() {
    buildable_ = false;
    plans_.clear();
    const QString layers = architecture();
    summary_->setToolTip(QString());
    if (layers.isEmpty()) {
        summary_->setText(tr("Add at least one layer."));
    } else {
        try {
            const digitpad::LayerPlan plan =
                digitpad::planLayers(digitpad::Shape{1, 28, 28}, layers.toStdString());
            buildable_ = plan.output.size() == kDigits;
            plans_ = digitpad::planEachLayer(digitpad::Shape{1, 28, 28}, layers.toStdString());
            summary_->setText(
                buildable_
                    ? tr("%1 parameters; 10 outputs, one per digit.").arg(QLocale().toString(plan.parameters))
                    : tr("The last layers give %1 outputs; the digits need 10 (end with "
                         "dense10).")
                          .arg(plan.output.size()));
        } catch (const std::invalid_argument& e) {
            // Why is core's English, in the tooltip; the sentence is the person's language.
            summary_->setText(tr("The layers %1 cannot be built.").arg(layers));
            summary_->setToolTip(QString::fromStdString(e.what()));
        }
    }
    okButton()->setEnabled(buildable_);
    showSelectedLayer();
}
