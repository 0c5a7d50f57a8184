// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Augmenter.h"
#include "data/Dataset.h"
#include "data/FramingSteps.h"
#include "train/BatchPrefetcher.h"
#include "train/Sharding.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace digitpad {

/// One shard's samples of a batch.
struct ShardSamples {
    Matrix inputs;                    ///< features × shard size, one sample per column
    std::vector<std::uint8_t> labels; ///< shard size
};

/// A batch of training samples, already split into shards (see shardRange()).
struct Batch {
    int count = 0;  ///< samples in the batch
    int shards = 0; ///< shards in use: the source's shard count, fewer when the batch has fewer samples
    std::array<ShardSamples, kMaxShards> parts; ///< [0, shards) are filled
};

/// Serves the batches of each epoch: shuffles the sample order per epoch, gathers each batch's samples into
/// its shards' buffers and, when augmentation is on, distorts them on a second thread one batch ahead
/// (BatchPrefetcher) while the current batch trains.
///
/// Each augmented batch draws its distortions from a seed derived from (seed, epoch, batch, shard), so the
/// numbers do not depend on the threads' timing. Buffers are kept per batch size (full batches, and the
/// epoch's last, partial one), so serving allocates nothing once every batch size has been seen.
class BatchSource {
public:
    /// Batches of `batchSize` (1 ≤ batchSize ≤ sampleCount) from the first `sampleCount` samples of `data`,
    /// each split into `shards` (1 ≤ shards ≤ kMaxShards). `augment` applies when enabled, drawn from `seed`;
    /// `framingSteps` then correct each augmented image (`data` itself must already have them applied).
    /// `data` must outlive the source.
    BatchSource(const Dataset& data, int sampleCount, int batchSize, int shards,
                const AugmentSettings& augment, unsigned long long seed,
                const FramingSteps& framingSteps = {});
    BatchSource(const BatchSource&) = delete;
    BatchSource& operator=(const BatchSource&) = delete;

    int batchesPerEpoch() const { return (sampleCount_ + batchSize_ - 1) / batchSize_; }
    /// Samples in batch `batch` (0-based) of an epoch: batchSize, or fewer for the last one.
    int batchCount(int batch) const;

    /// Starts epoch `epoch` (1-based): the sample order becomes a shuffle of 0 … sampleCount − 1 drawn from
    /// `rng`, and with augmentation batch 0 starts being prepared. The previous epoch's batches must all have
    /// been taken.
    void startEpoch(int epoch, Rng& rng);
    /// The samples of batch `batch` (0-based) of the current epoch. Take the batches in order, once each; the
    /// reference stays valid until the next call. With augmentation this waits for the prepared batch and
    /// starts preparing the next one.
    const Batch& batch(int batch);

private:
    /// Which of slots_ batch `batch` uses.
    int slotOf(int batch) const;
    /// Gathers (and augments) batch `batch` of epoch `epoch` into its slot. Runs on the prefetch thread when
    /// augmenting, so it reads only order_ (written by startEpoch() while no batch is being prepared).
    void fill(int epoch, int batch);

    const Dataset& data_;
    int sampleCount_;
    int batchSize_;
    int shards_;
    unsigned long long seed_;
    int epoch_ = 0;
    std::vector<int> order_; ///< the current epoch's shuffled sample indices
    /// [0] full batches, [2] the last partial batch; with augmentation, full batches alternate between [0]
    /// and [1], so the next batch can be prepared while the current one trains.
    std::array<Batch, 3> slots_;
    std::optional<Augmenter> augmenter_;
    FramingSteps framingSteps_;
    /// Last: destroyed first, letting a batch being prepared finish before the buffers it writes go away.
    std::optional<BatchPrefetcher> prefetcher_;
};

} // namespace digitpad
