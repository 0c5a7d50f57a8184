// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TrainingTypes.h"

#include "io/Checkpoint.h"
#include "train/TrainConfig.h"
#include "train/Trainer.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <memory>

class TrainingWorker;

/// Lives on the GUI thread and owns the training thread and its TrainingWorker. Starts runs, pauses, resumes
/// and cancels them through atomic flags (the worker's event loop is busy while it trains, so a queued slot
/// would never run), and re-emits the worker's reports on the GUI thread.
class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(QObject* parent = nullptr);
    /// Cancel → quit → wait: never leaves a thread running or a worker behind.
    ~TrainingController() override;

    /// Starts a run on the worker thread. Returns false (and does nothing) while another run is going.
    /// With `checkpointPath` the run saves a checkpoint there after every epoch; with `resume` it continues
    /// that checkpoint's run (config must be its settings).
    bool start(const QString& dataFolder, const digitpad::TrainConfig& config,
               const QString& checkpointPath = {}, std::shared_ptr<const digitpad::Checkpoint> resume = {});
    bool isRunning() const { return running_; }
    bool isPaused() const { return control_->pause.load(); }
    /// Pauses or resumes between batches.
    void setPaused(bool paused);
    /// Asks the run to stop after the current batch; finished() follows with outcome Cancelled.
    void cancel();
    /// Cancels and blocks until the worker thread is idle again. Signals the run had queued are dropped, so
    /// nothing from it (in particular no model) arrives afterwards.
    void stopAndWait();

signals:
    void runningChanged(bool running);
    void pausedChanged(bool paused);
    void dataLoaded(const QString& summary);
    void batchProgress(const digitpad::BatchProgress& progress);
    void validationSetLoaded(SharedDataset validation);
    void epochFinished(const digitpad::EpochMetrics& metrics);
    void testEvaluated(SharedEvaluationReport report);
    /// The run ended; models holds what it reached, also when it was stopped or diverged (see
    /// TrainedModels). Using one is the receiver's choice: nothing here replaces the model in use.
    void finished(const digitpad::TrainingOutcome& outcome, const TrainedModels& models);
    void failed(const digitpad::SessionError& error);

private:
    void startThread();
    void stopThread();
    void setRunning(bool running);
    void onWorkerFinished(const digitpad::TrainingOutcome& outcome, const TrainedModels& models);
    void onWorkerFailed(const digitpad::SessionError& error);

    QThread thread_;
    TrainingWorker* worker_ = nullptr;
    /// Shared with the worker for the length of a run; owned here so it outlives every run.
    std::unique_ptr<digitpad::TrainingControl> control_;
    bool running_ = false;
};
