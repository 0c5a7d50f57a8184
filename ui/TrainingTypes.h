// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/FineTune.h"
#include "app/LabelledDrawing.h"
#include "app/ModelEvaluation.h"
#include "app/TrainingSession.h"
#include "data/Dataset.h"
#include "io/Model.h"
#include "train/Trainer.h"

#include <QMetaType>
#include <QString>

#include <memory>
#include <vector>

// The value structs that cross from the training thread to the GUI thread through queued signals. Queued
// connections copy their arguments, so each must be a registered metatype.
Q_DECLARE_METATYPE(digitpad::BatchProgress)
Q_DECLARE_METATYPE(digitpad::EpochMetrics)
Q_DECLARE_METATYPE(digitpad::TrainingOutcome)
Q_DECLARE_METATYPE(std::shared_ptr<const digitpad::Model>)
Q_DECLARE_METATYPE(digitpad::FineTuneStart)
Q_DECLARE_METATYPE(digitpad::FineTuneScores)
Q_DECLARE_METATYPE(digitpad::SessionError)

/// The models a finished run offers. `last` holds the weights of the last completed epoch (the final model
/// of a completed run, what a stopped or diverged run had reached), null when no epoch completed; `best`
/// those of the epoch with the best validation accuracy when that is an earlier one, else null.
struct TrainedModels {
    std::shared_ptr<const digitpad::Model> last;
    std::shared_ptr<const digitpad::Model> best;
};
Q_DECLARE_METATYPE(TrainedModels)

/// A person's drawings as read from their folder, shared rather than copied between the threads (a few
/// hundred canvases are megabytes).
using SharedDrawings = std::shared_ptr<const std::vector<digitpad::LabelledDrawing>>;
Q_DECLARE_METATYPE(SharedDrawings)

/// The entries of a drawings folder that could not be read and were left out: each Error's path is the entry,
/// its message core's English reason.
using SkippedEntries = std::vector<digitpad::Error>;
Q_DECLARE_METATYPE(SkippedEntries)

/// A run's validation images, sent to the GUI thread once at its start and read-only on both sides.
using SharedDataset = std::shared_ptr<const digitpad::Dataset>;
Q_DECLARE_METATYPE(SharedDataset)

/// A model scored on the test split, with the test images (EvaluationRequest::keepTestSet).
using SharedEvaluationReport = std::shared_ptr<const digitpad::EvaluationReport>;
Q_DECLARE_METATYPE(SharedEvaluationReport)

/// Registers the types above with Qt's meta-type system; safe to call more than once.
void registerTrainingTypes();

/// A run's error made on the GUI's side (a missing folder, an exception), for the workers' failed() signals.
digitpad::SessionError sessionError(std::string message, digitpad::ErrorKind kind, std::string path = {});

/// An accuracy (0..1) as "97.31 %", with a no-break space so a wrapped line never leaves the % sign alone.
QString accuracyText(double fraction);

/// Per-epoch metrics as CSV with a header line; accuracies in 0..1, NaN (no such split) as an empty field.
QString epochMetricsCsv(const std::vector<digitpad::EpochMetrics>& epochs);

/// A one-line description of a finished run, e.g. "Completed 5 epochs: test accuracy 97.31 %, ...".
QString describeOutcome(const digitpad::TrainingOutcome& outcome);
