// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/NumberRecognizer.h"

#include <algorithm>

namespace digitpad {

std::string NumberRecognition::number() const {
    std::string text;
    for (const DigitReading& digit : digits)
        text += digit.recognition.label;
    return text;
}

bool NumberRecognition::anyUnsure() const {
    return std::any_of(digits.begin(), digits.end(),
                       [](const DigitReading& digit) { return digit.recognition.unsure; });
}

Result<NumberRecognition> recognizeNumber(const Model& model, const GrayImage& image, Framing framing) {
    NumberRecognition number;
    const std::vector<DigitSegment> segments = segmentDigits(image);
    if (segments.size() <= 1) {
        // One digit: the whole image, as a single-digit answer has always been made (also when segmentation
        // dropped everything as dust but the preprocessing still sees ink).
        Result<Recognition> whole = recognize(model, image, framing);
        if (!whole)
            return whole.error();
        if (whole->recognised()) {
            const InkBox box =
                segments.empty() ? InkBox{0, 0, image.width, image.height} : segments.front().box;
            number.digits.push_back({box, std::move(*whole)});
        }
        return number;
    }
    for (const DigitSegment& segment : segments) {
        Result<Recognition> reading = recognize(model, segment.image, framing);
        if (!reading)
            return reading.error();
        if (reading->recognised())
            number.digits.push_back({segment.box, std::move(*reading)});
    }
    return number;
}

} // namespace digitpad
