// SPDX-License-Identifier: GPL-3.0-or-later
// `digitpad-cli eval`: how a model does on a data set's test split and, with --drawn, on DigitPad's
// drawn-digit set.
#include "ArgumentParser.h"
#include "Commands.h"
#include "Console.h"
#include "UsageError.h"

#include "app/Locations.h"
#include "app/ModelEvaluation.h"
#include "io/ModelFile.h"

#include <algorithm>
#include <iomanip>
#include <iostream>

namespace digitpad::cli {

namespace {

void printPerClass(const Evaluation& evaluation, const std::string& labels, const std::string& title) {
    std::cout << '\n' << title << '\n';
    const std::vector<double> perClass = evaluation.perClassAccuracy();
    for (std::size_t c = 0; c < perClass.size(); ++c) {
        int total = 0;
        for (const int count : evaluation.confusion[c])
            total += count;
        std::cout << "  " << labels[c] << std::setw(9) << percent(perClass[c]) << "  ("
                  << evaluation.confusion[c][c] << '/' << total << ")\n";
    }
}

void printConfusion(const Evaluation& evaluation, const std::string& labels, const std::string& title) {
    const int classes = static_cast<int>(evaluation.confusion.size());
    int largest = 0;
    for (const auto& row : evaluation.confusion)
        for (const int count : row)
            largest = std::max(largest, count);
    const int width = std::max(4, static_cast<int>(std::to_string(largest).size()) + 1);
    std::cout << '\n' << title << " (rows: true class, columns: predicted)\n     ";
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

/// `--drawn` may stand alone (the bundled set) or take a folder. The parser knows only options with a
/// mandatory value, so a bare `--drawn` (last, or followed by another option) becomes `--drawn=` — an empty
/// value meaning "the default folder".
std::vector<std::string> withDrawnValue(const std::vector<std::string>& args) {
    std::vector<std::string> out = args;
    for (std::size_t i = 0; i < out.size() && out[i] != "--"; ++i)
        if (out[i] == "--drawn" && (i + 1 == out.size() || out[i + 1].starts_with("-")))
            out[i] = "--drawn=";
    return out;
}

} // namespace

int runEval(const std::vector<std::string>& rawArgs) {
    ArgumentParser parser(
        "eval --model FILE [--data DIR] [--drawn [DIR]] [--preprocess mnist|resize] [--record]",
        "Evaluates a model on the test split (t10k-* IDX files) of a data folder: mean test loss,\n"
        "accuracy, accuracy per class and the confusion matrix. With --drawn, also on DigitPad's\n"
        "drawn-digit set: canvases drawn the way a person draws (datasets/drawn-digits), each put\n"
        "through the same preprocessing as a drawing in the app.");
    parser.addOption("--model", "FILE", "the .dpm model to evaluate (required)");
    parser.addOption("--data", "DIR", "folder with t10k-* IDX files (default data/mnist)");
    parser.addOption("--drawn", "[DIR]",
                     "also score on the drawn-digit set in DIR (default datasets/drawn-digits)");
    parser.addOption("--preprocess", "MODE",
                     "framing of the drawn digits: mnist or resize (default: the model's own)");
    parser.addOption("--record", "",
                     "store the measured test accuracy (and the drawn-digit accuracy, with --drawn) in the "
                     "model file");
    if (!parser.parse(withDrawnValue(rawArgs))) {
        std::cout << parser.help();
        return 0;
    }
    if (!parser.positionals().empty())
        throw UsageError("unexpected argument '" + parser.positionals().front() + "'");
    const std::string modelPath = parser.required("--model");
    const bool drawn = parser.has("--drawn");
    std::optional<Framing> framingOverride;
    if (const std::optional<std::string> text = parser.value("--preprocess")) {
        framingOverride = fromName<Framing>(*text);
        if (!framingOverride)
            throw UsageError("'--preprocess' expects " + nameChoices<Framing>() + ", got '" + *text + "'");
        if (!drawn)
            throw UsageError("'--preprocess' applies to the drawn-digit set: add --drawn");
    }

    Result<Model> model = loadModel(modelPath);
    if (!model)
        return failure("eval", model.error().message);
    const Framing framing = framingOverride.value_or(model->info.framing);
    if (parser.has("--record") && framing != model->info.framing)
        throw UsageError("--record stores the accuracy at the model's own framing (" +
                         toName(model->info.framing) + "); drop --preprocess " + toName(framing));
    EvaluationRequest request;
    request.dataFolder = dataFolder(parser.value("--data"));
    if (drawn)
        request.drawnFolder = drawnDigitsFolder(parser.value("--drawn").value_or(""));
    request.framing = framing;
    const Result<EvaluationReport> report = evaluateModel(*model, modelPath, request);
    if (!report)
        return failure("eval", report.error().message);
    const Evaluation& evaluation = report->test;
    const std::string& labels = report->labels;
    const std::string lossName = toName(report->loss);

    std::cout << "model      " << modelPath << " (" << model->network.architecture() << ")\n"
              << "data       " << request.dataFolder << ", " << evaluation.count << " test images\n"
              << "test loss  " << fixed(evaluation.loss, 4) << " (" << lossName << ")\n"
              << "accuracy   " << percent(evaluation.accuracy) << " (" << correctCount(evaluation) << '/'
              << evaluation.count << ")\n";
    printPerClass(evaluation, labels, "per-class accuracy");
    printConfusion(evaluation, labels, "confusion matrix");

    if (report->drawn) {
        const Evaluation& onDrawn = *report->drawn;
        std::cout << "\ndrawn digits    " << *request.drawnFolder << ", " << onDrawn.count << " canvases, "
                  << toName(framing) << " framing\n"
                  << "drawn loss      " << fixed(onDrawn.loss, 4) << " (" << lossName << ")\n"
                  << "drawn accuracy  " << percent(onDrawn.accuracy) << " (" << correctCount(onDrawn) << '/'
                  << onDrawn.count << ")\n";
        printPerClass(onDrawn, labels, "drawn-digit per-class accuracy");
        printConfusion(onDrawn, labels, "drawn-digit confusion matrix");
    }

    if (parser.has("--record")) {
        recordAccuracies(model->info, *report);
        if (const Status saved = saveModel(*model, modelPath); !saved)
            return failure("eval", saved.error().message);
        std::cout << "\nrecorded test accuracy " << percent(evaluation.accuracy);
        if (report->drawn)
            std::cout << " and drawn-digit accuracy " << percent(report->drawn->accuracy);
        std::cout << " in " << modelPath << '\n';
    }
    return 0;
}

} // namespace digitpad::cli
