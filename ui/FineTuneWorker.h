// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FineTuneJob.h"
#include "TrainingTypes.h"

#include "app/FineTune.h"
#include "train/Trainer.h"

#include <QObject>
#include <QString>

#include <memory>

/// Reads the person's drawings and fine-tunes on the thread it lives on (a QThread owned by
/// FineTuneController). Reports through signals carrying value structs only, so receivers on the GUI thread
/// get copies through queued connections. No exception leaves scan() or run().
class FineTuneWorker : public QObject {
    Q_OBJECT
public:
    /// As TrainingWorker: batch reports at most this often, plus the last batch of every epoch.
    static constexpr int kBatchReportIntervalMs = 50;

    explicit FineTuneWorker(QObject* parent = nullptr);

    /// Reads the sample folder and emits scanned() with the drawings that read well (none when the folder is
    /// missing) and one message per damaged entry left out, or scanFailed() when the folder cannot be listed.
    void scan(const QString& folder);

    /// Runs runFineTune() and emits started(), batchProgress(), epochFinished(), then finished() or failed().
    /// Reads control's cancel flag between batches; control must outlive the call.
    void run(const FineTuneJob& job, digitpad::TrainingControl* control);

signals:
    void scanned(const QString& folder, SharedDrawings drawings, const SkippedEntries& skipped);
    void scanFailed(const QString& folder, const QString& message);
    /// The data is ready and the base model scored; training begins.
    void started(const digitpad::FineTuneStart& start);
    void batchProgress(const digitpad::BatchProgress& progress);
    /// testAccuracy is the held-out drawings' accuracy (NaN without held-out drawings).
    void epochFinished(const digitpad::EpochMetrics& metrics);
    /// The run ended; after and model are filled only when it completed.
    void finished(const digitpad::TrainingOutcome& outcome, const digitpad::FineTuneScores& after,
                  std::shared_ptr<const digitpad::Model> model);
    /// The run could not start or threw (kind Unexpected, with the exception's text as message). The
    /// receiver words it, and can word it again in another language.
    void failed(const digitpad::SessionError& error);
};
