// SPDX-License-Identifier: GPL-3.0-or-later
#include "AugmentDescription.h"

#include <QCoreApplication>
#include <QLocale>

QString augmentDescription(const digitpad::AugmentSettings& settings) {
    if (!settings.enabled)
        return QCoreApplication::translate("AugmentDescription", "off");
    const QLocale locale;
    const auto number = [&locale](double value) { return locale.toString(value, 'g', 3); };
    return QCoreApplication::translate(
               "AugmentDescription", "rotate ±%1°, scale %2–%3, shear ±%4, shift ±%5 px, elastic α %6 σ %7, "
                                     "thicken %8, thin %9")
        .arg(number(settings.rotationDegrees), number(settings.scaleMin), number(settings.scaleMax),
             number(settings.shear), number(settings.translationPixels), number(settings.elasticAlpha),
             number(settings.elasticSigma), number(settings.thickenProbability),
             number(settings.thinProbability));
}
