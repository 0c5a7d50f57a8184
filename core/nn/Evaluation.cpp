// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Evaluation.h"

#include <algorithm>
#include <cmath>
#include <limits>
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

double probabilityOf(const Matrix& raw, int column, int predicted, OutputHead head) {
    const auto values = raw.col(column);
    if (head == OutputHead::Softmax) {
        // softmax_k = exp(z_k − max) / Σ_j exp(z_j − max): shifted by the largest logit so nothing overflows.
        const double largest = static_cast<double>(values.maxCoeff());
        double sum = 0.0;
        for (Eigen::Index j = 0; j < values.size(); ++j)
            sum += std::exp(static_cast<double>(values[j]) - largest);
        return std::exp(static_cast<double>(values[predicted]) - largest) / sum;
    }
    // The identity head's outputs are clamped at 0 and divided by their sum (an all-zero column is uniform).
    double sum = 0.0;
    for (Eigen::Index j = 0; j < values.size(); ++j)
        sum += std::max(0.0, static_cast<double>(values[j]));
    if (sum <= 0.0)
        return 1.0 / static_cast<double>(values.size());
    return std::max(0.0, static_cast<double>(values[predicted])) / sum;
}

Evaluation evaluate(const Network& network, const Loss& loss, const Dataset& data, int batchSize) {
    const Network* const members[] = {&network};
    return evaluate(members, loss, data, batchSize);
}

namespace {

/// The raw output the loss and probabilityOf() read for a batch: the network's own for one member without
/// test-time copies; otherwise the log of the mean probabilities (meanProbabilities()), whose softmax is that
/// mean.
void ensembleRaw(std::span<const Network* const> members, TestTimeAugmentation testTime, const Matrix& x,
                 Matrix& raw) {
    if (members.size() == 1 && testTime == TestTimeAugmentation::None) {
        members[0]->predictRaw(x, raw);
        return;
    }
    // The smallest positive float keeps log() finite when every member gives a class exactly 0.
    raw = meanProbabilities(members, x, testTime).cwiseMax(std::numeric_limits<Scalar>::min()).array().log();
}

} // namespace

Evaluation evaluate(std::span<const Network* const> members, const Loss& loss, const Dataset& data,
                    int batchSize) {
    return evaluate(members, loss, data, TestTimeAugmentation::None, batchSize);
}

Status checkTestTime(TestTimeAugmentation testTime, const Network& network) {
    if (testTime == TestTimeAugmentation::None)
        return Success{};
    if (network.inputShape().channels != 1)
        return Error{"test-time augmentation '" + toName(testTime) +
                     "' needs one channel of images, the model takes " + network.inputShape().toString()};
    if (network.head() != OutputHead::Softmax)
        return Error{"test-time augmentation '" + toName(testTime) +
                     "' averages softmax probabilities, the model has the " + toName(network.head()) +
                     " head"};
    return Success{};
}

std::vector<Matrix> memberProbabilities(std::span<const Network* const> members, const Matrix& x,
                                        TestTimeAugmentation testTime) {
    std::vector<Matrix> answers;
    answers.reserve(members.size());
    const int copies = testTimeImageCount(testTime);
    for (const Network* member : members) {
        if (Status fits = checkTestTime(testTime, *member); !fits)
            throw std::invalid_argument(fits.error().message);
        if (copies == 1) {
            answers.push_back(member->probabilities(x));
            continue;
        }
        answers.emplace_back(member->outputSize(), x.cols());
    }
    if (copies == 1)
        return answers;
    const Shape shape = members.front()->inputShape();
    // Each member reads every copy of a chunk of columns in one batch of at most kCopyColumns columns, so a
    // large batch does not hold copies × batch activations at once.
    constexpr Eigen::Index kCopyColumns = 1000;
    const Eigen::Index chunk = std::max<Eigen::Index>(1, kCopyColumns / copies);
    for (Eigen::Index first = 0; first < x.cols(); first += chunk) {
        const Eigen::Index n = std::min(chunk, x.cols() - first);
        const Matrix images = testTimeImages(testTime, x.middleCols(first, n), shape.height, shape.width);
        for (std::size_t m = 0; m < members.size(); ++m) {
            const Matrix all = members[m]->probabilities(images);
            auto mean = answers[m].middleCols(first, n);
            mean = all.leftCols(n);
            for (int k = 1; k < copies; ++k)
                mean += all.middleCols(k * n, n);
            mean /= static_cast<Scalar>(copies);
        }
    }
    return answers;
}

Matrix meanOfMembers(const std::vector<Matrix>& memberAnswers) {
    if (memberAnswers.empty())
        throw std::invalid_argument("meanOfMembers needs at least one answer");
    Matrix mean = memberAnswers.front();
    for (std::size_t m = 1; m < memberAnswers.size(); ++m)
        mean += memberAnswers[m];
    if (memberAnswers.size() > 1)
        mean /= static_cast<Scalar>(memberAnswers.size());
    return mean;
}

Matrix meanProbabilities(std::span<const Network* const> members, const Matrix& x,
                         TestTimeAugmentation testTime) {
    if (members.empty())
        throw std::invalid_argument("meanProbabilities needs at least one network");
    return meanOfMembers(memberProbabilities(members, x, testTime));
}

Evaluation evaluate(std::span<const Network* const> members, const Loss& loss, const Dataset& data,
                    TestTimeAugmentation testTime, int batchSize) {
    if (batchSize < 1)
        throw std::invalid_argument("evaluation batch size must be at least 1");
    if (members.empty())
        throw std::invalid_argument("an evaluation needs at least one network");
    const Network& network = *members[0];
    for (const Network* member : members.subspan(1))
        if (member->inputShape().size() != network.inputShape().size() ||
            member->outputSize() != network.outputSize() || member->head() != OutputHead::Softmax ||
            network.head() != OutputHead::Softmax)
            throw std::invalid_argument("ensemble members must share input, classes and the softmax head");
    if (Status fits = checkTestTime(testTime, network); !fits)
        throw std::invalid_argument(fits.error().message);
    // A batch of images becomes testTimeImageCount() times as many columns.
    batchSize = std::max(1, batchSize / testTimeImageCount(testTime));
    Evaluation result;
    const int classes = network.outputSize();
    result.confusion.assign(static_cast<std::size_t>(classes),
                            std::vector<int>(static_cast<std::size_t>(classes)));
    result.count = data.size();
    result.predictions.reserve(static_cast<std::size_t>(data.size()));
    result.confidences.reserve(static_cast<std::size_t>(data.size()));
    if (data.size() == 0)
        return result;
    double lossSum = 0.0;
    int correct = 0;
    Matrix output;
    for (int first = 0; first < data.size(); first += batchSize) {
        const int count = std::min(batchSize, data.size() - first);
        ensembleRaw(members, testTime, data.images.middleCols(first, count), output);
        const std::span<const std::uint8_t> labels(data.labels.data() + first,
                                                   static_cast<std::size_t>(count));
        lossSum += static_cast<double>(loss.value(output, labels)) * count;
        for (int c = 0; c < count; ++c) {
            const int predicted = argmaxColumn(output, c);
            const int truth = labels[static_cast<std::size_t>(c)];
            result.predictions.push_back(predicted);
            result.confidences.push_back(probabilityOf(output, c, predicted, network.head()));
            ++result.confusion[static_cast<std::size_t>(truth)][static_cast<std::size_t>(predicted)];
            correct += predicted == truth;
        }
    }
    result.loss = lossSum / data.size();
    result.accuracy = static_cast<double>(correct) / data.size();
    return result;
}

} // namespace digitpad
