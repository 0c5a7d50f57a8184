// SPDX-License-Identifier: GPL-3.0-or-later
// `digitpad-cli eval`: how a model does on a data set's test split and, with --drawn, on DigitPad's
// drawn-digit set; or, with --samples, on a person's sample folder.
#include "ArgumentParser.h"
#include "Commands.h"
#include "Console.h"
#include "JsonOutput.h"
#include "UsageError.h"

#include "SampleFolder.h"
#include "app/AnswerCertainty.h"
#include "app/DrawingScore.h"
#include "app/Locations.h"
#include "app/ModelEvaluation.h"
#include "io/ModelFile.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <vector>

namespace digitpad::cli {

namespace {

/// The classes of an evaluation: one label character each (the compact form a matrix column has room for)
/// and a name each ("7", or "Sneaker" for a Fashion-MNIST model).
struct Classes {
    std::string labels;
    std::vector<std::string> names;

    std::string name(int c) const { return className(names, labels, c); }
    /// Whether some class has a name other than its label: a report then shows the names.
    bool named() const {
        for (int c = 0; c < static_cast<int>(labels.size()); ++c)
            if (name(c) != labels.substr(static_cast<std::size_t>(c), 1))
                return true;
        return false;
    }
    /// "3" for a digit model; "3 Dress" for a named one, padded to the longest name when `pad`.
    std::string rowHeading(int c, bool pad) const {
        const std::string label = labels.substr(static_cast<std::size_t>(c), 1);
        if (!named())
            return label;
        std::size_t width = 0;
        for (int k = 0; k < static_cast<int>(labels.size()); ++k)
            width = std::max(width, name(k).size());
        std::string heading = label + ' ' + name(c);
        if (pad)
            heading.resize(std::max(heading.size(), width + 2), ' ');
        return heading;
    }
};

void printPerClass(const Evaluation& evaluation, const Classes& classes, const std::string& title) {
    std::cout << '\n' << title << '\n';
    const std::vector<double> perClass = evaluation.perClassAccuracy();
    for (std::size_t c = 0; c < perClass.size(); ++c) {
        int total = 0;
        for (const int count : evaluation.confusion[c])
            total += count;
        // A class without samples (a digit missing from a sample folder) has no accuracy, not 0%.
        std::cout << "  " << classes.rowHeading(static_cast<int>(c), true) << std::setw(9)
                  << percent(total > 0 ? perClass[c] : std::nan("")) << "  (" << evaluation.confusion[c][c]
                  << '/' << total << ")\n";
    }
}

void printConfusion(const Evaluation& evaluation, const Classes& classes, const std::string& title) {
    const int count = static_cast<int>(evaluation.confusion.size());
    int largest = 0;
    for (const auto& row : evaluation.confusion)
        for (const int n : row)
            largest = std::max(largest, n);
    const int width = std::max(4, static_cast<int>(std::to_string(largest).size()) + 1);
    // The rows name their class; the columns have room for the label only, the row of the same label names
    // it.
    const std::string rowPad =
        classes.named() ? std::string(classes.rowHeading(0, true).size() - 2, ' ') : "";
    std::cout << '\n' << title << " (rows: true class, columns: predicted)\n     " << rowPad;
    for (int c = 0; c < count; ++c)
        std::cout << std::setw(width) << classes.labels.substr(static_cast<std::size_t>(c), 1);
    std::cout << '\n';
    for (int truth = 0; truth < count; ++truth) {
        if (classes.named())
            std::cout << "  " << classes.rowHeading(truth, true) << ' ';
        else
            std::cout << "  " << std::setw(2) << classes.labels.substr(static_cast<std::size_t>(truth), 1)
                      << ' ';
        for (int predicted = 0; predicted < count; ++predicted)
            std::cout << std::setw(width) << evaluation.confusion[truth][predicted];
        std::cout << '\n';
    }
}

/// The drawn-digit accuracy per tag (a folder with styles.txt), one family after another.
void printByTag(const std::vector<TagScore>& scores) {
    if (scores.empty())
        return;
    std::size_t width = 0;
    for (const TagScore& score : scores)
        width = std::max(width, score.tag.size());
    std::cout << "\ndrawn-digit accuracy by how the canvases were drawn (" << kDrawnTagsFile << ")\n";
    std::string family;
    for (const TagScore& score : scores) {
        if (!family.empty() && tagFamily(score.tag) != family)
            std::cout << '\n';
        family = tagFamily(score.tag);
        std::cout << "  " << std::left << std::setw(static_cast<int>(width)) << score.tag << std::right
                  << std::setw(9) << percent(score.accuracy()) << "  (" << score.correct << '/' << score.count
                  << ")\n";
    }
}

/// One kind of mistake (a true class read as another) and how often it happened.
struct MistakeKind {
    int count;
    int truth;
    int predicted;
    int total; ///< the samples of the true class
};

/// Every confusion (true digit read as another), most frequent first; ties in a fixed order (by true, then
/// predicted digit), so the output does not depend on the sort.
std::vector<MistakeKind> mistakeKindsOf(const Evaluation& evaluation) {
    std::vector<MistakeKind> mistakes;
    const int classes = static_cast<int>(evaluation.confusion.size());
    for (int truth = 0; truth < classes; ++truth) {
        int total = 0;
        for (const int n : evaluation.confusion[static_cast<std::size_t>(truth)])
            total += n;
        for (int predicted = 0; predicted < classes; ++predicted)
            if (truth != predicted && evaluation.confusion[truth][predicted] > 0)
                mistakes.push_back({evaluation.confusion[truth][predicted], truth, predicted, total});
    }
    std::stable_sort(mistakes.begin(), mistakes.end(),
                     [](const MistakeKind& a, const MistakeKind& b) { return a.count > b.count; });
    return mistakes;
}

/// The most frequent confusions, at most `limit`, so a person sees at a glance which of their digits the
/// model misreads.
void printMistakes(const Evaluation& evaluation, const Classes& classes, int limit) {
    const std::vector<MistakeKind> mistakes = mistakeKindsOf(evaluation);
    std::cout << "\nmost common mistakes\n";
    if (mistakes.empty()) {
        std::cout << "  none\n";
        return;
    }
    const int shown = std::min(limit, static_cast<int>(mistakes.size()));
    for (int i = 0; i < shown; ++i) {
        const MistakeKind& mistake = mistakes[static_cast<std::size_t>(i)];
        std::cout << "  " << classes.name(mistake.truth) << " read as " << classes.name(mistake.predicted)
                  << "  " << mistake.count << " of " << mistake.total << '\n';
    }
    if (shown < static_cast<int>(mistakes.size()))
        std::cout << "  (" << mistakes.size() - static_cast<std::size_t>(shown)
                  << " other kinds of mistake: see the confusion matrix)\n";
}

/// The images the model got most confidently wrong, at most `limit`: where to look first.
void printConfidentMistakes(const std::vector<Mistake>& mistakes, const Classes& classes, int limit) {
    if (mistakes.empty())
        return;
    std::cout << "\nmost confident mistakes (image: true read as answer, probability)\n";
    const int shown = std::min(limit, static_cast<int>(mistakes.size()));
    for (int i = 0; i < shown; ++i) {
        const Mistake& mistake = mistakes[static_cast<std::size_t>(i)];
        std::cout << "  " << std::setw(5) << mistake.index << ": " << classes.name(mistake.label)
                  << " read as " << classes.name(mistake.predicted) << "  " << percent(mistake.confidence)
                  << '\n';
    }
    if (shown < static_cast<int>(mistakes.size()))
        std::cout << "  (" << mistakes.size() - static_cast<std::size_t>(shown)
                  << " more: --json lists them all)\n";
}

/// "unsure      below 90%: 40 of 47 wrong answers (85.1%), 12 of 9953 right ones (0.12%)".
void printFlagRates(const std::string& heading, const FlagRates& rates, double threshold) {
    const auto share = [](int part, int whole) { return whole > 0 ? percent(double(part) / whole) : "-"; };
    std::cout << heading << "below " << fixed(100.0 * threshold, 0) << "%: " << rates.wrongFlagged << " of "
              << rates.wrong << " wrong answers (" << share(rates.wrongFlagged, rates.wrong) << "), "
              << rates.rightFlagged << " of " << rates.right << " right ones ("
              << share(rates.rightFlagged, rates.right) << ")\n";
}

/// "not a digit: 9 of 41 wrong answers (21.95%), 47 of 9959 right ones (0.47%)".
void printNotADigitRates(const std::string& heading, const FlagRates& rates) {
    const auto share = [](int part, int whole) { return whole > 0 ? percent(double(part) / whole) : "-"; };
    std::cout << heading << rates.wrongFlagged << " of " << rates.wrong << " wrong answers ("
              << share(rates.wrongFlagged, rates.wrong) << "), " << rates.rightFlagged << " of "
              << rates.right << " right ones (" << share(rates.rightFlagged, rates.right) << ")\n";
}

Json notADigitRatesJson(const FlagRates& rates) {
    return {{"wrong", rates.wrong},
            {"wrong_flagged", rates.wrongFlagged},
            {"right", rates.right},
            {"right_flagged", rates.rightFlagged}};
}

Json flagRatesJson(const FlagRates& rates, double threshold) {
    return {{"threshold", threshold},
            {"wrong", rates.wrong},
            {"wrong_flagged", rates.wrongFlagged},
            {"right", rates.right},
            {"right_flagged", rates.rightFlagged}};
}

/// All mistakes, most frequent first: a program can cut the list itself.
Json mistakeKindsJson(const Evaluation& evaluation, const Classes& classes) {
    Json list = Json::array();
    for (const MistakeKind& mistake : mistakeKindsOf(evaluation))
        list.push_back({{"label", classes.labels.substr(static_cast<std::size_t>(mistake.truth), 1)},
                        {"read_as", classes.labels.substr(static_cast<std::size_t>(mistake.predicted), 1)},
                        {"label_name", classes.name(mistake.truth)},
                        {"read_as_name", classes.name(mistake.predicted)},
                        {"count", mistake.count},
                        {"total", mistake.total}});
    return list;
}

/// `eval --samples DIR`: the model on a person's sample folder, through the same scoring (and so the same
/// preprocessing, at the model's own framing) as the app's "My accuracy".
int evalSamples(const Model& model, const std::string& modelPath, const std::string& dir, bool json) {
    const Result<std::vector<SampleFile>> files = readSampleFolder(dir);
    if (!files)
        return failure("eval", files.error().message);
    const Result<DrawingScore> score = scoreDrawings(model, samplesOf(*files));
    if (!score)
        return failure("eval", "cannot score '" + modelPath + "' on '" + dir + "': " + score.error().message);
    const Evaluation& evaluation = score->all;
    Classes classes{model.info.labels, classNamesOf(model.info)};
    // The header's labels may be shorter than the class count (older files); digits fill the rest.
    for (std::size_t c = classes.labels.size(); c < evaluation.confusion.size(); ++c)
        classes.labels += static_cast<char>('0' + c % 10);

    if (json) {
        Json object = {{"model", modelPath},
                       {"architecture", model.architecture()},
                       {"samples", dir},
                       {"framing", toName(model.info.framing)},
                       {"loss_function", toName(model.info.loss)}};
        object.update(evaluationJson(evaluation, classes.labels, classes.names));
        object["mistakes"] = mistakeKindsJson(evaluation, classes);
        printJson(object);
        return 0;
    }
    std::cout << "model      " << modelPath << " (" << model.architecture() << ")\n"
              << "samples    " << dir << ", " << evaluation.count << " drawings, "
              << toName(model.info.framing) << " framing\n"
              << "loss       " << fixed(evaluation.loss, 4) << " (" << toName(model.info.loss) << ")\n"
              << "accuracy   " << percent(evaluation.accuracy) << " (" << correctCount(evaluation) << '/'
              << evaluation.count << ")\n";
    printPerClass(evaluation, classes, classes.named() ? "per-class accuracy" : "per-digit accuracy");
    printMistakes(evaluation, classes, 5);
    printConfusion(evaluation, classes, "confusion matrix");
    return 0;
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
        "eval --model FILE [--data DIR] [--drawn [DIR]] [--preprocess mnist|resize]\n"
        "       [--framing-steps LIST] [--test-time VARIANT] [--record] [--json]\n"
        "       digitpad-cli eval --model FILE --samples DIR [--json]",
        "Evaluates a model on the test split (t10k-* IDX files) of a data folder: mean test loss,\n"
        "accuracy, accuracy per class, the confusion matrix and the images it got most confidently\n"
        "wrong. With --drawn, also on DigitPad's drawn-digit set: canvases drawn the way a person\n"
        "draws (datasets/drawn-digits), each put through the same preprocessing as a drawing in the\n"
        "app. A folder with a styles.txt (datasets/style-digits) also gets the accuracy for each\n"
        "way of drawing it lists.\n"
        "With --samples, instead on a sample folder of a person's own drawings, DIR/<digit>/<image>\n"
        "(the layout the app keeps and scripts/make-writer writes, docs/sample-folder.md): accuracy,\n"
        "accuracy per digit, the most common mistakes and the confusion matrix, scored exactly as the\n"
        "app scores the drawings it keeps.");
    parser.addOption("--model", "FILE", "the .dpm model to evaluate (required)");
    parser.addOption("--data", "DIR", "folder with t10k-* IDX files (default data/mnist)");
    parser.addOption("--drawn", "[DIR]",
                     "also score on the drawn-digit set in DIR (default datasets/drawn-digits)");
    parser.addOption("--preprocess", "MODE",
                     "framing of the drawn digits: mnist or resize (default: the model's own)");
    parser.addOption("--framing-steps", "LIST",
                     "none or deskew,stroke-width: the steps after framing for every set (default: the "
                     "model's own)");
    parser.addOption("--test-time", "VARIANT",
                     "none, shifts, shifts8 or rotations: the copies of each image the answer averages over "
                     "(default: the model's own); with --record also stored in the model file");
    parser.addOption("--samples", "DIR",
                     "score on the sample folder DIR/<digit>/<image> instead (any image size and format)");
    parser.addOption("--record", "",
                     "store the measured test accuracy (and the drawn-digit accuracy, with --drawn) in the "
                     "model file");
    parser.addOption("--unsure-below", "P",
                     "measure the unsure flag at probability P (0..1) instead of the app's own threshold");
    parser.addOption("--json", "", "print one JSON object instead of the report (keys below)");
    parser.addNotes(
        "JSON: model, architecture, data, loss_function, framing_steps, test_time and test (an\n"
        "evaluation); with --drawn also drawn (its folder, framing, an evaluation and, with a\n"
        "styles.txt, by_tag: tag, count, correct, accuracy); with --record, recorded: true. An evaluation\n"
        "has count, correct, loss, accuracy (0..1), per_class (label, name, correct, total, accuracy: null\n"
        "for a class without samples), confusion (rows: true class, columns: predicted) and mistakes:\n"
        "every misclassified image as index (its position in the set), label, predicted, label_name,\n"
        "predicted_name (the class names, e.g. Sneaker for a Fashion-MNIST model) and confidence\n"
        "(the model's probability of its wrong answer, 0..1), most confident first, and unsure:\n"
        "threshold, wrong, wrong_flagged, right, right_flagged (how many answers below the threshold\n"
        "the app would show as unsure, of the wrong and of the right ones), and, for a model of\n"
        "28x28 digits, not_a_digit: wrong, wrong_flagged, right, right_flagged (how many the app would\n"
        "show as not looking like a digit).\n"
        "With --samples: model, architecture, samples, framing, loss_function, the evaluation's keys\n"
        "and mistakes (label, read_as, label_name, read_as_name, count, total; every kind of mistake,\n"
        "most frequent first).\n");
    if (!parser.parse(withDrawnValue(rawArgs))) {
        std::cout << parser.help();
        return 0;
    }
    if (!parser.positionals().empty())
        throw UsageError("unexpected argument '" + parser.positionals().front() + "'");
    const std::string modelPath = parser.required("--model");
    if (const std::optional<std::string> samples = parser.value("--samples")) {
        for (const char* other :
             {"--data", "--drawn", "--preprocess", "--framing-steps", "--test-time", "--record"})
            if (parser.has(other))
                throw UsageError(
                    std::string("--samples and ") + other +
                    " do not go together: --samples scores a sample folder instead of a data set");
        if (samples->empty())
            throw UsageError("option '--samples' needs a folder");
        Result<Model> model = loadModel(modelPath);
        if (!model)
            return failure("eval", model.error().message);
        return evalSamples(*model, modelPath, *samples, parser.has("--json"));
    }
    const bool drawn = parser.has("--drawn");
    double unsureBelow = kSureProbability;
    if (const std::optional<std::string> text = parser.value("--unsure-below")) {
        char* end = nullptr;
        unsureBelow = std::strtod(text->c_str(), &end);
        if (text->empty() || *end != '\0' || !(unsureBelow >= 0.0 && unsureBelow <= 1.0))
            throw UsageError("'--unsure-below' expects a probability from 0 to 1, got '" + *text + "'");
    }
    std::optional<Framing> framingOverride;
    if (const std::optional<std::string> text = parser.value("--preprocess")) {
        framingOverride = fromName<Framing>(*text);
        if (!framingOverride)
            throw UsageError("'--preprocess' expects " + nameChoices<Framing>() + ", got '" + *text + "'");
        if (!drawn)
            throw UsageError("'--preprocess' applies to the drawn-digit set: add --drawn");
    }
    std::optional<FramingSteps> stepsOverride;
    if (const std::optional<std::string> text = parser.value("--framing-steps")) {
        Result<FramingSteps> steps = parseFramingSteps(*text);
        if (!steps)
            throw UsageError("'--framing-steps': " + steps.error().message);
        stepsOverride = *steps;
    }
    std::optional<TestTimeAugmentation> testTimeOverride;
    if (const std::optional<std::string> text = parser.value("--test-time")) {
        testTimeOverride = fromName<TestTimeAugmentation>(*text);
        if (!testTimeOverride)
            throw UsageError("'--test-time' expects " + nameChoices<TestTimeAugmentation>() + ", got '" +
                             *text + "'");
    }

    Result<Model> model = loadModel(modelPath);
    if (!model)
        return failure("eval", model.error().message);
    const Framing framing = framingOverride.value_or(model->info.framing);
    if (parser.has("--record") && framing != model->info.framing)
        throw UsageError("--record stores the accuracy at the model's own framing (" +
                         toName(model->info.framing) + "); drop --preprocess " + toName(framing));
    const FramingSteps steps = stepsOverride.value_or(model->info.framingSteps);
    if (parser.has("--record") && steps != model->info.framingSteps)
        throw UsageError("--record stores the accuracy with the model's own framing steps (" +
                         model->info.framingSteps.toText() + "); drop --framing-steps " + steps.toText());
    EvaluationRequest request;
    request.dataFolder = dataFolder(parser.value("--data"));
    if (drawn)
        request.drawnFolder = drawnDigitsFolder(parser.value("--drawn").value_or(""));
    request.framing = framing;
    request.framingSteps = steps;
    const TestTimeAugmentation testTime = testTimeOverride.value_or(model->info.testTime);
    request.testTime = testTime;
    const Result<EvaluationReport> report = evaluateModel(*model, modelPath, request);
    if (!report)
        return failure("eval", report.error().message);
    const Evaluation& evaluation = report->test;
    const Classes classes{report->labels, report->classNames};
    const std::string lossName = toName(report->loss);
    const bool json = parser.has("--json");

    if (json) {
        Json object = {{"model", modelPath},
                       {"architecture", model->architecture()},
                       {"data", request.dataFolder},
                       {"loss_function", lossName},
                       {"framing_steps", steps.toText()},
                       {"test_time", toName(testTime)},
                       {"test", evaluationJson(evaluation, classes.labels, classes.names)}};
        object["test"]["mistakes"] = mistakesJson(report->testMistakes, classes.labels, classes.names);
        object["test"]["unsure"] =
            flagRatesJson(flagRates(evaluation, report->testMistakes, unsureBelow), unsureBelow);
        if (report->testNotADigit)
            object["test"]["not_a_digit"] = notADigitRatesJson(*report->testNotADigit);
        if (report->drawn) {
            Json drawnObject = {{"folder", *request.drawnFolder}, {"framing", toName(framing)}};
            drawnObject.update(evaluationJson(*report->drawn, classes.labels, classes.names));
            drawnObject["mistakes"] = mistakesJson(report->drawnMistakes, classes.labels, classes.names);
            drawnObject["unsure"] =
                flagRatesJson(flagRates(*report->drawn, report->drawnMistakes, unsureBelow), unsureBelow);
            if (report->drawnNotADigit)
                drawnObject["not_a_digit"] = notADigitRatesJson(*report->drawnNotADigit);
            if (!report->drawnByTag.empty()) {
                Json byTag = Json::array();
                for (const TagScore& score : report->drawnByTag)
                    byTag.push_back({{"tag", score.tag},
                                     {"count", score.count},
                                     {"correct", score.correct},
                                     {"accuracy", score.accuracy()}});
                drawnObject["by_tag"] = byTag;
            }
            object["drawn"] = drawnObject;
        }
        if (parser.has("--record")) {
            recordAccuracies(model->info, *report);
            model->info.testTime = testTime;
            if (const Status saved = saveModel(*model, modelPath); !saved)
                return failure("eval", saved.error().message);
            object["recorded"] = true;
        }
        printJson(object);
        return 0;
    }
    std::cout << "model      " << modelPath << " (" << model->architecture() << ")\n"
              << "data       " << request.dataFolder << ", " << evaluation.count << " test images\n"
              << "steps      " << steps.toText() << " (framing steps after " << toName(framing)
              << " framing)\n"
              << "test time  " << toName(testTime) << " (" << testTimeImageCount(testTime)
              << (testTimeImageCount(testTime) == 1 ? " image" : " images") << " averaged per answer)\n"
              << "test loss  " << fixed(evaluation.loss, 4) << " (" << lossName << ")\n"
              << "accuracy   " << percent(evaluation.accuracy) << " (" << correctCount(evaluation) << '/'
              << evaluation.count << ")\n";
    printPerClass(evaluation, classes, "per-class accuracy");
    printConfusion(evaluation, classes, "confusion matrix");
    printConfidentMistakes(report->testMistakes, classes, 5);
    printFlagRates("\nunsure     ", flagRates(evaluation, report->testMistakes, unsureBelow), unsureBelow);
    if (report->testNotADigit)
        printNotADigitRates("not a digit: ", *report->testNotADigit);

    if (report->drawn) {
        const Evaluation& onDrawn = *report->drawn;
        std::cout << "\ndrawn digits    " << *request.drawnFolder << ", " << onDrawn.count << " canvases, "
                  << toName(framing) << " framing\n"
                  << "drawn loss      " << fixed(onDrawn.loss, 4) << " (" << lossName << ")\n"
                  << "drawn accuracy  " << percent(onDrawn.accuracy) << " (" << correctCount(onDrawn) << '/'
                  << onDrawn.count << ")\n";
        printPerClass(onDrawn, classes, "drawn-digit per-class accuracy");
        printConfusion(onDrawn, classes, "drawn-digit confusion matrix");
        printFlagRates("drawn unsure    ", flagRates(onDrawn, report->drawnMistakes, unsureBelow),
                       unsureBelow);
        if (report->drawnNotADigit)
            printNotADigitRates("drawn not a digit: ", *report->drawnNotADigit);
        printByTag(report->drawnByTag);
    }

    if (parser.has("--record")) {
        recordAccuracies(model->info, *report);
        model->info.testTime = testTime;
        if (const Status saved = saveModel(*model, modelPath); !saved)
            return failure("eval", saved.error().message);
        std::cout << "\nrecorded test accuracy " << percent(evaluation.accuracy);
        if (report->drawn)
            std::cout << " and drawn-digit accuracy " << percent(report->drawn->accuracy);
        std::cout << " in " << modelPath;
        if (testTimeOverride)
            std::cout << ", with test-time augmentation " << toName(testTime);
        std::cout << '\n';
    }
    return 0;
}

} // namespace digitpad::cli
