// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/Ensemble.h"

#include "tensor/PrintableText.h"

namespace digitpad {

namespace {

constexpr int kMaxNetworks = 16; // what a model file holds

/// Why `part` cannot join an ensemble led by `first`, or empty when it can.
std::string mismatch(const Model& first, const Model& part) {
    const Network& a = first.network;
    const Network& b = part.network;
    if (b.head() != OutputHead::Softmax)
        return "it has the " + std::string(toName(b.head())) +
               " output head; an ensemble averages softmax probabilities";
    if (!(a.inputShape() == b.inputShape()))
        return "it takes " + b.inputShape().toString() + " inputs, the first takes " +
               a.inputShape().toString();
    if (a.outputSize() != b.outputSize() || first.info.labels != part.info.labels)
        return "its classes '" + printable(part.info.labels) + "' differ from the first's '" +
               printable(first.info.labels) + "'";
    if (classNamesOf(first.info) != classNamesOf(part.info))
        return "its class names differ from the first's";
    if (first.info.framing != part.info.framing)
        return "it expects " + std::string(toName(part.info.framing)) + " framing, the first " +
               std::string(toName(first.info.framing));
    if (!(first.info.framingSteps == part.info.framingSteps))
        return "its framing steps (" + part.info.framingSteps.toText() + ") differ from the first's (" +
               first.info.framingSteps.toText() + ")";
    return {};
}

} // namespace

Result<Model> combineIntoEnsemble(std::vector<EnsembleMember> parts) {
    if (parts.size() < 2)
        return Error{"an ensemble needs at least two models"};
    int networks = 0;
    for (const EnsembleMember& part : parts)
        networks += part.model.memberCount();
    if (networks > kMaxNetworks)
        return Error{"an ensemble holds at most " + std::to_string(kMaxNetworks) +
                     " networks, these models have " + std::to_string(networks)};
    const Model& first = parts.front().model;
    if (const std::string why = mismatch(first, first); !why.empty())
        return Error{"'" + parts.front().name + "' cannot join an ensemble: " + why};
    for (std::size_t i = 1; i < parts.size(); ++i)
        if (const std::string why = mismatch(first, parts[i].model); !why.empty())
            return Error{"'" + parts[i].name + "' cannot join an ensemble with '" + parts.front().name +
                         "': " + why};

    Model ensemble;
    ensemble.info = first.info;
    ensemble.info.testAccuracy.reset();
    ensemble.info.drawnAccuracy.reset();
    ensemble.info.memberSeeds.clear();
    for (EnsembleMember& part : parts) {
        const auto count = static_cast<std::size_t>(part.model.memberCount());
        const std::vector<unsigned long long> seeds =
            part.model.info.memberSeeds.size() == count
                ? part.model.info.memberSeeds
                : std::vector<unsigned long long>(count, part.model.info.seed);
        ensemble.info.memberSeeds.insert(ensemble.info.memberSeeds.end(), seeds.begin(), seeds.end());
        std::vector<Network> networks;
        networks.push_back(std::move(part.model.network));
        for (Network& member : part.model.otherMembers)
            networks.push_back(std::move(member));
        for (Network& network : networks) {
            if (ensemble.network.empty())
                ensemble.network = std::move(network);
            else
                ensemble.otherMembers.push_back(std::move(network));
        }
    }
    return ensemble;
}

} // namespace digitpad
