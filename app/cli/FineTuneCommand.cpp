// SPDX-License-Identifier: GPL-3.0-or-later
// `digitpad-cli finetune`: a model and a person's sample folder → a copy tuned to their handwriting, with
// the accuracies before and after.
#include "ArgumentParser.h"
#include "Commands.h"
#include "Console.h"
#include "Interrupt.h"
#include "ProgressBar.h"
#include "UsageError.h"

#include "SampleFolder.h"
#include "app/FineTune.h"
#include "app/Locations.h"
#include "io/ModelFile.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>

namespace digitpad::cli {

namespace {

namespace fs = std::filesystem;

/// SOURCE_DATE_EPOCH (the reproducible-builds convention) as the header's "trained at", so that two runs of
/// the same command give byte-identical files; nullopt when it is not set. Throws UsageError when it is not
/// a whole number of seconds.
std::optional<std::string> fixedTrainingTime() {
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (epoch == nullptr)
        return std::nullopt;
    const std::string text(epoch);
    long long seconds = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty() || seconds < 0)
        throw UsageError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got '" + text +
                         "'");
    const std::time_t time = static_cast<std::time_t>(seconds);
    std::tm utc{};
    if (gmtime_r(&time, &utc) == nullptr)
        throw UsageError("SOURCE_DATE_EPOCH is out of range: '" + text + "'");
    char formatted[32];
    std::strftime(formatted, sizeof formatted, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return std::string(formatted);
}

std::string epochLine(const EpochMetrics& metrics, int epochs) {
    std::ostringstream line;
    line << "epoch " << metrics.epoch << '/' << epochs << "  loss " << fixed(metrics.trainLoss, 4)
         << "  train " << percent(metrics.trainAccuracy) << "  held-out " << percent(metrics.testAccuracy)
         << "  " << fixed(metrics.seconds, 2) << " s";
    return line.str();
}

/// "85.50% (171/200)": accuracies are counts over the set, so the count comes back exactly.
std::string scoreText(double accuracy, int count) {
    const long correct = std::lround(accuracy * count);
    return percent(accuracy) + " (" + std::to_string(correct) + '/' + std::to_string(count) + ')';
}

/// Wide enough for "99.56% (9956/10000)" and a gap.
constexpr std::size_t kScoreWidth = 22;

void scoreRow(const std::string& name, const std::optional<double>& before,
              const std::optional<double>& after, int count, const std::string& missing) {
    std::cout << "  " << name << std::string(20 - name.size(), ' ');
    if (!before || count == 0) {
        std::cout << "not scored: " << missing << '\n';
        return;
    }
    const std::string first = scoreText(*before, count);
    std::cout << first << std::string(first.size() < kScoreWidth ? kScoreWidth - first.size() : 1, ' ')
              << (after ? scoreText(*after, count) : std::string("n/a")) << '\n';
}

} // namespace

int runFinetune(const std::vector<std::string>& args) {
    const FineTuneSettings defaults;
    ArgumentParser parser(
        "finetune --model FILE --samples DIR --out FILE [OPTIONS]",
        "Fine-tunes a copy of a model on a person's own drawings, a sample folder DIR/<digit>/<image>\n"
        "(the layout the app keeps and scripts/make-writer writes, docs/sample-folder.md), as the\n"
        "app's Teach does: every --hold-out-th drawing of each digit is kept out of training and\n"
        "scored before and after; the rest train, each drawing several times per epoch, re-rendered\n"
        "at other pen widths when its strokes are known and mildly distorted, mixed with MNIST\n"
        "training images (replay) so the model keeps reading other people's digits.");
    parser.addOption("--model", "FILE", "the .dpm model to start from (required; it is not changed)");
    parser.addOption("--samples", "DIR", "the sample folder to learn from (required)");
    parser.addOption("--out", "FILE", "where to save the tuned model (required; written atomically)");
    parser.addOption("--epochs", "N",
                     "passes over the drawings (default " + std::to_string(defaults.epochs) + ")");
    parser.addOption("--seed", "N",
                     "seed for pen widths, distortions, replay sample and order (default " +
                         std::to_string(defaults.seed) + ")");
    parser.addOption("--replay", "F",
                     "share of each epoch that is MNIST training images, 0 to below 1 (default " +
                         fixed(defaults.replayFraction, 1) + ")");
    parser.addOption("--hold-out", "N",
                     "hold every N-th drawing of each digit out for scoring (default " +
                         std::to_string(defaults.holdOutEvery) + "; 0 holds none)");
    parser.addOption(
        "--data", "DIR",
        "folder with MNIST's train-* (replay) and t10k-* (score) IDX files (default data/mnist)");
    parser.addOption("--drawn", "DIR",
                     "drawn-digit set to score too (default datasets/drawn-digits, when there)");
    parser.addNotes(
        "Prints what it trains on, one line per epoch:\n"
        "  epoch 1/6  loss 0.2731  train 92.10%  held-out 80.00%  2.41 s\n"
        "(loss and accuracy on the training batches, accuracy on the held-out drawings, seconds of\n"
        "training), then the accuracy before and after on the held-out drawings, MNIST test and the\n"
        "drawn-digit set, and the saved path. A set that is not there is named with the reason; without\n"
        "MNIST the model is tuned without replay. `digitpad-cli info` on the result shows the model it\n"
        "was tuned from. Ctrl+C stops after the current batch without writing a model (exit 130).\n"
        "The same command gives the same weights; with SOURCE_DATE_EPOCH set (seconds since 1970) as\n"
        "the training time, the same bytes.\n");
    if (!parser.parse(args)) {
        std::cout << parser.help();
        return 0;
    }
    if (!parser.positionals().empty())
        throw UsageError("unexpected argument '" + parser.positionals().front() + "'");
    const std::string modelPath = parser.required("--model");
    const std::string samplesDir = parser.required("--samples");
    const std::string out = parser.required("--out");
    if (out.empty())
        throw UsageError("option '--out' needs a file name");
    if (samplesDir.empty())
        throw UsageError("option '--samples' needs a folder");

    FineTuneRequest request;
    FineTuneSettings& settings = request.settings;
    settings.epochs = static_cast<int>(parser.integer("--epochs", defaults.epochs, 1, 100'000));
    settings.seed = static_cast<unsigned long long>(parser.integer(
        "--seed", static_cast<long long>(defaults.seed), 0, std::numeric_limits<long long>::max()));
    // The range is half-open, which number() cannot say: a replay share of 1 would leave no drawings.
    const double widest = std::numeric_limits<double>::max();
    settings.replayFraction = parser.number("--replay", defaults.replayFraction, -widest, widest);
    if (settings.replayFraction < 0.0 || settings.replayFraction >= 1.0)
        throw UsageError("option '--replay' must be at least 0 and below 1, got " +
                         *parser.value("--replay"));
    settings.holdOutEvery =
        static_cast<int>(parser.integer("--hold-out", defaults.holdOutEvery, 0, 1'000'000));
    if (settings.holdOutEvery == 1)
        throw UsageError(
            "option '--hold-out' must be 0 (none) or at least 2: 1 would hold every drawing out");
    const std::optional<std::string> trainingTime = fixedTrainingTime();

    // A destination that cannot be written would otherwise only fail after the whole run.
    if (const Status target = checkModelTarget(out); !target)
        return failure("finetune", target.error().message);
    Result<Model> base = loadModel(modelPath);
    if (!base)
        return failure("finetune", base.error().message);
    Result<std::vector<SampleFile>> files = readSampleFolder(samplesDir);
    if (!files)
        return failure("finetune", files.error().message);

    request.base = std::move(*base);
    request.baseName = fs::path(modelPath).filename().string();
    request.drawings = samplesOf(*files);
    request.dataFolder = dataFolder(parser.value("--data"));
    // An explicit --drawn must be there; the default set is scored when this checkout or installation has it.
    std::string drawnMissing;
    if (const std::optional<std::string> drawn = parser.value("--drawn")) {
        if (drawn->empty())
            throw UsageError("option '--drawn' needs a folder");
        request.drawnFolder = *drawn;
    } else {
        const std::string folder = drawnDigitsFolder("");
        std::error_code error;
        if (fs::is_directory(folder, error))
            request.drawnFolder = folder;
        else
            drawnMissing = "no drawn-digit set at '" + folder + "' (give --drawn DIR)";
    }

    ProgressBar bar(settings.epochs);
    FineTuneCallbacks callbacks;
    std::optional<InterruptGuard> interruptible;
    callbacks.onStart = [&](const FineTuneStart& start) {
        std::cout << "fine-tuning " << modelPath << " (" << request.base.architecture() << ") on "
                  << samplesDir << ": " << start.trainingDrawings << " drawings to train on, "
                  << start.heldOutDrawings << " held out\n"
                  << "each epoch  " << start.samplesPerEpoch << " samples: every drawing "
                  << settings.copiesPerDrawing << " times, re-rendered and distorted, and "
                  << start.replayImages << " MNIST training images\n";
        if (start.mnistMissing)
            std::cout << "MNIST       not used: " << start.mnistMissing->message
                      << missingDataHint(request.dataFolder) << "; tuning without replay\n";
        std::cout.flush();
        interruptible.emplace();
    };
    callbacks.onBatch = [&bar](const BatchProgress& progress) { bar.update(progress); };
    callbacks.onEpoch = [&bar, &settings](const EpochMetrics& metrics) {
        bar.clear();
        std::cout << epochLine(metrics, settings.epochs) << std::endl;
    };
    TrainingControl& control = interruptControl();
    control.cancel.store(false);
    control.pause.store(false);
    FineTuneResult result = digitpad::runFineTune(request, control, callbacks);
    interruptible.reset();
    bar.clear();
    if (result.error) {
        if (result.error->cause == SessionError::Cause::Settings)
            throw UsageError(result.error->message);
        return failure("finetune", "cannot fine-tune '" + modelPath + "' on '" + samplesDir +
                                       "': " + result.error->message);
    }
    switch (result.outcome.status) {
    case TrainingStatus::Cancelled:
        failure("finetune", "interrupted after " + std::to_string(result.outcome.epochs.size()) +
                                " complete epoch(s); no model written to '" + out + "'");
        return 130;
    case TrainingStatus::Diverged:
        return failure("finetune",
                       "training diverged: " + result.outcome.reason + "; no model written to '" + out + "'");
    case TrainingStatus::Completed:
        break;
    }

    const FineTuneStart& start = result.start;
    std::cout << "\naccuracy              before" << std::string(kScoreWidth - 6, ' ') << "after\n";
    scoreRow("held-out drawings", start.before.heldOut, result.after.heldOut, start.heldOutDrawings,
             settings.holdOutEvery == 0 ? "--hold-out 0 holds no drawing out"
                                        : "no digit has " + std::to_string(settings.holdOutEvery) +
                                              " drawings, so none was held out");
    scoreRow("MNIST test", start.before.mnist, result.after.mnist, start.mnistTestImages,
             (start.mnistMissing ? start.mnistMissing->message : std::string()) +
                 missingDataHint(request.dataFolder));
    scoreRow("drawn digits", start.before.drawn, result.after.drawn, start.drawnImages, drawnMissing);

    Model& model = *result.model;
    if (trainingTime)
        model.info.trainedAt = *trainingTime;
    if (const Status saved = saveModel(model, out); !saved)
        return failure("finetune", saved.error().message);
    std::cout << "saved " << out << " (tuned from " << model.info.tunedFrom << " on "
              << model.info.tunedOnDrawings << " drawings)" << std::endl;
    return 0;
}

} // namespace digitpad::cli
