// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/BestEpoch.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace digitpad;

namespace {

/// A network whose every weight is `value`, so a copy tells which epoch it was taken at.
void fill(Network& network, float value) {
    for (const ParamRef& p : network.params())
        p.value->setConstant(static_cast<Scalar>(value));
}

/// The first weight of a network filled by fill().
double firstWeight(const Network& network) {
    Network copy = network;
    return static_cast<double>((*copy.params().front().value)(0, 0));
}

} // namespace

class TestBestEpoch : public QObject {
    Q_OBJECT
private slots:
    void keepsTheBestValidationEpoch_data() {
        QTest::addColumn<QList<double>>("validation"); // one accuracy per epoch; NaN = no validation set
        QTest::addColumn<int>("bestEpoch");
        QTest::addColumn<bool>("copyKept"); // a copy only when the best is not the last epoch

        const double nan = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("rising: the last epoch is the best") << QList<double>{0.90, 0.93, 0.95} << 3 << false;
        QTest::newRow("peak in the middle") << QList<double>{0.90, 0.97, 0.95, 0.96} << 2 << true;
        QTest::newRow("ties keep the earliest") << QList<double>{0.90, 0.95, 0.95} << 2 << true;
        QTest::newRow("first epoch best") << QList<double>{0.99, 0.50} << 1 << true;
        QTest::newRow("no validation set") << QList<double>{nan, nan} << 0 << false;
        QTest::newRow("no epoch completed") << QList<double>{} << 0 << false;
    }

    void keepsTheBestValidationEpoch() {
        QFETCH(QList<double>, validation);
        QFETCH(int, bestEpoch);
        QFETCH(bool, copyKept);
        Network network = Network::fromArchitecture(Shape{4}, "dense3,relu,dense2", OutputHead::Softmax);
        TrainingOutcome outcome;
        BestEpoch best(outcome);
        for (int epoch = 1; epoch <= validation.size(); ++epoch) {
            fill(network, static_cast<float>(epoch)); // "training" this epoch
            EpochMetrics metrics;
            metrics.epoch = epoch;
            metrics.validationAccuracy = validation[epoch - 1];
            outcome.epochs.push_back(metrics);
            best.consider(network, metrics);
        }
        best.finish();
        QCOMPARE(outcome.bestEpoch, bestEpoch);
        QCOMPARE(outcome.bestEpochNetwork != nullptr, copyKept);
        if (copyKept)
            QCOMPARE(firstWeight(*outcome.bestEpochNetwork), double(bestEpoch));
    }
};

QTEST_APPLESS_MAIN(TestBestEpoch)
#include "test_best_epoch.moc"
