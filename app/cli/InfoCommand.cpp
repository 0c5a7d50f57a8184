// SPDX-License-Identifier: GPL-3.0-or-later
// `digitpad-cli info`: what a model file holds.
#include "ArgumentParser.h"
#include "Commands.h"
#include "Console.h"
#include "UsageError.h"

#include "io/ModelFile.h"
#include "tensor/PrintableText.h"

#include <iostream>
#include <sstream>

namespace digitpad::cli {

namespace {

/// Every value passes through printable(): most come from the file, and a crafted header must not reach the
/// terminal as escape sequences or forge extra lines.
void row(const std::string& key, const std::string& value) {
    std::cout << key << std::string(16 - key.size(), ' ') << (value.empty() ? "-" : printable(value)) << '\n';
}

std::string number(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

} // namespace

int runInfo(const std::vector<std::string>& args) {
    ArgumentParser parser(
        "info FILE",
        "Shows what a .dpm model file holds: architecture, parameter count, input shape, output\n"
        "head, preprocessing, training settings (with the augmentation used), measured accuracy, training "
        "date and,\n"
        "for a fine-tuned model, the model it was tuned from and on how many drawings.");
    if (!parser.parse(args)) {
        std::cout << parser.help();
        return 0;
    }
    if (parser.positionals().empty())
        throw UsageError("no model file given");
    if (parser.positionals().size() > 1)
        throw UsageError("unexpected argument '" + parser.positionals()[1] + "'");
    const std::string path = parser.positionals().front();
    Result<Model> model = loadModel(path);
    if (!model)
        return failure("info", model.error().message);
    const Network& network = model->network;
    const ModelInfo& info = model->info;
    row("file", path);
    row("architecture", network.architecture());
    row("parameters", std::to_string(network.parameterCount()));
    row("input", network.inputShape().toString());
    row("classes", std::to_string(network.outputSize()) + " (" + info.labels + ")");
    row("head", toName(network.head()));
    row("framing", toName(info.framing));
    row("preset", info.preset);
    row("loss", toName(info.loss));
    row("optimizer", toName(info.optimizer));
    row("learning rate", info.learningRate > 0.0 ? number(info.learningRate) : "");
    row("batch size", info.batchSize > 0 ? std::to_string(info.batchSize) : "");
    row("epochs", info.epochs > 0 ? std::to_string(info.epochs) : "");
    row("seed", std::to_string(info.seed));
    row("dataset", info.dataset);
    row("augmentation", info.augmentation.empty() ? "none" : info.augmentation);
    row("test accuracy", info.testAccuracy ? percent(*info.testAccuracy) : "");
    if (info.drawnAccuracy)
        row("drawn accuracy", percent(*info.drawnAccuracy));
    if (!info.tunedFrom.empty())
        row("tuned from", info.tunedFrom + " on " + std::to_string(info.tunedOnDrawings) + " drawings");
    row("trained at", info.trainedAt);
    return 0;
}

} // namespace digitpad::cli
