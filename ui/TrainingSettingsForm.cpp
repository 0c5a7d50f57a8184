// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrainingSettingsForm.h"

#include "AugmentDescription.h"
#include "ErrorKindText.h"
#include "LayerListDialog.h"
#include "PresetDescription.h"

#include "train/Preset.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStringList>
#include <QToolButton>

#include <algorithm>
#include <climits>

TrainingSettingsForm::TrainingSettingsForm(QWidget* parent) : QWidget(parent) {
    preset_ = new QComboBox(this);
    // The names stay as they are (the CLI's --preset takes them); retranslate() sets the descriptions.
    for (const digitpad::Preset& preset : digitpad::presets())
        preset_->addItem(QString::fromStdString(preset.name));
    layers_ = new QLineEdit(this);
    activation_ = new QComboBox(this);
    for (const digitpad::Activation activation :
         {digitpad::Activation::Relu, digitpad::Activation::Sigmoid, digitpad::Activation::Tanh})
        activation_->addItem(QString::fromStdString(digitpad::toName(activation)),
                             static_cast<int>(activation));
    loss_ = new QComboBox(this);
    // Items carry the enum value itself; the labels are for people.
    loss_->addItem(QString(), static_cast<int>(digitpad::LossKind::CrossEntropy));
    loss_->addItem(QString(), static_cast<int>(digitpad::LossKind::MeanSquaredError));
    optimizer_ = new QComboBox(this);
    optimizer_->addItem(QStringLiteral("Adam"), static_cast<int>(digitpad::OptimizerKind::Adam));
    optimizer_->addItem(QStringLiteral("SGD"), static_cast<int>(digitpad::OptimizerKind::Sgd));
    learningRate_ = new QDoubleSpinBox(this);
    learningRate_->setDecimals(5);
    learningRate_->setRange(0.00001, 10.0);
    learningRate_->setSingleStep(0.0001);
    learningRate_->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    batch_ = new QSpinBox(this);
    batch_->setRange(1, 65536);
    epochs_ = new QSpinBox(this);
    epochs_->setRange(1, 1000);
    seed_ = new QSpinBox(this);
    seed_->setRange(0, INT_MAX);
    validation_ = new QDoubleSpinBox(this);
    validation_->setRange(0.0, 90.0);
    validation_->setDecimals(1);
    validation_->setSuffix(QStringLiteral(" %"));

    augment_ = new QCheckBox(this);
    strength_ = new QDoubleSpinBox(this);
    strength_->setRange(0.0, 3.0);
    strength_->setDecimals(2);
    strength_->setSingleStep(0.25);
    strength_->setValue(digitpad::kDefaultAugmentStrength);
    augmentRow_ = new QHBoxLayout;
    augmentRow_->setContentsMargins(0, 0, 0, 0);
    augmentRow_->addWidget(augment_);
    augmentRow_->addWidget(strength_);
    augmentRow_->addStretch(1);

    deskew_ = new QCheckBox(this);
    strokeWidth_ = new QCheckBox(this);
    stepsRow_ = new QHBoxLayout;
    stepsRow_->setContentsMargins(0, 0, 0, 0);
    stepsRow_->addWidget(deskew_);
    stepsRow_->addWidget(strokeWidth_);
    stepsRow_->addStretch(1);

    // The rows' labels get their texts in retranslate().
    form_ = new QFormLayout(this);
    form_->setContentsMargins(0, 0, 0, 0);
    // Labels made here, not from a text: addRow() makes none for an empty one, and the texts come later.
    const auto addRow = [this](QWidget* field) {
        auto* label = new QLabel(this);
        label->setBuddy(field);
        form_->addRow(label, field);
    };
    addRow(preset_);
    layersButton_ = new QToolButton(this);
    connect(layersButton_, &QToolButton::clicked, this, &TrainingSettingsForm::editLayers);
    auto* layersRow = new QHBoxLayout;
    layersRow->addWidget(layers_, 1);
    layersRow->addWidget(layersButton_);
    // A label of its own: a row holding a layout gets no buddy, and Alt+Y must still reach the field.
    layersLabel_ = new QLabel(this);
    layersLabel_->setBuddy(layers_);
    form_->addRow(layersLabel_, layersRow);
    for (QWidget* field : std::initializer_list<QWidget*>{activation_, loss_, optimizer_, learningRate_,
                                                          batch_, epochs_, seed_, validation_})
        addRow(field);
    form_->addRow(new QLabel(this), augmentRow_);
    form_->addRow(new QLabel(this), stepsRow_);
    retranslate();

    connect(preset_, &QComboBox::currentIndexChanged, this, &TrainingSettingsForm::onPresetChosen);
    connect(layers_, &QLineEdit::textChanged, this, &TrainingSettingsForm::changed);
    for (QComboBox* box : {activation_, loss_, optimizer_})
        connect(box, &QComboBox::currentIndexChanged, this, &TrainingSettingsForm::changed);
    for (QSpinBox* box : {batch_, epochs_, seed_})
        connect(box, &QSpinBox::valueChanged, this, &TrainingSettingsForm::changed);
    for (QDoubleSpinBox* box : {learningRate_, validation_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &TrainingSettingsForm::changed);
    for (QCheckBox* box : {deskew_, strokeWidth_})
        connect(box, &QCheckBox::toggled, this, [this] {
            emit augmentChanged();
            emit changed();
        });

    connect(augment_, &QCheckBox::toggled, this, [this](bool on) {
        strength_->setEnabled(on);
        emit augmentChanged();
        emit changed();
    });
    connect(strength_, &QDoubleSpinBox::valueChanged, this, [this] {
        updateStrengthToolTip();
        emit augmentChanged();
        emit changed();
    });

    // Start from the most useful recipe: the mlp preset when it exists.
    const int mlp = preset_->findText(QStringLiteral("mlp"));
    if (mlp >= 0)
        preset_->setCurrentIndex(mlp);
    onPresetChosen(preset_->currentIndex());
}

bool TrainingSettingsForm::selectPreset(const QString& name) {
    const int index = preset_->findText(name);
    if (index < 0)
        return false;
    if (index == preset_->currentIndex())
        onPresetChosen(index);
    else
        preset_->setCurrentIndex(index);
    return true;
}

namespace {

// Keys of the saved fields. Enums are saved by name, so a reordered list still restores.
const QString kPresetKey = QStringLiteral("preset");
const QString kLayersKey = QStringLiteral("layers");
const QString kActivationKey = QStringLiteral("activation");
const QString kLossKey = QStringLiteral("loss");
const QString kOptimizerKey = QStringLiteral("optimizer");
const QString kLearningRateKey = QStringLiteral("learningRate");
const QString kBatchKey = QStringLiteral("batchSize");
const QString kEpochsKey = QStringLiteral("epochs");
const QString kSeedKey = QStringLiteral("seed");
const QString kValidationKey = QStringLiteral("validationPercent");
const QString kAugmentKey = QStringLiteral("augment");
const QString kStrengthKey = QStringLiteral("augmentStrength");
const QString kDeskewKey = QStringLiteral("deskew");
const QString kStrokeWidthKey = QStringLiteral("strokeWidth");

/// The name of the enum a combo box item carries as its data.
template <typename Enum> QString enumNameOf(const QComboBox* box) {
    return QString::fromStdString(digitpad::toName(static_cast<Enum>(box->currentData().toInt())));
}

/// Selects the item carrying the enum named by `key`'s value; leaves the box alone when there is none.
template <typename Enum> void selectEnum(QComboBox* box, const QSettings& settings, const QString& key) {
    const std::optional<Enum> value = digitpad::fromName<Enum>(settings.value(key).toString().toStdString());
    if (!value)
        return;
    const int index = box->findData(static_cast<int>(*value));
    if (index >= 0)
        box->setCurrentIndex(index);
}

/// Sets a spin box from `key` when the value is a number within its range.
template <typename Box> void restoreNumber(Box* box, const QSettings& settings, const QString& key) {
    bool ok = false;
    const double value = settings.value(key).toDouble(&ok);
    if (ok && value >= box->minimum() && value <= box->maximum())
        box->setValue(static_cast<decltype(box->value())>(value));
}

void restoreCheck(QCheckBox* box, const QSettings& settings, const QString& key) {
    if (settings.contains(key))
        box->setChecked(settings.value(key).toBool());
}

} // namespace

void TrainingSettingsForm::saveFields(QSettings& settings) const {
    settings.setValue(kPresetKey, presetName());
    settings.setValue(kLayersKey, layers_->text());
    settings.setValue(kActivationKey, enumNameOf<digitpad::Activation>(activation_));
    settings.setValue(kLossKey, enumNameOf<digitpad::LossKind>(loss_));
    settings.setValue(kOptimizerKey, enumNameOf<digitpad::OptimizerKind>(optimizer_));
    settings.setValue(kLearningRateKey, learningRate_->value());
    settings.setValue(kBatchKey, batch_->value());
    settings.setValue(kEpochsKey, epochs_->value());
    settings.setValue(kSeedKey, seed_->value());
    settings.setValue(kValidationKey, validation_->value());
    settings.setValue(kAugmentKey, augment_->isChecked());
    settings.setValue(kStrengthKey, strength_->value());
    settings.setValue(kDeskewKey, deskew_->isChecked());
    settings.setValue(kStrokeWidthKey, strokeWidth_->isChecked());
}

void TrainingSettingsForm::restoreFields(const QSettings& settings) {
    if (!settings.contains(kPresetKey) || !selectPreset(settings.value(kPresetKey).toString()))
        return;
    if (settings.contains(kLayersKey))
        layers_->setText(settings.value(kLayersKey).toString());
    selectEnum<digitpad::Activation>(activation_, settings, kActivationKey);
    selectEnum<digitpad::LossKind>(loss_, settings, kLossKey);
    selectEnum<digitpad::OptimizerKind>(optimizer_, settings, kOptimizerKey);
    restoreNumber(learningRate_, settings, kLearningRateKey);
    restoreNumber(batch_, settings, kBatchKey);
    restoreNumber(epochs_, settings, kEpochsKey);
    restoreNumber(seed_, settings, kSeedKey);
    restoreNumber(validation_, settings, kValidationKey);
    restoreNumber(strength_, settings, kStrengthKey);
    restoreCheck(augment_, settings, kAugmentKey);
    restoreCheck(deskew_, settings, kDeskewKey);
    restoreCheck(strokeWidth_, settings, kStrokeWidthKey);
}

QString TrainingSettingsForm::presetName() const {
    return preset_->currentText();
}

void TrainingSettingsForm::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TrainingSettingsForm::retranslate() {
    const std::vector<digitpad::Preset>& presets = digitpad::presets();
    for (std::size_t i = 0; i < presets.size(); ++i)
        preset_->setItemData(static_cast<int>(i), presetDescription(presets[i]), Qt::ToolTipRole);
    layers_->setPlaceholderText(tr("e.g. 128,64"));
    layers_->setToolTip(
        tr("Hidden layer widths separated by commas (empty: no hidden layer), or a full layer "
           "string such as dense100,sigmoid,dense10,sigmoid"));
    loss_->setItemText(0, tr("cross-entropy"));
    loss_->setItemText(1, tr("mean squared error"));
    validation_->setToolTip(
        tr("Share of the training images held out to measure validation loss and accuracy"));
    augment_->setText(tr("Au&gment"));
    augment_->setToolTip(
        tr("Distort each training image afresh every epoch: rotation, scaling, slant, shift, elastic "
           "warping and thicker or thinner strokes. Validation and test images stay as they are."));
    strength_->setPrefix(tr("strength "));
    updateStrengthToolTip();
    deskew_->setText(tr("Des&kew"));
    deskew_->setToolTip(tr("Straighten slanted writing by image moments, on every training and test image "
                           "and, in the saved model, on every drawing it reads"));
    strokeWidth_->setText(tr("Stroke &width"));
    strokeWidth_->setToolTip(
        tr("Thin or thicken the ink toward MNIST's typical stroke width, on every "
           "training and test image and, in the saved model, on every drawing it reads"));
    layersButton_->setText(tr("Edit…"));
    layersButton_->setToolTip(tr("Edit the layers one by one"));
    // A label of its own: a row holding a layout gets no buddy, and Alt+Y must still reach the field.
    layersLabel_->setText(tr("Hidden la&yers:"));
    const auto label = [this](QWidget* field, const QString& text) {
        if (auto* shown = qobject_cast<QLabel*>(form_->labelForField(field)))
            shown->setText(text);
    };
    label(preset_, tr("Preset:"));
    label(activation_, tr("&Activation:"));
    label(loss_, tr("Loss:"));
    label(optimizer_, tr("Optimiser:"));
    label(learningRate_, tr("Lear&ning rate:"));
    label(batch_, tr("&Batch size:"));
    label(epochs_, tr("Epo&chs:"));
    label(seed_, tr("Seed:"));
    label(validation_, tr("Validation split:"));
    if (auto* shown = qobject_cast<QLabel*>(form_->labelForField(augmentRow_)))
        shown->setText(tr("Augmentation:"));
    if (auto* shown = qobject_cast<QLabel*>(form_->labelForField(stepsRow_)))
        shown->setText(tr("Framing steps:"));
}

void TrainingSettingsForm::onPresetChosen(int index) {
    if (index < 0 || index >= static_cast<int>(digitpad::presets().size()))
        return;
    setConfig(digitpad::presets()[static_cast<std::size_t>(index)].config);
}

void TrainingSettingsForm::setConfig(const digitpad::TrainConfig& config) {
    base_ = config;
    {
        // One changed() for the whole update, not one per field.
        const QSignalBlocker blockers[] = {
            QSignalBlocker(layers_),     QSignalBlocker(activation_),   QSignalBlocker(loss_),
            QSignalBlocker(optimizer_),  QSignalBlocker(learningRate_), QSignalBlocker(batch_),
            QSignalBlocker(epochs_),     QSignalBlocker(seed_),         QSignalBlocker(validation_),
            QSignalBlocker(augment_),    QSignalBlocker(strength_),     QSignalBlocker(deskew_),
            QSignalBlocker(strokeWidth_)};
        if (!config.architecture.empty()) {
            layers_->setText(QString::fromStdString(config.architecture));
        } else {
            QStringList widths;
            for (int width : config.hiddenLayers)
                widths << QString::number(width);
            layers_->setText(widths.join(QLatin1Char(',')));
        }
        const int activation = activation_->findData(static_cast<int>(config.activation));
        activation_->setCurrentIndex(std::max(0, activation));
        loss_->setCurrentIndex(std::max(0, loss_->findData(static_cast<int>(config.loss))));
        optimizer_->setCurrentIndex(
            std::max(0, optimizer_->findData(static_cast<int>(config.optimizer.kind))));
        learningRate_->setValue(config.optimizer.learningRate);
        batch_->setValue(config.batchSize);
        epochs_->setValue(config.epochs);
        seed_->setValue(static_cast<int>(std::min<unsigned long long>(config.seed, INT_MAX)));
        validation_->setValue(100.0 * config.validationFraction);
        augment_->setChecked(config.augment.enabled);
        deskew_->setChecked(config.framingSteps.deskew);
        strokeWidth_->setChecked(config.framingSteps.strokeWidth);
        // Off keeps the strength the user last chose, ready for when the box is ticked again.
        if (config.augment.enabled)
            strength_->setValue(strengthOf(config.augment));
    }
    strength_->setEnabled(augment_->isChecked());
    updateStrengthToolTip();
    emit augmentChanged();
    emit changed();
}

void TrainingSettingsForm::editLayers() {
    // The whole architecture, also when the field holds only hidden widths: the editor shows every layer.
    auto* dialog = new LayerListDialog(QString::fromStdString(config().resolvedArchitecture()), this);
    dialog->setObjectName("layerListDialog");
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { layers_->setText(dialog->architecture()); });
    dialog->open();
}

bool TrainingSettingsForm::parseHiddenLayers(const QString& text, std::vector<int>& widths,
                                             std::string& architecture) {
    widths.clear();
    architecture.clear();
    const QString trimmed = text.simplified().remove(QLatin1Char(' '));
    if (trimmed.isEmpty())
        return true;
    const QStringList tokens = trimmed.split(QLatin1Char(','));
    bool allNumbers = true;
    for (const QString& token : tokens) {
        bool ok = false;
        const int width = token.toInt(&ok);
        if (!ok) {
            allNumbers = false;
            break;
        }
        if (width < 1)
            return false;
        widths.push_back(width);
    }
    if (allNumbers)
        return true;
    widths.clear();
    for (const QString& token : tokens) {
        if (token.isEmpty())
            return false;
    }
    architecture = trimmed.toStdString();
    return true;
}

digitpad::TrainConfig TrainingSettingsForm::config() const {
    digitpad::TrainConfig config = base_;
    config.preset = preset_->currentText().toStdString();
    std::vector<int> widths;
    std::string architecture;
    if (parseHiddenLayers(layers_->text(), widths, architecture)) {
        config.hiddenLayers = widths;
        config.architecture = architecture;
    }
    config.activation = static_cast<digitpad::Activation>(activation_->currentData().toInt());
    config.loss = static_cast<digitpad::LossKind>(loss_->currentData().toInt());
    config.optimizer.kind = static_cast<digitpad::OptimizerKind>(optimizer_->currentData().toInt());
    config.optimizer.learningRate = learningRate_->value();
    config.batchSize = batch_->value();
    config.epochs = epochs_->value();
    config.seed = static_cast<unsigned long long>(seed_->value());
    config.validationFraction = validation_->value() / 100.0;
    config.augment = augmentSettings();
    config.framingSteps.deskew = deskew_->isChecked();
    config.framingSteps.strokeWidth = strokeWidth_->isChecked();
    return config;
}

digitpad::AugmentSettings TrainingSettingsForm::augmentSettings() const {
    digitpad::AugmentSettings settings = digitpad::AugmentSettings{}.scaled(strength_->value());
    settings.enabled = augment_->isChecked();
    return settings;
}

void TrainingSettingsForm::updateStrengthToolTip() {
    digitpad::AugmentSettings settings = augmentSettings();
    settings.enabled = true;
    strength_->setToolTip(tr("How strongly each image is distorted (0–3; digitpad-cli train "
                             "--augment-strength). At %1: %2")
                              .arg(strength_->value())
                              .arg(augmentDescription(settings)));
}

double TrainingSettingsForm::strengthOf(const digitpad::AugmentSettings& settings) {
    const double reference = digitpad::AugmentSettings{}.rotationDegrees;
    return std::clamp(settings.rotationDegrees / reference, 0.0, 3.0);
}

QString TrainingSettingsForm::validationError() const {
    const std::optional<Problem> problem = validationProblem();
    return problem ? problem->words() : QString();
}

std::optional<TrainingSettingsForm::Problem> TrainingSettingsForm::validationProblem() const {
    std::vector<int> widths;
    std::string architecture;
    if (!parseHiddenLayers(layers_->text(), widths, architecture))
        return Problem{[layers = layers_->text()] {
                           return tr("hidden layers must be positive widths separated by commas, e.g. 128,64 "
                                     "(got '%1')")
                               .arg(layers);
                       },
                       QString()};
    const digitpad::Status settings = config().validate();
    if (settings)
        return std::nullopt;
    return Problem{[error = settings.error()] {
                       return errorKindText(error).value_or(tr("the settings are not valid"));
                   },
                   QString::fromStdString(settings.error().message)};
}
