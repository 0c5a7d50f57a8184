// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/FineTune.h"

#include "app/DrawingScore.h"
#include "app/SplitLoader.h"
#include "data/AugmentSettings.h"
#include "data/DrawnDigits.h"
#include "nn/Evaluation.h"
#include "nn/Loss.h"
#include "tensor/Random.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <thread>
#include <utility>

namespace digitpad {

namespace {

using Cause = SessionError::Cause;

FineTuneResult stopped(Cause cause, Error error) {
    FineTuneResult result;
    result.error = SessionError{std::move(error), cause};
    return result;
}

Status validate(const FineTuneSettings& s) {
    if (s.epochs < 1)
        return Error{"fine-tuning needs at least 1 epoch (got " + std::to_string(s.epochs) + ")",
                     ErrorKind::TooFewEpochs};
    if (!(s.replayFraction >= 0.0 && s.replayFraction < 1.0))
        return Error{"the replay fraction must be at least 0 and below 1 (got " +
                         std::to_string(s.replayFraction) + ")",
                     ErrorKind::ReplayFractionOutOfRange};
    if (s.holdOutEvery == 1 || s.holdOutEvery < 0)
        return Error{"hold out every N-th drawing needs N = 0 (none) or at least 2 (got " +
                         std::to_string(s.holdOutEvery) + ")",
                     ErrorKind::HoldOutInvalid};
    if (s.copiesPerDrawing < 1)
        return Error{"each drawing needs at least 1 copy per epoch (got " +
                         std::to_string(s.copiesPerDrawing) + ")",
                     ErrorKind::TooFewCopies};
    if (!(s.learningRate > 0.0 && std::isfinite(s.learningRate)))
        return Error{"the learning rate must be above 0", ErrorKind::LearningRateNotPositive};
    if (s.batchSize < 1)
        return Error{"batch size must be at least 1 (got " + std::to_string(s.batchSize) + ")",
                     ErrorKind::BatchSizeTooSmall};
    return Success{};
}

/// The training settings of a fine-tuning run. Mild augmentation (the strength the bundled model was trained
/// at) turns each drawing into many plausible variants of the person's style; no validation split, the
/// held-out drawings play that part.
TrainConfig tuningConfig(const Model& base, const FineTuneSettings& s) {
    TrainConfig config;
    config.preset = base.info.preset;
    config.loss = base.info.loss;
    config.optimizer.kind = OptimizerKind::Adam;
    config.optimizer.learningRate = s.learningRate;
    config.batchSize = s.batchSize;
    config.epochs = s.epochs;
    config.seed = s.seed;
    config.validationFraction = 0.0;
    config.augment = AugmentSettings{}.scaled(kDefaultAugmentStrength);
    config.augment.enabled = true;
    config.framingSteps = base.info.framingSteps;
    return config;
}

/// Per digit, the holdOutEvery-th, 2·holdOutEvery-th, … drawing in the given order is held out.
void splitDrawings(const std::vector<LabelledDrawing>& drawings, int holdOutEvery,
                   std::vector<LabelledDrawing>& training, std::vector<LabelledDrawing>& heldOut) {
    std::vector<int> seen(kDigitClasses, 0);
    for (const LabelledDrawing& drawing : drawings) {
        const int label = std::clamp(drawing.label, 0, kDigitClasses - 1);
        const int position = ++seen[static_cast<std::size_t>(label)];
        if (holdOutEvery > 0 && position % holdOutEvery == 0)
            heldOut.push_back(drawing);
        else
            training.push_back(drawing);
    }
}

/// copiesPerDrawing copies of each training drawing: the drawing as it is, then re-rendered from its strokes
/// at pen widths ×0.6–1.6 (a person's pen width varies from day to day and device to device; the model should
/// not care). Drawings without strokes repeat their image; the trainer's augmentation varies every copy.
std::vector<LabelledDrawing> penWidthCopies(const std::vector<LabelledDrawing>& training, int copies,
                                            unsigned long long seed) {
    Rng rng(seed ^ 0x70656e7769647468ULL); // "penwidth": a stream apart from the trainer's
    std::uniform_real_distribution<double> widthScale(0.6, 1.6);
    std::vector<LabelledDrawing> out;
    out.reserve(training.size() * static_cast<std::size_t>(copies));
    // The widths are drawn in order, so the copies do not depend on how the rendering below is shared out.
    std::vector<std::pair<std::size_t, double>> renders; // (index in out, width scale)
    for (const LabelledDrawing& drawing : training) {
        out.push_back(drawing);
        for (int c = 1; c < copies; ++c) {
            if (drawing.drawing && !drawing.drawing->empty())
                renders.emplace_back(out.size(), widthScale(rng));
            out.push_back(drawing);
        }
    }
    // Re-rendering a few thousand 280×280 canvases is a third of a short run's time: use every core.
    const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1,
                                                        std::max<std::size_t>(1, renders.size()));
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < workers; ++w)
        threads.emplace_back([&, w] {
            for (std::size_t r = w; r < renders.size(); r += workers) {
                LabelledDrawing& copy = out[renders[r].first];
                copy.image = renderDrawing(*copy.drawing, renders[r].second);
            }
        });
    for (std::thread& thread : threads)
        thread.join();
    return out;
}

/// `count` distinct images of `data` picked with a seeded shuffle.
Dataset replaySample(const Dataset& data, int count, unsigned long long seed) {
    std::vector<int> order(static_cast<std::size_t>(data.size()));
    std::iota(order.begin(), order.end(), 0);
    Rng rng(seed ^ 0x7265706c6179ULL); // "replay"
    std::shuffle(order.begin(), order.end(), rng);
    Dataset sample;
    sample.shape = data.shape;
    sample.classes = data.classes;
    sample.name = data.name;
    sample.images.resize(data.images.rows(), count);
    sample.labels.resize(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        sample.images.col(i) = data.images.col(order[static_cast<std::size_t>(i)]);
        sample.labels[static_cast<std::size_t>(i)] =
            data.labels[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])];
    }
    return sample;
}

/// The sets both models are scored on.
struct ScoringSets {
    std::optional<Dataset> heldOut;
    std::optional<Dataset> mnistTest;
    std::optional<Dataset> drawn;

    FineTuneScores score(const Model& model, const Loss& loss) const {
        const std::vector<const Network*> members = model.members();
        FineTuneScores scores;
        if (heldOut && heldOut->size() > 0)
            scores.heldOut = evaluate(members, loss, *heldOut, model.info.testTime).accuracy;
        if (mnistTest)
            scores.mnist = evaluate(members, loss, *mnistTest, model.info.testTime).accuracy;
        if (drawn)
            scores.drawn = evaluate(members, loss, *drawn, model.info.testTime).accuracy;
        return scores;
    }
};

ModelInfo tunedInfo(const FineTuneRequest& request, const TrainConfig& config, int trainingDrawings,
                    const FineTuneScores& after) {
    const ModelInfo& base = request.base.info;
    ModelInfo info = describeTraining(config, base.dataset);
    info.framing = base.framing;
    info.labels = base.labels;
    info.memberSeeds = base.memberSeeds;
    info.tunedFrom = request.baseName + (base.trainedAt.empty() ? "" : " (trained " + base.trainedAt + ")");
    info.tunedOnDrawings = trainingDrawings;
    // The base model's accuracies no longer describe these weights: only what was measured now is recorded.
    info.testAccuracy = after.mnist;
    info.drawnAccuracy = after.drawn;
    return info;
}

} // namespace

FineTuneResult runFineTune(const FineTuneRequest& request, TrainingControl& control,
                           const FineTuneCallbacks& callbacks) {
    const FineTuneSettings& settings = request.settings;
    if (Status valid = validate(settings); !valid)
        return stopped(Cause::Settings, valid.error());
    const TrainConfig config = tuningConfig(request.base, settings);
    if (Status valid = config.validateTraining(); !valid)
        return stopped(Cause::Settings, valid.error());
    if (request.drawings.empty())
        return stopped(Cause::Data, Error{"there are no drawings to fine-tune on", ErrorKind::NoDrawings});

    std::vector<LabelledDrawing> training;
    std::vector<LabelledDrawing> heldOut;
    splitDrawings(request.drawings, settings.holdOutEvery, training, heldOut);
    if (training.empty())
        return stopped(Cause::Data, Error{"every drawing is held out: fine-tuning needs more drawings",
                                          ErrorKind::AllDrawingsHeldOut});

    ScoringSets sets;
    Result<Dataset> heldOutSet = drawingsAsDataset(request.base, heldOut);
    if (!heldOutSet)
        return stopped(Cause::Data, heldOutSet.error());
    sets.heldOut = std::move(heldOutSet.value());
    Result<Dataset> drawingSet =
        drawingsAsDataset(request.base, penWidthCopies(training, settings.copiesPerDrawing, settings.seed));
    if (!drawingSet)
        return stopped(Cause::Data, drawingSet.error());

    FineTuneStart start;
    std::optional<Dataset> replay;
    if (request.dataFolder.empty()) {
        start.mnistMissing = Error{"no MNIST data folder was given", ErrorKind::NoDataFolder};
    } else {
        Result<Dataset> mnistTrain = loadSplit(request.dataFolder, "train");
        Result<Dataset> mnistTest = loadSplit(request.dataFolder, "t10k");
        if (!mnistTrain)
            start.mnistMissing = mnistTrain.error();
        else if (!mnistTest)
            start.mnistMissing = mnistTest.error();
        else if (mnistTrain->shape.size() != kDigitShape.size() ||
                 mnistTest->shape.size() != kDigitShape.size())
            start.mnistMissing =
                Error{"the images in '" + request.dataFolder + "' are not " + kDigitShape.toString(),
                      ErrorKind::DataNotDigits, request.dataFolder};
        else {
            // replay / (drawings + replay) = replayFraction.
            const double share = settings.replayFraction / (1.0 - settings.replayFraction);
            const int count =
                std::min(mnistTrain->size(), static_cast<int>(std::lround(share * drawingSet->size())));
            const FramingSteps& steps = config.framingSteps;
            if (count > 0) {
                replay = replaySample(*mnistTrain, count, settings.seed);
                applyFramingSteps(steps, replay->images, kDigitSide);
            }
            applyFramingSteps(steps, mnistTest->images, kDigitSide);
            sets.mnistTest = std::move(mnistTest.value());
        }
    }
    if (request.drawnFolder) {
        Result<Dataset> drawn =
            readDrawnDigits(*request.drawnFolder, request.base.info.framing, config.framingSteps);
        if (!drawn)
            return stopped(Cause::Data, drawn.error());
        sets.drawn = std::move(drawn.value());
    }

    const std::unique_ptr<Loss> loss = makeLoss(request.base.info.loss);
    start.trainingDrawings = static_cast<int>(training.size());
    start.heldOutDrawings = static_cast<int>(heldOut.size());
    start.replayImages = replay ? replay->size() : 0;
    start.samplesPerEpoch = drawingSet->size() + start.replayImages;
    start.mnistTestImages = sets.mnistTest ? sets.mnistTest->size() : 0;
    start.drawnImages = sets.drawn ? sets.drawn->size() : 0;
    start.members = request.base.memberCount();
    start.totalEpochs = settings.epochs * start.members;
    start.before = sets.score(request.base, *loss);
    if (callbacks.onStart)
        callbacks.onStart(start);

    FineTuneResult result;
    result.start = start;
    if (control.cancel.load()) {
        result.outcome.status = TrainingStatus::Cancelled;
        return result;
    }
    const Dataset trainSet = replay ? concatenated(*drawingSet, *replay) : std::move(drawingSet.value());
    const Dataset* heldOutForEpochs = sets.heldOut->size() > 0 ? &*sets.heldOut : nullptr;
    // An ensemble's members are tuned one after the other on the same data, each from its own weights; the
    // callbacks see one run of totalEpochs epochs, member k's epoch e numbered k × epochs + e.
    Model tuned = request.base;
    std::vector<Network*> members{&tuned.network};
    for (Network& member : tuned.otherMembers)
        members.push_back(&member);
    for (std::size_t k = 0; k < members.size(); ++k) {
        const int offset = static_cast<int>(k) * settings.epochs;
        TrainingCallbacks memberCallbacks;
        if (callbacks.onBatch)
            memberCallbacks.onBatch = [&callbacks, offset](const BatchProgress& progress) {
                BatchProgress shifted = progress;
                shifted.epoch += offset;
                callbacks.onBatch(shifted);
            };
        if (callbacks.onEpoch)
            memberCallbacks.onEpoch = [&callbacks, offset](const EpochMetrics& metrics) {
                EpochMetrics shifted = metrics;
                shifted.epoch += offset;
                callbacks.onEpoch(shifted);
            };
        TrainingOutcome outcome =
            train(*members[k], trainSet, heldOutForEpochs, config, control, memberCallbacks);
        for (EpochMetrics& metrics : outcome.epochs)
            metrics.epoch += offset;
        result.outcome.epochs.insert(result.outcome.epochs.end(), outcome.epochs.begin(),
                                     outcome.epochs.end());
        result.outcome.status = outcome.status;
        result.outcome.reason = outcome.reason;
        result.outcome.divergence = outcome.divergence;
        result.outcome.shards = outcome.shards;
        if (outcome.status != TrainingStatus::Completed)
            return result;
    }
    result.after = sets.score(tuned, *loss);
    tuned.info = tunedInfo(request, config, start.trainingDrawings, result.after);
    result.model = std::move(tuned);
    return result;
}

} // namespace digitpad
