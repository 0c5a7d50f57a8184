// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QString>

#include "layers/LayerFactory.h"

#include <vector>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

/// The kinds of layer the editor adds; each makes one architecture token (LayerFactory's syntax).
enum class LayerKind { Dense, Convolution, Pooling, Dropout, Relu, Sigmoid, Tanh, Flatten };

/// A small editor for a network's layers: one row per architecture token, in order from the input. Layers are
/// added from a kind and a size, removed and moved up or down; a row can also be edited as text
/// (double-click) for what the kinds do not offer (strides, padding). Under the list, every change is planned
/// on a 28×28 input without allocating anything: the parameter count and the output, or what is wrong.
class LayerListDialog : public QDialog {
    Q_OBJECT
public:
    /// Starts from `architecture` (tokens separated by commas).
    explicit LayerListDialog(const QString& architecture, QWidget* parent = nullptr);

    /// The layers as an architecture string: the rows' tokens joined by commas.
    QString architecture() const;
    /// Whether the layers can be built on a 28×28 input and end in 10 outputs, the digits.
    bool isBuildable() const { return buildable_; }

    /// The token `kind` makes with `size` (units, channels, window or percent; unused by activations and
    /// flatten).
    static QString tokenFor(LayerKind kind, int size);

    QListWidget* list() const { return list_; }
    QComboBox* kindBox() const { return kind_; }
    QSpinBox* sizeBox() const { return size_; }
    QPushButton* addButton() const { return add_; }
    QPushButton* removeButton() const { return remove_; }
    QPushButton* upButton() const { return up_; }
    QPushButton* downButton() const { return down_; }
    QPushButton* okButton() const;
    QString summary() const;
    /// What the selected layer makes: its output shape and parameter count (empty when nothing is selected or
    /// the layers cannot be planned).
    QString selectedLayerText() const;

private:
    void addLayer();
    void removeLayer();
    void moveLayer(int by);
    void kindChosen();
    /// Plans the layers and shows the result; enables OK only for a buildable architecture.
    void check();
    void updateButtons();
    /// Shows the selected layer's output shape and parameters from the last plan.
    void showSelectedLayer();

    QListWidget* list_ = nullptr;
    QComboBox* kind_ = nullptr;
    QSpinBox* size_ = nullptr;
    QPushButton* add_ = nullptr;
    QPushButton* remove_ = nullptr;
    QPushButton* up_ = nullptr;
    QPushButton* down_ = nullptr;
    QLabel* summary_ = nullptr;
    QLabel* selectedLayer_ = nullptr;
    /// One plan per row after the last check(); empty when the layers cannot be planned.
    std::vector<digitpad::LayerPlan> plans_;
    QDialogButtonBox* buttons_ = nullptr;
    bool buildable_ = false;
};
