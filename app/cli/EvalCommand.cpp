// SPDX-License-Identifier: GPL-3.0-or-later
// `digitpad-cli eval`: how a model does on a data set's test split.
#include "ArgumentParser.h"
#include "Commands.h"
#include "Console.h"
#include "Locations.h"
#include "UsageError.h"

#include "Evaluation.h"
#include "IdxReader.h"
#include "ModelFile.h"

#include <algorithm>
#include <iomanip>
#include <iostream>

namespace digitpad::cli {

namespace {

/// The loss the model was trained with, so the reported test loss means the same as during training.
LossKind modelLoss(const Model& model) {
    LossKind kind =
        model.network.head() == OutputHead::Softmax ? LossKind::CrossEntropy : LossKind::MeanSquaredError;
    parseLossKind(model.info.loss, kind);
    return kind;
}

void printConfusion(const Evaluation& evaluation, const std::string& labels) {
    const int classes = static_cast<int>(evaluation.confusion.size());
    int largest = 0;
    for (const auto& row : evaluation.confusion)
        for (const int count : row)
            largest = std::max(largest, count);
    const int width = std::max(4, static_cast<int>(std::to_string(largest).size()) + 1);
    std::cout << "\nconfusion matrix (rows: true class, columns: predicted)\n     ";
    for (int c = 0; c < classes; ++c)
        std::cout << std::setw(width) << labels.substr(static_cast<std::size_t>(c), 1);
    std::cout << '\n';
    for (int truth = 0; truth < classes; ++truth) {
        std::cout << "  " << std::setw(2) << labels.substr(static_cast<std::size_t>(truth), 1) << ' ';
        for (int predicted = 0; predicted < classes; ++predicted)
            std::cout << std::setw(width) << evaluation.confusion[truth][predicted];
        std::cout << '\n';
    }
}

} // namespace

int runEval(const std::vector<std::string>& args) {
    ArgumentParser parser(
        "eval --model FILE [--data DIR]",
        "Evaluates a model on the test split (t10k-* IDX files) of a data folder: mean test loss,\n"
        "accuracy, accuracy per class and the confusion matrix.");
    parser.addOption("--model", "FILE", "the .dpm model to evaluate (required)");
    parser.addOption("--data", "DIR", "folder with t10k-* IDX files (default data/mnist)");
    if (!parser.parse(args)) {
        std::cout << parser.help();
        return 0;
    }
    if (!parser.positionals().empty())
        throw UsageError("unexpected argument '" + parser.positionals().front() + "'");
    const std::string modelPath = parser.required("--model");

    Result<Model> model = loadModel(modelPath);
    if (!model)
        return failure("eval", model.error().message);
    const std::string folder = dataFolder(parser.value("--data"));
    Result<Dataset> test = readIdxFolder(folder, "t10k");
    if (!test)
        return failure("eval", test.error().message + missingDataHint(folder));
    const Network& network = model->network;
    if (network.inputShape().size() != test->shape.size() || network.outputSize() != test->classes)
        return failure("eval", "model '" + modelPath + "' takes " + network.inputShape().toString() +
                                   " inputs and " + std::to_string(network.outputSize()) +
                                   " classes, but the test set in '" + folder + "' has " +
                                   test->shape.toString() + " images and " + std::to_string(test->classes) +
                                   " classes");

    const std::unique_ptr<Loss> loss = makeLoss(modelLoss(*model));
    const Evaluation evaluation = evaluate(network, *loss, *test);
    std::string labels = model->info.labels;
    for (int c = static_cast<int>(labels.size()); c < test->classes; ++c)
        labels += std::to_string(c % 10);

    int correct = 0;
    for (std::size_t c = 0; c < evaluation.confusion.size(); ++c)
        correct += evaluation.confusion[c][c];
    std::cout << "model      " << modelPath << " (" << network.architecture() << ")\n"
              << "data       " << folder << ", " << evaluation.count << " test images\n"
              << "test loss  " << fixed(evaluation.loss, 4) << " (" << toString(loss->kind()) << ")\n"
              << "accuracy   " << percent(evaluation.accuracy) << " (" << correct << '/' << evaluation.count
              << ")\n\nper-class accuracy\n";
    const std::vector<double> perClass = evaluation.perClassAccuracy();
    for (std::size_t c = 0; c < perClass.size(); ++c) {
        int total = 0;
        for (const int count : evaluation.confusion[c])
            total += count;
        std::cout << "  " << labels[c] << std::setw(9) << percent(perClass[c]) << "  ("
                  << evaluation.confusion[c][c] << '/' << total << ")\n";
    }
    printConfusion(evaluation, labels);
    return 0;
}

} // namespace digitpad::cli
