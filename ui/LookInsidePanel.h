// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/LookInside.h"
#include "io/Model.h"
#include "tensor/Matrix.h"

#include <QColor>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class InputPreview;
class QAction;
class QLabel;
class QScrollArea;
class QToolButton;
class TileGrid;

/// The Recognize tab's "Look inside" panel (collapsible): why the network chose its answer over the next best
/// class (the why-map over the input, in two colours with a legend naming both), every layer's output for the
/// current drawing (feature maps of convolutions and pooling, units of dense layers as a strip) and the
/// model's first-layer filters. It adapts the lookInside() use case.
///
/// RecognizePanel hands it every answer's input (showInput) and clears it with the canvas (clearViews). While
/// collapsed it computes nothing; expanding it computes the views of the input it was last given.
class LookInsidePanel : public QWidget {
    Q_OBJECT
public:
    /// The why-map's colours (Okabe–Ito sky blue and orange, told apart with any colour vision).
    static inline const QColor kWinnerColour{0x56, 0xb4, 0xe9};
    static inline const QColor kRunnerUpColour{0xe6, 0x9f, 0x00};

    explicit LookInsidePanel(QWidget* parent = nullptr);
    ~LookInsidePanel() override;

    /// The model whose insides are shown; its filters are drawn at once, the other views are cleared.
    void setModel(std::shared_ptr<const digitpad::Model> model);
    /// Shows the views for one preprocessed input (the 784 values of Recognition::input) and the
    /// probabilities recognition gave for it (Recognition::probabilities), which rank the classes.
    void showInput(const digitpad::Vector& input, const std::vector<double>& probabilities);
    /// Clears the views that belong to an input (the filters stay: they belong to the model).
    void clearViews();

    bool isExpanded() const;
    void setExpanded(bool expanded);
    /// "Look inside" (Ctrl+I, checkable): expands and collapses the panel. Window-level, like Enter.
    QAction* toggleAction() const { return toggleAction_; }
    /// The button showing toggleAction() above the views.
    QToolButton* toggleButton() const { return toggleButton_; }
    /// The scrolling views under the button.
    QWidget* views() const;

    /// True when the views show an input (after showInput while expanded).
    bool hasViews() const { return look_.has_value(); }
    const std::optional<digitpad::LookInside>& look() const { return look_; }
    /// One grid per network layer, in order.
    int layerViewCount() const { return static_cast<int>(layerGrids_.size()); }
    TileGrid* layerGrid(int layer) const { return layerGrids_.at(static_cast<std::size_t>(layer)); }
    TileGrid* filterGrid() const { return filterGrid_; }
    /// The input with the why-map over it.
    InputPreview* whyView() const { return whyView_; }
    /// Names the winner and the runner-up with their colours, e.g. "blue: toward 7 …".
    QString legendText() const;
    /// How long the last update of the views took (look inside plus drawing the tiles), in milliseconds.
    double lastUpdateMilliseconds() const { return lastMs_; }

signals:
    void expandedChanged(bool expanded);

protected:
    /// On QEvent::LanguageChange: retranslate().
    void changeEvent(QEvent* event) override;

private:
    /// Puts the headings, notes, captions and legend in the language installed now.
    void retranslate();
    void showFilterCaption();
    /// The legend before an answer: what the colours will mean.
    void showIdleLegend();
    void rebuildLayerViews();
    void updateViews();
    /// One tooltip per tile of `activation`: a map's range of values, a unit's value (named by its class in
    /// the output layer).
    QStringList toolTips(const digitpad::LayerActivation& activation, bool classes) const;

    std::shared_ptr<const digitpad::Model> model_;
    std::optional<digitpad::Vector> input_; ///< the last input given, shown when the panel is expanded
    std::vector<double> probabilities_;     ///< the model's answer for input_
    std::optional<digitpad::LookInside> look_;
    QAction* toggleAction_ = nullptr;
    QToolButton* toggleButton_ = nullptr;
    QScrollArea* body_ = nullptr;
    QWidget* layerBox_ = nullptr; ///< holds a caption and a grid per layer
    InputPreview* whyView_ = nullptr;
    QLabel* legend_ = nullptr;
    QLabel* filterCaption_ = nullptr;
    QLabel* whyHeading_ = nullptr;
    QLabel* activationsHeading_ = nullptr;
    QLabel* activationsNote_ = nullptr;
    QLabel* filtersHeading_ = nullptr;
    TileGrid* filterGrid_ = nullptr;
    std::vector<QLabel*> layerCaptions_;
    std::vector<TileGrid*> layerGrids_;
    double lastMs_ = 0.0;
};
