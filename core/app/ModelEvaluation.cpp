// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ModelEvaluation.h"

#include "app/DigitLikeness.h"
#include "app/SplitLoader.h"
#include "data/DrawnDigits.h"

#include <memory>

namespace digitpad {

namespace {

bool fits(const Network& network, const Dataset& data) {
    return network.inputShape().size() == data.shape.size() && network.outputSize() == data.classes;
}

std::string shapeMismatch(const std::string& modelPath, const Network& network, const Dataset& data,
                          const std::string& folder) {
    return "model '" + modelPath + "' takes " + network.inputShape().toString() + " inputs and " +
           std::to_string(network.outputSize()) + " classes, but the " + data.name + " set in '" + folder +
           "' has " + data.shape.toString() + " images and " + std::to_string(data.classes) + " classes";
}

} // namespace

LossKind modelLoss(const Model& model) {
    return model.info.loss;
}

int correctCount(const Evaluation& evaluation) {
    int correct = 0;
    for (std::size_t c = 0; c < evaluation.confusion.size(); ++c)
        correct += evaluation.confusion[c][c];
    return correct;
}

Result<EvaluationReport> evaluateModel(const Model& ownModel, const std::string& modelPath,
                                       const EvaluationRequest& request) {
    // Another test-time augmentation than the model's own is measured on a copy that has it, so the answers
    // and the members' votes of the not-a-digit rule both use it.
    const TestTimeAugmentation testTime = request.testTime.value_or(ownModel.info.testTime);
    std::optional<Model> otherTestTime;
    if (testTime != ownModel.info.testTime) {
        otherTestTime = ownModel;
        otherTestTime->info.testTime = testTime;
    }
    const Model& model = otherTestTime ? *otherTestTime : ownModel;
    const Network& network = model.network;
    Result<Dataset> test = loadSplit(request.dataFolder, "t10k");
    if (!test)
        return test.error();
    if (!fits(network, *test))
        return Error{shapeMismatch(modelPath, network, *test, request.dataFolder)};
    const FramingSteps steps = request.framingSteps.value_or(model.info.framingSteps);
    if (Status fitsSteps = steps.check(test->shape); !fitsSteps)
        return Error{"cannot score on '" + request.dataFolder + "': " + fitsSteps.error().message};
    if (Status fitsTestTime = checkTestTime(testTime, network); !fitsTestTime)
        return Error{"cannot score '" + modelPath + "': " + fitsTestTime.error().message};
    // The not-a-digit rule reads the ink's shape before the framing steps.
    const bool digits = static_cast<int>(test->shape.size()) == kDigitSide * kDigitSide;
    const Matrix testFramed = digits ? test->images : Matrix();
    applyFramingSteps(steps, test->images, test->shape.width);
    std::optional<Dataset> drawn;
    Matrix drawnFramed;
    std::vector<SampleTags> drawnTags;
    if (request.drawnFolder) {
        Result<Dataset> canvases = readDrawnDigits(*request.drawnFolder, request.framing, steps);
        if (!canvases)
            return Error{canvases.error().message +
                         " (scripts/make-drawn-digits writes the drawn-digit set)"};
        if (!fits(network, *canvases))
            return Error{shapeMismatch(modelPath, network, *canvases, *request.drawnFolder)};
        Result<std::vector<SampleTags>> tags = readDrawnTags(*request.drawnFolder, canvases->labels);
        if (!tags)
            return tags.error();
        drawnTags = std::move(tags.value());
        drawn = std::move(canvases.value());
        if (digits) {
            Result<Dataset> framed = steps.any() ? readDrawnDigits(*request.drawnFolder, request.framing)
                                                 : Result<Dataset>(*drawn);
            if (!framed)
                return framed.error();
            drawnFramed = std::move(framed->images);
        }
    }

    EvaluationReport report;
    report.loss = modelLoss(model);
    const std::unique_ptr<Loss> loss = makeLoss(report.loss);
    const std::vector<const Network*> members = model.members();
    report.test = evaluate(members, *loss, *test, testTime);
    report.testMistakes = sortedMistakes(report.test, test->labels);
    if (digits)
        report.testNotADigit = notADigitRates(
            notADigitReasons(model, test->images, testFramed, report.test.predictions), report.testMistakes);
    if (drawn) {
        report.drawn = evaluate(members, *loss, *drawn, testTime);
        report.drawnMistakes = sortedMistakes(*report.drawn, drawn->labels);
        if (digits)
            report.drawnNotADigit =
                notADigitRates(notADigitReasons(model, drawn->images, drawnFramed, report.drawn->predictions),
                               report.drawnMistakes);
        if (!drawnTags.empty())
            report.drawnByTag = scoreByTag(drawnTags, drawn->labels, report.drawn->predictions);
    }
    report.labels = model.info.labels;
    for (int c = static_cast<int>(report.labels.size()); c < test->classes; ++c)
        report.labels += std::to_string(c % 10);
    report.classNames = classNamesOf(model.info);
    report.classNames.resize(report.labels.size());
    for (std::size_t c = 0; c < report.classNames.size(); ++c)
        if (report.classNames[c].empty())
            report.classNames[c] = report.labels.substr(c, 1);
    if (request.keepTestSet)
        report.testSet = std::move(*test);
    return report;
}

void recordAccuracies(ModelInfo& info, const EvaluationReport& report) {
    info.testAccuracy = report.test.accuracy;
    if (report.drawn)
        info.drawnAccuracy = report.drawn->accuracy;
}

} // namespace digitpad
