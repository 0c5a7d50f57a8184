// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/Dataset.h"

#include <stdexcept>

namespace digitpad {

Dataset Dataset::slice(int first, int count) const {
    if (first < 0 || count < 0 || first + count > size())
        throw std::out_of_range("slice [" + std::to_string(first) + ", " + std::to_string(first + count) +
                                ") of a data set of " + std::to_string(size()));
    Dataset part;
    part.images = images.middleCols(first, count);
    part.labels.assign(labels.begin() + first, labels.begin() + first + count);
    part.shape = shape;
    part.classes = classes;
    part.name = name;
    return part;
}

Dataset concatenated(const Dataset& a, const Dataset& b) {
    if (a.shape.size() != b.shape.size())
        throw std::invalid_argument("cannot join " + a.shape.toString() + " and " + b.shape.toString() +
                                    " samples");
    Dataset out;
    out.shape = a.shape;
    out.classes = a.classes;
    out.name = a.name;
    out.images.resize(a.images.rows(), a.size() + b.size());
    out.images.leftCols(a.size()) = a.images;
    out.images.rightCols(b.size()) = b.images;
    out.labels = a.labels;
    out.labels.insert(out.labels.end(), b.labels.begin(), b.labels.end());
    return out;
}

} // namespace digitpad
