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

/// The name of class `c`: names[c], else its label character, else its number.
std::string className(const std::vector<std::string>& names, const std::string& labels, int c);

/// An evaluation as JSON: count, correct, loss, accuracy (0..1), per_class (label, name, correct, total,
/// accuracy — null for a class without samples) and confusion (rows: true class, columns: predicted).
/// `labels` has one character per class, `names` the class names ("7", or "Sneaker" for Fashion-MNIST).
Json evaluationJson(const Evaluation& evaluation, const std::string& labels,
                    const std::vector<std::string>& names);

/// Misclassified images as JSON, in the given order: index (the image's position in its set), label and
/// predicted (labels' characters), label_name and predicted_name (the class names) and confidence (the
/// probability of the wrong answer, 0..1).
Json mistakesJson(const std::vector<Mistake>& mistakes, const std::string& labels,
                  const std::vector<std::string>& names);

} // namespace digitpad::cli
