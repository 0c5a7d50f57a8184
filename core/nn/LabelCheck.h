// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Matrix.h"

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

namespace digitpad {

/// Throws std::invalid_argument unless there is one label per column and each is a valid row index.
inline void checkLabels(const Matrix& output, std::span<const std::uint8_t> labels) {
    if (static_cast<Eigen::Index>(labels.size()) != output.cols())
        throw std::invalid_argument("loss expects one label per column: " + std::to_string(output.cols()) +
                                    " columns, " + std::to_string(labels.size()) + " labels");
    for (std::uint8_t label : labels)
        if (label >= output.rows())
            throw std::invalid_argument("label " + std::to_string(label) + " out of range for " +
                                        std::to_string(output.rows()) + " classes");
}

} // namespace digitpad
