// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/Model.h"
#include "nn/FirstLayerFilters.h"
#include "tensor/Matrix.h"
#include "tensor/Shape.h"

#include <string>
#include <vector>

namespace digitpad {

/// One layer's output for the input being looked at.
struct LayerActivation {
    std::string spec; ///< the layer's token, e.g. "conv5x5x24", "relu", "dense10"
    Shape shape;      ///< the output's C×H×W
    Vector values;    ///< shape.size() values in Shape's layout (channel-major, then row-major)

    /// True for C maps of H×W (convolution and pooling); false for a row of units, i.e. a dense layer's
    /// 1×1×N or C maps of a single value each.
    bool hasMaps() const { return shape.height > 1 || (shape.width > 1 && shape.channels > 1); }
};

/// What the network does with one input: every layer's output and why it chose its answer over the next
/// best class.
struct LookInside {
    /// One per layer of the (first) network, in order; the last holds the raw outputs. For an ensemble these
    /// are its first member's layers.
    std::vector<LayerActivation> layers;
    /// The largest raw output (the first of equals); for an ensemble the largest mean probability.
    int winner = -1;
    int runnerUp = -1; ///< the largest of the others; -1 for a network with one output
    std::string winnerLabel, runnerUpLabel;
    /// d(raw[winner] − raw[runnerUp]) / d input, inputs × 1 (marginGradient()): how each input pixel would
    /// move the margin between the two classes; for an ensemble the mean over its members.
    Vector gradient;
    int members = 1; ///< the networks the model averages (Model::memberCount())
    /// input ⊙ gradient, inputs × 1: each pixel's share of the margin to first order. Positive pixels pushed
    /// the answer toward the winner, negative ones toward the runner-up; pixels without ink are 0.
    Vector why;
};

/// Looks inside `model` for one preprocessed input (inputShape().size() values, e.g. the 784 of
/// Recognition::input). Raw outputs order the classes as the probabilities do with the softmax head; with the
/// identity head they do whenever some output is positive. Thread-safe on a const model. Throws
/// std::invalid_argument when the input's size does not fit the model or the network has no layers.
LookInside lookInside(const Model& model, const Vector& input);
/// The same with the answer recognition already gave for `input` (Recognition::probabilities, one per class),
/// so that an ensemble's members do not run their forward passes a second time to rank the classes. Throws
/// std::invalid_argument as above, and when there is not one probability per class.
LookInside lookInside(const Model& model, const Vector& input, const std::vector<double>& probabilities);

/// The model's first-layer filters (firstLayerFilters()): they depend on the model only, not on the input.
FirstLayerFilters modelFilters(const Model& model);

} // namespace digitpad
