// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/DigitLikeness.h"

#include "data/DigitFormat.h"
#include "data/FramingSteps.h"
#include "data/Preprocess.h"
#include "nn/Evaluation.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace digitpad {

InkShape measureInkShape(const Vector& input) {
    int top = kDigitSide, bottom = -1, left = kDigitSide, right = -1;
    for (int y = 0; y < kDigitSide; ++y)
        for (int x = 0; x < kDigitSide; ++x)
            if (input(y * kDigitSide + x) >= kInkLevel) {
                top = std::min(top, y);
                bottom = std::max(bottom, y);
                left = std::min(left, x);
                right = std::max(right, x);
            }
    InkShape shape;
    if (bottom < 0)
        return shape;
    shape.height = bottom - top + 1;
    shape.width = right - left + 1;
    double ink = 0.0;
    for (int y = top; y <= bottom; ++y)
        for (int x = left; x <= right; ++x)
            ink += static_cast<double>(input(y * kDigitSide + x));
    shape.fill = ink / (shape.height * shape.width);

    double mass = 0.0, mx = 0.0, my = 0.0;
    for (int y = 0; y < kDigitSide; ++y)
        for (int x = 0; x < kDigitSide; ++x) {
            const double v = static_cast<double>(input(y * kDigitSide + x));
            mass += v;
            mx += v * x;
            my += v * y;
        }
    mx /= mass;
    my /= mass;
    double xx = 0.0, yy = 0.0, xy = 0.0;
    for (int y = 0; y < kDigitSide; ++y)
        for (int x = 0; x < kDigitSide; ++x) {
            const double v = static_cast<double>(input(y * kDigitSide + x));
            xx += v * (x - mx) * (x - mx);
            yy += v * (y - my) * (y - my);
            xy += v * (x - mx) * (y - my);
        }
    const double half = (xx + yy) / 2.0;
    const double spread = std::sqrt((xx - yy) * (xx - yy) / 4.0 + xy * xy);
    const double major = half + spread;
    const double minor = std::max(0.0, half - spread);
    shape.elongation = major > 0.0 ? std::sqrt(minor / major) : 1.0;
    // The main axis's direction (cos, sin) from x: atan2(2xy, xx − yy) / 2; its angle from vertical.
    const double axis = 0.5 * std::atan2(2.0 * xy, xx - yy);
    shape.tilt = 90.0 - std::abs(axis) * 180.0 / std::numbers::pi;
    return shape;
}

DigitLikenessSignals digitLikenessSignals(const Model& model, const Vector& input, const Vector& asFramed,
                                          int answer) {
    return digitLikenessSignals(model.memberProbabilities(input), asFramed, model.info.framingSteps, answer);
}

DigitLikenessSignals digitLikenessSignals(const std::vector<Matrix>& memberAnswers, const Vector& asFramed,
                                          const FramingSteps& steps, int answer) {
    DigitLikenessSignals evidence;
    evidence.shape = measureInkShape(asFramed);
    Vector corrected = asFramed;
    applyFramingSteps(steps, corrected, kDigitSide);
    normaliseMinMax(corrected);
    evidence.correctedShape = measureInkShape(corrected);
    for (const Matrix& memberAnswer : memberAnswers) {
        ++evidence.members;
        evidence.membersAgreeing += argmaxColumn(memberAnswer, 0) == answer;
    }
    return evidence;
}

} // namespace digitpad

namespace digitpad {

NotADigitReason notADigitReason(const DigitLikenessSignals& evidence) {
    const InkShape& shape = evidence.shape;
    if (shape.elongation < kStrokeElongation && shape.tilt > kStrokeTilt)
        return NotADigitReason::StraightStroke;
    if (shape.fill > kBlobFill && shape.elongation > kBlobElongation &&
        evidence.correctedShape.fill > kBlobCorrectedFill)
        return NotADigitReason::Blob;
    if (evidence.members > 1 && 2 * evidence.membersAgreeing <= evidence.members)
        return NotADigitReason::MembersSplit;
    return NotADigitReason::None;
}

std::vector<NotADigitReason> notADigitReasons(const Model& model, const Matrix& seen, const Matrix& framed,
                                              const std::vector<int>& answers) {
    std::vector<NotADigitReason> reasons;
    reasons.reserve(answers.size());
    for (Eigen::Index i = 0; i < seen.cols(); ++i)
        reasons.push_back(notADigitReason(
            digitLikenessSignals(model, seen.col(i), framed.col(i), answers[static_cast<std::size_t>(i)])));
    return reasons;
}

FlagRates notADigitRates(const std::vector<NotADigitReason>& reasons, const std::vector<Mistake>& mistakes) {
    FlagRates rates;
    std::vector<bool> wrong(reasons.size(), false);
    for (const Mistake& mistake : mistakes)
        wrong.at(static_cast<std::size_t>(mistake.index)) = true;
    for (std::size_t i = 0; i < reasons.size(); ++i) {
        const bool flagged = reasons[i] != NotADigitReason::None;
        if (wrong[i]) {
            ++rates.wrong;
            rates.wrongFlagged += flagged;
        } else {
            ++rates.right;
            rates.rightFlagged += flagged;
        }
    }
    return rates;
}

} // namespace digitpad
