// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrainingWorker.h"

#include "BatchReportThrottle.h"
#include "LogCategories.h"

#include "app/ModelEvaluation.h"
#include "app/TrainingSession.h"

#include <QDir>
#include <QFileInfo>

#include <chrono>
#include <exception>
#include <optional>

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent) {
    registerTrainingTypes();
}

void TrainingWorker::run(const QString& dataFolder, const digitpad::TrainConfig& config,
                         digitpad::TrainingControl* control, const QString& checkpointPath,
                         std::shared_ptr<const digitpad::Checkpoint> resume) {
    try {
        // Checked here rather than by the session for the GUI's own wording of a missing folder.
        if (!QFileInfo(dataFolder).isDir()) {
            const std::string folder = QDir::toNativeSeparators(dataFolder).toStdString();
            emit failed(sessionError("data folder '" + folder + "' does not exist",
                                     digitpad::ErrorKind::NoSuchFolder, folder));
            return;
        }
        digitpad::TrainingRequest request;
        request.dataFolder = QDir::toNativeSeparators(dataFolder).toStdString();
        request.config = config;
        // A folder with only a training split still trains; it just reports no test accuracy.
        request.testSplit = digitpad::TestSplit::Optional;
        request.checkpointPath = QDir::toNativeSeparators(checkpointPath).toStdString();
        request.resumePath = request.checkpointPath;
        request.resumeFrom = std::move(resume);

        BatchReportThrottle throttle{std::chrono::milliseconds(kBatchReportIntervalMs)};
        digitpad::TrainingSessionCallbacks callbacks;
        callbacks.onStart = [&](const digitpad::TrainingStart& start) {
            if (!start.testSplitMissing.empty())
                qCWarning(lcTrain) << "no test split:" << QString::fromStdString(start.testSplitMissing);
            emit dataLoaded(tr("%1 training, %2 validation, %3 test images from '%4'")
                                .arg(start.trainingImages - start.validationImages)
                                .arg(start.validationImages)
                                .arg(start.testImages)
                                .arg(QDir::toNativeSeparators(dataFolder)));
            if (start.validationSet && start.validationSet->size() > 0)
                emit validationSetLoaded(start.validationSet);
            qCInfo(lcTrain).noquote()
                << "training" << QString::fromStdString(start.architecture) << "on"
                << QDir::toNativeSeparators(dataFolder) << "for" << config.epochs << "epoch(s)";
        };
        callbacks.onBatch = [&](const digitpad::BatchProgress& p) {
            if (std::optional<digitpad::BatchProgress> report = throttle.add(p))
                emit batchProgress(*report);
        };
        callbacks.onEpoch = [&](const digitpad::EpochMetrics& m) {
            qCInfo(lcTrain).noquote()
                << QStringLiteral("epoch %1: loss %2, train %3 %, validation %4 %, %5 s")
                       .arg(m.epoch)
                       .arg(m.trainLoss, 0, 'f', 4)
                       .arg(100.0 * m.trainAccuracy, 0, 'f', 2)
                       .arg(100.0 * m.validationAccuracy, 0, 'f', 2)
                       .arg(m.seconds, 0, 'f', 2);
            emit epochFinished(m);
        };

        callbacks.onCheckpoint = [](const digitpad::CheckpointSaved& saved) {
            if (!saved.error.empty())
                qCWarning(lcTrain).noquote() << QString::fromStdString(saved.error);
            else
                qCDebug(lcTrain).noquote() << "checkpoint of epoch" << saved.epoch << "saved:" << saved.bytes
                                           << "bytes in" << saved.seconds << "s";
        };

        digitpad::TrainingSessionResult session = digitpad::runTrainingSession(request, *control, callbacks);
        if (session.error) {
            qCInfo(lcTrain).noquote() << QString::fromStdString(session.error->message);
            emit failed(*session.error);
            return;
        }
        qCInfo(lcTrain).noquote() << "training"
                                  << QString::fromStdString(digitpad::toName(session.outcome.status))
                                  << QString::fromStdString(session.outcome.reason);
        TrainedModels models;
        if (session.model)
            models.last = std::make_shared<const digitpad::Model>(std::move(*session.model));
        if (models.last)
            evaluateOnTest(dataFolder, *models.last);
        if (session.bestModel)
            models.best = std::make_shared<const digitpad::Model>(std::move(*session.bestModel));
        emit finished(session.outcome, models);
    } catch (const std::exception& e) {
        emit failed(
            sessionError(std::string("training failed: ") + e.what(), digitpad::ErrorKind::Unexpected));
    } catch (...) {
        emit failed(sessionError("training failed: unknown error", digitpad::ErrorKind::Unexpected));
    }
}

void TrainingWorker::evaluateOnTest(const QString& dataFolder, const digitpad::Model& model) {
    digitpad::EvaluationRequest request;
    request.dataFolder = QDir::toNativeSeparators(dataFolder).toStdString();
    request.keepTestSet = true;
    digitpad::Result<digitpad::EvaluationReport> report =
        digitpad::evaluateModel(model, request.dataFolder, request);
    if (!report) {
        qCInfo(lcTrain).noquote() << "no test evaluation:" << QString::fromStdString(report.error().message);
        return;
    }
    emit testEvaluated(std::make_shared<const digitpad::EvaluationReport>(std::move(report.value())));
}
