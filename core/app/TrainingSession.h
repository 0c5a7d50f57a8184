// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/Checkpoint.h"
#include "io/Model.h"
#include "tensor/Result.h"
#include "train/TrainConfig.h"
#include "train/Trainer.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace digitpad {

/// Whether a training session needs the data folder's t10k (test) split.
enum class TestSplit {
    Required, ///< a missing or unreadable test split stops the session (the CLI: it reports test accuracy)
    Optional, ///< the session trains without it and reports why there is none (the GUI)
};

/// One training run, from a data folder to a described model.
struct TrainingRequest {
    std::string dataFolder; ///< holds train-* (and t10k-*) IDX files
    TrainConfig config;
    TestSplit testSplit = TestSplit::Required;
    int trainingLimit = 0; ///< train on the first N training images only; 0 = all
    /// A folder of extra training canvases in the drawn-digit format (readDrawnDigits(): IDX canvases as a
    /// person draws them, 255 = paper), e.g. synthetic handwriting; empty = none. They go through the same
    /// preprocessing as a drawing (the model's framing and steps) and join the training images only: the
    /// validation images stay those of the data folder.
    std::string extraFolder;
    /// A file naming the classes, one per line (readClassNames()); without it, the folder's `labels` file,
    /// else Fashion-MNIST's names for its folder, else digits (classNamesFor()).
    std::optional<std::string> labelsFile;
    /// Where to save a checkpoint after every completed epoch (saveCheckpoint(), atomically); empty = none.
    std::string checkpointPath;
    /// A checkpoint to continue from instead of starting afresh; its settings (but the epoch and thread
    /// counts), data folder, limit and extra folder must be this request's. The run then ends as the run that
    /// wrote it would have, epoch for epoch and bit for bit.
    std::shared_ptr<const Checkpoint> resumeFrom;
    std::string resumePath; ///< where resumeFrom was read, for messages
};

/// A checkpoint the session wrote (or failed to write) after an epoch.
struct CheckpointSaved {
    int epoch = 0;
    std::string path;
    std::uintmax_t bytes = 0; ///< the file's size
    double seconds = 0.0;     ///< wall time of gathering the state and writing the file
    std::string error;        ///< why it could not be written; the run goes on without it
};

/// What a session is about to train, reported once the data is loaded and the network built.
struct TrainingStart {
    std::string architecture;     ///< the network's layer string
    long long parameters = 0;     ///< its trainable parameter count
    int trainingImages = 0;       ///< the training split (after trainingLimit), validation included
    int extraImages = 0;          ///< of which from TrainingRequest::extraFolder
    int validationImages = 0;     ///< held out from its end for validation
    int testImages = 0;           ///< 0 without a test split
    std::string testSplitMissing; ///< why there is no test split (TestSplit::Optional only), else empty
    /// The validation images themselves (the last validationImages of the training split, framed as trained
    /// on), so a front end can show the images behind the validation figures; empty without validation.
    std::shared_ptr<const Dataset> validationSet;
    /// The epochs a resumed run had completed (their metrics, the curves so far); empty for a new run.
    std::vector<EpochMetrics> resumedEpochs;
};

struct TrainingSessionCallbacks {
    std::function<void(const TrainingStart&)> onStart;
    std::function<void(const BatchProgress&)> onBatch; ///< on the training thread; keep it cheap
    std::function<void(const EpochMetrics&)> onEpoch;
    /// After each checkpoint write (TrainingRequest::checkpointPath), on the training thread.
    std::function<void(const CheckpointSaved&)> onCheckpoint;
};

/// Why a session stopped before training: the Error (its message names the setting, or the file and what is
/// wrong; a data error also has its kind and fields, for a front end's own wording) and what caused it.
struct SessionError : Error {
    enum class Cause {
        Settings, ///< the configuration is invalid, or does not fit the data (the CLI's usage errors)
        Data,     ///< a split is missing or unreadable, or the splits do not match
    };
    Cause cause = Cause::Settings;
};

/// How a session ended.
struct TrainingSessionResult {
    std::optional<SessionError> error; ///< set when the session did not train; the rest is then empty
    TrainingOutcome outcome;           ///< the run, when it trained
    /// The trained network with its header (data set name, training time, test accuracy when there was a test
    /// split), holding the weights of the last completed epoch: the final model of a completed run, and what
    /// a stopped or diverged run had reached. Empty when no epoch completed. Its header's epochs is the
    /// number of epochs its weights trained for.
    std::optional<Model> model;
    /// The same for outcome.bestEpoch, the epoch with the best validation accuracy, when that is not the last
    /// completed one; empty otherwise.
    std::optional<Model> bestModel;
    int testImages = 0; ///< the size of the test split the model was scored on (0 without one)

    bool ok() const { return !error.has_value(); }
};

/// A whole training session: validates the configuration once, loads the data folder's splits, builds the
/// network from the configuration for the data's shape and classes, trains it (honouring control's cancel
/// and pause flags between batches) and describes the models it reached (describeTraining() with
/// datasetName() of the folder, test accuracy from their epoch), whether the run completed, was stopped or
/// diverged: stopping never throws finished epochs away. Expected failures come back in
/// `error`; only programming errors throw. A run cancelled before training started reports Cancelled.
TrainingSessionResult runTrainingSession(const TrainingRequest& request, TrainingControl& control,
                                         const TrainingSessionCallbacks& callbacks = {});

} // namespace digitpad
