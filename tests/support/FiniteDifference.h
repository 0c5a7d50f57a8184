// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the gradient-check tests (double-precision core): step, tolerance, error measure and inputs.
#pragma once

#include "layers/Layer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace digitpad::test {

/// Central differences (f(x+h) − f(x−h)) / 2h with h = 1e-6 are accurate to ~1e-10 in double precision.
inline constexpr double kStep = 1e-6;
inline constexpr double kTolerance = 1e-7;

/// Central differences of `loss` with respect to every entry of `values`: each entry in turn is moved to
/// x ± kStep in place, `loss()` (which reads `values`) is evaluated at both, and the entry is restored.
/// Returns dL/dvalues estimated as (L(x + h) − L(x − h)) / 2h, shaped like `values`.
template <typename LossFunction> Matrix centralDifferences(Matrix& values, LossFunction&& loss) {
    Matrix numeric(values.rows(), values.cols());
    for (Eigen::Index i = 0; i < values.size(); ++i) {
        const Scalar original = values.data()[i];
        values.data()[i] = original + Scalar(kStep);
        const double up = loss();
        values.data()[i] = original - Scalar(kStep);
        const double down = loss();
        values.data()[i] = original;
        numeric.data()[i] = Scalar((up - down) / (2 * kStep));
    }
    return numeric;
}

/// max |a − b| / max(1, |a|, |b|) over all entries; infinity when the shapes differ.
inline double relativeError(const Matrix& a, const Matrix& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols())
        return std::numeric_limits<double>::infinity();
    double worst = 0.0;
    for (Eigen::Index i = 0; i < a.size(); ++i) {
        const double scale = std::max({1.0, std::abs(double(a.data()[i])), std::abs(double(b.data()[i]))});
        worst = std::max(worst, std::abs(double(a.data()[i]) - double(b.data()[i])) / scale);
    }
    return worst;
}

/// How far Layer::inputGradient() is from central differences of L = Σ R ⊙ predict(x), R = `dOut`: the
/// derivative explanations use, at inference (dropout the identity), through the const interface only.
inline double inferenceInputGradientError(const Layer& layer, const Matrix& x, const Matrix& dOut) {
    Matrix out, dIn;
    layer.predict(x, out);
    layer.inputGradient(x, out, dOut, dIn);
    Matrix probe = x;
    const Matrix numeric = centralDifferences(probe, [&] {
        Matrix y;
        layer.predict(probe, y);
        return (y.array() * dOut.array()).sum();
    });
    return relativeError(dIn, numeric);
}

/// Random inputs of magnitude 0.1–1.5, away from ReLU's kink at 0 so a finite difference never straddles it;
/// continuous values also keep max-pooling windows free of near-ties.
inline Matrix inputsAwayFromZero(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
    std::uniform_real_distribution<double> magnitude(0.1, 1.5);
    std::bernoulli_distribution negative(0.5);
    Matrix x(rows, cols);
    for (Eigen::Index i = 0; i < x.size(); ++i)
        x.data()[i] = static_cast<Scalar>((negative(rng) ? -1.0 : 1.0) * magnitude(rng));
    return x;
}

} // namespace digitpad::test
