// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FineTuneWorker.h"
#include "TrainingTypes.h"

#include "train/Trainer.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <memory>

/// Lives on the GUI thread and owns the fine-tuning thread and its FineTuneWorker, as TrainingController does
/// for the Train tab: reads the person's drawings and runs fine-tuning there, stops a run through an atomic
/// flag (the worker's event loop is busy while it trains, so a queued slot would never run), and re-emits
/// the worker's reports on the GUI thread.
class FineTuneController : public QObject {
    Q_OBJECT
public:
    explicit FineTuneController(QObject* parent = nullptr);
    /// Cancel → quit → wait: never leaves a thread running or a worker behind.
    ~FineTuneController() override;

    /// Reads the sample folder on the worker thread; scanned() or scanFailed() follows.
    void scan(const QString& folder);
    /// Starts a run on the worker thread. Returns false (and does nothing) while another run is going.
    bool start(const FineTuneJob& job);
    bool isRunning() const { return running_; }
    /// Asks the run to stop after the current batch; finished() follows with outcome Cancelled.
    void cancel();

    /// The worker, for a test that must act on the worker thread itself (a direct connection to started()
    /// holds the run there until the test has pressed Stop, whatever the machine's speed).
    const FineTuneWorker* worker() const { return worker_; }

signals:
    void runningChanged(bool running);
    void scanned(const QString& folder, SharedDrawings drawings, const SkippedEntries& skipped);
    void scanFailed(const QString& folder, const QString& message);
    void started(const digitpad::FineTuneStart& start);
    void batchProgress(const digitpad::BatchProgress& progress);
    void epochFinished(const digitpad::EpochMetrics& metrics);
    /// after and model are filled only when the run completed.
    void finished(const digitpad::TrainingOutcome& outcome, const digitpad::FineTuneScores& after,
                  std::shared_ptr<const digitpad::Model> model);
    void failed(const digitpad::SessionError& error);

private:
    void startThread();
    void stopThread();
    void setRunning(bool running);
    void onWorkerFinished(const digitpad::TrainingOutcome& outcome, const digitpad::FineTuneScores& after,
                          std::shared_ptr<const digitpad::Model> model);
    void onWorkerFailed(const digitpad::SessionError& error);

    QThread thread_;
    FineTuneWorker* worker_ = nullptr;
    /// Shared with the worker for the length of a run; owned here so it outlives every run.
    std::unique_ptr<digitpad::TrainingControl> control_;
    bool running_ = false;
};
