// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/TagScore.h"

#include <map>
#include <stdexcept>

namespace digitpad {

std::vector<TagScore> scoreByTag(const std::vector<SampleTags>& tags, const std::vector<std::uint8_t>& labels,
                                 const std::vector<int>& predictions) {
    if (tags.size() != labels.size() || predictions.size() != labels.size())
        throw std::invalid_argument("scoreByTag: " + std::to_string(tags.size()) + " tag lists, " +
                                    std::to_string(labels.size()) + " labels and " +
                                    std::to_string(predictions.size()) + " predictions");
    std::map<std::string, TagScore> byTag;
    for (std::size_t i = 0; i < tags.size(); ++i)
        for (const std::string& tag : tags[i]) {
            TagScore& score = byTag[tag];
            score.tag = tag;
            ++score.count;
            score.correct += predictions[i] == labels[i];
        }
    std::vector<TagScore> scores;
    scores.reserve(byTag.size());
    for (auto& [tag, score] : byTag)
        scores.push_back(std::move(score));
    return scores;
}

std::string tagFamily(const std::string& tag) {
    return tag.substr(0, tag.find(':'));
}

} // namespace digitpad
