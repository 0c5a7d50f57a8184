// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/Model.h"

#include "data/ClassNames.h"

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
