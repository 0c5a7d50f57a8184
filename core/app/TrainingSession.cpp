// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/TrainingSession.h"

#include "app/DatasetName.h"
#include "app/SplitLoader.h"
#include "data/ClassNames.h"
#include "data/DrawnDigits.h"

#include "train/TrainingState.h"

#include <filesystem>

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace digitpad {

namespace {

/// Keeps the error's kind and fields, so a front end can word it in its own language.
TrainingSessionResult stopped(SessionError::Cause cause, Error error) {
    TrainingSessionResult result;
    result.error = SessionError{std::move(error), cause};
    return result;
}

/// A folder as given, normalised so "data/mnist/" and "data/./mnist" compare equal.
std::string sameFolder(const std::string& folder) {
    std::filesystem::path path = std::filesystem::path(folder).lexically_normal();
    if (!path.has_filename() && path.has_parent_path())
        path = path.parent_path();
    return path.string();
}

/// Why `request` cannot continue its checkpoint (settings or data that differ), or empty.
std::string resumeMismatch(const TrainingRequest& request, const Checkpoint& checkpoint) {
    if (std::string difference = settingsDifference(checkpoint.config, request.config); !difference.empty())
        return difference;
    if (sameFolder(checkpoint.dataFolder) != sameFolder(request.dataFolder))
        return "the checkpoint's run trained on '" + checkpoint.dataFolder + "', this one on '" +
               request.dataFolder + "'";
    if (checkpoint.trainingLimit != request.trainingLimit)
        return "the checkpoint's run used limit " + std::to_string(checkpoint.trainingLimit) +
               ", this one asks for " + std::to_string(request.trainingLimit);
    if (sameFolder(checkpoint.extraFolder) != sameFolder(request.extraFolder))
        return "the checkpoint's run used extra '" + checkpoint.extraFolder + "', this one asks for '" +
               request.extraFolder + "'";
    if (checkpoint.epochsDone() > request.config.epochs)
        return "the checkpoint's run already completed " + std::to_string(checkpoint.epochsDone()) +
               " epochs, more than the " + std::to_string(request.config.epochs) + " asked for";
    return {};
}

/// Puts the checkpoint's weights into `network`; false when their shapes differ from its parameters.
bool takeWeights(Network& network, const std::vector<Matrix>& weights) {
    const std::vector<ParamRef> params = network.params();
    if (params.size() != weights.size())
        return false;
    for (std::size_t i = 0; i < params.size(); ++i)
        if (params[i].value->rows() != weights[i].rows() || params[i].value->cols() != weights[i].cols())
            return false;
    for (std::size_t i = 0; i < params.size(); ++i)
        *params[i].value = weights[i];
    return true;
}

/// Saves a checkpoint of the run after an epoch, and reports how that went.
CheckpointSaved saveAfterEpoch(const TrainingRequest& request, int trainingImages, const Network& network,
                               const TrainingState& state) {
    const auto start = std::chrono::steady_clock::now();
    CheckpointSaved saved;
    saved.path = request.checkpointPath;
    saved.epoch = static_cast<int>(state.epochs.size());
    Checkpoint checkpoint;
    checkpoint.config = request.config;
    checkpoint.dataFolder = request.dataFolder;
    checkpoint.trainingLimit = request.trainingLimit;
    checkpoint.extraFolder = request.extraFolder;
    checkpoint.trainingImages = trainingImages;
    for (const auto& [name, tensor] : network.tensors())
        checkpoint.weights.push_back(*tensor);
    checkpoint.state = state;
    if (const Status written = saveCheckpoint(checkpoint, request.checkpointPath); !written)
        saved.error = written.error().message;
    std::error_code ec;
    saved.bytes = saved.error.empty() ? std::filesystem::file_size(request.checkpointPath, ec) : 0;
    saved.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return saved;
}

} // namespace

TrainingSessionResult runTrainingSession(const TrainingRequest& request, TrainingControl& control,
                                         const TrainingSessionCallbacks& callbacks) {
    using Cause = SessionError::Cause;
    const TrainConfig& config = request.config;
    // The settings alone, before any data is read; they are checked again against the data once it is.
    if (Status settings = config.validate(); !settings)
        return stopped(Cause::Settings, settings.error());
    const Checkpoint* resume = request.resumeFrom.get();
    const std::string resumeError = "cannot resume from checkpoint '" + request.resumePath + "': ";
    // Every way a checkpoint does not fit this run is one kind: the person's remedy is the same.
    const auto mismatch = [&](Cause cause, const std::string& what) {
        return stopped(cause, Error{resumeError + what, ErrorKind::CheckpointMismatch, request.resumePath});
    };
    if (resume)
        if (const std::string difference = resumeMismatch(request, *resume); !difference.empty())
            return mismatch(Cause::Settings, difference);

    const std::string& folder = request.dataFolder;
    Result<Dataset> trainSet = loadSplit(folder, "train");
    if (!trainSet)
        return stopped(Cause::Data, trainSet.error());
    std::optional<Dataset> test;
    TrainingStart start;
    if (Result<Dataset> t10k = loadSplit(folder, "t10k"))
        test = std::move(t10k.value());
    else if (request.testSplit == TestSplit::Required)
        return stopped(Cause::Data, t10k.error());
    else
        start.testSplitMissing = t10k.error().message;
    Dataset& train = *trainSet;
    Result<std::vector<std::string>> classNames = classNamesFor(folder, request.labelsFile, train.classes);
    if (!classNames)
        return stopped(Cause::Data, classNames.error());
    if (request.trainingLimit > 0 && request.trainingLimit < train.size())
        train = train.slice(0, request.trainingLimit);
    if (Status steps = config.framingSteps.check(train.shape); !steps)
        return stopped(Cause::Data, steps.error());
    // Every image the network sees goes through the model's framing steps, as a drawing will.
    applyFramingSteps(config.framingSteps, train.images, train.shape.width);
    if (test)
        applyFramingSteps(config.framingSteps, test->images, test->shape.width);
    std::string extraDescription;
    if (!request.extraFolder.empty()) {
        // Framed like a drawing in the app (mnist framing, the run's steps), so what the network learns from
        // them is what it will see.
        Result<Dataset> extra = readDrawnDigits(request.extraFolder, Framing::Mnist, config.framingSteps);
        if (!extra)
            return stopped(Cause::Data, extra.error());
        if (extra->shape.size() != train.shape.size())
            return stopped(Cause::Data, Error{"the canvases in '" + request.extraFolder + "' frame to " +
                                                  extra->shape.toString() + " but training images are " +
                                                  train.shape.toString(),
                                              ErrorKind::ExtraImagesMismatch, request.extraFolder});
        start.extraImages = extra->size();
        std::filesystem::path extraPath = std::filesystem::path(request.extraFolder).lexically_normal();
        if (!extraPath.has_filename()) // "data/synthetic/"
            extraPath = extraPath.parent_path();
        extraDescription = std::to_string(extra->size()) + " canvases of " + extraPath.filename().string();
        // In front: the trainer holds out validation images from the end, so they stay the data folder's.
        train = concatenated(*extra, train);
    }

    // Checked again for the data actually loaded (its image shape and class count), with the error's kind.
    if (Status fits = config.validate(train.shape, train.classes); !fits)
        return stopped(Cause::Settings, fits.error());
    Network network = config.makeNetwork(train.shape, train.classes);
    if (test && test->shape.size() != train.shape.size())
        return stopped(Cause::Data, Error{"test images in '" + folder + "' are " + test->shape.toString() +
                                              " but training images are " + train.shape.toString(),
                                          ErrorKind::TestImagesMismatch, folder});

    start.architecture = network.architecture();
    start.parameters = network.parameterCount();
    start.trainingImages = train.size();
    // The trainer holds out the same count from the end of the training split.
    start.validationImages = static_cast<int>(std::lround(config.validationFraction * train.size()));
    start.validationSet = std::make_shared<const Dataset>(
        train.slice(train.size() - start.validationImages, start.validationImages));
    start.testImages = test ? test->size() : 0;
    if (resume) {
        if (resume->trainingImages != train.size())
            return mismatch(Cause::Data,
                            "the checkpoint's run had " + std::to_string(resume->trainingImages) +
                                " training images, this one has " + std::to_string(train.size()));
        if (!takeWeights(network, resume->weights))
            return mismatch(Cause::Data, "its weights do not fit the network " + network.architecture());
        start.resumedEpochs = resume->state.epochs;
    }
    if (callbacks.onStart)
        callbacks.onStart(start);

    TrainingSessionResult result;
    result.testImages = start.testImages;
    if (control.cancel.load()) {
        result.outcome.status = TrainingStatus::Cancelled;
        return result;
    }
    TrainingCallbacks trainerCallbacks{callbacks.onBatch, callbacks.onEpoch, {}};
    if (!request.checkpointPath.empty()) {
        const int trainingImages = train.size();
        trainerCallbacks.onCheckpoint = [&request, &callbacks, trainingImages](const Network& weights,
                                                                               const TrainingState& state) {
            const CheckpointSaved saved = saveAfterEpoch(request, trainingImages, weights, state);
            if (callbacks.onCheckpoint)
                callbacks.onCheckpoint(saved);
        };
    }
    try {
        result.outcome = digitpad::train(network, train, test ? &*test : nullptr, config, control,
                                         trainerCallbacks, resume ? &resume->state : nullptr);
    } catch (const std::invalid_argument& error) {
        if (!resume)
            throw;
        return mismatch(Cause::Data, error.what()); // a state that does not fit this run
    }
    const std::vector<EpochMetrics>& epochs = result.outcome.epochs;
    if (epochs.empty())
        return result;

    // The header says how many epochs the weights trained for, and the test accuracy the trainer measured
    // on them at the end of that epoch: no second pass needed.
    const auto describe = [&](Network weights, const EpochMetrics& epoch) {
        Model model;
        model.network = std::move(weights);
        model.info = describeTraining(config, datasetName(folder));
        model.info.epochs = epoch.epoch;
        model.info.extraTrainingData = extraDescription;
        if (!areDigitNames(*classNames))
            model.info.classNames = *classNames;
        if (std::isfinite(epoch.testAccuracy))
            model.info.testAccuracy = epoch.testAccuracy;
        return model;
    };
    const TrainingOutcome& outcome = result.outcome;
    if (outcome.bestEpochNetwork && outcome.bestEpoch >= 1 &&
        outcome.bestEpoch <= static_cast<int>(epochs.size()))
        result.bestModel =
            describe(*outcome.bestEpochNetwork, epochs[static_cast<std::size_t>(outcome.bestEpoch - 1)]);
    result.model = describe(std::move(network), epochs.back());
    return result;
}

} // namespace digitpad
