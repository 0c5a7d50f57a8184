// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/Recognizer.h"

#include "app/AnswerCertainty.h"

#include "nn/Evaluation.h"

namespace digitpad {

bool takesDigitImages(const Network& network) {
    return network.inputShape().size() == kDigitSide * kDigitSide;
}

std::string classLabel(const ModelInfo& info, int index) {
    const std::vector<std::string> names = classNamesOf(info);
    if (index >= 0 && static_cast<std::size_t>(index) < names.size())
        return names[static_cast<std::size_t>(index)];
    return std::to_string(index);
}

Result<Recognition> recognize(const Model& model, const GrayImage& image, Framing framing) {
    Recognition recognition;
    std::optional<Vector> input = preprocess(image, framing, model.info.framingSteps);
    if (!input)
        return recognition;
    if (!takesDigitImages(model.network))
        return Error{"the model takes " + model.network.inputShape().toString() + " inputs, not a " +
                     std::to_string(kDigitSide) + "x" + std::to_string(kDigitSide) + " grayscale digit"};
    // The members' answers once: their mean is the model's answer, and each one's vote says whether they
    // agree.
    const std::vector<Matrix> memberAnswers = model.memberProbabilities(*input);
    const Matrix probabilities = meanOfMembers(memberAnswers);
    recognition.status = Recognition::Status::Recognised;
    recognition.classIndex = argmaxColumn(probabilities, 0);
    recognition.label = classLabel(model.info, recognition.classIndex);
    recognition.probabilities.reserve(static_cast<std::size_t>(probabilities.rows()));
    for (Eigen::Index i = 0; i < probabilities.rows(); ++i)
        recognition.probabilities.push_back(static_cast<double>(probabilities(i, 0)));
    recognition.probability = recognition.probabilities[static_cast<std::size_t>(recognition.classIndex)];
    for (int i = 0; i < static_cast<int>(recognition.probabilities.size()); ++i) {
        if (i == recognition.classIndex)
            continue;
        if (recognition.runnerUpIndex < 0 ||
            recognition.probabilities[static_cast<std::size_t>(i)] > recognition.runnerUpProbability) {
            recognition.runnerUpIndex = i;
            recognition.runnerUpProbability = recognition.probabilities[static_cast<std::size_t>(i)];
        }
    }
    if (recognition.runnerUpIndex >= 0)
        recognition.runnerUpLabel = classLabel(model.info, recognition.runnerUpIndex);
    recognition.unsure = isUnsure(recognition.probability);
    // The framing steps (deskew above all) would hide how the ink was drawn; the ink shape is read before
    // them.
    const std::optional<Vector> asFramed = model.info.framingSteps.any() ? preprocess(image, framing) : input;
    recognition.notADigit = notADigitReason(
        digitLikenessSignals(memberAnswers, *asFramed, model.info.framingSteps, recognition.classIndex));
    recognition.input = std::move(*input);
    return recognition;
}

} // namespace digitpad
