// SPDX-License-Identifier: GPL-3.0-or-later
// The trainer on a small synthetic problem: convergence, determinism, cancel, pause, divergence, schedule,
// and no heap allocation per batch once the first epoch has sized every buffer.
#include "nn/Evaluation.h"
#include "train/Preset.h"
#include "train/Trainer.h"

#include "support/AllocationCounter.h"
#include "support/SyntheticDigits.h"

#include <QtTest>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <thread>
#include <vector>

using namespace digitpad;

namespace {

using test::syntheticDigits;
using test::SyntheticPattern;

QString statusName(TrainingStatus status) {
    return QString::fromStdString(toName(status));
}

TrainConfig smallConfig() {
    TrainConfig config = *presetConfig("mlp");
    config.hiddenLayers = {12};
    config.epochs = 8;
    config.batchSize = 16;
    config.validationFraction = 0.2;
    config.seed = 5;
    config.optimizer.learningRate = 0.01;
    return config;
}

} // namespace

class TrainerTest : public QObject {
    Q_OBJECT

private slots:
    void converges_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("epochs");
        QTest::newRow("mlp: relu, cross-entropy, adam") << "mlp" << 8;
        QTest::newRow("sigmoid-100: sigmoid, MSE, SGD batch 1") << "sigmoid-100" << 8;
        QTest::newRow("sigmoid-64-16: sigmoid, cross-entropy, SGD") << "sigmoid-64-16" << 300;
        QTest::newRow("relu-25-25: relu, cross-entropy, adam") << "relu-25-25" << 20;
    }

    void converges() {
        QFETCH(QString, preset);
        QFETCH(int, epochs);
        const Dataset train = syntheticDigits(600, 1, 4, SyntheticPattern::FlatIndex);
        const Dataset test = syntheticDigits(200, 2, 4, SyntheticPattern::FlatIndex);
        TrainConfig config = *presetConfig(preset.toStdString());
        config.epochs = epochs;
        config.validationFraction = 0.1;
        Network net = config.makeNetwork(train.shape);
        const double before = evaluate(net, *makeLoss(config.loss), test).accuracy;
        TrainingControl control;
        const TrainingOutcome outcome = digitpad::train(net, train, &test, config, control);
        QCOMPARE(statusName(outcome.status), statusName(TrainingStatus::Completed));
        QCOMPARE(int(outcome.epochs.size()), epochs);
        const EpochMetrics& last = outcome.epochs.back();
        QVERIFY2(last.testAccuracy > 0.95,
                 qPrintable(QString("test accuracy %1 (before %2)").arg(last.testAccuracy).arg(before)));
        QVERIFY(last.trainLoss < outcome.epochs.front().trainLoss);
        QVERIFY(last.validationAccuracy > 0.95);
        QVERIFY(std::abs(evaluate(net, *makeLoss(config.loss), test).accuracy - last.testAccuracy) < 1e-12);
        // The epoch's validation confusion matrix and answers are the held-out last tenth's.
        const Evaluation validation = evaluate(net, *makeLoss(config.loss), train.slice(540, 60));
        QCOMPARE(last.validationConfusion, validation.confusion);
        QCOMPARE(last.validationPredictions, validation.predictions);
    }

    void sameSeedSameWeights() {
        const Dataset train = syntheticDigits(300, 3, 4, SyntheticPattern::FlatIndex);
        const TrainConfig config = smallConfig();
        TrainingControl control;
        Network a = config.makeNetwork(train.shape);
        Network b = config.makeNetwork(train.shape);
        digitpad::train(a, train, nullptr, config, control);
        digitpad::train(b, train, nullptr, config, control);
        for (std::size_t i = 0; i < a.params().size(); ++i)
            QVERIFY(*a.params()[i].value == *b.params()[i].value);

        TrainConfig other = config;
        other.seed = 6;
        Network c = other.makeNetwork(train.shape);
        digitpad::train(c, train, nullptr, other, control);
        QVERIFY(*a.params()[0].value != *c.params()[0].value);
    }

    void reportsEveryBatchAndEpoch() {
        const Dataset train = syntheticDigits(250, 4, 4, SyntheticPattern::FlatIndex);
        TrainConfig config = smallConfig();
        config.epochs = 2;
        config.validationFraction = 0.2; // 200 training samples, batches of 16: 12 full + 1 of 8
        Network net = config.makeNetwork(train.shape);
        TrainingControl control;
        int batches = 0, epochs = 0, lastBatchesPerEpoch = 0;
        TrainingCallbacks callbacks;
        callbacks.onBatch = [&](const BatchProgress& p) {
            ++batches;
            lastBatchesPerEpoch = p.batchesPerEpoch;
            QVERIFY(std::isfinite(p.loss));
        };
        callbacks.onEpoch = [&](const EpochMetrics& m) { QCOMPARE(m.epoch, ++epochs); };
        const auto outcome = digitpad::train(net, train, nullptr, config, control, callbacks);
        QCOMPARE(lastBatchesPerEpoch, 13);
        QCOMPARE(batches, 26);
        QCOMPARE(epochs, 2);
        QVERIFY(std::isnan(outcome.epochs[0].testAccuracy));
    }

    void cancelStopsBetweenBatches() {
        const Dataset train = syntheticDigits(400, 5, 4, SyntheticPattern::FlatIndex);
        TrainConfig config = smallConfig();
        config.epochs = 50;
        Network net = config.makeNetwork(train.shape);
        TrainingControl control;
        int batches = 0;
        TrainingCallbacks callbacks;
        callbacks.onBatch = [&](const BatchProgress&) {
            if (++batches == 30)
                control.cancel = true;
        };
        const auto outcome = digitpad::train(net, train, nullptr, config, control, callbacks);
        QCOMPARE(statusName(outcome.status), statusName(TrainingStatus::Cancelled));
        QCOMPARE(batches, 30);
        QVERIFY(outcome.epochs.size() < 50);
    }

    void cancelKeepsTheLastCompletedEpoch() {
        // Stopped in the middle of epoch 3: the network must hold the weights of the end of epoch 2, not a
        // half-trained third epoch.
        const Dataset train = syntheticDigits(200, 5, 4, SyntheticPattern::FlatIndex);
        TrainConfig config = smallConfig();
        config.epochs = 10;
        config.validationFraction = 0.0;
        Network net = config.makeNetwork(train.shape);
        std::vector<Matrix> endOfEpoch2;
        TrainingControl control;
        TrainingCallbacks callbacks;
        callbacks.onEpoch = [&](const EpochMetrics& m) {
            if (m.epoch == 2)
                for (const ParamRef& p : net.params())
                    endOfEpoch2.push_back(*p.value);
        };
        callbacks.onBatch = [&](const BatchProgress& p) {
            if (p.epoch == 3 && p.batch == 3)
                control.cancel = true;
        };
        const auto outcome = digitpad::train(net, train, nullptr, config, control, callbacks);
        QCOMPARE(statusName(outcome.status), statusName(TrainingStatus::Cancelled));
        QCOMPARE(int(outcome.epochs.size()), 2);
        QCOMPARE(endOfEpoch2.size(), net.params().size());
        for (std::size_t i = 0; i < net.params().size(); ++i)
            QVERIFY(*net.params()[i].value == endOfEpoch2[i]);
        QCOMPARE(outcome.bestEpoch, 0); // no validation set, no best epoch
        QVERIFY(!outcome.bestEpochNetwork);
    }

    void pauseWaitsThenResumes() {
        const Dataset train = syntheticDigits(200, 6, 4, SyntheticPattern::FlatIndex);
        TrainConfig config = smallConfig();
        config.epochs = 2;
        Network net = config.makeNetwork(train.shape);
        TrainingControl control;
        control.pause = true;
        std::atomic<int> batchesWhilePaused{0};
        std::thread resumer([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
            control.pause = false;
        });
        TrainingCallbacks callbacks;
        callbacks.onBatch = [&](const BatchProgress&) {
            if (control.pause)
                ++batchesWhilePaused;
        };
        const auto outcome = digitpad::train(net, train, nullptr, config, control, callbacks);
        resumer.join();
        QCOMPARE(statusName(outcome.status), statusName(TrainingStatus::Completed));
        QCOMPARE(batchesWhilePaused.load(), 0);
    }

    void divergenceKeepsLastGoodWeights_data() {
        QTest::addColumn<QString>("loss");
        QTest::addColumn<double>("learningRate"); // plain SGD, no momentum
        QTest::addColumn<int>("batchSize");
        QTest::addColumn<QString>("reason"); // what the reason must say
        QTest::addColumn<int>("epochsDone"); // epochs completed before the run stopped

        QTest::newRow("overflow at once: cross-entropy, lr 1e30")
            << "cross-entropy" << 1e30 << 16 << "loss became" << 0;
        QTest::newRow("finite explosion: MSE, lr 100, one batch per epoch")
            << "mse" << 100.0 << 200 << "loss exploded to" << 2;
        QTest::newRow("finite explosion: MSE, lr 100, batch 16")
            << "mse" << 100.0 << 16 << "loss exploded to" << 0;
    }

    void divergenceKeepsLastGoodWeights() {
        QFETCH(QString, loss);
        QFETCH(double, learningRate);
        QFETCH(int, batchSize);
        QFETCH(QString, reason);
        QFETCH(int, epochsDone);
        const Dataset train = syntheticDigits(200, 7, 4, SyntheticPattern::FlatIndex);
        TrainConfig config = smallConfig();
        config.loss = *fromName<LossKind>(loss.toStdString());
        config.optimizer.kind = OptimizerKind::Sgd;
        config.optimizer.momentum = 0.0;
        config.optimizer.learningRate = learningRate;
        config.batchSize = batchSize;
        config.validationFraction = 0.0;
        Network net = config.makeNetwork(train.shape);
        // The weights before training, then at the end of every epoch: what a diverged run must fall back on.
        std::vector<std::vector<Matrix>> snapshots(1);
        auto snapshot = [&net](std::vector<Matrix>& into) {
            for (const ParamRef& p : net.params())
                into.push_back(*p.value);
        };
        snapshot(snapshots[0]);
        TrainingCallbacks callbacks;
        callbacks.onEpoch = [&](const EpochMetrics&) { snapshot(snapshots.emplace_back()); };
        TrainingControl control;
        const auto outcome = digitpad::train(net, train, nullptr, config, control, callbacks);
        const QString why = QString::fromStdString(outcome.reason);
        QCOMPARE(statusName(outcome.status), statusName(TrainingStatus::Diverged));
        QVERIFY2(why.contains(reason), qPrintable(why));
        QCOMPARE(int(outcome.epochs.size()), epochsDone);
        QVERIFY2(why.contains(QString("at epoch %1,").arg(epochsDone + 1)), qPrintable(why));
        // The same as a kind and numbers, for a front end's own wording; the text is what they describe.
        QCOMPARE(outcome.divergence.epoch, epochsDone + 1);
        QVERIFY(outcome.divergence.batch >= 1);
        QCOMPARE(why, QString::fromStdString(describe(outcome.divergence)));
        QCOMPARE(outcome.divergence.kind == DivergenceKind::LossExploded, why.contains("exploded"));
        const std::vector<Matrix>& lastGood = snapshots.at(std::size_t(epochsDone));
        for (std::size_t i = 0; i < net.params().size(); ++i)
            QVERIFY(*net.params()[i].value == lastGood[i]);
    }

    void stepScheduleHalvesTheRate() {
        const Dataset train = syntheticDigits(100, 8, 4, SyntheticPattern::FlatIndex);
        TrainConfig config = smallConfig();
        config.epochs = 5;
        config.lrStepEvery = 2;
        config.lrStepGamma = 0.5;
        Network net = config.makeNetwork(train.shape);
        TrainingControl control;
        const auto outcome = digitpad::train(net, train, nullptr, config, control);
        const double base = config.optimizer.learningRate;
        const double expected[] = {base, base, base / 2, base / 2, base / 4};
        for (int e = 0; e < 5; ++e)
            QVERIFY(std::abs(outcome.epochs[static_cast<std::size_t>(e)].learningRate - expected[e]) < 1e-12);
    }

    void validationLossUsesTheTrainingObjective() {
        // With label smoothing the training loss cannot fall below the smoothed targets' entropy; the
        // validation loss is the same objective, so the two curves can be compared (a gap is overfitting,
        // not the smoothing).
        const Dataset train = syntheticDigits(200, 8, 4, SyntheticPattern::FlatIndex);
        TrainConfig config = smallConfig();
        config.epochs = 2;
        config.labelSmoothing = 0.2;
        Network net = config.makeNetwork(train.shape);
        TrainingControl control;
        const auto outcome = digitpad::train(net, train, nullptr, config, control);
        QCOMPARE(outcome.status, TrainingStatus::Completed);
        const int trainCount =
            train.size() - static_cast<int>(std::lround(train.size() * config.validationFraction));
        const Dataset validation = train.slice(trainCount, train.size() - trainCount);
        const double smoothed = evaluate(net, *makeLoss(LossKind::CrossEntropy, 0.2), validation).loss;
        const double plain = evaluate(net, *makeLoss(LossKind::CrossEntropy), validation).loss;
        QVERIFY2(std::abs(outcome.epochs.back().validationLoss - smoothed) < 1e-5,
                 qPrintable(QString::number(outcome.epochs.back().validationLoss) + " against " +
                            QString::number(smoothed)));
        QVERIFY(std::abs(smoothed - plain) > 1e-3);
    }

    void invalidConfigIsRefused_data() {
        QTest::addColumn<int>("batch");
        QTest::addColumn<double>("rate");
        QTest::addColumn<QString>("message");
        QTest::newRow("batch 0") << 0 << 0.1 << "batch size must be at least 1";
        QTest::newRow("negative learning rate") << 8 << -1.0 << "learning rate must be a positive number";
    }

    void invalidConfigIsRefused() {
        QFETCH(int, batch);
        QFETCH(double, rate);
        QFETCH(QString, message);
        TrainConfig config = smallConfig();
        config.batchSize = batch;
        config.optimizer.learningRate = rate;
        const Status settings = config.validate();
        QVERIFY(!settings);
        QVERIFY2(QString::fromStdString(settings.error().message).contains(message),
                 settings.error().message.c_str());
        const Dataset train = syntheticDigits(50, 9, 4, SyntheticPattern::FlatIndex);
        Network net = Network::fromArchitecture(train.shape, "dense10", OutputHead::Softmax);
        TrainingControl control;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 digitpad::train(net, train, nullptr, config, control));
    }

    /// Each invalid setting has its own ErrorKind (a layer string also its name), so a front end can word
    /// every problem in its own language.
    void invalidSettingSaysWhichByKind_data() {
        QTest::addColumn<int>("breakage");
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<QString>("name");
        using enum ErrorKind;
        QTest::newRow("batch") << 0 << BatchSizeTooSmall << "";
        QTest::newRow("epochs") << 1 << TooFewEpochs << "";
        QTest::newRow("learning rate") << 2 << LearningRateNotPositive << "";
        QTest::newRow("momentum") << 3 << MomentumOutOfRange << "";
        QTest::newRow("weight decay") << 4 << WeightDecayNegative << "";
        QTest::newRow("validation") << 5 << ValidationFractionOutOfRange << "";
        QTest::newRow("step") << 6 << LearningRateStepNegative << "";
        QTest::newRow("factor") << 7 << LearningRateFactorNotPositive << "";
        QTest::newRow("shards") << 8 << ShardsOutOfRange << "";
        QTest::newRow("threads") << 9 << ThreadsNegative << "";
        QTest::newRow("augmentation") << 10 << AugmentationOutOfRange << "";
        QTest::newRow("hidden width") << 11 << HiddenWidthTooSmall << "";
        QTest::newRow("unknown layer") << 12 << LayersInvalid << "dense12,frobnicate,dense10";
        QTest::newRow("five outputs") << 13 << LayersOutputMismatch << "dense12,relu,dense5";
        QTest::newRow("label smoothing 1") << 14 << LabelSmoothingInvalid << "";
        QTest::newRow("label smoothing with mse") << 15 << LabelSmoothingInvalid << "";
    }
    void invalidSettingSaysWhichByKind() {
        QFETCH(int, breakage);
        QFETCH(ErrorKind, kind);
        QFETCH(QString, name);
        TrainConfig config = smallConfig();
        switch (breakage) {
        case 0:
            config.batchSize = 0;
            break;
        case 1:
            config.epochs = 0;
            break;
        case 2:
            config.optimizer.learningRate = 0.0;
            break;
        case 3:
            config.optimizer.momentum = 1.0;
            break;
        case 4:
            config.optimizer.weightDecay = -0.1;
            break;
        case 5:
            config.validationFraction = 1.0;
            break;
        case 6:
            config.lrStepEvery = -1;
            break;
        case 7:
            config.lrStepGamma = 0.0;
            break;
        case 8:
            config.shards = 99;
            break;
        case 9:
            config.threads = -1;
            break;
        case 10:
            config.augment.enabled = true;
            config.augment.rotationDegrees = 500.0;
            break;
        case 11:
            config.hiddenLayers = {12, 0};
            break;
        case 12:
        case 13:
            config.architecture = name.toStdString();
            break;
        case 14:
            config.labelSmoothing = 1.0;
            break;
        case 15:
            config.loss = LossKind::MeanSquaredError;
            config.labelSmoothing = 0.1;
            break;
        }
        const Status settings = config.validate();
        QVERIFY(!settings);
        QCOMPARE(settings.error().kind, kind);
        QCOMPARE(QString::fromStdString(settings.error().name), name);
        QVERIFY(!settings.error().message.empty()); // core's English, for the CLI
    }

    // After the first epoch has sized the buffers (full and last partial batch), the training loop allocates
    // nothing: counted from the first batch of epoch 2 to the last batch of epoch 3, epoch boundary included.
    void noAllocationPerBatch_data() {
        QTest::addColumn<QString>("preset");
        QTest::newRow("mlp, adam") << "mlp";
        QTest::newRow("sigmoid-100, sgd batch 1") << "sigmoid-100";
        QTest::newRow("sigmoid-64-16, sgd batch 128") << "sigmoid-64-16";
    }

    void noAllocationPerBatch() {
        QFETCH(QString, preset);
        if (!test::kCountsAllocations)
            QSKIP("allocation counting is off under AddressSanitizer (it owns malloc)");
        // MNIST-sized inputs, so the matrix products are as large as in real training.
        const Dataset train = syntheticDigits(1000, 10, 28, SyntheticPattern::FlatIndex);
        TrainConfig config = *presetConfig(preset.toStdString());
        config.epochs = 3;
        config.validationFraction = 0.0;
        config.batchSize = std::min(config.batchSize, 100);
        Network net = config.makeNetwork(train.shape);
        QCOMPARE(test::allocationsAfterFirstEpoch(net, train, config), 0LL);
    }
};

QTEST_GUILESS_MAIN(TrainerTest)
#include "test_trainer.moc"
