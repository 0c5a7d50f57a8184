// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/SoftmaxCrossEntropy.h"

#include "nn/LabelCheck.h"

#include <cmath>

namespace digitpad {

Scalar SoftmaxCrossEntropy::compute(const Matrix& output, std::span<const std::uint8_t> labels,
                                    Matrix& dOutput) const {
    checkLabels(output, labels);
    dOutput.resize(output.rows(), output.cols());
    const Scalar invBatch = Scalar(1) / static_cast<Scalar>(output.cols());
    double total = 0.0;
    for (Eigen::Index c = 0; c < output.cols(); ++c) {
        const Scalar max = output.col(c).maxCoeff();
        dOutput.col(c).array() = (output.col(c).array() - max).exp();
        const Scalar sum = dOutput.col(c).sum();
        // log softmax(z)[y] = z_y − max − log Σ e^(z − max): exact even when p_y underflows to 0.
        total -= static_cast<double>(output(labels[c], c) - max - std::log(sum));
        dOutput.col(c) *= invBatch / sum;
        dOutput(labels[c], c) -= invBatch;
    }
    return static_cast<Scalar>(total / static_cast<double>(output.cols()));
}

Scalar SoftmaxCrossEntropy::value(const Matrix& output, std::span<const std::uint8_t> labels) const {
    checkLabels(output, labels);
    double total = 0.0;
    for (Eigen::Index c = 0; c < output.cols(); ++c) {
        const Scalar max = output.col(c).maxCoeff();
        const Scalar sum = (output.col(c).array() - max).exp().sum();
        total -= static_cast<double>(output(labels[c], c) - max - std::log(sum));
    }
    return static_cast<Scalar>(total / static_cast<double>(output.cols()));
}

} // namespace digitpad
