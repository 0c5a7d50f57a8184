// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonOutput.h"

#include "app/ModelEvaluation.h"

#include <cmath>
#include <iostream>

namespace digitpad::cli {

void printJson(const Json& object) {
    std::cout << object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << std::endl;
}

Json numberOrNull(double value) {
    return std::isfinite(value) ? Json(value) : Json(nullptr);
}

std::string className(const std::vector<std::string>& names, const std::string& labels, int c) {
    const auto index = static_cast<std::size_t>(c);
    if (c >= 0 && index < names.size() && !names[index].empty())
        return names[index];
    return c >= 0 && index < labels.size() ? labels.substr(index, 1) : std::to_string(c);
}

Json evaluationJson(const Evaluation& evaluation, const std::string& labels,
                    const std::vector<std::string>& names) {
    Json perClass = Json::array();
    for (std::size_t c = 0; c < evaluation.confusion.size(); ++c) {
        int total = 0;
        for (const int count : evaluation.confusion[c])
            total += count;
        const int correct = evaluation.confusion[c][c];
        perClass.push_back(
            {{"label", c < labels.size() ? labels.substr(c, 1) : std::to_string(c)},
             {"name", className(names, labels, static_cast<int>(c))},
             {"correct", correct},
             {"total", total},
             {"accuracy", total > 0 ? Json(static_cast<double>(correct) / total) : Json(nullptr)}});
    }
    return {{"count", evaluation.count},
            {"correct", correctCount(evaluation)},
            {"loss", numberOrNull(evaluation.loss)},
            {"accuracy", numberOrNull(evaluation.accuracy)},
            {"per_class", perClass},
            {"confusion", evaluation.confusion}};
}

Json mistakesJson(const std::vector<Mistake>& mistakes, const std::string& labels,
                  const std::vector<std::string>& names) {
    const auto label = [&labels](int c) {
        const auto index = static_cast<std::size_t>(c);
        return index < labels.size() ? labels.substr(index, 1) : std::to_string(c);
    };
    Json list = Json::array();
    for (const Mistake& mistake : mistakes)
        list.push_back({{"index", mistake.index},
                        {"label", label(mistake.label)},
                        {"predicted", label(mistake.predicted)},
                        {"label_name", className(names, labels, mistake.label)},
                        {"predicted_name", className(names, labels, mistake.predicted)},
                        {"confidence", numberOrNull(mistake.confidence)}});
    return list;
}

} // namespace digitpad::cli
