// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/LabelledDrawing.h"
#include "data/Dataset.h"
#include "io/Model.h"
#include "nn/Evaluation.h"
#include "tensor/Result.h"

#include <vector>

namespace digitpad {

/// The drawings as a data set for `model`: each image through preprocess() with the model's framing and steps
/// (784 × count, Shape 1×28×28, 10 classes), in order. Fails naming the drawing's source when an image holds
/// no ink, a label is outside 0–9, or the model does not take 28×28 digits with 10 classes.
Result<Dataset> drawingsAsDataset(const Model& model, const std::vector<LabelledDrawing>& drawings);

/// How a model does on the person's own drawings ("My accuracy").
struct DrawingScore {
    Evaluation all;      ///< every drawing (confusion and per-class accuracy included)
    int recentCount = 0; ///< how many of the last drawings `recent` covers
    double recent = 0.0; ///< accuracy on the last `recentCount` drawings (the order given), 0..1
};

/// Scores `model` on `drawings` (oldest first); `recent` covers the last `lastN` (or all when fewer).
Result<DrawingScore> scoreDrawings(const Model& model, const std::vector<LabelledDrawing>& drawings,
                                   int lastN = 20);

} // namespace digitpad
