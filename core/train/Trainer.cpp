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

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
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
    /// What makes `loss` a divergence ("loss became NaN", "loss exploded to 1.83e+11"), or an empty string.
    /// The first finite loss of the run sets the limit.
    std::string problem(double loss) {
        if (!std::isfinite(loss))
            return std::string("loss became ") + (std::isnan(loss) ? "NaN" : "infinite");
        if (!std::isfinite(limit_)) {
            start_ = loss;
            limit_ = kDivergenceFactor * std::max(loss, kDivergenceLossFloor);
            return {};
        }
        return loss > limit_ ? "loss exploded to " + shortNumber(loss) : std::string();
    }

    /// Why an exploded loss counts as divergence: the limit and where it comes from.
    std::string limit() const {
        return "the limit is " + shortNumber(limit_) + ", " + shortNumber(kDivergenceFactor) +
               " times the first batch's loss of " + shortNumber(start_) +
               (start_ < kDivergenceLossFloor ? " counted as " + shortNumber(kDivergenceLossFloor) : "");
    }

private:
    double start_ = 0.0;
    double limit_ = std::numeric_limits<double>::infinity();
};

/// "loss exploded to 1.83e+11 at epoch 2, batch 1 (the limit is …); kept the weights from the end of epoch 1
/// (try a lower learning rate)".
std::string divergenceReason(const std::string& problem, const std::string& detail, int epoch, int batch) {
    return problem + " at epoch " + std::to_string(epoch) + ", batch " + std::to_string(batch) +
           (detail.empty() ? "" : " (" + detail + ")") + "; kept the weights from " +
           (epoch == 1 ? std::string("before training") : "the end of epoch " + std::to_string(epoch - 1)) +
           " (try a lower learning rate)";
}

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

} // namespace

TrainingOutcome train(Network& network, const Dataset& train, const Dataset* test, const TrainConfig& config,
                      TrainingControl& control, const TrainingCallbacks& callbacks) {
    const DenormalGuard flushDenormals;
    checkArguments(network, train, config);
    const int trainCount = trainingSampleCount(train, config);
    const Dataset validation = train.slice(trainCount, train.size() - trainCount);
    const std::unique_ptr<Loss> loss = makeLoss(config.loss);
    const std::unique_ptr<Optimizer> optimizer = makeOptimizer(config.optimizer);
    const LearningRateSchedule schedule(config);
    const int batchSize = std::min(config.batchSize, trainCount);

    Rng rng(config.seed); // shuffles the samples and draws shard 0's random numbers
    DataParallelStep step(network, batchSize, shardCount(config, network, batchSize), config, rng);
    LastGoodWeights lastGood(step.params());
    BatchSource batches(train, trainCount, batchSize, step.shards(), config.augment, config.seed,
                        config.framingSteps);
    PauseGate gate(control);
    DivergenceCheck divergence;

    TrainingOutcome outcome;
    BestEpoch best(outcome);
    outcome.shards = step.shards();
    outcome.epochs.reserve(static_cast<std::size_t>(config.epochs));
    for (int epoch = 1; epoch <= config.epochs; ++epoch) {
        schedule.apply(epoch, *optimizer);
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
            if (const std::string problem = divergence.problem(result.loss); !problem.empty()) {
                lastGood.restore();
                outcome.status = TrainingStatus::Diverged;
                const bool exploded = std::isfinite(result.loss);
                outcome.reason = divergenceReason(problem, exploded ? divergence.limit() : std::string(),
                                                  epoch, index + 1);
                best.finish();
                return outcome;
            }
            optimizer->step(step.params());
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
    }
    outcome.status = TrainingStatus::Completed;
    best.finish();
    return outcome;
}

} // namespace digitpad
