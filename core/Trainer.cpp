// SPDX-License-Identifier: GPL-3.0-or-later
#include "Trainer.h"

#include "Augmenter.h"
#include "BatchPrefetcher.h"
#include "DenormalGuard.h"
#include "Evaluation.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <thread>

namespace digitpad {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Input and gradient buffers for one batch size; training keeps sets for full batches and one for the
/// epoch's last, partial batch, so the loop allocates nothing after the first epoch.
struct BatchBuffers {
    Matrix inputs;                    ///< features × batch
    std::vector<std::uint8_t> labels; ///< batch
    Matrix outputGradient;            ///< classes × batch
};

/// Waits while paused; returns true when cancelled. The wait is not counted as training time.
bool waitWhilePaused(TrainingControl& control, double& pausedSeconds) {
    if (control.pause.load(std::memory_order_relaxed)) {
        const auto start = Clock::now();
        while (control.pause.load(std::memory_order_relaxed) &&
               !control.cancel.load(std::memory_order_relaxed))
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        pausedSeconds += secondsSince(start);
    }
    return control.cancel.load(std::memory_order_relaxed);
}

} // namespace

TrainingOutcome train(Network& network, const Dataset& train, const Dataset* test, const TrainConfig& config,
                      TrainingControl& control, const TrainingCallbacks& callbacks) {
    const DenormalGuard flushDenormals;
    if (const std::string problem = config.validate(); !problem.empty())
        throw std::invalid_argument(problem);
    if (train.images.rows() != network.inputShape().size())
        throw std::invalid_argument("training images have " + std::to_string(train.images.rows()) +
                                    " values, the network expects " +
                                    std::to_string(network.inputShape().size()));
    if (train.images.cols() != train.size())
        throw std::invalid_argument("training set has " + std::to_string(train.images.cols()) +
                                    " images but " + std::to_string(train.size()) + " labels");

    const int validationCount = static_cast<int>(std::lround(config.validationFraction * train.size()));
    const int trainCount = train.size() - validationCount;
    if (trainCount < 1)
        throw std::invalid_argument("no training samples left after holding out " +
                                    std::to_string(validationCount) + " for validation");
    const Dataset validation = train.slice(trainCount, validationCount);

    const std::unique_ptr<Loss> loss = makeLoss(config.loss);
    const std::unique_ptr<Optimizer> optimizer = makeOptimizer(config.optimizer);
    const std::vector<ParamRef> params = network.params();
    const int batchSize = std::min(config.batchSize, trainCount);
    const int batchesPerEpoch = (trainCount + batchSize - 1) / batchSize;
    const Eigen::Index features = train.images.rows();

    Rng rng(config.seed);
    std::vector<int> order(static_cast<std::size_t>(trainCount));
    // [0] full batches, [2] the last partial batch; with augmentation, full batches alternate between [0] and
    // [1], so the next batch can be prepared while the current one trains.
    std::array<BatchBuffers, 3> buffers;
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    // The weights of the last completed epoch, restored if the next one diverges. Copied value by value into
    // buffers allocated once, so an epoch boundary allocates nothing either.
    std::vector<Matrix> lastGood;
    for (const ParamRef& p : params)
        lastGood.push_back(*p.value);

    // Augmented batches are prepared on a second thread, one batch ahead. Each batch draws its distortions
    // from a seed derived from (seed, epoch, batch), so the numbers do not depend on the threads' timing. The
    // worker reads `order` only between submit() and wait(), never while the epoch's shuffle writes it.
    const bool augmenting = config.augment.enabled;
    std::optional<Augmenter> augmenter;
    if (augmenting)
        augmenter.emplace(config.augment, train.shape, config.seed);
    const auto slotOf = [&](int batch) {
        if (std::min(batchSize, trainCount - batch * batchSize) != batchSize)
            return 2;
        return augmenting ? batch % 2 : 0;
    };
    const auto fillBatch = [&](int epoch, int batch) {
        const int first = batch * batchSize;
        const int count = std::min(batchSize, trainCount - first);
        BatchBuffers& b = buffers[static_cast<std::size_t>(slotOf(batch))];
        const int* samples = order.data() + first;
        if (augmenter) {
            augmenter->augmentBatch(train.images, samples, count,
                                    Augmenter::batchSeed(config.seed, epoch, batch), b.inputs);
        } else {
            b.inputs.resize(features, count);
            for (int c = 0; c < count; ++c)
                b.inputs.col(c) = train.images.col(samples[c]);
        }
        b.labels.resize(static_cast<std::size_t>(count));
        for (int c = 0; c < count; ++c)
            b.labels[static_cast<std::size_t>(c)] = train.labels[static_cast<std::size_t>(samples[c])];
    };
    // Declared after everything fillBatch touches, so it is destroyed (waiting for a running batch) first.
    std::optional<BatchPrefetcher> prefetcher;
    if (augmenting)
        prefetcher.emplace([&](const BatchRequest& request) { fillBatch(request.epoch, request.batch); });

    TrainingOutcome outcome;
    outcome.epochs.reserve(static_cast<std::size_t>(config.epochs));
    const auto runStart = Clock::now();
    double pausedSeconds = 0.0;
    for (int epoch = 1; epoch <= config.epochs; ++epoch) {
        if (config.lrStepEvery > 0)
            optimizer->setLearningRate(config.optimizer.learningRate *
                                       std::pow(config.lrStepGamma, (epoch - 1) / config.lrStepEvery));
        for (std::size_t i = 0; i < params.size(); ++i)
            lastGood[i] = *params[i].value;
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), rng);
        if (prefetcher)
            prefetcher->submit({epoch, 0});

        const auto epochStart = Clock::now();
        const double pausedBefore = pausedSeconds;
        double lossSum = 0.0;
        long long correct = 0;
        for (int batch = 0; batch < batchesPerEpoch; ++batch) {
            if (waitWhilePaused(control, pausedSeconds)) {
                outcome.status = TrainingStatus::Cancelled;
                return outcome;
            }
            const int count = std::min(batchSize, trainCount - batch * batchSize);
            BatchBuffers& b = buffers[static_cast<std::size_t>(slotOf(batch))];
            if (prefetcher) {
                prefetcher->wait();
                if (batch + 1 < batchesPerEpoch)
                    prefetcher->submit({epoch, batch + 1});
            } else {
                fillBatch(epoch, batch);
            }

            const Matrix& output = network.forward(b.inputs, rng);
            const double batchLoss = loss->compute(output, b.labels, b.outputGradient);
            if (!std::isfinite(batchLoss)) {
                for (std::size_t i = 0; i < params.size(); ++i)
                    *params[i].value = lastGood[i];
                outcome.status = TrainingStatus::Diverged;
                outcome.reason = std::string("loss became ") + (std::isnan(batchLoss) ? "NaN" : "infinite") +
                                 " at epoch " + std::to_string(epoch) + ", batch " +
                                 std::to_string(batch + 1) + "; kept the weights from " +
                                 (epoch == 1 ? std::string("before training")
                                             : "the end of epoch " + std::to_string(epoch - 1)) +
                                 " (try a lower learning rate)";
                return outcome;
            }
            int batchCorrect = 0;
            for (int c = 0; c < count; ++c)
                batchCorrect += argmaxColumn(output, c) == b.labels[static_cast<std::size_t>(c)];
            network.backward(b.outputGradient);
            optimizer->step(params);

            lossSum += batchLoss * count;
            correct += batchCorrect;
            if (callbacks.onBatch)
                callbacks.onBatch({epoch, batch + 1, batchesPerEpoch, batchLoss,
                                   static_cast<double>(batchCorrect) / count,
                                   secondsSince(runStart) - pausedSeconds});
        }

        EpochMetrics metrics;
        metrics.epoch = epoch;
        metrics.seconds = secondsSince(epochStart) - (pausedSeconds - pausedBefore);
        metrics.trainLoss = lossSum / trainCount;
        metrics.trainAccuracy = static_cast<double>(correct) / trainCount;
        metrics.learningRate = optimizer->learningRate();
        metrics.validationLoss = nan;
        metrics.validationAccuracy = nan;
        metrics.testAccuracy = nan;
        if (validation.size() > 0) {
            const Evaluation v = evaluate(network, *loss, validation);
            metrics.validationLoss = v.loss;
            metrics.validationAccuracy = v.accuracy;
        }
        if (test && test->size() > 0)
            metrics.testAccuracy = evaluate(network, *loss, *test).accuracy;
        outcome.epochs.push_back(metrics);
        if (callbacks.onEpoch)
            callbacks.onEpoch(metrics);
    }
    outcome.status = TrainingStatus::Completed;
    return outcome;
}

std::string toString(TrainingStatus status) {
    switch (status) {
    case TrainingStatus::Completed:
        return "completed";
    case TrainingStatus::Cancelled:
        return "cancelled";
    case TrainingStatus::Diverged:
        return "diverged";
    }
    return "?";
}

} // namespace digitpad
