// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "nn/Network.h"
#include "train/TrainConfig.h"

#include <utility>

namespace digitpad {

/// The most shards a batch is split into. More shards than cores: the threads share them out as they go, so
/// a core that other work slows down takes fewer of them instead of holding up every step.
inline constexpr int kMaxShards = 4;

/// How many shards each full batch of `batchSize` samples is split into (data parallelism: the shards train
/// side by side on replicas of `network`, their gradients summed weighted by size). config.shards > 0 fixes
/// it; 0 decides from the work per parameter (see Sharding.cpp).
int shardCount(const TrainConfig& config, const Network& network, int batchSize);

/// Samples [first, last) of a batch of `count` that shard `shard` of `shards` trains.
inline std::pair<int, int> shardRange(int count, int shards, int shard) {
    return {count * shard / shards, count * (shard + 1) / shards};
}

/// The weight of that shard's mean loss and gradient in the batch's: its share of the samples.
inline double shardShare(int count, int shards, int shard) {
    const auto [first, last] = shardRange(count, shards, shard);
    return double(last - first) / count;
}

} // namespace digitpad
