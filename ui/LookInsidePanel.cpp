// SPDX-License-Identifier: GPL-3.0-or-later
#include "LookInsidePanel.h"

#include "InputPreview.h"
#include "LogCategories.h"
#include "TileGrid.h"
#include "TileSheet.h"

#include "app/Recognizer.h"

#include <QAction>
#include <QElapsedTimer>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QLabel* heading(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

QLabel* note(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(mid);"));
    return label;
}

QString swatch(const QColor& colour) {
    return QStringLiteral("<span style=\"color:%1\">&#9632;</span>").arg(colour.name());
}

void showTiles(TileGrid* grid, const TileSheet& tiles) {
    grid->setTiles(tiles.sheet, tiles.count, tiles.tileSize, tiles.scale);
}

} // namespace

LookInsidePanel::LookInsidePanel(QWidget* parent) : QWidget(parent) {
    setObjectName("lookInsidePanel");
    // The texts are set in retranslate(), at the end and on every language change.
    toggleAction_ = new QAction(this);
    toggleAction_->setObjectName("lookInsideAction");
    toggleAction_->setCheckable(true);
    toggleAction_->setChecked(true);
    toggleAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    toggleAction_->setShortcutContext(Qt::WindowShortcut);
    addAction(toggleAction_);

    toggleButton_ = new QToolButton(this);
    toggleButton_->setObjectName("lookInsideToggle");
    toggleButton_->setDefaultAction(toggleAction_);
    toggleButton_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggleButton_->setArrowType(Qt::DownArrow);
    toggleButton_->setAutoRaise(true);
    // Like the tab's other controls it takes focus from Tab, not from a click; Ctrl+I or Alt+I reach it from
    // anywhere.
    toggleButton_->setFocusPolicy(Qt::TabFocus);

    auto* content = new QWidget;
    whyView_ = new InputPreview(content);
    legend_ = new QLabel(content);
    legend_->setObjectName("lookInsideLegend");
    legend_->setWordWrap(true);
    legend_->setTextFormat(Qt::RichText);
    auto* why = new QHBoxLayout;
    // Beside its legend in a narrow column, the why-map keeps the preview's usual size.
    whyView_->setFixedSize(whyView_->sizeHint());
    why->addWidget(whyView_, 0, Qt::AlignTop);
    why->addWidget(legend_, 1);

    layerBox_ = new QWidget(content);
    auto* layers = new QVBoxLayout(layerBox_);
    layers->setContentsMargins(0, 0, 0, 0);

    filterCaption_ = note(QString(), content);
    filterGrid_ = new TileGrid(content);
    filterGrid_->setObjectName("filterGrid");

    auto* column = new QVBoxLayout(content);
    whyHeading_ = heading(QString(), content);
    activationsHeading_ = heading(QString(), content);
    activationsNote_ = note(QString(), content);
    filtersHeading_ = heading(QString(), content);
    column->addWidget(whyHeading_);
    column->addLayout(why);
    column->addSpacing(6);
    column->addWidget(activationsHeading_);
    column->addWidget(activationsNote_);
    column->addWidget(layerBox_);
    column->addSpacing(6);
    column->addWidget(filtersHeading_);
    column->addWidget(filterCaption_);
    column->addWidget(filterGrid_);
    column->addStretch(1);

    body_ = new QScrollArea(this);
    body_->setObjectName("lookInsideBody");
    body_->setWidget(content);
    body_->setWidgetResizable(true);
    body_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    body_->setFrameShape(QFrame::NoFrame);
    // Tab reaches the views after the button, so the arrow keys and Page Down scroll them; a frameless scroll
    // area has no focus ring of its own, so it gets one (transparent until focused, so nothing moves).
    body_->setFocusPolicy(Qt::TabFocus);
    body_->setStyleSheet(
        QStringLiteral("QScrollArea#lookInsideBody { border: 2px solid transparent; border-radius: 3px; }"
                       "QScrollArea#lookInsideBody:focus { border-color: palette(highlight); }"));
    body_->setMinimumWidth(300);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toggleButton_, 0, Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(body_, 1);

    connect(toggleAction_, &QAction::toggled, this, [this](bool expanded) {
        body_->setVisible(expanded);
        toggleButton_->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
        // Collapsed, the panel is as narrow as its button and the canvas and answer get the room back.
        setSizePolicy(expanded ? QSizePolicy::Preferred : QSizePolicy::Maximum, QSizePolicy::Preferred);
        if (expanded)
            updateViews();
        emit expandedChanged(expanded);
    });
    clearViews();
    retranslate();
}

void LookInsidePanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LookInsidePanel::retranslate() {
    toggleAction_->setText(tr("Look &inside"));
    toggleAction_->setToolTip(
        tr("Show or hide what the network does with the drawing: why this digit, every layer's output and "
           "the first layer's filters (Ctrl+I)"));
    whyView_->setToolTip(tr("The network's input, its ink coloured by how much each pixel pushed the answer "
                            "toward the winner or toward the runner-up (input × gradient of the difference "
                            "of their scores)"));
    whyHeading_->setText(tr("Why this digit"));
    activationsHeading_->setText(tr("Activations"));
    activationsNote_->setText(tr("Each layer's output for this drawing: maps for convolutions and pooling, a "
                                 "strip of units for dense layers. Bright is strong, blue negative."));
    filtersHeading_->setText(tr("First-layer filters"));
    showFilterCaption();
    // The layers' captions are made with their views; the views come back from the input when one is shown.
    rebuildLayerViews();
    if (input_ && isExpanded())
        updateViews();
    else
        showIdleLegend();
}

void LookInsidePanel::showFilterCaption() {
    const digitpad::FirstLayerFilters filters =
        model_ != nullptr ? digitpad::modelFilters(*model_) : digitpad::FirstLayerFilters{};
    filterCaption_->setText(model_ == nullptr ? tr("No model loaded.")
                            : filters.empty() ? tr("The model has no weights to show.")
                                              : TileSheet::fromFilters(filters).caption);
}

void LookInsidePanel::showIdleLegend() {
    legend_->setText(
        tr("After Enter, the ink is coloured by what it did:<br>%1 pushed toward the answer<br>%2 "
           "pushed toward the runner-up")
            .arg(swatch(kWinnerColour), swatch(kRunnerUpColour)));
}

LookInsidePanel::~LookInsidePanel() = default;

QWidget* LookInsidePanel::views() const {
    return body_;
}

bool LookInsidePanel::isExpanded() const {
    return toggleAction_->isChecked();
}

void LookInsidePanel::setExpanded(bool expanded) {
    toggleAction_->setChecked(expanded);
}

void LookInsidePanel::setModel(std::shared_ptr<const digitpad::Model> model) {
    model_ = std::move(model);
    rebuildLayerViews();
    const digitpad::FirstLayerFilters filters =
        model_ != nullptr ? digitpad::modelFilters(*model_) : digitpad::FirstLayerFilters{};
    const TileSheet tiles = TileSheet::fromFilters(filters);
    showTiles(filterGrid_, tiles);
    showFilterCaption();
    clearViews();
}

void LookInsidePanel::rebuildLayerViews() {
    qDeleteAll(layerCaptions_);
    qDeleteAll(layerGrids_);
    layerCaptions_.clear();
    layerGrids_.clear();
    if (model_ == nullptr)
        return;
    if (model_->memberCount() > 1) {
        auto* ensembleNote = note(tr("The model averages %1 networks; these are the layers of the first. "
                                     "\"Why this digit\" above is "
                                     "their mean.")
                                      .arg(model_->memberCount()),
                                  layerBox_);
        ensembleNote->setObjectName(QStringLiteral("ensembleNote"));
        layerBox_->layout()->addWidget(ensembleNote);
        layerCaptions_.push_back(ensembleNote);
    }
    const auto& layers = model_->network.layers();
    for (std::size_t i = 0; i < layers.size(); ++i) {
        // Geometry and caption come from the layer's shape alone; the tiles stay empty until an answer.
        const digitpad::Shape shape = layers[i]->outputShape();
        TileSheet tiles =
            TileSheet::fromActivation({layers[i]->spec(), shape, digitpad::Vector::Zero(shape.size())});
        auto* caption = note(QStringLiteral("%1. %2 — %3")
                                 .arg(i + 1)
                                 .arg(QString::fromStdString(layers[i]->spec()), tiles.caption),
                             layerBox_);
        auto* grid = new TileGrid(layerBox_);
        grid->setObjectName(QStringLiteral("layerGrid%1").arg(i));
        grid->setTiles(QImage(), tiles.count, tiles.tileSize, tiles.scale);
        layerBox_->layout()->addWidget(caption);
        layerBox_->layout()->addWidget(grid);
        layerCaptions_.push_back(caption);
        layerGrids_.push_back(grid);
    }
}

void LookInsidePanel::showInput(const digitpad::Vector& input, const std::vector<double>& probabilities) {
    input_ = input;
    probabilities_ = probabilities;
    // Collapsed, nothing is computed now: the previous answer's views must not pass for this one's.
    look_.reset();
    updateViews();
}

void LookInsidePanel::clearViews() {
    input_.reset();
    probabilities_.clear();
    look_.reset();
    for (TileGrid* grid : layerGrids_)
        grid->clear();
    whyView_->clearInput();
    showIdleLegend();
}

QString LookInsidePanel::legendText() const {
    return legend_->text();
}

QStringList LookInsidePanel::toolTips(const digitpad::LayerActivation& activation, bool classes) const {
    QStringList tips;
    const digitpad::Vector& values = activation.values;
    if (activation.hasMaps()) {
        const Eigen::Index plane = Eigen::Index(activation.shape.height) * activation.shape.width;
        for (int c = 0; c < activation.shape.channels; ++c)
            tips << tr("map %1: values %2 to %3")
                        .arg(c + 1)
                        .arg(double(values.segment(c * plane, plane).minCoeff()), 0, 'g', 3)
                        .arg(double(values.segment(c * plane, plane).maxCoeff()), 0, 'g', 3);
        return tips;
    }
    for (Eigen::Index i = 0; i < values.size(); ++i)
        tips << (classes ? tr("class %1: %2")
                               .arg(QString::fromStdString(
                                   digitpad::classLabel(model_->info, static_cast<int>(i))))
                         : tr("unit %1: %2").arg(i + 1))
                    .arg(double(values[i]), 0, 'g', 3);
    return tips;
}

void LookInsidePanel::updateViews() {
    if (!isExpanded() || model_ == nullptr || !input_)
        return;
    const digitpad::Shape shape = model_->network.inputShape();
    if (input_->size() != shape.size() || model_->network.empty())
        return;
    QElapsedTimer timer;
    timer.start();
    look_ = digitpad::lookInside(*model_, *input_, probabilities_);
    for (std::size_t i = 0; i < layerGrids_.size() && i < look_->layers.size(); ++i) {
        showTiles(layerGrids_[i], TileSheet::fromActivation(look_->layers[i]));
        layerGrids_[i]->setTileToolTips(toolTips(look_->layers[i], i + 1 == look_->layers.size()));
    }
    if (shape.channels == 1 && shape.height == shape.width) {
        whyView_->setInput(*input_, shape.width);
        whyView_->setOverlay(look_->why, kWinnerColour, kRunnerUpColour, shape.width);
    }
    const QString winner = QString::fromStdString(look_->winnerLabel);
    const QString runnerUp = QString::fromStdString(look_->runnerUpLabel);
    legend_->setText(look_->runnerUp < 0
                         ? tr("%1 pushed toward <b>%2</b>, %3 against it")
                               .arg(swatch(kWinnerColour), winner, swatch(kRunnerUpColour))
                         : tr("%1 pushed toward <b>%2</b> (the answer)<br>%3 pushed toward <b>%4</b> (the "
                              "runner-up)")
                               .arg(swatch(kWinnerColour), winner, swatch(kRunnerUpColour), runnerUp));
    lastMs_ = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    qCDebug(lcRecognize).noquote()
        << QStringLiteral("look inside: %1 vs %2, %3 ms").arg(winner, runnerUp).arg(lastMs_, 0, 'f', 2);
}
