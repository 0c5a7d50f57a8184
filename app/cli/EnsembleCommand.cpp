// SPDX-License-Identifier: GPL-3.0-or-later
// `digitpad-cli ensemble`: combine trained models into one whose answer is their mean.
#include "ArgumentParser.h"
#include "Commands.h"
#include "Console.h"
#include "UsageError.h"

#include "app/Ensemble.h"
#include "io/ModelFile.h"

#include <iostream>

namespace digitpad::cli {

int runEnsemble(const std::vector<std::string>& args) {
    ArgumentParser parser(
        "ensemble --out OUT MODEL MODEL [MODEL...]",
        "Combines trained models into one ensemble model: its answer is the mean of the networks'\n"
        "probabilities, which is usually more accurate than any one of them. The models must read\n"
        "their input the same way (input shape, labels, framing, framing steps) and have the softmax\n"
        "head. The ensemble keeps the first model's header (its test-time augmentation too) without\n"
        "its accuracies: measure it with 'digitpad-cli eval --model OUT --drawn --record' (add\n"
        "--test-time VARIANT to store another test-time augmentation with the accuracies).");
    parser.addOption("--out", "OUT", "the .dpm file to write (atomically: a complete file or none)");
    parser.addNotes(
        "Up to 16 networks in all; a model that is itself an ensemble brings all of its networks.\n"
        "Recognition costs one forward pass per network.\n");
    if (!parser.parse(args)) {
        std::cout << parser.help();
        return 0;
    }
    const std::string out = parser.required("--out");
    if (parser.positionals().size() < 2)
        throw UsageError("give at least two model files to combine");
    std::vector<EnsembleMember> parts;
    for (const std::string& path : parser.positionals()) {
        Result<Model> model = loadModel(path);
        if (!model)
            return failure("ensemble", model.error().message);
        parts.push_back({std::move(model.value()), path});
    }
    Result<Model> ensemble = combineIntoEnsemble(std::move(parts));
    if (!ensemble)
        return failure("ensemble", ensemble.error().message);
    if (const Status saved = saveModel(*ensemble, out); !saved)
        return failure("ensemble", saved.error().message);
    std::cout << "saved " << out << ": an ensemble of " << ensemble->memberCount() << " networks, "
              << ensemble->parameterCount() << " parameters" << std::endl;
    return 0;
}

} // namespace digitpad::cli
