// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/DigitLikeness.h"
#include "data/DigitFormat.h"
#include "data/GrayImage.h"
#include "data/Preprocess.h"
#include "io/Model.h"
#include "tensor/Matrix.h"
#include "tensor/Result.h"

#include <string>
#include <vector>

namespace digitpad {

/// True when `network` takes one kDigitSide × kDigitSide grayscale image (784 inputs, whatever the shape).
bool takesDigitImages(const Network& network);

/// What recognising one image gave.
struct Recognition {
    enum class Status {
        Recognised,         ///< a class was chosen
        NothingToRecognise, ///< the image has no ink; the fields below stay empty
    };
    Status status = Status::NothingToRecognise;
    int classIndex = -1;               ///< the most probable class (the first of equals), -1 when none
    std::string label;                 ///< its class name (classLabel()), e.g. "7" or "Sneaker"
    double probability = 0.0;          ///< the chosen class's probability, 0..1
    std::vector<double> probabilities; ///< one per class (network.outputSize() values)
    int runnerUpIndex = -1;            ///< the second most probable class, -1 with fewer than two classes
    std::string runnerUpLabel;         ///< its label
    double runnerUpProbability = 0.0;  ///< its probability
    /// The answer's probability is below kSureProbability (AnswerCertainty.h): show it as "not sure: the
    /// answer or the runner-up?" rather than as a plain answer.
    bool unsure = false;
    /// Why the input does not look like a digit at all (notADigitReason()), None when it may be one. The
    /// answer is then only a guess: show "doesn't look like a digit (maybe 2?)".
    NotADigitReason notADigit = NotADigitReason::None;
    Vector input; ///< the 784 values the network saw (row-major 28×28, ink high)

    bool recognised() const { return status == Status::Recognised; }
    bool looksLikeADigit() const { return notADigit == NotADigitReason::None; }
};

/// The name to show for class `index`: its class name (classNamesOf()), or the index as text beyond them.
std::string classLabel(const ModelInfo& info, int index);

/// Recognises the digit in `image` (any size, dark ink on light paper) with `model`: preprocess(image,
/// framing, the model's framing steps) → network probabilities → the most probable class and its label, the
/// runner-up, whether the answer is unsure (isUnsure()) and whether the input looks like a digit at all
/// (notADigitReason()). An
/// image without ink is a NothingToRecognise recognition, not an error. Fails when the model does not take
/// 28×28 digits (takesDigitImages() is false) and the image has ink.
Result<Recognition> recognize(const Model& model, const GrayImage& image, Framing framing);

} // namespace digitpad
