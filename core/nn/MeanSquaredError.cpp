// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/MeanSquaredError.h"

#include "nn/LabelCheck.h"

namespace digitpad {

Scalar MeanSquaredError::compute(const Matrix& output, std::span<const std::uint8_t> labels,
                                 Matrix& dOutput) const {
    checkLabels(output, labels);
    dOutput.resize(output.rows(), output.cols());
    dOutput = output;
    for (Eigen::Index c = 0; c < output.cols(); ++c)
        dOutput(labels[c], c) -= Scalar(1);
    const Scalar invBatch = Scalar(1) / static_cast<Scalar>(output.cols());
    const Scalar loss = Scalar(0.5) * dOutput.squaredNorm() * invBatch;
    dOutput *= invBatch;
    return loss;
}

Scalar MeanSquaredError::value(const Matrix& output, std::span<const std::uint8_t> labels) const {
    checkLabels(output, labels);
    double total = 0.0;
    for (Eigen::Index c = 0; c < output.cols(); ++c) {
        double column = 0.0;
        for (Eigen::Index r = 0; r < output.rows(); ++r) {
            const double target = r == labels[c] ? 1.0 : 0.0;
            const double diff = static_cast<double>(output(r, c)) - target;
            column += diff * diff;
        }
        total += 0.5 * column;
    }
    return static_cast<Scalar>(total / static_cast<double>(output.cols()));
}

} // namespace digitpad
