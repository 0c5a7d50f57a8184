// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Matrix.h"
#include "tensor/Result.h"
#include "train/TrainConfig.h"
#include "train/TrainingState.h"

#include <string>
#include <vector>

namespace digitpad {

/// Where a training run stood after a completed epoch, with what identifies the run: enough to continue it
/// bit-identically to a run that never stopped (see docs/checkpoint-format.md).
struct Checkpoint {
    TrainConfig config;          ///< the run's settings (epochs: the count it was to reach)
    std::string dataFolder;      ///< the data folder it trained on, as given
    int trainingLimit = 0;       ///< TrainingRequest::trainingLimit
    std::string extraFolder;     ///< TrainingRequest::extraFolder, empty for none
    int trainingImages = 0;      ///< the training split's size (validation included), to notice other data
    std::vector<Matrix> weights; ///< the network's after the last completed epoch, Network::params() order
    TrainingState state;         ///< the rest of the run: optimiser, generators, curves, best epoch

    /// The epoch reached: how many epochs completed.
    int epochsDone() const { return static_cast<int>(state.epochs.size()); }
};

/// The checkpoint format's version; a file of another version is refused with a message saying so.
inline constexpr int kCheckpointFormatVersion = 1;

/// Writes `checkpoint` atomically (a temp file renamed over `path`), so a crash while saving leaves the
/// previous checkpoint. The error names the file.
Status saveCheckpoint(const Checkpoint& checkpoint, const std::string& path);

/// Reads a checkpoint. Fails with a message naming the file and the reason (not a checkpoint, another
/// version or number type, wrong checksum, truncated, a malformed header). Checks the header length and the
/// tensor sizes the header declares against the file's size before allocating them.
Result<Checkpoint> loadCheckpoint(const std::string& path);

/// What keeps a run with `wanted` from continuing a checkpoint of `saved`, as one line such as "the
/// checkpoint's run used learning rate 0.001, this one asks for 0.01"; empty when it may. The thread count
/// may differ, and so may the epoch count with the step schedule: neither changes what an epoch computes
/// (a one-cycle schedule's rates depend on the run's length).
std::string settingsDifference(const TrainConfig& saved, const TrainConfig& wanted);

} // namespace digitpad
