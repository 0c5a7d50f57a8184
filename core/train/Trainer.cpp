// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Trainer.h"

#include "nn/Evaluation.h"
#include "tensor/DenormalGuard.h"
#include "train/BatchSource.h"
#include "train/BestEpoch.h"
#include "train/DataParallelStep.h"
#include "train/LastGoodWeights.h"
#include "train/LearningRateSchedule.h"
#include "train/PauseGate.h"
#include "train/Sharding.h"
#include "train/TrainingState.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace digitpad {

namespace {

/// Throws std::invalid_argument when the settings are invalid or `train` does not fit `network`.
void checkArguments(const Network& network, const Dataset& train, const TrainConfig& config) {
    // Only the training settings: the network already exists, so its description needs no second check.
    if (const Status settings = config.validateTraining(); !settings)
        throw std::invalid_argument(settings.error().message);
    if (train.images.rows() != network.inputShape().size())
        throw std::invalid_argument("training images have " + std::to_string(train.images.rows()) +
                                    " values, the network expects " +
                                    std::to_string(network.inputShape().size()));
    if (train.images.cols() != train.size())
        throw std::invalid_argument("training set has " + std::to_string(train.images.cols()) +
                                    " images but " + std::to_string(train.size()) + " labels");
}

/// How many of `train`'s samples are trained on: those before the held-out validation split.
int trainingSampleCount(const Dataset& train, const TrainConfig& config) {
    const int validationCount = static_cast<int>(std::lround(config.validationFraction * train.size()));
    const int trainCount = train.size() - validationCount;
    if (trainCount < 1)
        throw std::invalid_argument("no training samples left after holding out " +
                                    std::to_string(validationCount) + " for validation");
    return trainCount;
}

/// "1.83e+11": losses that explode span many orders of magnitude, so fixed decimals would be unreadable.
std::string shortNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", value);
    return text;
}

/// Decides, batch by batch, whether training has diverged (see kDivergenceFactor). It only reads the losses,
/// so a run that does not diverge computes exactly what it did without the check.
class DivergenceCheck {
public:
    /// What makes `loss` a divergence (its kind and numbers; epoch and batch are left to the caller), or
    /// nothing. The first finite loss of the run sets the limit.
    std::optional<Divergence> problem(double loss) {
        if (!std::isfinite(loss)) {
            Divergence divergence;
            divergence.kind = std::isnan(loss) ? DivergenceKind::LossNaN : DivergenceKind::LossInfinite;
            return divergence;
        }
        if (!std::isfinite(limit_)) {
            start_ = loss;
            limit_ = kDivergenceFactor * std::max(loss, kDivergenceLossFloor);
            return std::nullopt;
        }
        if (loss <= limit_)
            return std::nullopt;
        Divergence divergence;
        divergence.kind = DivergenceKind::LossExploded;
        divergence.loss = loss;
        divergence.limit = limit_;
        divergence.firstLoss = start_;
        divergence.floorUsed = start_ < kDivergenceLossFloor;
        return divergence;
    }

    /// The first finite loss of the run, NaN before it (for a checkpoint).
    double firstLoss() const {
        return std::isfinite(limit_) ? start_ : std::numeric_limits<double>::quiet_NaN();
    }
    /// Continues a resumed run whose first finite loss was `first` (NaN: none yet).
    void resume(double first) {
        if (std::isfinite(first)) {
            start_ = first;
            limit_ = kDivergenceFactor * std::max(first, kDivergenceLossFloor);
        }
    }

private:
    double start_ = 0.0;
    double limit_ = std::numeric_limits<double>::infinity();
};

} // namespace

/// "loss exploded to 1.83e+11 at epoch 2, batch 1 (the limit is …); kept the weights from the end of epoch 1
/// (try a lower learning rate)".
std::string describe(const Divergence& divergence) {
    std::string problem;
    switch (divergence.kind) {
    case DivergenceKind::LossNaN:
        problem = "loss became NaN";
        break;
    case DivergenceKind::LossInfinite:
        problem = "loss became infinite";
        break;
    case DivergenceKind::LossExploded:
        problem = "loss exploded to " + shortNumber(divergence.loss);
        break;
    }
    const int epoch = divergence.epoch;
    std::string detail;
    if (divergence.kind == DivergenceKind::LossExploded)
        detail = " (the limit is " + shortNumber(divergence.limit) + ", " + shortNumber(kDivergenceFactor) +
                 " times the first batch's loss of " + shortNumber(divergence.firstLoss) +
                 (divergence.floorUsed ? " counted as " + shortNumber(kDivergenceLossFloor) : "") + ")";
    return problem + " at epoch " + std::to_string(epoch) + ", batch " + std::to_string(divergence.batch) +
           detail + "; kept the weights from " +
           (epoch == 1 ? std::string("before training") : "the end of epoch " + std::to_string(epoch - 1)) +
           " (try a lower learning rate)";
}

namespace {

/// Fills the validation and test fields of `metrics` (NaN and empty for a missing or empty set).
void evaluateEpoch(const Network& network, const Loss& loss, const Dataset& validation, const Dataset* test,
                   EpochMetrics& metrics) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    metrics.validationLoss = nan;
    metrics.validationAccuracy = nan;
    metrics.testAccuracy = nan;
    if (validation.size() > 0) {
        Evaluation v = evaluate(network, loss, validation);
        metrics.validationLoss = v.loss;
        metrics.validationAccuracy = v.accuracy;
        metrics.validationConfusion = std::move(v.confusion);
        metrics.validationPredictions = std::move(v.predictions);
    }
    if (test && test->size() > 0)
        metrics.testAccuracy = evaluate(network, loss, *test).accuracy;
}

/// Shapes of `tensors` against `params` (what a saved state must match); `what` names the tensors.
void checkShapes(const std::vector<Matrix>& tensors, const std::vector<ParamRef>& params, const char* what) {
    if (tensors.empty())
        return; // before the first step, or SGD without momentum
    bool fits = tensors.size() == params.size();
    for (std::size_t i = 0; fits && i < params.size(); ++i)
        fits = tensors[i].rows() == params[i].value->rows() && tensors[i].cols() == params[i].value->cols();
    if (!fits)
        throw std::invalid_argument(std::string("the saved ") + what + " does not fit the network");
}

/// The network with `weights` (Network::params() order) in place of its own.
std::shared_ptr<const Network> withWeights(const Network& network, const std::vector<Matrix>& weights) {
    auto copy = std::make_shared<Network>(network);
    const std::vector<ParamRef> params = copy->params();
    for (std::size_t i = 0; i < params.size(); ++i)
        *params[i].value = weights[i];
    return copy;
}

/// What continues the run after the epoch that just completed (see TrainingState).
TrainingState stateAfterEpoch(const TrainingOutcome& outcome, const Rng& rng, const DataParallelStep& step,
                              const Optimizer& optimizer, const DivergenceCheck& divergence,
                              const BestEpoch& best) {
    TrainingState state;
    state.epochs = outcome.epochs;
    state.rng = rng;
    state.shardRngs = step.shardRngs();
    state.optimizer = optimizer.state();
    state.firstLoss = divergence.firstLoss();
    state.bestEpoch = outcome.bestEpoch;
    state.bestAccuracy = best.bestAccuracy();
    if (outcome.bestEpochNetwork && outcome.bestEpoch != outcome.epochs.back().epoch)
        for (const auto& [name, tensor] : outcome.bestEpochNetwork->tensors())
            state.bestWeights.push_back(*tensor);
    return state;
}

} // namespace

TrainingOutcome train(Network& network, const Dataset& train, const Dataset* test, const TrainConfig& config,
                      TrainingControl& control, const TrainingCallbacks& callbacks,
                      const TrainingState* resumeFrom) {
    const DenormalGuard flushDenormals;
    checkArguments(network, train, config);
    const int trainCount = trainingSampleCount(train, config);
    const Dataset validation = train.slice(trainCount, train.size() - trainCount);
    // Validation is scored with the training objective, label smoothing included, so that its loss curve can
    // be compared with the training loss's (plain cross-entropy sits far below a smoothed loss's floor and
    // would look like a network doing better on data it never saw).
    const std::unique_ptr<Loss> loss = makeLoss(config.loss, config.labelSmoothing);
    const std::unique_ptr<Optimizer> optimizer = makeOptimizer(config.optimizer);
    const int batchSize = std::min(config.batchSize, trainCount);

    Rng rng(config.seed); // shuffles the samples and draws shard 0's random numbers
    DataParallelStep step(network, batchSize, shardCount(config, network, batchSize), config, rng);
    LastGoodWeights lastGood(step.params());
    BatchSource batches(train, trainCount, batchSize, step.shards(), config.augment, config.seed,
                        config.framingSteps);
    const LearningRateSchedule schedule(config, batches.batchesPerEpoch());
    PauseGate gate(control);
    DivergenceCheck divergence;

    TrainingOutcome outcome;
    BestEpoch best(outcome);
    outcome.shards = step.shards();
    outcome.epochs.reserve(static_cast<std::size_t>(config.epochs));
    int firstEpoch = 1;
    if (resumeFrom) {
        const TrainingState& state = *resumeFrom;
        if (static_cast<int>(state.epochs.size()) > config.epochs)
            throw std::invalid_argument("the saved run completed " + std::to_string(state.epochs.size()) +
                                        " epochs, more than the " + std::to_string(config.epochs) +
                                        " asked for");
        checkShapes(state.optimizer.first, step.params(), "optimiser state");
        checkShapes(state.optimizer.second, step.params(), "optimiser state");
        if (state.bestEpoch < 0 || state.bestEpoch > static_cast<int>(state.epochs.size()))
            throw std::invalid_argument("the saved best epoch is not one of the completed epochs");
        const bool bestIsLast =
            state.bestEpoch > 0 && state.bestEpoch == static_cast<int>(state.epochs.size());
        if (state.bestEpoch > 0 && !bestIsLast && state.bestWeights.empty())
            throw std::invalid_argument("the saved state lacks the weights of its best epoch");
        checkShapes(state.bestWeights, step.params(), "best epoch's weights");
        step.restoreShardRngs(state.shardRngs);
        rng = state.rng;
        optimizer->restore(state.optimizer);
        divergence.resume(state.firstLoss);
        outcome.epochs = state.epochs;
        if (state.bestEpoch > 0)
            best.restore(state.bestEpoch, state.bestAccuracy,
                         bestIsLast ? std::make_shared<const Network>(network)
                                    : withWeights(network, state.bestWeights));
        firstEpoch = static_cast<int>(state.epochs.size()) + 1;
    }
    for (int epoch = firstEpoch; epoch <= config.epochs; ++epoch) {
        schedule.startEpoch(epoch, *optimizer);
        lastGood.save();
        batches.startEpoch(epoch, rng);
        const double epochStart = gate.trainingSeconds();
        double lossSum = 0.0;
        long long correct = 0;
        for (int index = 0; index < batches.batchesPerEpoch(); ++index) {
            if (gate.waitWhilePaused()) {
                // Half an epoch is not a model anyone chose: go back to where the last epoch ended.
                lastGood.restore();
                outcome.status = TrainingStatus::Cancelled;
                best.finish();
                return outcome;
            }
            const Batch& batch = batches.batch(index);
            const StepResult result = step.run(batch);
            if (std::optional<Divergence> problem = divergence.problem(result.loss)) {
                lastGood.restore();
                outcome.status = TrainingStatus::Diverged;
                problem->epoch = epoch;
                problem->batch = index + 1;
                outcome.divergence = *problem;
                outcome.reason = describe(*problem);
                best.finish();
                return outcome;
            }
            schedule.startBatch(epoch, index, *optimizer);
            step.update(*optimizer);
            lossSum += result.loss * batch.count;
            correct += result.correct;
            if (callbacks.onBatch)
                callbacks.onBatch({epoch, index + 1, batches.batchesPerEpoch(), result.loss,
                                   static_cast<double>(result.correct) / batch.count,
                                   gate.trainingSeconds()});
        }

        EpochMetrics metrics;
        metrics.epoch = epoch;
        metrics.seconds = gate.trainingSeconds() - epochStart;
        metrics.trainLoss = lossSum / trainCount;
        metrics.trainAccuracy = static_cast<double>(correct) / trainCount;
        metrics.learningRate = optimizer->learningRate();
        evaluateEpoch(network, *loss, validation, test, metrics);
        outcome.epochs.push_back(metrics);
        best.consider(network, metrics);
        if (callbacks.onEpoch)
            callbacks.onEpoch(metrics);
        if (callbacks.onCheckpoint)
            callbacks.onCheckpoint(network,
                                   stateAfterEpoch(outcome, rng, step, *optimizer, divergence, best));
    }
    outcome.status = TrainingStatus::Completed;
    best.finish();
    return outcome;
}

} // namespace digitpad
