// SPDX-License-Identifier: GPL-3.0-or-later
// Measures the not-a-digit evidence (DigitLikeness.h) on real digits and on made-up non-digits, so the rule's
// thresholds can be chosen from figures and the figures in docs/uncertainty.md can be reproduced:
//   measure_digit_likeness MODEL [--mnist FOLDER] [--drawn FOLDER]... [--csv]
// prints, per set (and per kind of non-digit), how many inputs the rule flags and for which reason; --csv
// prints one row per input with every signal instead.
#include "app/DigitLikeness.h"
#include "data/DrawnDigits.h"
#include "data/FramingSteps.h"
#include "data/IdxReader.h"
#include "data/Preprocess.h"
#include "io/ModelFile.h"
#include "nn/Evaluation.h"
#include "support/NonDigitShapes.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <vector>

using namespace digitpad;

namespace {

struct Tally {
    int count = 0;
    int wrong = 0;
    std::map<NotADigitReason, int> flagged;
    int wrongFlagged = 0;
};

const char* reasonName(NotADigitReason reason) {
    switch (reason) {
    case NotADigitReason::None:
        return "none";
    case NotADigitReason::StraightStroke:
        return "stroke";
    case NotADigitReason::Blob:
        return "blob";
    case NotADigitReason::MembersSplit:
        return "split";
    }
    return "";
}

// The mean over members of log Σ exp(logits), a candidate signal the rule left out (DigitLikeness.h says
// why).
double meanLogSumExp(const Model& model, const Vector& input) {
    double total = 0.0;
    Matrix logits;
    for (const Network* member : model.members()) {
        member->predictRaw(input, logits);
        const double top = static_cast<double>(logits.maxCoeff());
        double sum = 0.0;
        for (Eigen::Index i = 0; i < logits.rows(); ++i)
            sum += std::exp(static_cast<double>(logits(i, 0)) - top);
        total += top + std::log(sum);
    }
    return total / model.memberCount();
}

void measure(const Model& model, const Vector& input, const Vector& asFramed, int label,
             const std::string& set, bool csv, Tally& tally) {
    const Matrix probabilities = model.probabilities(input);
    const int answer = argmaxColumn(probabilities, 0);
    const DigitLikenessSignals evidence = digitLikenessSignals(model, input, asFramed, answer);
    const NotADigitReason reason = notADigitReason(evidence);
    double minMember = 1.0;
    for (const Network* member : model.members())
        minMember = std::min(minMember, static_cast<double>(member->probabilities(input)(answer, 0)));
    ++tally.count;
    const bool wrong = label >= 0 && answer != label;
    tally.wrong += wrong;
    if (reason != NotADigitReason::None) {
        ++tally.flagged[reason];
        tally.wrongFlagged += wrong;
    }
    if (csv)
        std::printf("%s,%d,%d,%.4f,%d,%d,%.4f,%.3f,%.0f,%.0f,%.3f,%.3f,%.1f,%.3f,%s\n", set.c_str(), label,
                    answer, static_cast<double>(probabilities(answer, 0)), evidence.membersAgreeing,
                    evidence.members, minMember, meanLogSumExp(model, input), evidence.shape.height,
                    evidence.shape.width, evidence.shape.fill, evidence.shape.elongation, evidence.shape.tilt,
                    evidence.correctedShape.fill, reasonName(reason));
}

void report(const std::string& set, const Tally& tally) {
    int flagged = 0;
    for (const auto& [reason, n] : tally.flagged)
        flagged += n;
    std::printf("%-28s %5d flagged %5d (%5.2f%%)", set.c_str(), tally.count, flagged,
                100.0 * flagged / std::max(1, tally.count));
    for (const auto& [reason, n] : tally.flagged)
        std::printf("  %s %d", reasonName(reason), n);
    if (tally.wrong > 0)
        std::printf("  [wrong %d, of them flagged %d; right flagged %d]", tally.wrong, tally.wrongFlagged,
                    flagged - tally.wrongFlagged);
    std::printf("\n");
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s MODEL [--mnist FOLDER] [--drawn FOLDER]... [--csv]\n", argv[0]);
        return 2;
    }
    Result<Model> model = loadModel(argv[1]);
    if (!model) {
        std::fprintf(stderr, "%s\n", model.error().message.c_str());
        return 1;
    }
    bool csv = false;
    // Each set as the model sees it and as framed without the framing steps.
    std::vector<std::tuple<std::string, Dataset, Dataset>> sets;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--csv") {
            csv = true;
            continue;
        }
        if (i + 1 >= argc)
            return 2;
        const std::string folder = argv[++i];
        Result<Dataset> framed =
            arg == "--mnist" ? readIdxFolder(folder, "t10k") : readDrawnDigits(folder, model->info.framing);
        if (!framed) {
            std::fprintf(stderr, "%s\n", framed.error().message.c_str());
            return 1;
        }
        // Canvases are seen as the app sees them, through preprocess() with the steps (which thins heavy ink
        // before framing); MNIST's framed digits get the steps alone.
        Result<Dataset> seen = arg == "--mnist"
                                   ? *framed
                                   : readDrawnDigits(folder, model->info.framing, model->info.framingSteps);
        if (!seen) {
            std::fprintf(stderr, "%s\n", seen.error().message.c_str());
            return 1;
        }
        if (arg == "--mnist")
            applyFramingSteps(model->info.framingSteps, seen->images, seen->shape.width);
        sets.emplace_back(folder, std::move(*seen), std::move(*framed));
    }
    for (const auto& [name, set, framed] : sets) {
        Tally tally;
        for (int i = 0; i < set.size(); ++i)
            measure(*model, set.images.col(i), framed.images.col(i), set.labels[static_cast<std::size_t>(i)],
                    name, csv, tally);
        if (!csv)
            report(name, tally);
    }
    constexpr int kPerKind = 200;
    Tally all;
    for (test::NonDigitKind kind : test::kNonDigitKinds) {
        Tally tally;
        const std::string name(test::nonDigitKindName(kind));
        for (int i = 0; i < kPerKind; ++i) {
            const GrayImage canvas = test::nonDigitCanvas(kind, i);
            const std::optional<Vector> input =
                preprocess(canvas, model->info.framing, model->info.framingSteps);
            const std::optional<Vector> framed = preprocess(canvas, model->info.framing);
            if (!input || !framed)
                continue;
            measure(*model, *input, *framed, -1, name, csv, tally);
            measure(*model, *input, *framed, -1, name, false, all);
        }
        if (!csv)
            report(name, tally);
    }
    if (!csv)
        report("all non-digits", all);
    return 0;
}
