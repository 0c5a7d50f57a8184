// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/DrawingScore.h"

#include "app/Recognizer.h"
#include "data/DigitFormat.h"
#include "data/Preprocess.h"
#include "nn/Loss.h"

#include <algorithm>
#include <memory>

namespace digitpad {

Result<Dataset> drawingsAsDataset(const Model& model, const std::vector<LabelledDrawing>& drawings) {
    const Network& network = model.network;
    if (!takesDigitImages(network) || network.outputSize() != kDigitClasses)
        return Error{"the model takes " + network.inputShape().toString() + " inputs and " +
                         std::to_string(network.outputSize()) + " classes, not a " +
                         std::to_string(kDigitSide) + "x" + std::to_string(kDigitSide) + " digit and " +
                         std::to_string(kDigitClasses) + " classes",
                     ErrorKind::ModelNotForDigits};
    Dataset data;
    data.shape = kDigitShape;
    data.classes = kDigitClasses;
    data.name = "my drawings";
    data.images.resize(kDigitShape.size(), static_cast<Eigen::Index>(drawings.size()));
    data.labels.reserve(drawings.size());
    for (std::size_t i = 0; i < drawings.size(); ++i) {
        const LabelledDrawing& drawing = drawings[i];
        if (drawing.label < 0 || drawing.label >= kDigitClasses)
            return Error{"'" + drawing.source + "': label " + std::to_string(drawing.label) +
                             " is not a digit 0–9",
                         ErrorKind::DrawingLabelNotDigit, drawing.source};
        const std::optional<Vector> input =
            preprocess(drawing.image, model.info.framing, model.info.framingSteps);
        if (!input)
            return Error{"'" + drawing.source + "' holds no ink", ErrorKind::DrawingHasNoInk, drawing.source};
        data.images.col(static_cast<Eigen::Index>(i)) = *input;
        data.labels.push_back(static_cast<std::uint8_t>(drawing.label));
    }
    return data;
}

Result<DrawingScore> scoreDrawings(const Model& model, const std::vector<LabelledDrawing>& drawings,
                                   int lastN) {
    if (drawings.empty())
        return Error{"there are no drawings to score", ErrorKind::NoDrawings};
    Result<Dataset> data = drawingsAsDataset(model, drawings);
    if (!data)
        return data.error();
    const std::unique_ptr<Loss> loss = makeLoss(model.info.loss);
    DrawingScore score;
    const std::vector<const Network*> members = model.members();
    score.all = evaluate(members, *loss, *data, model.info.testTime);
    score.recentCount = std::clamp(lastN, 0, data->size());
    if (score.recentCount > 0) {
        const Dataset recent = data->slice(data->size() - score.recentCount, score.recentCount);
        score.recent = evaluate(members, *loss, recent, model.info.testTime).accuracy;
    }
    return score;
}

} // namespace digitpad
