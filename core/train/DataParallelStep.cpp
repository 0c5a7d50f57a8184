// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/DataParallelStep.h"

#include "nn/Evaluation.h"
#include "tensor/DenormalGuard.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace digitpad {

DataParallelStep::DataParallelStep(Network& network, int batchSize, int shards, const TrainConfig& config,
                                   Rng& rng)
    : params_(network.params()), batchSize_(batchSize), shards_(shards),
      replicas_(static_cast<std::size_t>(shards - 1), network),
      pool_(ShardPool::threadsFor(shards, config.threads)) {
    for (int index = 0; index < shards; ++index) {
        Shard& shard = states_[static_cast<std::size_t>(index)];
        shard.network = index == 0 ? &network : &replicas_[static_cast<std::size_t>(index - 1)];
        shard.params = index == 0 ? params_ : shard.network->params();
        shard.loss = makeLoss(config.loss, config.labelSmoothing);
        shard.ownRng.seed(config.seed + 0x9E3779B97F4A7C15ULL * static_cast<unsigned long long>(index));
        shard.rng = index == 0 ? &rng : &shard.ownRng;
    }
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
    if (index > 0)
        for (std::size_t i = 0; i < params_.size(); ++i)
            *shard.params[i].value = *params_[i].value;
    const Matrix& output = shard.network->forward(samples.inputs, *shard.rng);
    shard.meanLoss = shard.loss->compute(output, samples.labels, outputGradient);
    shard.correct = 0;
    for (int c = 0; c < output.cols(); ++c)
        shard.correct += argmaxColumn(output, c) == samples.labels[static_cast<std::size_t>(c)];
    if (std::isfinite(shard.meanLoss))
        shard.network->backward(outputGradient);
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
    for (std::size_t i = 0; i < params_.size(); ++i) {
        *params_[i].grad *= Scalar(shardShare(batch.count, active, 0));
        for (int shard = 1; shard < active; ++shard)
            *params_[i].grad += Scalar(shardShare(batch.count, active, shard)) *
                                *states_[static_cast<std::size_t>(shard)].params[i].grad;
    }
    return result;
}

} // namespace digitpad
