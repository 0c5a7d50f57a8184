// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "train/TrainConfig.h"

#include <QWidget>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QSettings;
class QSpinBox;
class QToolButton;

/// The editable training settings, filled from a preset (the same presets as digitpad-cli) and read back as a
/// digitpad::TrainConfig. Settings without a field of their own (initialisation, momentum, weight decay, the
/// learning-rate schedule, a sigmoid output) come from the chosen preset unchanged. Augmentation is an on/off
/// box and one strength (0–3): the default distortions scaled by it, as `digitpad-cli train
/// --augment-strength` does; presets train without it.
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
    /// Empty when the fields form a valid config, else a one-line reason in the language installed now.
    QString validationError() const;
    /// What is wrong with the fields, found once: `words` say it again in the language installed when called,
    /// even after the fields changed; `detail` is core's English reason, for a tooltip (why a layer string
    /// cannot be built has no words of the GUI's own), empty when the hidden layers do not parse.
    struct Problem {
        std::function<QString()> words;
        QString detail;
    };
    /// Nothing when the fields form a valid config.
    std::optional<Problem> validationProblem() const;

    /// Writes the preset and every field to `settings` (in its current group), so the next start shows them
    /// again.
    void saveFields(QSettings& settings) const;
    /// Shows what saveFields() wrote: the preset first, then each field. A missing, unknown or out-of-range
    /// value (an older or hand-edited file) keeps the preset's.
    void restoreFields(const QSettings& settings);

    /// The layers field accepts hidden widths ("128,64", empty for none) or a full layer string such as
    /// "dense100,sigmoid,dense10,sigmoid". Returns false when text is neither.
    static bool parseHiddenLayers(const QString& text, std::vector<int>& widths, std::string& architecture);

    QComboBox* presetBox() const { return preset_; }
    QLineEdit* layersEdit() const { return layers_; }
    /// Opens the layer list editor on the architecture the fields describe.
    QToolButton* layersButton() const { return layersButton_; }
    QSpinBox* epochsBox() const { return epochs_; }
    QSpinBox* batchBox() const { return batch_; }
    QCheckBox* augmentBox() const { return augment_; }
    QDoubleSpinBox* augmentStrengthBox() const { return strength_; }
    QCheckBox* deskewBox() const { return deskew_; }
    QCheckBox* strokeWidthBox() const { return strokeWidth_; }

    /// The augmentation the fields describe: AugmentSettings{}.scaled(strength) with `enabled` from the box
    /// (the distortions are filled in even when it is off, so a preview can show what ticking it would do).
    digitpad::AugmentSettings augmentSettings() const;
    /// The strength that gives `settings` from the defaults: their rotation over the default rotation,
    /// clamped to 0–3.
    static double strengthOf(const digitpad::AugmentSettings& settings);

signals:
    /// Any field changed.
    void changed();
    /// The augmentation box or strength, or a framing step, changed: what the training images look like
    /// (changed() follows too).
    void augmentChanged();

protected:
    /// On QEvent::LanguageChange: retranslate().
    void changeEvent(QEvent* event) override;

private:
    /// Puts the labels, items and tooltips in the language installed now; the values stay.
    void retranslate();
    void onPresetChosen(int index);
    void editLayers();
    void updateStrengthToolTip();

    digitpad::TrainConfig base_;
    QComboBox* preset_ = nullptr;
    QLineEdit* layers_ = nullptr;
    QToolButton* layersButton_ = nullptr;
    QComboBox* activation_ = nullptr;
    QComboBox* loss_ = nullptr;
    QComboBox* optimizer_ = nullptr;
    QDoubleSpinBox* learningRate_ = nullptr;
    QSpinBox* batch_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QDoubleSpinBox* validation_ = nullptr;
    QCheckBox* augment_ = nullptr;
    QDoubleSpinBox* strength_ = nullptr;
    QCheckBox* deskew_ = nullptr;      ///< FramingSteps::deskew
    QCheckBox* strokeWidth_ = nullptr; ///< FramingSteps::strokeWidth
    QFormLayout* form_ = nullptr;
    QLabel* layersLabel_ = nullptr;
    QHBoxLayout* augmentRow_ = nullptr;
    QHBoxLayout* stepsRow_ = nullptr;
};
