// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Evaluation.h"

#include <algorithm>
#include <stdexcept>

namespace digitpad {

std::vector<double> Evaluation::perClassAccuracy() const {
    std::vector<double> accuracy(confusion.size(), 0.0);
    for (std::size_t truth = 0; truth < confusion.size(); ++truth) {
        long long total = 0;
        for (int n : confusion[truth])
            total += n;
        if (total > 0)
            accuracy[truth] = static_cast<double>(confusion[truth][truth]) / static_cast<double>(total);
    }
    return accuracy;
}

int argmaxColumn(const Matrix& m, int column) {
    Eigen::Index best = 0;
    m.col(column).maxCoeff(&best);
    return static_cast<int>(best);
}

Evaluation evaluate(const Network& network, const Loss& loss, const Dataset& data, int batchSize) {
    if (batchSize < 1)
        throw std::invalid_argument("evaluation batch size must be at least 1");
    Evaluation result;
    const int classes = network.outputSize();
    result.confusion.assign(static_cast<std::size_t>(classes),
                            std::vector<int>(static_cast<std::size_t>(classes)));
    result.count = data.size();
    result.predictions.reserve(static_cast<std::size_t>(data.size()));
    if (data.size() == 0)
        return result;
    double lossSum = 0.0;
    int correct = 0;
    Matrix output;
    for (int first = 0; first < data.size(); first += batchSize) {
        const int count = std::min(batchSize, data.size() - first);
        network.predictRaw(data.images.middleCols(first, count), output);
        const std::span<const std::uint8_t> labels(data.labels.data() + first,
                                                   static_cast<std::size_t>(count));
        lossSum += static_cast<double>(loss.value(output, labels)) * count;
        for (int c = 0; c < count; ++c) {
            const int predicted = argmaxColumn(output, c);
            const int truth = labels[static_cast<std::size_t>(c)];
            result.predictions.push_back(predicted);
            ++result.confusion[static_cast<std::size_t>(truth)][static_cast<std::size_t>(predicted)];
            correct += predicted == truth;
        }
    }
    result.loss = lossSum / data.size();
    result.accuracy = static_cast<double>(correct) / data.size();
    return result;
}

} // namespace digitpad
