// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/Recognizer.h"
#include "data/DigitSegmentation.h"

#include <string>
#include <vector>

namespace digitpad {

/// One digit of a number: where it is and what it was recognised as.
struct DigitReading {
    InkBox box;              ///< its ink in the source image
    Recognition recognition; ///< recognize() on its ink alone (always Recognised)
};

/// What recognising a drawing of one or more digits gave.
struct NumberRecognition {
    std::vector<DigitReading> digits; ///< in reading order (left to right); empty when there is no ink

    bool recognised() const { return !digits.empty(); }
    /// The digits' labels one after the other ("42"); empty when nothing was recognised.
    std::string number() const;
    /// True when any digit is unsure (Recognition::unsure).
    bool anyUnsure() const;
};

/// A segment wider than this many times its height may be two touching digits: it is split when the network
/// reads each piece more surely than the whole (kSplitAspect splits without asking).
inline constexpr double kMaybeSplitAspect = 0.8;

/// Recognises the digits in `image` (dark ink on light paper): segmentDigits() finds them, and each goes
/// through recognize() with `framing`, cut out of the image so the framing sees only that digit. A segment
/// wider than kMaybeSplitAspect × its height is split at its likeliest cut when every piece's answer is more
/// probable than the whole segment's. When the image holds one digit, its reading is recognize() on the whole
/// image, exactly what a single-digit answer is; so is a reading of two digits with one of them unsure when
/// the whole image reads surely as one digit. An image without ink gives no digits. Fails as recognize()
/// does: the model does not take 28×28 digits.
Result<NumberRecognition> recognizeNumber(const Model& model, const GrayImage& image, Framing framing);

/// recognizeNumber() for an image that is `drawing` rendered (the canvas): segmentDigits(image, drawing)
/// finds the digits from the strokes, so digits that touch or overlap but were drawn with strokes of their
/// own are read apart. Everything else is the same, and an image with one digit still reads as recognize() on
/// it.
Result<NumberRecognition> recognizeNumber(const Model& model, const GrayImage& image, const Drawing& drawing,
                                          Framing framing);

} // namespace digitpad
