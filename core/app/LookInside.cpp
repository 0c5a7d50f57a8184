// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/LookInside.h"

#include "app/Recognizer.h"
#include "nn/LayerOutputs.h"
#include "nn/Saliency.h"

#include <stdexcept>

namespace digitpad {

namespace {

/// The index of the largest value other than `skip` (the first of equals), -1 when there is none.
int largestExcept(const Eigen::VectorXd& values, int skip) {
    int best = -1;
    for (int i = 0; i < static_cast<int>(values.size()); ++i)
        if (i != skip && (best < 0 || values[i] > values[best]))
            best = i;
    return best;
}

} // namespace

LookInside lookInside(const Model& model, const Vector& input) {
    return lookInside(model, input, {});
}

LookInside lookInside(const Model& model, const Vector& input, const std::vector<double>& probabilities) {
    const Network& network = model.network;
    if (network.empty())
        throw std::invalid_argument("lookInside: the network has no layers");
    const Matrix x = input;
    const std::vector<Matrix> outputs = layerOutputs(network, x);

    LookInside look;
    look.layers.reserve(outputs.size());
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const Layer& layer = *network.layers()[i];
        look.layers.push_back({layer.spec(), layer.outputShape(), outputs[i].col(0)});
    }
    // An ensemble, or a model with test-time copies, answers with its mean probabilities, so they rank the
    // classes; one network on the image alone keeps ranking by its raw outputs (the same order with the
    // softmax head).
    const bool ownOutputs = model.otherMembers.empty() && model.info.testTime == TestTimeAugmentation::None;
    if (!probabilities.empty() && probabilities.size() != static_cast<std::size_t>(network.outputSize()))
        throw std::invalid_argument("lookInside: " + std::to_string(probabilities.size()) +
                                    " probabilities for a model of " + std::to_string(network.outputSize()) +
                                    " classes");
    Eigen::VectorXd ranking;
    if (ownOutputs)
        ranking = outputs.back().col(0).cast<double>();
    else if (probabilities.empty())
        ranking = model.probabilities(x).col(0).cast<double>();
    else
        ranking = Eigen::Map<const Eigen::VectorXd>(probabilities.data(), Eigen::Index(probabilities.size()));
    look.winner = largestExcept(ranking, -1);
    look.runnerUp = largestExcept(ranking, look.winner);
    look.winnerLabel = classLabel(model.info, look.winner);
    if (look.runnerUp >= 0)
        look.runnerUpLabel = classLabel(model.info, look.runnerUp);
    // For an ensemble, the members' margin gradients averaged: each member's vote between the two classes.
    look.gradient = marginGradient(network, x, look.winner, look.runnerUp).col(0);
    for (const Network& member : model.otherMembers)
        look.gradient += marginGradient(member, x, look.winner, look.runnerUp).col(0);
    look.gradient /= static_cast<Scalar>(model.memberCount());
    look.members = model.memberCount();
    look.why = input.cwiseProduct(look.gradient);
    return look;
}

FirstLayerFilters modelFilters(const Model& model) {
    return firstLayerFilters(model.network);
}

} // namespace digitpad
