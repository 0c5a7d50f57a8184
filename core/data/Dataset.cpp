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

} // namespace digitpad
