// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrainingTypes.h"

#include "DivergenceText.h"

#include <QCoreApplication>
#include <QStringList>

#include <cmath>

void registerTrainingTypes() {
    qRegisterMetaType<digitpad::BatchProgress>();
    qRegisterMetaType<digitpad::EpochMetrics>();
    qRegisterMetaType<digitpad::TrainingOutcome>();
    qRegisterMetaType<std::shared_ptr<const digitpad::Model>>();
    qRegisterMetaType<TrainedModels>();
    qRegisterMetaType<digitpad::FineTuneStart>();
    qRegisterMetaType<digitpad::FineTuneScores>();
    qRegisterMetaType<digitpad::SessionError>();
    qRegisterMetaType<SharedDrawings>();
    qRegisterMetaType<SkippedEntries>();
    qRegisterMetaType<SharedDataset>();
    qRegisterMetaType<SharedEvaluationReport>();
}

digitpad::SessionError sessionError(std::string message, digitpad::ErrorKind kind, std::string path) {
    digitpad::SessionError error;
    error.message = std::move(message);
    error.kind = kind;
    error.path = std::move(path);
    error.cause = digitpad::SessionError::Cause::Data;
    return error;
}

namespace {

QString csvNumber(double value, int precision) {
    return std::isfinite(value) ? QString::number(value, 'g', precision) : QString();
}

} // namespace

QString accuracyText(double fraction) {
    return QString::number(100.0 * fraction, 'f', 2) + QChar(0x00A0) + u'%';
}

QString epochMetricsCsv(const std::vector<digitpad::EpochMetrics>& epochs) {
    QString csv = QStringLiteral("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,"
                                 "test_accuracy,learning_rate,seconds\n");
    for (const digitpad::EpochMetrics& m : epochs) {
        const QStringList fields{QString::number(m.epoch),           csvNumber(m.trainLoss, 8),
                                 csvNumber(m.trainAccuracy, 8),      csvNumber(m.validationLoss, 8),
                                 csvNumber(m.validationAccuracy, 8), csvNumber(m.testAccuracy, 8),
                                 csvNumber(m.learningRate, 8),       csvNumber(m.seconds, 6)};
        csv += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return csv;
}

QString describeOutcome(const digitpad::TrainingOutcome& outcome) {
    const int done = static_cast<int>(outcome.epochs.size());
    switch (outcome.status) {
    case digitpad::TrainingStatus::Cancelled:
        if (done == 0)
            return QCoreApplication::translate(
                "TrainingTypes",
                "Training stopped before the first epoch ended: nothing to keep, the model in "
                "use is unchanged.");
        return QCoreApplication::translate(
                   "TrainingTypes",
                   "Training stopped after %1 complete epoch(s). The model in use is unchanged; "
                   "the weights the run reached are kept below.")
            .arg(done);
    case digitpad::TrainingStatus::Diverged:
        return QCoreApplication::translate("TrainingTypes", "Training diverged: %1. %2")
            .arg(divergenceText(outcome.divergence),
                 done == 0 ? QCoreApplication::translate("TrainingTypes",
                                                         "Nothing to keep, the model in use is unchanged.")
                           : QCoreApplication::translate(
                                 "TrainingTypes", "The weights of the completed epochs are kept below."));
    case digitpad::TrainingStatus::Completed:
        break;
    }
    if (outcome.epochs.empty())
        return QCoreApplication::translate("TrainingTypes", "Training finished without a complete epoch.");
    const digitpad::EpochMetrics& last = outcome.epochs.back();
    double seconds = 0.0;
    for (const digitpad::EpochMetrics& m : outcome.epochs)
        seconds += m.seconds;
    QStringList parts;
    parts << QCoreApplication::translate("TrainingTypes", "train accuracy %1")
                 .arg(accuracyText(last.trainAccuracy));
    if (std::isfinite(last.validationAccuracy))
        parts << QCoreApplication::translate("TrainingTypes", "validation %1")
                     .arg(accuracyText(last.validationAccuracy));
    if (std::isfinite(last.testAccuracy))
        parts << QCoreApplication::translate("TrainingTypes", "test %1").arg(accuracyText(last.testAccuracy));
    parts << QCoreApplication::translate("TrainingTypes", "%1 s training").arg(seconds, 0, 'f', 1);
    return QCoreApplication::translate("TrainingTypes", "Completed %1 epoch(s): %2.")
        .arg(done)
        .arg(parts.join(QCoreApplication::translate("TrainingTypes", ", ", "between the parts of a list")));
}
