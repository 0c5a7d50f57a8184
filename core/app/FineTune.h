// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/LabelledDrawing.h"
#include "app/TrainingSession.h"
#include "io/Model.h"
#include "tensor/Result.h"
#include "train/Trainer.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace digitpad {

/// How to fine-tune a model on a person's drawings. The defaults are what the app's Teach uses.
struct FineTuneSettings {
    int epochs = 4;
    unsigned long long seed = 1;
    /// The share of each epoch's samples drawn from MNIST's training split (replay), so the model does not
    /// forget MNIST while it learns the person's style; 0 = none, below 1.
    double replayFraction = 0.5;
    /// Every holdOutEvery-th drawing of each digit (the 5th, 10th, … in the given order) is kept out of
    /// training and scored before and after; 0 = hold nothing out.
    int holdOutEvery = 5;
    /// Each training drawing appears this many times per epoch, each time re-rendered at a random pen width
    /// (when its strokes are known) and distorted by the trainer's augmentation.
    int copiesPerDrawing = 8;
    double learningRate = 2e-4;
    int batchSize = 32;
};

/// The person's drawings, the model to start from and where MNIST lies.
struct FineTuneRequest {
    Model base;           ///< a copy: the caller's model is never changed
    std::string baseName; ///< how the header names the model it was tuned from, e.g. "default.dpm"
    std::vector<LabelledDrawing> drawings;
    /// Holds MNIST's IDX files: train-* for replay, t10k-* for the MNIST score. Empty, or a folder without
    /// them, tunes without replay and without an MNIST score (FineTuneStart::mnistMissing says why).
    std::string dataFolder;
    std::optional<std::string> drawnFolder; ///< DigitPad's drawn-digit set, scored before and after
    FineTuneSettings settings;
};

/// Accuracies of one model on the three sets (nullopt when a set was not available or is empty).
struct FineTuneScores {
    std::optional<double> heldOut; ///< the person's held-out drawings
    std::optional<double> mnist;   ///< MNIST test
    std::optional<double> drawn;   ///< DigitPad's drawn-digit set
};

/// Reported once the data is ready and the base model scored, before the first epoch.
struct FineTuneStart {
    int trainingDrawings = 0;
    int heldOutDrawings = 0;
    int replayImages = 0;    ///< MNIST images mixed into every epoch
    int samplesPerEpoch = 0; ///< drawings × copies + replay
    int mnistTestImages = 0;
    int drawnImages = 0;
    std::optional<Error> mnistMissing; ///< why there is no replay and MNIST score, else empty
    /// The networks tuned one after the other (an ensemble's members), and the epochs of the whole run:
    /// settings.epochs × members.
    int members = 1;
    int totalEpochs = 0;
    FineTuneScores before;
};

struct FineTuneCallbacks {
    std::function<void(const FineTuneStart&)> onStart;
    std::function<void(const BatchProgress&)> onBatch; ///< on the training thread; keep it cheap
    /// After every epoch; testAccuracy is the held-out drawings' accuracy (NaN without held-out drawings).
    std::function<void(const EpochMetrics&)> onEpoch;
};

struct FineTuneResult {
    std::optional<SessionError> error; ///< set when nothing was tuned; the rest is then empty
    TrainingOutcome outcome;
    FineTuneStart start;
    FineTuneScores after; ///< filled when the run completed
    /// The tuned copy, its header recording tunedFrom and tunedOnDrawings and the new MNIST / drawn-digit
    /// accuracies; only when outcome.status is Completed.
    std::optional<Model> model;

    bool ok() const { return !error.has_value(); }
};

/// Fine-tunes a copy of request.base on the person's drawings: holds out every holdOutEvery-th drawing of
/// each digit, scores the base model on the held-out drawings, MNIST test and the drawn-digit set, trains on
/// the rest (each drawing copiesPerDrawing times per epoch, re-rendered at pen widths ×0.6–1.6 when its
/// strokes are known, distorted by mild augmentation: shifts, small rotations, scale) mixed with a fixed,
/// seeded sample of MNIST training images (replayFraction of every epoch), with Adam at a small learning
/// rate, then scores the tuned copy on the same three sets. Seeded: the same request gives the same weights.
/// Expected failures (no drawings, a drawing without ink, a label outside 0–9, a model that does not take
/// 28×28 digits, unreadable MNIST files, invalid settings) come back in `error`, naming the source.
FineTuneResult runFineTune(const FineTuneRequest& request, TrainingControl& control,
                           const FineTuneCallbacks& callbacks = {});

} // namespace digitpad
