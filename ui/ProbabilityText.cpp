// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProbabilityText.h"

#include <QCoreApplication>

QString probabilityText(double probability) {
    const double percent = 100.0 * probability;
    // One decimal rounds at the half: 99.95 would print as 100.0, 0.049 as 0.0.
    if (percent >= 99.95)
        return QCoreApplication::translate("ProbabilityText", "> 99.9 %");
    if (percent < 0.05)
        return QCoreApplication::translate("ProbabilityText", "< 0.1 %");
    return QCoreApplication::translate("ProbabilityText", "%1 %").arg(percent, 0, 'f', 1);
}
