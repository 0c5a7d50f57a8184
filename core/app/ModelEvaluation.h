// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AnswerCertainty.h"
#include "app/TagScore.h"
#include "data/Preprocess.h"
#include "io/Model.h"
#include "nn/Evaluation.h"
#include "nn/Loss.h"
#include "nn/Mistakes.h"
#include "tensor/Result.h"

#include <optional>
#include <string>
#include <vector>

namespace digitpad {

/// What to score a model on.
struct EvaluationRequest {
    std::string dataFolder; ///< its t10k-* IDX files are the test split
    /// Also score on DigitPad's drawn-digit set in this folder (see drawnDigitsFolder()); nullopt = don't.
    std::optional<std::string> drawnFolder;
    Framing framing = Framing::Mnist; ///< how the drawn digits are framed into 28×28
    /// The framing steps for every set (test split and drawn digits); nullopt = the model's own. Another
    /// choice than the model's measures what a step would do to a model not trained with it.
    std::optional<FramingSteps> framingSteps;
    /// The copies of each image the answer averages over (ModelInfo::testTime); nullopt = the model's own.
    std::optional<TestTimeAugmentation> testTime;
    /// Keep the test split as scored in the report (EvaluationReport::testSet), for a front end that shows
    /// the images behind the figures.
    bool keepTestSet = false;
};

/// How a model did.
struct EvaluationReport {
    LossKind loss = LossKind::CrossEntropy; ///< the loss the mean losses are measured with (modelLoss())
    std::string labels; ///< one character per class, the model's labels padded with digits
    /// The name of every class (classNamesOf()), padded like `labels`: "7" for a digit model, "Sneaker" for
    /// Fashion-MNIST's.
    std::vector<std::string> classNames;
    Evaluation test;                 ///< on the test split
    std::optional<Evaluation> drawn; ///< on the drawn-digit set, when asked for
    /// On the drawn-digit set, the accuracy per tag when the folder says how each canvas was drawn
    /// (readDrawnTags()); empty otherwise.
    std::vector<TagScore> drawnByTag;
    /// The test split's misclassified images, most confidently wrong first (sortedMistakes()).
    std::vector<Mistake> testMistakes;
    /// The drawn-digit set's misclassified canvases, most confidently wrong first; empty when not asked for.
    std::vector<Mistake> drawnMistakes;
    /// How many of the test split's wrong and right answers the not-a-digit rule (DigitLikeness.h) flags;
    /// nullopt for a model that does not take 28×28 digits.
    std::optional<FlagRates> testNotADigit;
    /// The same on the drawn-digit set, when asked for.
    std::optional<FlagRates> drawnNotADigit;
    /// The test split as scored (after the framing steps), only with EvaluationRequest::keepTestSet: the
    /// images that testMistakes and test.predictions index.
    std::optional<Dataset> testSet;
};

/// The loss the model was trained with, as its header records it, so a measured loss means the same as during
/// training.
LossKind modelLoss(const Model& model);

/// How many of the evaluated samples were classified correctly (the confusion matrix's diagonal).
int correctCount(const Evaluation& evaluation);

/// Scores `model` (read from `modelPath`, which messages name) on the request's test split and, when asked,
/// on the drawn-digit set: loss, accuracy, confusion matrix and mistakes. Fails naming the file when a split
/// cannot be read, and naming both shapes when the model's input or class count does not fit a set. Loads and
/// checks everything before evaluating anything.
Result<EvaluationReport> evaluateModel(const Model& model, const std::string& modelPath,
                                       const EvaluationRequest& request);

/// Records the report's accuracies in a model header (test accuracy, and the drawn-digit accuracy when
/// measured), for saving with the model.
void recordAccuracies(ModelInfo& info, const EvaluationReport& report);

} // namespace digitpad
