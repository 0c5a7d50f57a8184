// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nn/Evaluation.h"
#include "nn/Mistakes.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace digitpad::cli {

/// Objects keep their keys in the order they are added, so the output reads like the text it mirrors.
using Json = nlohmann::ordered_json;

/// Writes `object` as one line of JSON on stdout and flushes, so a reader of JSON Lines (train's epochs,
/// predict's images) sees each object as soon as it is complete. Strings that are not valid UTF-8 (paths,
/// texts from a model file) are written with U+FFFD in place of the bad bytes rather than failing the
/// command.
void printJson(const Json& object);

/// A number, or null when it is NaN or infinite (JSON has no NaN): e.g. the validation accuracy of a run
/// without a validation split.
Json numberOrNull(double value);

/// An evaluation as JSON: count, correct, loss, accuracy (0..1), per_class (label, correct, total, accuracy —
/// null for a class without samples) and confusion (rows: true class, columns: predicted). `labels` has one
/// character per class.
Json evaluationJson(const Evaluation& evaluation, const std::string& labels);

/// Misclassified images as JSON, in the given order: index (the image's position in its set), label and
/// predicted (labels' characters) and confidence (the probability of the wrong answer, 0..1).
Json mistakesJson(const std::vector<Mistake>& mistakes, const std::string& labels);

} // namespace digitpad::cli
