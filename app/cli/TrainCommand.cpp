// SPDX-License-Identifier: GPL-3.0-or-later
// `digitpad-cli train`: a preset plus overrides → a trained, evaluated, saved model.
#include "ArgumentParser.h"
#include "Commands.h"
#include "Console.h"
#include "Interrupt.h"
#include "JsonOutput.h"
#include "ProgressBar.h"
#include "UsageError.h"

#include "app/Locations.h"
#include "app/TrainingSession.h"
#include "io/AtomicFile.h"
#include "io/Checkpoint.h"
#include "io/ModelFile.h"
#include "train/Preset.h"

#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace digitpad::cli {

namespace {

std::string presetNames() {
    std::string names;
    for (const Preset& preset : presets())
        names += (names.empty() ? "" : ", ") + preset.name;
    return names;
}

std::vector<int> parseLayers(const std::string& text) {
    std::vector<int> widths;
    if (text.empty() || text == "none")
        return widths;
    std::stringstream stream(text);
    std::string token;
    while (std::getline(stream, token, ',')) {
        std::size_t used = 0;
        int width = 0;
        try {
            width = std::stoi(token, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != token.size() || width < 1)
            throw UsageError("option '--layers' expects widths like 256,128, got '" + text + "'");
        widths.push_back(width);
    }
    return widths;
}

/// The value an enum option names. Throws UsageError listing the names it accepts.
template <NamedEnum Enum> Enum parseOption(const std::string& option, const std::string& text) {
    if (const std::optional<Enum> value = fromName<Enum>(text))
        return *value;
    throw UsageError("option '" + option + "' expects " + nameChoices<Enum>() + ", got '" + text + "'");
}

/// Applies every command-line override to the preset's config. Throws UsageError for a bad value.
void applyOverrides(const ArgumentParser& parser, TrainConfig& config) {
    if (const auto layers = parser.value("--layers")) {
        config.hiddenLayers = parseLayers(*layers);
        config.architecture.clear();
    }
    if (const auto activation = parser.value("--activation")) {
        config.activation = parseOption<Activation>("--activation", *activation);
        config.architecture.clear();
    }
    if (const auto architecture = parser.value("--architecture"))
        config.architecture = *architecture;
    if (const auto loss = parser.value("--loss"))
        config.loss = parseOption<LossKind>("--loss", *loss);
    if (const auto optimizer = parser.value("--optimizer"))
        config.optimizer.kind = parseOption<OptimizerKind>("--optimizer", *optimizer);
    if (const auto init = parser.value("--init"))
        config.init = parseOption<Init>("--init", *init);
    config.optimizer.learningRate = parser.number("--lr", config.optimizer.learningRate, 1e-12, 100.0);
    config.optimizer.momentum = parser.number("--momentum", config.optimizer.momentum, 0.0, 0.999999);
    config.optimizer.weightDecay = parser.number("--weight-decay", config.optimizer.weightDecay, 0.0, 1.0);
    config.batchSize = static_cast<int>(parser.integer("--batch", config.batchSize, 1, 1'000'000));
    config.epochs = static_cast<int>(parser.integer("--epochs", config.epochs, 1, 100'000));
    config.seed = static_cast<unsigned long long>(parser.integer(
        "--seed", static_cast<long long>(config.seed), 0, std::numeric_limits<long long>::max()));
    config.validationFraction = parser.number("--validation", config.validationFraction, 0.0, 0.9);
    config.labelSmoothing = parser.number("--label-smoothing", config.labelSmoothing, 0.0, 0.99);
    if (const auto schedule = parser.value("--lr-schedule"))
        config.schedule = parseOption<ScheduleKind>("--lr-schedule", *schedule);
    config.lrStepEvery = static_cast<int>(parser.integer("--lr-step", config.lrStepEvery, 0, 100'000));
    config.lrStepGamma = parser.number("--lr-gamma", config.lrStepGamma, 1e-6, 1.0);
    config.threads = static_cast<int>(parser.integer("--threads", config.threads, 0, 256));
    config.shards = static_cast<int>(parser.integer("--shards", config.shards, 0, 4));
    if (parser.has("--augment") || parser.has("--augment-strength")) {
        const double strength = parser.number("--augment-strength", kDefaultAugmentStrength, 0.0, 3.0);
        config.augment = AugmentSettings{}.scaled(strength);
        config.augment.enabled = true;
    }
    if (const std::optional<std::string> text = parser.value("--framing-steps")) {
        Result<FramingSteps> steps = parseFramingSteps(*text);
        if (!steps)
            throw UsageError("'--framing-steps': " + steps.error().message);
        config.framingSteps = *steps;
    }
}

std::string epochLine(const EpochMetrics& metrics, int epochs) {
    std::ostringstream line;
    line << "epoch " << metrics.epoch << '/' << epochs << "  loss " << fixed(metrics.trainLoss, 4)
         << "  train " << percent(metrics.trainAccuracy) << "  val " << percent(metrics.validationAccuracy)
         << "  test " << percent(metrics.testAccuracy) << "  " << fixed(metrics.seconds, 2) << " s";
    return line.str();
}

Json epochJson(const EpochMetrics& metrics, int epochs) {
    return {{"event", "epoch"},
            {"epoch", metrics.epoch},
            {"epochs", epochs},
            {"train_loss", numberOrNull(metrics.trainLoss)},
            {"train_accuracy", numberOrNull(metrics.trainAccuracy)},
            {"validation_loss", numberOrNull(metrics.validationLoss)},
            {"validation_accuracy", numberOrNull(metrics.validationAccuracy)},
            {"test_accuracy", numberOrNull(metrics.testAccuracy)},
            {"learning_rate", metrics.learningRate},
            {"seconds", metrics.seconds}};
}

/// "x.dpm" → "x-epoch3.dpm": where a stopped run's best epoch is saved beside its last one.
std::string epochPath(const std::string& out, int epoch) {
    std::filesystem::path path(out);
    const std::string extension = path.has_extension() ? path.extension().string() : std::string(".dpm");
    path.replace_filename(path.stem().string() + "-epoch" + std::to_string(epoch) + extension);
    return path.string();
}

/// Ends a run that was interrupted (exit 130) or diverged (exit 1) without throwing its completed epochs
/// away: the last one's model goes to `out`, the best one's by validation, when that is an earlier epoch,
/// to epochPath(). The message says which epochs were saved where.
int keepStoppedRun(const TrainingSessionResult& session, const std::string& out) {
    const TrainingOutcome& outcome = session.outcome;
    const bool interrupted = outcome.status == TrainingStatus::Cancelled;
    const int exitCode = interrupted ? 130 : 1;
    const std::string why =
        interrupted ? "interrupted after " + std::to_string(outcome.epochs.size()) + " complete epoch(s)"
                    : "training diverged: " + outcome.reason;
    if (!session.model) {
        failure("train", why + "; no model written to '" + out + "'");
        return exitCode;
    }
    if (const Status saved = saveModel(*session.model, out); !saved)
        return failure("train", saved.error().message);
    std::string kept =
        "; saved the weights of epoch " + std::to_string(session.model->info.epochs) + " to '" + out + "'";
    if (session.bestModel) {
        const int best = session.bestModel->info.epochs;
        const std::string bestOut = epochPath(out, best);
        if (const Status saved = saveModel(*session.bestModel, bestOut); !saved)
            return failure("train", saved.error().message);
        kept += " and those of epoch " + std::to_string(best) + ", the best by validation accuracy (" +
                percent(outcome.epochs[static_cast<std::size_t>(best - 1)].validationAccuracy) + "), to '" +
                bestOut + "'";
    }
    failure("train", why + kept);
    return exitCode;
}

} // namespace

int runTrain(const std::vector<std::string>& args) {
    ArgumentParser parser(
        "train [OPTIONS] --out FILE",
        "Trains a network on an IDX data set (MNIST by default), evaluates it on the test split\n"
        "and saves it as a .dpm model file. Starts from a preset; every option overrides it.");
    parser.addOption("--out", "FILE", "where to save the model (required; written atomically)");
    parser.addOption("--preset", "NAME", "starting recipe (default mlp): " + presetNames());
    parser.addOption("--layers", "W1,W2,..",
                     "hidden dense layer widths, e.g. 256,128 ('none' for no hidden layer)");
    parser.addOption("--activation", "NAME", "hidden activation: " + nameChoices<Activation>());
    parser.addOption("--architecture", "SPEC",
                     "explicit layer string, e.g. dense128,relu,dense10 (overrides --layers)");
    parser.addOption("--loss", "NAME", nameChoices<LossKind>());
    parser.addOption("--optimizer", "NAME", nameChoices<OptimizerKind>());
    parser.addOption("--lr", "X", "learning rate");
    parser.addOption("--momentum", "X", "SGD momentum, 0 for plain SGD");
    parser.addOption("--weight-decay", "X", "L2 weight decay coefficient");
    parser.addOption("--batch", "N", "mini-batch size (1 = sample by sample)");
    parser.addOption("--epochs", "N", "passes over the training data");
    parser.addOption("--seed", "N", "seed for initialisation and shuffling (same seed, same weights)");
    parser.addOption("--validation", "F", "share of the training set held out for validation, 0 to 0.9");
    parser.addOption("--label-smoothing", "X",
                     "cross-entropy toward 1 - X on the label and X / classes on every class (0 = none)");
    parser.addOption(
        "--lr-schedule", "NAME",
        nameChoices<ScheduleKind>() +
            ": step (per epoch, --lr-step and --lr-gamma) or one-cycle (per batch: up from a tenth "
            "of --lr to --lr over the first tenth of the run, then down to zero)");
    parser.addOption("--lr-step", "N",
                     "multiply the learning rate by --lr-gamma every N epochs (0 = constant)");
    parser.addOption("--lr-gamma", "X", "factor of the step schedule");
    parser.addOption("--init", "NAME", "weight initialisation: " + nameChoices<Init>());
    parser.addOption(
        "--augment", "",
        "random distortions of the training images (rotate, scale, shear, shift, elastic, thickness)");
    parser.addOption("--augment-strength", "X",
                     "scale of the distortions, 0 to 3 (default 0.7; implies --augment)");
    parser.addOption("--framing-steps", "LIST",
                     "none (default) or deskew,stroke-width: corrections after framing, applied to every "
                     "training and test image and recorded in the model for recognition");
    parser.addOption(
        "--threads", "N",
        "threads sharing each batch (default 0 = one per core; the weights do not depend on it)");
    parser.addOption("--shards", "N",
                     "parts each batch is split into, 1 to 4 (default 0 = automatic; changes the weights)");
    parser.addOption("--data", "DIR", "folder with train-* and t10k-* IDX files (default data/mnist)");
    parser.addOption("--labels", "FILE",
                     "the classes' names, one per line in label order (default: the file 'labels' in the "
                     "data folder, else Fashion-MNIST's names for a fashion-mnist folder, else digits)");
    parser.addOption("--limit", "N", "train on the first N training images only (quick runs)");
    parser.addOption("--extra", "DIR",
                     "also train on the canvases in DIR (the drawn-digit format: images-idx3-ubyte.gz of "
                     "canvases, 255 = paper, and labels-idx1-ubyte.gz), framed like drawings; e.g. "
                     "data/synthetic from scripts/make-training-digits");
    parser.addOption("--checkpoint", "FILE",
                     "save a checkpoint to FILE after every epoch (atomically), to continue with --resume");
    parser.addOption("--resume", "FILE",
                     "continue the run a checkpoint holds, with its settings, to its --epochs; checkpoints "
                     "then go on to FILE unless --checkpoint says otherwise");
    parser.addOption("--json", "", "print JSON Lines instead of text (one object per event, see below)");
    parser.addNotes(
        "Prints one line per epoch:\n"
        "  epoch 1/5  loss 0.2731  train 92.10%  val 95.80%  test 95.62%  2.41 s\n"
        "(loss and accuracy on the training batches, validation and test accuracy, seconds of\n"
        "training), then the final test accuracy and the saved path. On a terminal a progress bar\n"
        "is drawn on stderr. Ctrl+C stops after the current batch (exit 130), a run whose loss becomes\n"
        "NaN/Inf or explodes stops with the reason (exit 1); either keeps its completed epochs: the\n"
        "last one's weights go to --out, and the best one's by validation accuracy, when it is an\n"
        "earlier one, beside it as NAME-epochN.dpm. Before the first epoch ends nothing is written.\n"
        "With --augment each training image is distorted afresh every epoch (validation and test\n"
        "images never are); the next batch is prepared on a second thread while the current one\n"
        "trains, and the same --seed gives the same distortions and weights.\n"
        "Networks with much work per weight (the convolutional presets) split each batch into up to four\n"
        "shards of at least 16 samples that train on all cores at once; a dense layer of 65536 weights\n"
        "or more (mlp's first) splits its weights in two halves, one per core, instead; --threads 1 runs\n"
        "all of it on one core and gives the same weights.\n"
        "With --checkpoint FILE the whole state of the run (weights, optimiser, random generators,\n"
        "curves, best epoch, settings) is saved after every epoch, so a crash, a kill or Ctrl+C loses\n"
        "at most the epoch in progress: --resume FILE --out MODEL continues from the last saved epoch\n"
        "and gives the same weights, bit for bit, as a run that never stopped. The settings come from\n"
        "the checkpoint; an option given with --resume must agree with them (--epochs may be raised\n"
        "unless the schedule is one-cycle, --threads changed), else the run is refused with the setting\n"
        "that differs.\n"
        "With --json stdout holds one JSON object per line, told apart by \"event\": start (preset,\n"
        "architecture, parameters, optimizer, learning_rate, lr_schedule, label_smoothing, batch_size,\n"
        "training_images, validation_images, test_images, augmentation, framing_steps, extra_images),\n"
        "one epoch per epoch (epoch, epochs,\n"
        "train_loss, train_accuracy, validation_loss, validation_accuracy, test_accuracy,\n"
        "learning_rate, seconds; accuracies 0..1, null when there is no such split), and last done\n"
        "(test_accuracy, correct, test_images, model: the saved path). With --checkpoint or --resume\n"
        "a checkpoint event follows each epoch (epoch, path, bytes, seconds, error: null or why it\n"
        "could not be written), and start has resumed_epochs (0 for a new run). A failed or interrupted run\n"
        "prints no done line; its message goes to stderr as without --json.\n");
    if (!parser.parse(args)) {
        std::cout << parser.help();
        return 0;
    }
    if (!parser.positionals().empty())
        throw UsageError("unexpected argument '" + parser.positionals().front() + "'");
    const std::string out = parser.required("--out");
    if (out.empty())
        throw UsageError("option '--out' needs a file name");
    TrainingRequest request;
    std::shared_ptr<const Checkpoint> resume;
    if (const std::optional<std::string> resumePath = parser.value("--resume")) {
        if (resumePath->empty())
            throw UsageError("option '--resume' needs a checkpoint file");
        Result<Checkpoint> loaded = loadCheckpoint(*resumePath);
        if (!loaded)
            return failure("train", loaded.error().message);
        resume = std::make_shared<const Checkpoint>(std::move(*loaded));
        request.resumeFrom = resume;
        request.resumePath = *resumePath;
        request.checkpointPath = *resumePath;
    }
    // A resumed run starts from its checkpoint's settings; options given with it must agree (the session
    // says which does not), --preset included.
    const std::string presetName = parser.value("--preset").value_or(resume ? resume->config.preset : "mlp");
    std::optional<TrainConfig> preset = presetConfig(presetName);
    if (!preset && !(resume && !parser.has("--preset")))
        throw UsageError("unknown preset '" + presetName + "' (known: " + presetNames() + ")");
    request.config = resume && !parser.has("--preset") ? resume->config : *preset;
    applyOverrides(parser, request.config);
    const TrainConfig& config = request.config;
    request.trainingLimit = static_cast<int>(
        parser.integer("--limit", resume ? resume->trainingLimit : 0, 1, std::numeric_limits<int>::max()));
    request.dataFolder =
        resume && !parser.has("--data") ? resume->dataFolder : dataFolder(parser.value("--data"));
    request.testSplit = TestSplit::Required;
    request.labelsFile = parser.value("--labels");
    if (resume)
        request.extraFolder = resume->extraFolder;
    if (const std::optional<std::string> extra = parser.value("--extra")) {
        if (extra->empty())
            throw UsageError("option '--extra' needs a folder");
        request.extraFolder = *extra;
    }
    if (const std::optional<std::string> checkpoint = parser.value("--checkpoint")) {
        if (checkpoint->empty())
            throw UsageError("option '--checkpoint' needs a file name");
        request.checkpointPath = *checkpoint;
    }
    if (!request.checkpointPath.empty())
        if (const Status target = checkTempFileCreatable(request.checkpointPath); !target)
            return failure("train", "cannot save checkpoint '" + request.checkpointPath +
                                        "': " + target.error().message);

    // A destination that cannot be written would otherwise only fail after the whole training run.
    if (const Status target = checkModelTarget(out); !target)
        return failure("train", target.error().message);

    const bool json = parser.has("--json");
    ProgressBar bar(config.epochs);
    TrainingSessionCallbacks callbacks;
    // Ctrl+C cancels from the moment training starts; while loading it still ends the process at once.
    std::optional<InterruptGuard> interruptible;
    callbacks.onStart = [&](const TrainingStart& start) {
        interruptible.emplace();
        if (json) {
            printJson({{"event", "start"},
                       {"preset", config.preset.empty() ? presetName : config.preset},
                       {"architecture", start.architecture},
                       {"parameters", start.parameters},
                       {"optimizer", toName(config.optimizer.kind)},
                       {"learning_rate", config.optimizer.learningRate},
                       {"lr_schedule", toName(config.schedule)},
                       {"label_smoothing", config.labelSmoothing},
                       {"batch_size", config.batchSize},
                       {"training_images", start.trainingImages},
                       {"extra_images", start.extraImages},
                       {"validation_images", start.validationImages},
                       {"test_images", start.testImages},
                       {"augmentation", config.augment.enabled ? config.augment.describe() : ""},
                       {"framing_steps", config.framingSteps.toText()},
                       {"resumed_epochs", start.resumedEpochs.size()}});
            return;
        }
        std::cout << "training " << (config.preset.empty() ? presetName : config.preset) << ": "
                  << start.architecture << " (" << start.parameters << " parameters), "
                  << toName(config.optimizer.kind) << " lr " << config.optimizer.learningRate
                  << (config.schedule == ScheduleKind::OneCycle ? " one-cycle" : "")
                  << (config.labelSmoothing > 0.0 ? ", label smoothing " + fixed(config.labelSmoothing, 2)
                                                  : "")
                  << ", batch " << config.batchSize << ", " << start.trainingImages << " training images ("
                  << fixed(100.0 * config.validationFraction, 0) << "% held out for validation), "
                  << start.testImages << " test images" << std::endl;
        if (config.augment.enabled)
            std::cout << "augmentation: " << config.augment.describe() << std::endl;
        if (config.framingSteps.any())
            std::cout << "framing steps: " << config.framingSteps.toText() << std::endl;
        if (start.extraImages > 0)
            std::cout << "extra training canvases: " << start.extraImages << " from " << request.extraFolder
                      << std::endl;
        if (!start.resumedEpochs.empty())
            std::cout << "resuming from '" << request.resumePath << "' after epoch "
                      << start.resumedEpochs.size() << " of " << config.epochs << std::endl;
    };
    callbacks.onCheckpoint = [json](const CheckpointSaved& saved) {
        if (json)
            printJson({{"event", "checkpoint"},
                       {"epoch", saved.epoch},
                       {"path", saved.path},
                       {"bytes", saved.bytes},
                       {"seconds", saved.seconds},
                       {"error", saved.error.empty() ? Json(nullptr) : Json(saved.error)}});
        if (!saved.error.empty())
            warning("train", saved.error + " (training goes on)");
    };
    callbacks.onBatch = [&bar](const BatchProgress& progress) { bar.update(progress); };
    callbacks.onEpoch = [&bar, &config, json](const EpochMetrics& metrics) {
        bar.clear();
        if (json)
            printJson(epochJson(metrics, config.epochs));
        else
            std::cout << epochLine(metrics, config.epochs) << std::endl;
    };
    TrainingControl& control = interruptControl();
    control.cancel.store(false);
    control.pause.store(false);
    const TrainingSessionResult session = runTrainingSession(request, control, callbacks);
    interruptible.reset();
    bar.clear();
    if (session.error) {
        if (session.error->cause == SessionError::Cause::Settings)
            throw UsageError(session.error->message);
        return failure("train", session.error->message);
    }
    if (session.outcome.status != TrainingStatus::Completed)
        return keepStoppedRun(session, out);

    const Model& model = *session.model;
    if (const Status saved = saveModel(model, out); !saved)
        return failure("train", saved.error().message);
    // The trainer scored the final weights on the test split; the accuracy is a count over it, so the count
    // comes back exactly.
    const double accuracy = model.info.testAccuracy.value_or(std::nan(""));
    const long correct = std::isfinite(accuracy) ? std::lround(accuracy * session.testImages) : 0;
    if (json) {
        printJson({{"event", "done"},
                   {"test_accuracy", numberOrNull(accuracy)},
                   {"correct", correct},
                   {"test_images", session.testImages},
                   {"model", out}});
        return 0;
    }
    std::cout << "test accuracy " << percent(accuracy) << " (" << correct << '/' << session.testImages
              << ")\nsaved " << out << std::endl;
    return 0;
}

} // namespace digitpad::cli
