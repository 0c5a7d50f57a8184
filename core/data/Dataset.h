// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/DigitFormat.h"
#include "tensor/Matrix.h"
#include "tensor/Shape.h"

#include <cstdint>
#include <string>
#include <vector>

namespace digitpad {

/// Labelled samples ready for the network: images is shape.size() × count, each column min-max normalised to
/// [0, 1] (the same normalisation the preprocessing applies to a drawn digit); labels[i] is the class of
/// column i.
struct Dataset {
    Matrix images;
    std::vector<std::uint8_t> labels;
    Shape shape;
    int classes = kDigitClasses;
    std::string name; ///< e.g. "MNIST train" — shown in messages and stored in model files

    int size() const { return static_cast<int>(labels.size()); }
    /// Samples [first, first + count) as a new data set.
    Dataset slice(int first, int count) const;
};

/// The samples of `a` followed by those of `b` (same shape; the name, shape and classes of `a`). Throws
/// std::invalid_argument when the shapes differ.
Dataset concatenated(const Dataset& a, const Dataset& b);

} // namespace digitpad
