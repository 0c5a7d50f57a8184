// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/AugmentSettings.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace digitpad {

namespace {

std::string number(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

} // namespace

AugmentSettings AugmentSettings::identity() {
    AugmentSettings settings;
    settings.enabled = true;
    settings.rotationDegrees = 0.0;
    settings.scaleMin = 1.0;
    settings.scaleMax = 1.0;
    settings.shear = 0.0;
    settings.translationPixels = 0.0;
    settings.elasticAlpha = 0.0;
    settings.thickenProbability = 0.0;
    settings.thinProbability = 0.0;
    return settings;
}

AugmentSettings AugmentSettings::scaled(double strength) const {
    AugmentSettings s = *this;
    s.rotationDegrees *= strength;
    s.scaleMin = 1.0 + (scaleMin - 1.0) * strength;
    s.scaleMax = 1.0 + (scaleMax - 1.0) * strength;
    s.shear *= strength;
    s.translationPixels *= strength;
    s.elasticAlpha *= strength;
    s.thickenProbability = std::min(1.0, thickenProbability * strength);
    s.thinProbability = std::min(1.0, thinProbability * strength);
    const double total = s.thickenProbability + s.thinProbability;
    if (total > 1.0) {
        s.thickenProbability /= total;
        s.thinProbability /= total;
    }
    return s;
}

Status AugmentSettings::validate() const {
    const auto bad = [](const std::string& what, const std::string& rule, double got) {
        return Error{"augmentation " + what + " must be " + rule + " (got " + number(got) + ")",
                     ErrorKind::AugmentationOutOfRange};
    };
    if (!(rotationDegrees >= 0.0 && rotationDegrees <= 180.0))
        return bad("rotation", "between 0 and 180 degrees", rotationDegrees);
    if (!(scaleMin > 0.0 && scaleMin <= 1.0))
        return bad("minimum scale", "in (0, 1]", scaleMin);
    if (!(scaleMax >= 1.0 && scaleMax <= 4.0))
        return bad("maximum scale", "in [1, 4]", scaleMax);
    if (!(shear >= 0.0 && shear <= 2.0))
        return bad("shear", "between 0 and 2", shear);
    if (!(translationPixels >= 0.0 && translationPixels <= 14.0))
        return bad("translation", "between 0 and 14 pixels", translationPixels);
    if (!(elasticAlpha >= 0.0 && elasticAlpha <= 1000.0))
        return bad("elastic alpha", "between 0 and 1000", elasticAlpha);
    if (!(elasticSigma >= 0.5 && elasticSigma <= 20.0))
        return bad("elastic sigma", "between 0.5 and 20 pixels", elasticSigma);
    if (!(thickenProbability >= 0.0 && thickenProbability <= 1.0))
        return bad("thicken probability", "in [0, 1]", thickenProbability);
    if (!(thinProbability >= 0.0 && thinProbability <= 1.0))
        return bad("thin probability", "in [0, 1]", thinProbability);
    if (thickenProbability + thinProbability > 1.0 + 1e-12)
        return bad("thicken + thin probability", "at most 1", thickenProbability + thinProbability);
    return Success{};
}

std::string AugmentSettings::describe() const {
    if (!enabled)
        return "off";
    std::ostringstream text;
    text << "rotate ±" << rotationDegrees << "°, scale " << scaleMin << "–" << scaleMax << ", shear ±"
         << shear << ", shift ±" << translationPixels << " px, elastic α " << elasticAlpha << " σ "
         << elasticSigma << ", thicken " << thickenProbability << ", thin " << thinProbability;
    return text.str();
}

} // namespace digitpad
