// SPDX-License-Identifier: GPL-3.0-or-later
#include "DivergenceText.h"

#include "train/Trainer.h"

#include <QCoreApplication>

namespace {

/// Three significant digits, as core's text has them: an exploding loss spans many orders of magnitude.
QString number(double value) {
    return QString::number(value, 'g', 3);
}

} // namespace

QString divergenceText(const digitpad::Divergence& divergence) {
    using digitpad::DivergenceKind;
    QString problem;
    switch (divergence.kind) {
    case DivergenceKind::LossNaN:
        problem = QCoreApplication::translate("DivergenceText", "loss became NaN at epoch %1, batch %2")
                      .arg(divergence.epoch)
                      .arg(divergence.batch);
        break;
    case DivergenceKind::LossInfinite:
        problem = QCoreApplication::translate("DivergenceText", "loss became infinite at epoch %1, batch %2")
                      .arg(divergence.epoch)
                      .arg(divergence.batch);
        break;
    case DivergenceKind::LossExploded:
        problem = (divergence.floorUsed
                       ? QCoreApplication::translate(
                             "DivergenceText",
                             "loss exploded to %1 at epoch %2, batch %3 (the limit is %4, %5 times the "
                             "first batch's loss of %6 counted as %7)")
                             .arg(number(divergence.loss))
                             .arg(divergence.epoch)
                             .arg(divergence.batch)
                             .arg(number(divergence.limit), number(digitpad::kDivergenceFactor),
                                  number(divergence.firstLoss), number(digitpad::kDivergenceLossFloor))
                       : QCoreApplication::translate(
                             "DivergenceText",
                             "loss exploded to %1 at epoch %2, batch %3 (the limit is %4, %5 times the "
                             "first batch's loss of %6)")
                             .arg(number(divergence.loss))
                             .arg(divergence.epoch)
                             .arg(divergence.batch)
                             .arg(number(divergence.limit), number(digitpad::kDivergenceFactor),
                                  number(divergence.firstLoss)));
        break;
    }
    const QString kept =
        divergence.epoch <= 1
            ? QCoreApplication::translate("DivergenceText",
                                          "kept the weights from before training (try a lower learning rate)")
            : QCoreApplication::translate(
                  "DivergenceText", "kept the weights from the end of epoch %1 (try a lower learning rate)")
                  .arg(divergence.epoch - 1);
    return QCoreApplication::translate("DivergenceText", "%1; %2", "a divergence, then what was kept")
        .arg(problem, kept);
}
