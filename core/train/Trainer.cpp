// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Trainer.h"

#include "data/Augmenter.h"
#include "nn/Evaluation.h"
#include "tensor/DenormalGuard.h"
#include "train/BatchPrefetcher.h"
#include "train/ShardPool.h"

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

/// Automatic sharding: a batch may be split into shards of at least this many samples that train side by
/// side on replicas of the network (data parallelism), their gradients summed weighted by size.
constexpr int kMinShardSamples = 16;
/// More shards than cores: the threads share them out as they go, so a core that other work slows down
/// takes fewer of them instead of holding up every step.
constexpr int kMaxShards = 4;
/// ... when the batch's forward multiply-adds are at least this many per parameter. Splitting costs, per
/// step, a copy of every weight into the replica and a weighted sum of every gradient, while the Adam step
/// stays on one thread; that pays only when the products reuse each weight a lot. Measured on 2 cores:
/// lenet (about 1600 per parameter at batch 64) trains 1.8× faster split; mlp (64, every weight used once
/// per sample) got no faster (0.58–0.79 s against 0.62–0.68 s per epoch).
constexpr long long kMinMultiplyAddsPerParameter = 512;

int shardCount(const TrainConfig& config, const Network& network, int batchSize) {
    if (batchSize < 2)
        return 1;
    if (config.shards > 0)
        return std::min(config.shards, kMaxShards);
    const long long work = network.multiplyAddsPerSample() * batchSize;
    const bool enoughWork = work >= kMinMultiplyAddsPerParameter * std::max(network.parameterCount(), 1LL);
    return enoughWork ? std::clamp(batchSize / kMinShardSamples, 1, kMaxShards) : 1;
}

/// Input and gradient buffers for one shard of one batch size.
struct ShardBuffers {
    Matrix inputs;                    ///< features × shard size
    std::vector<std::uint8_t> labels; ///< shard size
    Matrix outputGradient;            ///< classes × shard size
};

/// The shards of one batch size; training keeps sets for full batches and one for the epoch's last, partial
/// batch, so the loop allocates nothing after the first epoch.
struct BatchBuffers {
    std::array<ShardBuffers, kMaxShards> shards;
};

/// What one shard trains with: shard 0 uses the caller's network, the others replicas of it.
struct ShardState {
    Network* network = nullptr;
    std::vector<ParamRef> params;
    std::unique_ptr<Loss> loss;
    Rng rng;
    double batchLoss = 0.0; ///< mean loss over the shard's samples in the current step
    int correct = 0;        ///< of the shard's samples in the current step
};

/// Samples [first, last) of a batch of `count` that shard `shard` of `shards` trains.
std::pair<int, int> shardRange(int count, int shards, int shard) {
    return {count * shard / shards, count * (shard + 1) / shards};
}

/// The weight of that shard's mean loss and gradient in the batch's: its share of the samples.
double shardShare(int count, int shards, int shard) {
    const auto [first, last] = shardRange(count, shards, shard);
    return double(last - first) / count;
}

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
    const int shards = shardCount(config, network, batchSize);
    // Replicas of the network for shards 1…: weights are copied in at every step, so the optimiser only
    // ever updates `network`. Shard 0 shares the shuffling generator (its dropout draws are then the same
    // as without sharding); the others get their own streams.
    std::vector<Network> replicas(static_cast<std::size_t>(shards - 1), network);
    std::array<ShardState, kMaxShards> states;
    for (int shardIndex = 0; shardIndex < shards; ++shardIndex) {
        ShardState& state = states[static_cast<std::size_t>(shardIndex)];
        state.network = shardIndex == 0 ? &network : &replicas[static_cast<std::size_t>(shardIndex - 1)];
        state.params = shardIndex == 0 ? params : state.network->params();
        state.loss = makeLoss(config.loss);
        state.rng.seed(config.seed + 0x9E3779B97F4A7C15ULL * static_cast<unsigned long long>(shardIndex));
    }
    ShardPool pool(ShardPool::threadsFor(shards, config.threads));
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
        const int active = std::min(shards, count); // a last batch of one sample cannot be split
        for (int shard = 0; shard < active; ++shard) {
            const auto [from, to] = shardRange(count, active, shard);
            ShardBuffers& target = b.shards[static_cast<std::size_t>(shard)];
            const int* samples = order.data() + first + from;
            if (augmenter) {
                augmenter->augmentBatch(train.images, samples, to - from,
                                        Augmenter::batchSeed(config.seed, epoch, batch) +
                                            0x9E3779B97F4A7C15ULL * static_cast<unsigned long long>(shard),
                                        target.inputs);
            } else {
                target.inputs.resize(features, to - from);
                for (int c = 0; c < to - from; ++c)
                    target.inputs.col(c) = train.images.col(samples[c]);
            }
            target.labels.resize(static_cast<std::size_t>(to - from));
            for (int c = 0; c < to - from; ++c)
                target.labels[static_cast<std::size_t>(c)] =
                    train.labels[static_cast<std::size_t>(samples[c])];
        }
    };
    // Declared after everything fillBatch touches, so it is destroyed (waiting for a running batch) first.
    std::optional<BatchPrefetcher> prefetcher;
    if (augmenting)
        prefetcher.emplace([&](const BatchRequest& request) { fillBatch(request.epoch, request.batch); });

    TrainingOutcome outcome;
    outcome.shards = shards;
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

            const int active = std::min(shards, count);
            // Forward and backward of every shard; shards ≥ 1 first take the current weights.
            auto trainShard = [&](int shard) {
                const DenormalGuard flushOnThisThread;
                ShardState& state = states[static_cast<std::size_t>(shard)];
                ShardBuffers& data = b.shards[static_cast<std::size_t>(shard)];
                if (shard > 0)
                    for (std::size_t i = 0; i < params.size(); ++i)
                        *state.params[i].value = *params[i].value;
                Rng& shardRng = shard == 0 ? rng : state.rng;
                const Matrix& output = state.network->forward(data.inputs, shardRng);
                state.batchLoss = state.loss->compute(output, data.labels, data.outputGradient);
                state.correct = 0;
                for (int c = 0; c < output.cols(); ++c)
                    state.correct += argmaxColumn(output, c) == data.labels[static_cast<std::size_t>(c)];
                if (std::isfinite(state.batchLoss))
                    state.network->backward(data.outputGradient);
            };
            pool.run(active, trainShard);

            // Each shard's gradient is the mean over its samples; the batch's is their size-weighted mean.
            double batchLoss = 0.0;
            int batchCorrect = 0;
            for (int shard = 0; shard < active; ++shard) {
                batchLoss +=
                    states[static_cast<std::size_t>(shard)].batchLoss * shardShare(count, active, shard);
                batchCorrect += states[static_cast<std::size_t>(shard)].correct;
            }
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
            if (active > 1)
                for (std::size_t i = 0; i < params.size(); ++i) {
                    *params[i].grad *= Scalar(shardShare(count, active, 0));
                    for (int shard = 1; shard < active; ++shard)
                        *params[i].grad += Scalar(shardShare(count, active, shard)) *
                                           *states[static_cast<std::size_t>(shard)].params[i].grad;
                }
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

} // namespace digitpad
