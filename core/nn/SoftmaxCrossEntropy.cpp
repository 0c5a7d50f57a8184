// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/SoftmaxCrossEntropy.h"

#include "nn/LabelCheck.h"

#include <cmath>

namespace digitpad {

namespace {

/// −Σ_k t_k log softmax(z)_k for one column z with target t = (1 − ε)·onehot(label) + ε / classes, where
/// log softmax(z)_k = z_k − max − log Σ e^(z − max) (exact even when a probability underflows to 0); `logSum`
/// is log Σ e^(z − max).
double columnLoss(const Matrix& output, Eigen::Index c, int label, Scalar max, Scalar logSum,
                  Scalar smoothing) {
    const Scalar onLabel = output(label, c) - max - logSum;
    if (smoothing == Scalar(0))
        return -static_cast<double>(onLabel);
    const Scalar meanLog = output.col(c).mean() - max - logSum;
    return -(1.0 - static_cast<double>(smoothing)) * static_cast<double>(onLabel) -
           static_cast<double>(smoothing) * static_cast<double>(meanLog);
}

} // namespace

Scalar SoftmaxCrossEntropy::compute(const Matrix& output, std::span<const std::uint8_t> labels,
                                    Matrix& dOutput) const {
    checkLabels(output, labels);
    dOutput.resize(output.rows(), output.cols());
    const Scalar invBatch = Scalar(1) / static_cast<Scalar>(output.cols());
    const Scalar spread = invBatch * smoothing_ / static_cast<Scalar>(output.rows());
    double total = 0.0;
    for (Eigen::Index c = 0; c < output.cols(); ++c) {
        const Scalar max = output.col(c).maxCoeff();
        dOutput.col(c).array() = (output.col(c).array() - max).exp();
        const Scalar sum = dOutput.col(c).sum();
        total += columnLoss(output, c, labels[c], max, std::log(sum), smoothing_);
        dOutput.col(c) *= invBatch / sum;
        dOutput(labels[c], c) -= invBatch * (Scalar(1) - smoothing_);
        if (smoothing_ != Scalar(0))
            dOutput.col(c).array() -= spread;
    }
    return static_cast<Scalar>(total / static_cast<double>(output.cols()));
}

Scalar SoftmaxCrossEntropy::value(const Matrix& output, std::span<const std::uint8_t> labels) const {
    checkLabels(output, labels);
    double total = 0.0;
    for (Eigen::Index c = 0; c < output.cols(); ++c) {
        const Scalar max = output.col(c).maxCoeff();
        const Scalar sum = (output.col(c).array() - max).exp().sum();
        total += columnLoss(output, c, labels[c], max, std::log(sum), smoothing_);
    }
    return static_cast<Scalar>(total / static_cast<double>(output.cols()));
}

} // namespace digitpad
