// SPDX-License-Identifier: GPL-3.0-or-later
// A tiny, well-separated ten-class problem for training tests: fast to learn, no files needed. Shared by the
// trainer and conv tests, which each pinned their expectations to one pixel pattern.
#pragma once

#include "data/Dataset.h"
#include "layers/Layer.h"

#include <cstddef>
#include <cstdint>
#include <random>

namespace digitpad::test {

/// Which two pixels (row-major index into the side×side image) class k lights up.
enum class SyntheticPattern {
    FlatIndex, ///< pixels k and k + 3: all classes crowd into the first rows (the trainer test's pattern)
    Diagonal,  ///< pixels k·side + k and k·side + k + 3: class k in row k (the conv test's pattern)
};

/// `count` samples of shape 1×side×side (images: side² × count), labels i mod 10, every pixel uniform noise
/// in [0, 0.3) from Rng(seed), then the two pixels of the label's `pattern` set to 1. Needs side² > the
/// largest lit index (side ≥ 4 for FlatIndex, side ≥ 11 for Diagonal).
inline Dataset syntheticDigits(int count, unsigned seed, int side, SyntheticPattern pattern) {
    Dataset data;
    data.shape = {1, side, side};
    data.name = "synthetic";
    data.images = Matrix::Zero(side * side, count);
    data.labels.resize(static_cast<std::size_t>(count));
    Rng rng(seed);
    std::uniform_real_distribution<double> noise(0.0, 0.3);
    for (int i = 0; i < count; ++i) {
        const int label = i % 10;
        data.labels[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(label);
        for (int p = 0; p < side * side; ++p)
            data.images(p, i) = static_cast<Scalar>(noise(rng));
        const int first = pattern == SyntheticPattern::Diagonal ? label * side + label : label;
        data.images(first, i) = 1;
        data.images(first + 3, i) = 1;
    }
    return data;
}

} // namespace digitpad::test
