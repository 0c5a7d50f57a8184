// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

namespace digitpad {

/// The engine's floating-point type. The normal build uses float; the gradient-check tests build the same
/// sources with DIGITPAD_DOUBLE so finite differences can be compared with tight tolerances.
#ifdef DIGITPAD_DOUBLE
using Scalar = double;
#else
using Scalar = float;
#endif

/// Activations are features × batch: one column per sample (column-major, so a sample is contiguous).
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

} // namespace digitpad
