// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/DataParallelStep.h"

#include "nn/Evaluation.h"
#include "tensor/DenormalGuard.h"
#include "train/ParameterSpans.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace digitpad {

namespace {

/// Values per span of the gradient sum and the update: Adam streams four arrays of them (weights, gradient,
/// two moments), 128 KiB, which stays in the L2 cache, and the mlp preset's 110 000 parameters make 16
/// spans to share out, enough for two threads to finish together.
constexpr Eigen::Index kSpanValues = 8192;

bool hasSplit(const std::vector<ParamRef>& params) {
    return std::any_of(params.begin(), params.end(), [](const ParamRef& p) { return p.splitColumn > 0; });
}

} // namespace

DataParallelStep::DataParallelStep(Network& network, int batchSize, int shards, const TrainConfig& config,
                                   Rng& rng)
    : network_(network), params_(network.params()), spans_(parameterSpans(params_, kSpanValues)),
      batchSize_(batchSize), shards_(shards),
      splitsLayers_(shards == 1 && batchSize > 1 && hasSplit(params_)),
      replicas_(static_cast<std::size_t>(shards - 1), network),
      pool_(ShardPool::threadsFor(splitsLayers_ ? kSplitParts : shards, config.threads)) {
    if (splitsLayers_) {
        partSpans_ = partSpans(params_);
        network.shareWork(&pool_);
    }
    for (int index = 0; index < shards; ++index) {
        Shard& shard = states_[static_cast<std::size_t>(index)];
        shard.network = index == 0 ? &network : &replicas_[static_cast<std::size_t>(index - 1)];
        shard.params = index == 0 ? params_ : shard.network->params();
        shard.loss = makeLoss(config.loss, config.labelSmoothing);
        shard.ownRng.seed(config.seed + 0x9E3779B97F4A7C15ULL * static_cast<unsigned long long>(index));
        shard.rng = index == 0 ? &rng : &shard.ownRng;
    }
}

DataParallelStep::~DataParallelStep() {
    network_.shareWork(nullptr);
}

std::vector<Rng> DataParallelStep::shardRngs() const {
    std::vector<Rng> rngs;
    for (int index = 1; index < shards_; ++index)
        rngs.push_back(states_[static_cast<std::size_t>(index)].ownRng);
    return rngs;
}

void DataParallelStep::restoreShardRngs(const std::vector<Rng>& rngs) {
    if (static_cast<int>(rngs.size()) != shards_ - 1)
        throw std::invalid_argument("the saved state has " + std::to_string(rngs.size() + 1) +
                                    " shards, this run splits each batch into " + std::to_string(shards_));
    for (int index = 1; index < shards_; ++index)
        states_[static_cast<std::size_t>(index)].ownRng = rngs[static_cast<std::size_t>(index - 1)];
}

void DataParallelStep::runShard(const Batch& batch, int index) {
    const DenormalGuard flushOnThisThread;
    Shard& shard = states_[static_cast<std::size_t>(index)];
    const ShardSamples& samples = batch.parts[static_cast<std::size_t>(index)];
    Matrix& outputGradient = shard.outputGradient[batch.count == batchSize_ ? 0 : 1];
    const Matrix& output = shard.network->forward(samples.inputs, *shard.rng);
    shard.meanLoss = shard.loss->compute(output, samples.labels, outputGradient);
    shard.correct = 0;
    for (int c = 0; c < output.cols(); ++c)
        shard.correct += argmaxColumn(output, c) == samples.labels[static_cast<std::size_t>(c)];
    if (std::isfinite(shard.meanLoss))
        shard.network->backward(outputGradient);
}

void DataParallelStep::sumGradients(int count, int shards, std::size_t span) {
    const ParamSpan& part = spans_[span];
    const Eigen::Index size = part.last - part.first;
    using Values = Eigen::Map<Eigen::Matrix<Scalar, Eigen::Dynamic, 1>>;
    auto values = [&](const ParamRef& p) { return Values(p.grad->data() + part.first, size); };
    Values sum = values(params_[part.param]);
    sum *= Scalar(shardShare(count, shards, 0));
    for (int shard = 1; shard < shards; ++shard)
        sum += Scalar(shardShare(count, shards, shard)) *
               values(states_[static_cast<std::size_t>(shard)].params[part.param]);
}

StepResult DataParallelStep::run(const Batch& batch) {
    const int active = batch.shards;
    auto work = [&](int shard) { runShard(batch, shard); };
    pool_.run(active, work);

    StepResult result;
    for (int shard = 0; shard < active; ++shard) {
        const Shard& state = states_[static_cast<std::size_t>(shard)];
        result.loss += state.meanLoss * shardShare(batch.count, active, shard);
        result.correct += state.correct;
    }
    if (!std::isfinite(result.loss) || active == 1)
        return result;
    auto sum = [&](int span) {
        const DenormalGuard flushOnThisThread;
        sumGradients(batch.count, active, static_cast<std::size_t>(span));
    };
    pool_.run(static_cast<int>(spans_.size()), sum);
    return result;
}

void DataParallelStep::update(Optimizer& optimizer) {
    if (splitsLayers_) {
        optimizer.beginStep(params_);
        auto work = [&](int part) {
            const DenormalGuard flushOnThisThread;
            for (const ParamSpan& span : partSpans_[static_cast<std::size_t>(part)])
                optimizer.update(params_, span);
        };
        pool_.runPinned(kSplitParts, work);
        return;
    }
    if (shards_ == 1) {
        optimizer.step(params_); // one thread, and plain SGD's shortcut for sparse gradients
        return;
    }
    optimizer.beginStep(params_);
    auto work = [&](int span) {
        const DenormalGuard flushOnThisThread; // as on the training thread: the bits must not depend on it
        const ParamSpan& part = spans_[static_cast<std::size_t>(span)];
        optimizer.update(params_, part);
        const Scalar* updated = params_[part.param].value->data();
        for (int shard = 1; shard < shards_; ++shard)
            std::copy(updated + part.first, updated + part.last,
                      states_[static_cast<std::size_t>(shard)].params[part.param].value->data() + part.first);
    };
    pool_.run(static_cast<int>(spans_.size()), work);
}

} // namespace digitpad
