// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/ParameterSpans.h"

#include <algorithm>
#include <stdexcept>

namespace digitpad {

std::vector<ParamSpan> parameterSpans(const std::vector<ParamRef>& params, Eigen::Index maxValues) {
    if (maxValues < 16 || maxValues % 16 != 0)
        throw std::invalid_argument("parameter spans need a positive multiple of 16 values, got " +
                                    std::to_string(maxValues));
    std::vector<ParamSpan> spans;
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Eigen::Index size = params[i].value->size();
        for (Eigen::Index first = 0; first < size; first += maxValues)
            spans.push_back({i, first, std::min(first + maxValues, size)});
    }
    return spans;
}

std::array<std::vector<ParamSpan>, kSplitParts> partSpans(const std::vector<ParamRef>& params) {
    static_assert(kSplitParts == 2, "a split tensor's columns go to part 0 or part 1");
    std::array<std::vector<ParamSpan>, kSplitParts> parts;
    std::array<Eigen::Index, kSplitParts> values{0, 0};
    auto add = [&](int part, const ParamSpan& span) {
        parts[static_cast<std::size_t>(part)].push_back(span);
        values[static_cast<std::size_t>(part)] += span.last - span.first;
    };
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Matrix& value = *params[i].value;
        if (const Eigen::Index split = params[i].splitColumn * value.rows(); split > 0) {
            add(0, {i, 0, split});
            add(1, {i, split, value.size()});
        } else {
            add(values[1] < values[0] ? 1 : 0, {i, 0, value.size()});
        }
    }
    return parts;
}

} // namespace digitpad
