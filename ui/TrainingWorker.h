// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TrainingTypes.h"

#include "io/Checkpoint.h"
#include "train/TrainConfig.h"
#include "train/Trainer.h"

#include <QObject>
#include <QString>

#include <memory>

/// Runs one training at a time on the thread it lives on (a QThread owned by TrainingController). It loads
/// the data, builds and trains its own network, and reports through signals carrying value structs only, so
/// every receiver on the GUI thread gets copies through queued connections. No exception leaves run().
class TrainingWorker : public QObject {
    Q_OBJECT
public:
    /// Batch reports are sent at most this often (plus the last batch of every epoch), so a run with tiny
    /// batches does not flood the GUI thread's event queue.
    static constexpr int kBatchReportIntervalMs = 50;

    explicit TrainingWorker(QObject* parent = nullptr);

    /// Runs a training session on the IDX folder (train split required, t10k optional) and emits either
    /// finished() or failed(). Reads control's cancel and pause flags between batches; control must outlive
    /// the call. Runs on the worker's thread.
    /// With `checkpointPath` a checkpoint is saved there after every epoch; with `resume` the run continues
    /// that checkpoint (its epochs are not reported again).
    void run(const QString& dataFolder, const digitpad::TrainConfig& config,
             digitpad::TrainingControl* control, const QString& checkpointPath = {},
             std::shared_ptr<const digitpad::Checkpoint> resume = {});

private:
    /// Scores `model` on the test split of `dataFolder` and emits testEvaluated(); a missing test split is
    /// only logged (the run reported it at the start).
    void evaluateOnTest(const QString& dataFolder, const digitpad::Model& model);

signals:
    /// The data is loaded and training begins; summary says what was read, e.g. "54000 training, ...".
    void dataLoaded(const QString& summary);
    /// Progress of the current epoch. loss and accuracy are the means over the batches since the previous
    /// report, so throttling drops no information.
    void batchProgress(const digitpad::BatchProgress& progress);
    /// The run's validation images, once, right after dataLoaded(); not sent when nothing is held out. The
    /// predictions of epochFinished()'s metrics are in their order.
    void validationSetLoaded(SharedDataset validation);
    void epochFinished(const digitpad::EpochMetrics& metrics);
    /// The run's last complete epoch (TrainedModels::last) scored on the test split with the evaluation use
    /// case, after the run and before finished(); not sent without such a model or a test split.
    void testEvaluated(SharedEvaluationReport report);
    /// The run ended: completed, stopped or diverged. models holds what it reached (see TrainedModels): a
    /// stopped run keeps its completed epochs.
    void finished(const digitpad::TrainingOutcome& outcome, const TrainedModels& models);
    /// The run could not start or threw (kind Unexpected, with the exception's text as message). The
    /// receiver words it, and can word it again in another language.
    void failed(const digitpad::SessionError& error);
};
