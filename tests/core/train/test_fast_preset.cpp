// SPDX-License-Identifier: GPL-3.0-or-later
// The time-to-accuracy presets, `fast` (99 %, bench --only fast) and `fast-99.5` (bench --only fast-99.5):
// each exists, builds a network for 28×28 digits, trains, and gives the same weights for the same seed on one
// thread and on two.
#include "train/Preset.h"
#include "train/Trainer.h"

#include "support/SyntheticDigits.h"

#include <QtTest>

#include <cmath>

using namespace digitpad;
using test::syntheticDigits;
using test::SyntheticPattern;

namespace {

double maxWeightDifference(Network& a, Network& b) {
    const std::vector<ParamRef> pa = a.params(), pb = b.params();
    double largest = 0.0;
    for (std::size_t i = 0; i < pa.size(); ++i)
        largest = std::max(largest, double((*pa[i].value - *pb[i].value).cwiseAbs().maxCoeff()));
    return largest;
}

} // namespace

class FastPresetTest : public QObject {
    Q_OBJECT

    static void presetNames() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("images");
        QTest::addColumn<bool>("checkLearning");
        // fast-99.5 trains the cnn network with augmentation, many times fast's work per image (the sanitizer
        // build took 140 s with 600 images): three batches an epoch show its weights do not depend on the
        // thread count; that it learns is the bench's to show (99.5 % on MNIST).
        QTest::newRow("fast") << QStringLiteral("fast") << 600 << true;
        QTest::newRow("fast-99.5") << QStringLiteral("fast-99.5") << 192 << false;
    }

private slots:
    void existsAndIsValid_data() { presetNames(); }
    void existsAndIsValid() {
        QFETCH(QString, name);
        const std::optional<TrainConfig> config = presetConfig(name.toStdString());
        QVERIFY(config.has_value());
        QCOMPARE(QString::fromStdString(config->preset), name);
        QVERIFY(config->validate().ok());
        const Network network = config->makeNetwork({1, 28, 28}, 10);
        QCOMPARE(network.outputSize(), 10);
        QVERIFY(network.multiplyAddsPerSample() > 0);
    }

    void trainsTheSameOnAnyThreadCount_data() { presetNames(); }
    void trainsTheSameOnAnyThreadCount() {
        QFETCH(QString, name);
        QFETCH(int, images);
        QFETCH(bool, checkLearning);
        const Dataset train = syntheticDigits(images, 5, 28, SyntheticPattern::Diagonal);
        TrainConfig config = *presetConfig(name.toStdString());
        config.validationFraction = 0.0;
        // Two epochs are enough to see the schedule fall and the network learn, whatever the preset's count.
        config.epochs = 2;
        Network single = config.makeNetwork(train.shape, train.classes), parallel = single;
        TrainingControl control;
        config.threads = 1;
        const TrainingOutcome one = digitpad::train(single, train, &train, config, control);
        config.threads = 2;
        const TrainingOutcome two = digitpad::train(parallel, train, &train, config, control);
        QCOMPARE(one.status, TrainingStatus::Completed);
        QCOMPARE(int(one.epochs.size()), config.epochs);
        QCOMPARE(maxWeightDifference(single, parallel), 0.0);
        // The learning rate falls after every epoch, and the network learns: thirty steps on the synthetic
        // set lower the loss and lift the accuracy well above chance (a tenth).
        QVERIFY(one.epochs.back().learningRate < one.epochs.front().learningRate);
        if (!checkLearning)
            return;
        QVERIFY(one.epochs.back().trainLoss < one.epochs.front().trainLoss);
        QVERIFY2(one.epochs.back().testAccuracy > 0.2,
                 qPrintable(QString::number(one.epochs.back().testAccuracy)));
    }
};

QTEST_GUILESS_MAIN(FastPresetTest)
#include "test_fast_preset.moc"
