// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TrainConfig.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

/// The editable training settings, filled from a preset (the same presets as digitpad-cli) and read back as a
/// digitpad::TrainConfig. Settings without a field of their own (initialisation, momentum, weight decay, the
/// learning-rate schedule, a sigmoid output) come from the chosen preset unchanged.
class TrainingSettingsForm : public QWidget {
    Q_OBJECT
public:
    explicit TrainingSettingsForm(QWidget* parent = nullptr);

    /// Fills every field from the named preset; returns false for an unknown name.
    bool selectPreset(const QString& name);
    QString presetName() const;
    /// Shows config in the fields (it becomes the base for the settings without a field).
    void setConfig(const digitpad::TrainConfig& config);
    /// The preset's config with every field's value; check validationError() first.
    digitpad::TrainConfig config() const;
    /// Empty when the fields form a valid config, else a one-line reason.
    QString validationError() const;

    /// The layers field accepts hidden widths ("128,64", empty for none) or a full layer string such as
    /// "dense100,sigmoid,dense10,sigmoid". Returns false when text is neither.
    static bool parseHiddenLayers(const QString& text, std::vector<int>& widths, std::string& architecture);

    QComboBox* presetBox() const { return preset_; }
    QLineEdit* layersEdit() const { return layers_; }
    QSpinBox* epochsBox() const { return epochs_; }
    QSpinBox* batchBox() const { return batch_; }

signals:
    void changed();

private:
    void onPresetChosen(int index);

    digitpad::TrainConfig base_;
    QComboBox* preset_ = nullptr;
    QLineEdit* layers_ = nullptr;
    QComboBox* activation_ = nullptr;
    QComboBox* loss_ = nullptr;
    QComboBox* optimizer_ = nullptr;
    QDoubleSpinBox* learningRate_ = nullptr;
    QSpinBox* batch_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QDoubleSpinBox* validation_ = nullptr;
};
