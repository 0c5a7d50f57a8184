// SPDX-License-Identifier: GPL-3.0-or-later
// `digitpad-cli info`: what a model file holds.
#include "ArgumentParser.h"
#include "Commands.h"
#include "Console.h"
#include "JsonOutput.h"
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

/// The same facts as the text rows, with numbers as numbers and an unknown value as null. JSON escapes every
/// control character, so the file's strings need no printable() here.
Json infoJson(const std::string& path, const Model& model) {
    const Network& network = model.network;
    const ModelInfo& info = model.info;
    const auto positiveOrNull = [](auto value) { return value > 0 ? Json(value) : Json(nullptr); };
    Json object = {
        {"file", path},
        {"architecture", model.architecture()},
        {"parameters", network.parameterCount()},
        {"input", network.inputShape().toString()},
        {"classes", network.outputSize()},
        {"labels", info.labels},
        {"class_names", classNamesOf(info)},
        {"head", toName(network.head())},
        {"framing", toName(info.framing)},
        {"framing_steps", info.framingSteps.toText()},
        {"test_time", toName(info.testTime)},
        {"preset", info.preset},
        {"loss", toName(info.loss)},
        {"optimizer", toName(info.optimizer)},
        {"learning_rate", positiveOrNull(info.learningRate)},
        {"batch_size", positiveOrNull(info.batchSize)},
        {"epochs", positiveOrNull(info.epochs)},
        {"seed", info.seed},
        {"dataset", info.dataset},
        {"extra_training_data", info.extraTrainingData},
        {"augmentation", info.augmentation},
        {"test_accuracy", info.testAccuracy ? numberOrNull(*info.testAccuracy) : Json(nullptr)},
        {"drawn_accuracy", info.drawnAccuracy ? numberOrNull(*info.drawnAccuracy) : Json(nullptr)}};
    if (!info.tunedFrom.empty()) {
        object["tuned_from"] = info.tunedFrom;
        object["tuned_on_drawings"] = info.tunedOnDrawings;
    }
    object["trained_at"] = info.trainedAt;
    object["networks"] = model.memberCount();
    if (!model.otherMembers.empty()) {
        Json members = Json::array();
        const std::vector<const Network*> all = model.members();
        for (std::size_t i = 0; i < all.size(); ++i)
            members.push_back(
                {{"architecture", all[i]->architecture()},
                 {"parameters", all[i]->parameterCount()},
                 {"seed", i < info.memberSeeds.size() ? Json(info.memberSeeds[i]) : Json(nullptr)}});
        object["members"] = members;
        object["parameters"] = model.parameterCount();
    }
    return object;
}

} // namespace

int runInfo(const std::vector<std::string>& args) {
    ArgumentParser parser(
        "info [--json] FILE",
        "Shows what a .dpm model file holds: architecture, parameter count, input shape, output\n"
        "head, preprocessing, training settings (with the augmentation used), measured accuracy, training "
        "date and,\n"
        "for a fine-tuned model, the model it was tuned from and on how many drawings.");
    parser.addOption("--json", "", "print one JSON object instead of the table (keys below)");
    parser.addNotes(
        "JSON keys: file, architecture, parameters, input, classes, labels, class_names, head, framing,\n"
        "framing_steps (none or a comma-separated list), test_time (none, shifts, shifts8 or\n"
        "rotations), preset,\n"
        "loss, optimizer, learning_rate, batch_size, epochs, seed, dataset, augmentation (empty for\n"
        "none), extra_training_data (empty for none), test_accuracy and drawn_accuracy (0..1), tuned_from "
        "and tuned_on_drawings (fine-tuned\n"
        "models only), trained_at, and networks (1, or an ensemble's count; an ensemble also has\n"
        "members: architecture, parameters and seed of each, and parameters is the total);\n"
        "a value the file does not record is null.\n");
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
    if (parser.has("--json")) {
        printJson(infoJson(path, *model));
        return 0;
    }
    const Network& network = model->network;
    const ModelInfo& info = model->info;
    row("file", path);
    row("architecture", model->architecture());
    if (model->otherMembers.empty()) {
        row("parameters", std::to_string(network.parameterCount()));
    } else {
        // An ensemble: one row per network, then the total.
        row("networks", std::to_string(model->memberCount()) + ", answers averaged");
        const std::vector<const Network*> all = model->members();
        for (std::size_t i = 0; i < all.size(); ++i)
            row("network " + std::to_string(i + 1),
                all[i]->architecture() + " (" + std::to_string(all[i]->parameterCount()) + " parameters" +
                    (i < info.memberSeeds.size() ? ", seed " + std::to_string(info.memberSeeds[i]) : "") +
                    ")");
        row("parameters", std::to_string(model->parameterCount()));
    }
    row("input", network.inputShape().toString());
    std::string names;
    for (const std::string& name : classNamesOf(info))
        names += (names.empty() || info.classNames.empty() ? "" : ", ") + name;
    row("classes", std::to_string(network.outputSize()) + " (" + names + ")");
    row("head", toName(network.head()));
    row("framing", toName(info.framing));
    row("framing steps", info.framingSteps.toText());
    row("test time", info.testTime == TestTimeAugmentation::None
                         ? toName(info.testTime)
                         : toName(info.testTime) + " (the answer averages " +
                               std::to_string(testTimeImageCount(info.testTime)) + " images)");
    row("preset", info.preset);
    row("loss", toName(info.loss));
    row("optimizer", toName(info.optimizer));
    row("learning rate", info.learningRate > 0.0 ? number(info.learningRate) : "");
    row("batch size", info.batchSize > 0 ? std::to_string(info.batchSize) : "");
    row("epochs", info.epochs > 0 ? std::to_string(info.epochs) : "");
    row("seed", std::to_string(info.seed));
    row("dataset", info.dataset);
    if (!info.extraTrainingData.empty())
        row("extra training", info.extraTrainingData);
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
