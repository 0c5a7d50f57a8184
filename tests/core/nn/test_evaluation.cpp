// SPDX-License-Identifier: GPL-3.0-or-later
// Evaluation against values computed by hand: a one-layer network with fixed weights on seven two-pixel
// samples gives a known confusion matrix, per-class accuracy, confidence per sample and mistake order.
#include "nn/Evaluation.h"
#include "nn/Loss.h"
#include "nn/Mistakes.h"

#include <QtTest>

#include <cmath>

using namespace digitpad;

namespace {

/// dense3 on two inputs with W = [[1, 0], [0, 1], [0, 0]] and b = 0: the logits of x = (a, b) are (a, b, 0).
Network handNetwork(OutputHead head) {
    Network network = Network::fromArchitecture({1, 1, 2}, "dense3", head);
    for (const ParamRef& param : network.params()) {
        param.value->setZero();
        if (param.value->cols() == 2) { // the weights; the bias is one column
            (*param.value)(0, 0) = 1;
            (*param.value)(1, 1) = 1;
        }
    }
    return network;
}

/// Seven samples, three classes. With handNetwork() (logits (a, b, 0); argmax takes the first of equal
/// values):
///   0: ( 2,  0) label 0 → 0      1: (0,  3) label 0 → 1      2: (0, 1) label 1 → 1
///   3: (-1, -1) label 1 → 2      4: (1,  0) label 2 → 0      5: (-1, -2) label 2 → 2
///   6: ( 0,  0) label 2 → 0 (all three logits equal)
Dataset handSamples() {
    Dataset data;
    data.shape = {1, 1, 2};
    data.classes = 3;
    data.images.resize(2, 7);
    data.images << 2, 0, 0, -1, 1, -1, 0, //
        0, 3, 1, -1, 0, -2, 0;
    data.labels = {0, 0, 1, 1, 2, 2, 2};
    return data;
}

/// softmax of logits (a, b, 0) at class k.
double softmaxOf(double a, double b, int k) {
    const double logits[3] = {a, b, 0.0};
    const double sum = std::exp(a) + std::exp(b) + 1.0;
    return std::exp(logits[k]) / sum;
}

} // namespace

class EvaluationTest : public QObject {
    Q_OBJECT

private slots:
    void confusionAndPerClassByHand_data() {
        QTest::addColumn<int>("batchSize");
        QTest::newRow("one batch") << 1000;
        QTest::newRow("batches of two") << 2;
        QTest::newRow("sample by sample") << 1;
    }

    void confusionAndPerClassByHand() {
        QFETCH(int, batchSize);
        const Network network = handNetwork(OutputHead::Softmax);
        const Dataset data = handSamples();
        const Evaluation e = evaluate(network, *makeLoss(LossKind::CrossEntropy), data, batchSize);

        QCOMPARE(e.count, 7);
        const std::vector<std::vector<int>> confusion{{1, 1, 0}, {0, 1, 1}, {2, 0, 1}};
        QCOMPARE(e.confusion, confusion);
        QCOMPARE(e.predictions, (std::vector<int>{0, 1, 1, 2, 0, 2, 0}));
        QCOMPARE(e.accuracy, 3.0 / 7.0);
        const std::vector<double> perClass = e.perClassAccuracy();
        QCOMPARE(perClass.size(), std::size_t(3));
        QCOMPARE(perClass[0], 0.5);
        QCOMPARE(perClass[1], 0.5);
        QCOMPARE(perClass[2], 1.0 / 3.0);

        // Confidence: the softmax probability of the predicted class.
        const double expected[7] = {
            softmaxOf(2, 0, 0), softmaxOf(0, 3, 1),   softmaxOf(0, 1, 1), softmaxOf(-1, -1, 2),
            softmaxOf(1, 0, 0), softmaxOf(-1, -2, 2), 1.0 / 3.0};
        QCOMPARE(e.confidences.size(), std::size_t(7));
        for (int i = 0; i < 7; ++i)
            QVERIFY2(std::abs(e.confidences[static_cast<std::size_t>(i)] - expected[i]) < 1e-6,
                     qPrintable(QStringLiteral("sample %1: %2, expected %3")
                                    .arg(i)
                                    .arg(e.confidences[static_cast<std::size_t>(i)])
                                    .arg(expected[i])));

        // Mean cross-entropy: −ln p(true class).
        const double loss =
            -(std::log(softmaxOf(2, 0, 0)) + std::log(softmaxOf(0, 3, 0)) + std::log(softmaxOf(0, 1, 1)) +
              std::log(softmaxOf(-1, -1, 1)) + std::log(softmaxOf(1, 0, 2)) + std::log(softmaxOf(-1, -2, 2)) +
              std::log(1.0 / 3.0)) /
            7.0;
        QVERIFY2(std::abs(e.loss - loss) < 1e-5,
                 qPrintable(QStringLiteral("%1 vs %2").arg(e.loss).arg(loss)));
    }

    void classWithoutSamplesHasZeroAccuracy() {
        Evaluation e;
        e.confusion = {{3, 1}, {0, 0}};
        QCOMPARE(e.perClassAccuracy(), (std::vector<double>{0.75, 0.0}));
    }

    void identityHeadConfidence() {
        const Network network = handNetwork(OutputHead::Identity);
        Dataset data;
        data.shape = {1, 1, 2};
        data.classes = 3;
        data.images.resize(2, 3);
        data.images << 3, -1, -2, //
            1, -1, 1;
        data.labels = {0, 1, 1};
        const Evaluation e = evaluate(network, *makeLoss(LossKind::MeanSquaredError), data);
        QCOMPARE(e.predictions, (std::vector<int>{0, 2, 1}));
        // Outputs clamped at 0 and divided by their sum; a column without a positive output is uniform.
        QCOMPARE(e.confidences[0], 3.0 / 4.0);
        QCOMPARE(e.confidences[1], 1.0 / 3.0);
        QCOMPARE(e.confidences[2], 1.0);
        // The same figures as the probabilities the app shows.
        const Matrix shown = network.probabilities(data.images);
        for (int i = 0; i < 3; ++i)
            QVERIFY(std::abs(e.confidences[static_cast<std::size_t>(i)] -
                             shown(e.predictions[static_cast<std::size_t>(i)], i)) < 1e-6);
    }

    void mistakesMostConfidentFirst() {
        const Dataset data = handSamples();
        const Evaluation e =
            evaluate(handNetwork(OutputHead::Softmax), *makeLoss(LossKind::CrossEntropy), data);
        const std::vector<Mistake> mistakes = sortedMistakes(e, data.labels);
        QCOMPARE(mistakes.size(), std::size_t(4));
        // Sample 1 (0 read as 1, p = e³/(e³ + 2) ≈ 0.91) first; samples 3 and 4 are equally confident
        // (1/(1 + 2/e) ≈ 0.58) and keep their order; sample 6 (1/3) last.
        const int order[4] = {1, 3, 4, 6};
        const int labels[4] = {0, 1, 2, 2};
        const int answers[4] = {1, 2, 0, 0};
        for (std::size_t i = 0; i < 4; ++i) {
            QCOMPARE(mistakes[i].index, order[i]);
            QCOMPARE(mistakes[i].label, labels[i]);
            QCOMPARE(mistakes[i].predicted, answers[i]);
            QCOMPARE(mistakes[i].confidence, e.confidences[static_cast<std::size_t>(order[i])]);
        }
        QVERIFY(std::abs(mistakes[0].confidence - std::exp(3.0) / (std::exp(3.0) + 2.0)) < 1e-6);
        QCOMPARE(mistakes[1].confidence, mistakes[2].confidence);
    }

    void mistakesNeedMatchingLabels() {
        const Dataset data = handSamples();
        const Evaluation e =
            evaluate(handNetwork(OutputHead::Softmax), *makeLoss(LossKind::CrossEntropy), data);
        const std::vector<std::uint8_t> tooFew(3, 0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, sortedMistakes(e, tooFew));
    }
};

QTEST_APPLESS_MAIN(EvaluationTest)
#include "test_evaluation.moc"
