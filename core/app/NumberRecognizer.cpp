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

namespace {

/// Adds the readings of `segment` to `digits`: the segment's own, or its pieces' when it is wide enough to be
/// two touching digits and the network is sure of every piece and surer of each than of the whole (a wide
/// single digit cut in two gives a piece it is less sure of; tuned on the dev strings and canvases,
/// docs/numbers.md).
Status readSegment(const Model& model, const DigitSegment& segment, Framing framing,
                   std::vector<DigitReading>& digits) {
    Result<Recognition> whole = recognize(model, segment.image, framing);
    if (!whole)
        return whole.error();
    if (!whole->recognised())
        return Success{};
    if (segment.box.width > kMaybeSplitAspect * segment.box.height) {
        const std::vector<DigitSegment> pieces = segmentDigits(segment.image, kMaybeSplitAspect);
        if (pieces.size() > 1) {
            std::vector<DigitReading> readings;
            bool surer = true;
            for (const DigitSegment& piece : pieces) {
                Result<Recognition> reading = recognize(model, piece.image, framing);
                if (!reading)
                    return reading.error();
                if (!reading->recognised() || reading->unsure || reading->probability <= whole->probability) {
                    surer = false;
                    break;
                }
                const InkBox box{piece.box.x + segment.imageX, piece.box.y + segment.imageY, piece.box.width,
                                 piece.box.height};
                readings.push_back({box, std::move(*reading)});
            }
            if (surer) {
                for (DigitReading& reading : readings)
                    digits.push_back(std::move(reading));
                return Success{};
            }
        }
    }
    digits.push_back({segment.box, std::move(*whole)});
    return Success{};
}

/// recognizeNumber for `image` whose digits segmentDigits found as `segments`.
Result<NumberRecognition> readSegments(const Model& model, const GrayImage& image,
                                       const std::vector<DigitSegment>& segments, Framing framing) {
    NumberRecognition number;
    if (segments.size() == 1) {
        // One segment may still be two touching digits; if not, it is read as a single digit always was.
        std::vector<DigitReading> digits;
        if (const Status read = readSegment(model, segments.front(), framing, digits); !read)
            return read.error();
        if (digits.size() > 1) {
            number.digits = std::move(digits);
            return number;
        }
    }
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
    for (const DigitSegment& segment : segments)
        if (const Status read = readSegment(model, segment, framing, number.digits); !read)
            return read.error();
    // Two parts, one of them unsure, and a sure answer for the whole: far more often one digit drawn in two
    // pieces (a 5 whose bar stands off, a looped 2 drawn wide) than two digits (measured on the dev canvases
    // and strings: singles split 33 → 22 of 3000, strings read exactly 48.6 % → 48.2 %, docs/numbers.md).
    if (number.anyUnsure() && number.digits.size() == 2) {
        Result<Recognition> whole = recognize(model, image, framing);
        if (!whole)
            return whole.error();
        if (whole->recognised() && !whole->unsure) {
            number.digits.clear();
            number.digits.push_back({InkBox{0, 0, image.width, image.height}, std::move(*whole)});
        }
    }
    return number;
}

} // namespace

Result<NumberRecognition> recognizeNumber(const Model& model, const GrayImage& image, Framing framing) {
    return readSegments(model, image, segmentDigits(image), framing);
}

Result<NumberRecognition> recognizeNumber(const Model& model, const GrayImage& image, const Drawing& drawing,
                                          Framing framing) {
    return readSegments(model, image, segmentDigits(image, drawing), framing);
}

} // namespace digitpad
