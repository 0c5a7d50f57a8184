// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/BatchSource.h"

#include <algorithm>
#include <numeric>

namespace digitpad {

BatchSource::BatchSource(const Dataset& data, int sampleCount, int batchSize, int shards,
                         const AugmentSettings& augment, unsigned long long seed,
                         const FramingSteps& framingSteps)
    : data_(data), sampleCount_(sampleCount), batchSize_(batchSize), shards_(shards), seed_(seed),
      order_(static_cast<std::size_t>(sampleCount)), framingSteps_(framingSteps) {
    if (augment.enabled) {
        augmenter_.emplace(augment, data.shape, seed);
        prefetcher_.emplace([this](const BatchRequest& request) { fill(request.epoch, request.batch); });
    }
}

int BatchSource::batchCount(int batch) const {
    return std::min(batchSize_, sampleCount_ - batch * batchSize_);
}

int BatchSource::slotOf(int batch) const {
    if (batchCount(batch) != batchSize_)
        return 2;
    return augmenter_ ? batch % 2 : 0;
}

void BatchSource::startEpoch(int epoch, Rng& rng) {
    epoch_ = epoch;
    std::iota(order_.begin(), order_.end(), 0);
    std::shuffle(order_.begin(), order_.end(), rng);
    if (prefetcher_)
        prefetcher_->submit({epoch, 0});
}

const Batch& BatchSource::batch(int batch) {
    if (prefetcher_) {
        prefetcher_->wait();
        if (batch + 1 < batchesPerEpoch())
            prefetcher_->submit({epoch_, batch + 1});
    } else {
        fill(epoch_, batch);
    }
    return slots_[static_cast<std::size_t>(slotOf(batch))];
}

void BatchSource::fill(int epoch, int batch) {
    const int first = batch * batchSize_;
    const int count = batchCount(batch);
    Batch& target = slots_[static_cast<std::size_t>(slotOf(batch))];
    target.count = count;
    target.shards = std::min(shards_, count); // a last batch of one sample cannot be split
    for (int shard = 0; shard < target.shards; ++shard) {
        const auto [from, to] = shardRange(count, target.shards, shard);
        ShardSamples& part = target.parts[static_cast<std::size_t>(shard)];
        const int* samples = order_.data() + first + from;
        if (augmenter_) {
            augmenter_->augmentBatch(data_.images, samples, to - from,
                                     Augmenter::batchSeed(seed_, epoch, batch) +
                                         0x9E3779B97F4A7C15ULL * static_cast<unsigned long long>(shard),
                                     part.inputs);
            // After the distortions: a sheared or thickened copy is corrected as a drawing would be.
            applyFramingSteps(framingSteps_, part.inputs, data_.shape.width);
        } else {
            part.inputs.resize(data_.images.rows(), to - from);
            for (int c = 0; c < to - from; ++c)
                part.inputs.col(c) = data_.images.col(samples[c]);
        }
        part.labels.resize(static_cast<std::size_t>(to - from));
        for (int c = 0; c < to - from; ++c)
            part.labels[static_cast<std::size_t>(c)] = data_.labels[static_cast<std::size_t>(samples[c])];
    }
}

} // namespace digitpad
