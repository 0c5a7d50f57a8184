// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/Model.h"

#include "data/ClassNames.h"
#include "nn/Evaluation.h"

#include <chrono>
#include <ctime>

namespace digitpad {
namespace {

/// The current time as ISO 8601 UTC with seconds, e.g. "2026-11-22T17:03:00Z".
std::string utcNow() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

} // namespace

std::vector<const Network*> Model::members() const {
    std::vector<const Network*> all{&network};
    for (const Network& member : otherMembers)
        all.push_back(&member);
    return all;
}

Matrix Model::probabilities(const Matrix& x) const {
    if (otherMembers.empty() && info.testTime == TestTimeAugmentation::None)
        return network.probabilities(x);
    return meanProbabilities(members(), x, info.testTime);
}

std::vector<Matrix> Model::memberProbabilities(const Matrix& x) const {
    return digitpad::memberProbabilities(members(), x, info.testTime);
}

long long Model::parameterCount() const {
    long long total = network.parameterCount();
    for (const Network& member : otherMembers)
        total += member.parameterCount();
    return total;
}

std::string Model::architecture() const {
    const std::string first = network.architecture();
    bool allTheSame = true;
    std::string joined = first;
    for (const Network& member : otherMembers) {
        const std::string text = member.architecture();
        allTheSame = allTheSame && text == first;
        joined += " + " + text;
    }
    if (otherMembers.empty() || !allTheSame)
        return joined;
    return std::to_string(memberCount()) + " × " + first;
}

ModelInfo describeTraining(const TrainConfig& config, const std::string& dataset) {
    ModelInfo info;
    info.preset = config.preset;
    info.loss = config.loss;
    info.optimizer = config.optimizer.kind;
    info.learningRate = config.optimizer.learningRate;
    info.batchSize = config.batchSize;
    info.epochs = config.epochs;
    info.seed = config.seed;
    info.dataset = dataset;
    info.framingSteps = config.framingSteps;
    if (config.augment.enabled)
        info.augmentation = config.augment.describe();
    info.trainedAt = utcNow();
    return info;
}

std::vector<std::string> classNamesOf(const ModelInfo& info) {
    if (!info.classNames.empty())
        return info.classNames;
    std::vector<std::string> names;
    for (char label : info.labels)
        names.emplace_back(1, label);
    return names;
}

bool isDigitModel(const ModelInfo& info) {
    return areDigitNames(classNamesOf(info));
}

} // namespace digitpad
