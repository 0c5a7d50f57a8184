// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/Model.h"
#include "tensor/Result.h"

#include <string>
#include <vector>

namespace digitpad {

/// A model trained on its own, with the name messages give it (usually its file).
struct EnsembleMember {
    Model model;
    std::string name;
};

/// Combines trained models into one ensemble model whose answer is the mean of their probabilities. Each
/// part may itself be an ensemble (its networks are taken over). The parts must read their input the same
/// way and answer with the same classes: the same input shape, labels, framing and framing steps, the softmax
/// head (cross-entropy training); the error names the first part that differs and how. The header is the
/// first part's (its test-time augmentation too), without accuracies (they describe one network; measure the
/// ensemble with eval --record), and its seed list records every part's seed. At least two parts, at most 16
/// networks.
Result<Model> combineIntoEnsemble(std::vector<EnsembleMember> parts);

} // namespace digitpad
