// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AnswerCertainty.h"
#include "data/FramingSteps.h"
#include "io/Model.h"
#include "nn/Mistakes.h"
#include "tensor/Matrix.h"

#include <vector>

namespace digitpad {

/// The shape of the ink in a framed 28×28 input (preprocess()'s output, ink high).
struct InkShape {
    double height = 0.0; ///< rows of the ink's bounding box (pixels above kInkLevel)
    double width = 0.0;  ///< its columns
    /// Mean ink over the bounding box, 0..1: a filled blob is near 1, a digit's strokes leave most of it
    /// empty.
    double fill = 0.0;
    /// The ink's spread across its main axis over its spread along it (square root of the ink-weighted
    /// second moments' eigenvalue ratio), 0..1: near 0 for a straight stroke, near 1 for a round shape.
    double elongation = 0.0;
    /// The main axis's angle from vertical in degrees, 0..90: a 1 leans a little, a bar lies.
    double tilt = 0.0;
};

/// A pixel at or above this level counts as ink for the bounding box.
inline constexpr double kInkLevel = 0.25;

/// Measures the ink in `input` (784 values, row-major 28×28).
InkShape measureInkShape(const Vector& input);

/// What an input and a model's answer to it say about whether the input is a digit at all.
struct DigitLikenessSignals {
    /// The ink as framed, before the framing steps: deskewing turns a slanted bar into an upright 1.
    InkShape shape;
    /// The same framed ink corrected by the model's framing steps on the 28×28 field (the same as `shape`
    /// without steps): the stroke-width step thins a small digit drawn with a thick pen back into strokes,
    /// and a blot stays full. Not the network's input, whose ink was also thinned on the canvas before
    /// framing (thinHeavyInk()): that turns a tap into a thin dash, which is no blot.
    InkShape correctedShape;
    /// How many members of the ensemble give the ensemble's own answer as theirs (1 for a single network).
    int membersAgreeing = 0;
    int members = 0;
};

/// Why an input is judged not to be a digit. The first that applies, in this order.
enum class NotADigitReason {
    None,           ///< it may be a digit
    StraightStroke, ///< one thin straight stroke that lies rather than stands: a bar, a dash, a slash
    Blob,           ///< round ink that fills its box, before and after the framing steps: a dot framed up to
                    ///< digit size, a blot, a dense scribble
    MembersSplit,   ///< the ensemble's independently trained networks do not agree on an answer
};

// The thresholds, chosen with the bundled model on the style-digits dev set and on made-up non-digits
// (docs/uncertainty.md has the measurements), and the after-steps blob test on small, thick digits made
// from dev: the rule flags 0.43 % of dev's digits and 58 % of the non-digits. The logit energy was measured
// too and left out: its scale differs from network to network, and on the bundled one it added 4 % of the
// non-digits for 2 more dev digits flagged.

/// A straight stroke: elongation below this…
inline constexpr double kStrokeElongation = 0.3;
/// …and a main axis more than this many degrees from vertical (a steeper one is a fair 1).
inline constexpr double kStrokeTilt = 40.0;
/// A blob: fill above this…
inline constexpr double kBlobFill = 0.6;
/// …and elongation above this (a thick upright 1 fills its narrow box too, but is long)…
inline constexpr double kBlobElongation = 0.6;
/// …and, corrected by the framing steps, fill above this. A digit drawn small with the canvas's
/// pen frames up to ink as full as a blot, and the stroke-width step thins it back into strokes: without this
/// test the rule called a third of such digits, read right, "not a digit" (docs/uncertainty.md).
inline constexpr double kBlobCorrectedFill = 0.5;

/// The signals for `input` (784 values, as the model sees them) under `model`, whose mean answer is class
/// `answer`; `asFramed` is the same image framed without the model's framing steps. Each member answers as
/// the model does, over the copies of its test-time augmentation (Model::memberProbabilities()).
DigitLikenessSignals digitLikenessSignals(const Model& model, const Vector& input, const Vector& asFramed,
                                          int answer);
/// The same from the members' answers already computed (Model::memberProbabilities() of `input`, one
/// column each); `steps` are the model's framing steps.
DigitLikenessSignals digitLikenessSignals(const std::vector<Matrix>& memberAnswers, const Vector& asFramed,
                                          const FramingSteps& steps, int answer);

/// The rule: which reason, if any, makes the signals "not a digit". Members split when no more than half of
/// them give the ensemble's answer (one of three); a single network never splits.
NotADigitReason notADigitReason(const DigitLikenessSignals& evidence);

/// notADigitReason() for every sample of a scored set: `seen` as the model sees it, `framed` the same images
/// without the framing steps (both inputs × count), `answers` the model's answers (Evaluation::predictions).
std::vector<NotADigitReason> notADigitReasons(const Model& model, const Matrix& seen, const Matrix& framed,
                                              const std::vector<int>& answers);

/// How the not-a-digit flag splits a scored set of real digits: of its wrong answers (`mistakes`) and its
/// right ones, how many it flags.
FlagRates notADigitRates(const std::vector<NotADigitReason>& reasons, const std::vector<Mistake>& mistakes);

} // namespace digitpad
