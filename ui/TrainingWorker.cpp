// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrainingWorker.h"

#include "LogCategories.h"

#include "data/IdxReader.h"
#include "io/Model.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <chrono>
#include <cmath>
#include <exception>
#include <optional>

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent) {
    registerTrainingTypes();
}

namespace {

/// The name a model file records as its data set: "MNIST" for the standard folder, else the folder's name.
std::string datasetName(const QString& folder) {
    const QString name = QFileInfo(QDir::cleanPath(folder)).fileName();
    if (name.compare(QLatin1String("mnist"), Qt::CaseInsensitive) == 0)
        return "MNIST";
    return name.isEmpty() ? std::string("IDX data") : name.toStdString();
}

} // namespace

void TrainingWorker::run(const QString& dataFolder, const digitpad::TrainConfig& config,
                         digitpad::TrainingControl* control) {
    try {
        const std::string invalid = config.validate();
        if (!invalid.empty()) {
            emit failed(QStringLiteral("invalid training settings: %1").arg(QString::fromStdString(invalid)));
            return;
        }
        if (!QFileInfo(dataFolder).isDir()) {
            emit failed(
                QStringLiteral("data folder '%1' does not exist").arg(QDir::toNativeSeparators(dataFolder)));
            return;
        }
        const std::string folder = QDir::toNativeSeparators(dataFolder).toStdString();
        digitpad::Result<digitpad::Dataset> train = digitpad::readIdxFolder(folder, "train");
        if (!train) {
            emit failed(QString::fromStdString(train.error().message));
            return;
        }
        // A folder with only a training split still trains; it just reports no test accuracy.
        std::optional<digitpad::Dataset> test;
        if (digitpad::Result<digitpad::Dataset> t10k = digitpad::readIdxFolder(folder, "t10k"))
            test = std::move(t10k.value());
        else
            qCWarning(lcTrain) << "no test split:" << QString::fromStdString(t10k.error().message);

        const int validationCount = static_cast<int>(std::lround(config.validationFraction * train->size()));
        emit dataLoaded(QStringLiteral("%1 training, %2 validation, %3 test images from '%4'")
                            .arg(train->size() - validationCount)
                            .arg(validationCount)
                            .arg(test ? test->size() : 0)
                            .arg(QDir::toNativeSeparators(dataFolder)));
        if (control->cancel.load()) {
            digitpad::TrainingOutcome cancelled;
            cancelled.status = digitpad::TrainingStatus::Cancelled;
            emit finished(cancelled, nullptr);
            return;
        }

        digitpad::Network network = config.makeNetwork(train->shape, train->classes);
        qCInfo(lcTrain).noquote() << "training" << QString::fromStdString(network.architecture()) << "on"
                                  << QDir::toNativeSeparators(dataFolder) << "for" << config.epochs
                                  << "epoch(s)";

        using Clock = std::chrono::steady_clock;
        Clock::time_point lastReport = Clock::now();
        double lossSum = 0.0;
        double accuracySum = 0.0;
        int pending = 0;
        digitpad::TrainingCallbacks callbacks;
        callbacks.onBatch = [&](const digitpad::BatchProgress& p) {
            lossSum += p.loss;
            accuracySum += p.accuracy;
            ++pending;
            const Clock::time_point now = Clock::now();
            // An epoch's first report spans a full interval: the evaluation between epochs must not leave it
            // holding a single batch, which the chart's moving average would weigh like a full interval.
            if (p.batch == 1 && pending == 1)
                lastReport = now;
            if (p.batch < p.batchesPerEpoch &&
                now - lastReport < std::chrono::milliseconds(kBatchReportIntervalMs))
                return;
            digitpad::BatchProgress report = p;
            report.loss = lossSum / pending;
            report.accuracy = accuracySum / pending;
            lossSum = accuracySum = 0.0;
            pending = 0;
            lastReport = now;
            emit batchProgress(report);
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

        digitpad::TrainingOutcome outcome =
            digitpad::train(network, *train, test ? &*test : nullptr, config, *control, callbacks);
        qCInfo(lcTrain).noquote() << "training" << QString::fromStdString(digitpad::toName(outcome.status))
                                  << QString::fromStdString(outcome.reason);

        std::shared_ptr<const digitpad::Model> model;
        if (outcome.status == digitpad::TrainingStatus::Completed) {
            auto trained = std::make_shared<digitpad::Model>();
            trained->info = digitpad::describeTraining(config, datasetName(dataFolder));
            if (!outcome.epochs.empty() && std::isfinite(outcome.epochs.back().testAccuracy))
                trained->info.testAccuracy = outcome.epochs.back().testAccuracy;
            trained->info.trainedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
            trained->network = std::move(network);
            model = std::move(trained);
        }
        emit finished(outcome, std::move(model));
    } catch (const std::exception& e) {
        emit failed(QStringLiteral("training failed: %1").arg(QString::fromLocal8Bit(e.what())));
    } catch (...) {
        emit failed(QStringLiteral("training failed: unknown error"));
    }
}
