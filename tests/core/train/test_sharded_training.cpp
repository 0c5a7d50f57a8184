// SPDX-License-Identifier: GPL-3.0-or-later
// Data-parallel training: a batch is split into shards that run on replicas of the network, possibly on
// several threads. The combined step must be the full batch's step, and the weights must not depend on the
// number of threads. Also the ShardPool that runs the shards.
#include "kernels/ShardPool.h"
#include "layers/DenseLayer.h"
#include "nn/SoftmaxCrossEntropy.h"
#include "train/Preset.h"
#include "train/Trainer.h"

#include "support/SyntheticDigits.h"

#include <QtTest>

#include <array>
#include <atomic>
#include <cmath>
#include <stdexcept>
#include <thread>

using namespace digitpad;

namespace {

using test::syntheticDigits;
using test::SyntheticPattern;

/// The largest absolute difference between two networks' corresponding tensors.
double maxWeightDifference(const Network& a, const Network& b) {
    const auto ta = a.tensors(), tb = b.tensors();
    double worst = 0.0;
    for (std::size_t i = 0; i < ta.size(); ++i)
        worst = std::max<double>(worst, (*ta[i].second - *tb[i].second).cwiseAbs().maxCoeff());
    return worst;
}

/// A preset's recipe for one epoch over all of the training set.
TrainConfig oneEpochOf(const QString& preset) {
    TrainConfig config = *presetConfig(preset.toStdString());
    config.epochs = 1;
    config.validationFraction = 0.0;
    return config;
}

} // namespace

class ShardedTrainingTest : public QObject {
    Q_OBJECT

private slots:
    // One plain-SGD step on one batch, trained through the sharded trainer, against the textbook step on the
    // whole batch: forward all samples, mean loss, backward, w −= lr · ∇w. Uneven batches give uneven shards,
    // whose gradients must be weighted by their sizes.
    void shardedStepEqualsFullBatchStep_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("shards");
        QTest::newRow("dense, even shards of 16") << "dense12,relu,dense10" << 32 << 2;
        QTest::newRow("dense, uneven shards of 16 and 17") << "dense12,relu,dense10" << 33 << 2;
        QTest::newRow("dense, four shards of 12 and 13") << "dense12,relu,dense10" << 50 << 4;
        QTest::newRow("convolutional, three shards") << "conv3x3x4,relu,pool2,dense10" << 40 << 3;
    }

    void shardedStepEqualsFullBatchStep() {
        QFETCH(QString, architecture);
        QFETCH(int, batch);
        QFETCH(int, shards);
        const Dataset train = syntheticDigits(batch, 3, 12, SyntheticPattern::Diagonal);
        TrainConfig config;
        config.architecture = architecture.toStdString();
        config.optimizer.kind = OptimizerKind::Sgd;
        config.optimizer.learningRate = 0.5;
        config.batchSize = batch;
        config.epochs = 1;
        config.validationFraction = 0.0;
        config.seed = 11;
        config.shards = shards;
        Network sharded = config.makeNetwork(train.shape);
        Network expected = sharded;

        TrainingControl control;
        const TrainingOutcome outcome = digitpad::train(sharded, train, nullptr, config, control);
        QCOMPARE(toName(outcome.status), std::string("completed"));
        QCOMPARE(outcome.shards, shards);

        // The batch's order does not matter to a full-batch mean gradient.
        Rng rng(1);
        SoftmaxCrossEntropy loss;
        Matrix gradient;
        const Matrix& output = expected.forward(train.images, rng);
        const double meanLoss = loss.compute(output, train.labels, gradient);
        expected.backward(gradient);
        for (ParamRef& p : expected.params())
            *p.value -= Scalar(config.optimizer.learningRate) * *p.grad;

        QVERIFY2(maxWeightDifference(sharded, expected) < 1e-5,
                 qPrintable(QString("weights differ by %1").arg(maxWeightDifference(sharded, expected))));
        QVERIFY(std::abs(outcome.epochs.front().trainLoss - meanLoss) < 1e-5);
        // And the step did something, so the comparison is not between two untouched networks.
        QVERIFY(maxWeightDifference(sharded, config.makeNetwork(train.shape)) > 1e-3);
    }

    // Shards always split the same way; only where they run changes with the thread count.
    // On one shard, the mlp preset's first layer splits its products and its update in two parts instead.
    void weightsDoNotDependOnThreads_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<bool>("augment");
        QTest::addColumn<int>("shards");
        QTest::newRow("mlp split by request (dense, adam)") << "mlp" << false << 4;
        QTest::newRow("mlp on one shard, first layer in two parts") << "mlp" << false << 1;
        QTest::newRow("cnn (conv, dropout)") << "cnn" << false << 4;
        QTest::newRow("lenet with augmentation") << "lenet" << true << 4;
        QTest::newRow("fast") << "fast" << false << 4;
    }

    void weightsDoNotDependOnThreads() {
        QFETCH(QString, preset);
        QFETCH(bool, augment);
        QFETCH(int, shards);
        const Dataset train = syntheticDigits(200, 4, 28, SyntheticPattern::Diagonal);
        TrainConfig config = oneEpochOf(preset);
        config.augment.enabled = augment;
        config.shards = shards;
        Network single = config.makeNetwork(train.shape), parallel = single;
        TrainingControl control;
        config.threads = 1;
        const TrainingOutcome one = digitpad::train(single, train, nullptr, config, control);
        config.threads = 2;
        const TrainingOutcome two = digitpad::train(parallel, train, nullptr, config, control);
        QCOMPARE(one.epochs.front().trainLoss, two.epochs.front().trainLoss);
        QCOMPARE(maxWeightDifference(single, parallel), 0.0);
    }

    // Several steps in shards train as the whole batches would: the replicas follow the network's weights
    // from step to step (the update copies them in), so no shard trains on stale ones.
    void shardsFollowTheUpdatedWeights() {
        const Dataset train = syntheticDigits(96, 3, 12, SyntheticPattern::Diagonal);
        TrainConfig config;
        config.architecture = "dense12,relu,dense10";
        config.optimizer.kind = OptimizerKind::Sgd;
        config.optimizer.learningRate = 0.5;
        config.batchSize = 16;
        config.epochs = 2;
        config.validationFraction = 0.0;
        config.shards = 1;
        Network whole = config.makeNetwork(train.shape), sharded = whole;
        const Network start = whole;
        TrainingControl control;
        digitpad::train(whole, train, nullptr, config, control);
        config.shards = 2;
        digitpad::train(sharded, train, nullptr, config, control);
        QVERIFY2(maxWeightDifference(whole, sharded) < 1e-5,
                 qPrintable(QString("weights differ by %1").arg(maxWeightDifference(whole, sharded))));
        QVERIFY(maxWeightDifference(whole, start) > 1e-2); // 12 steps moved the weights
    }

    // A dense layer lent a pool splits W into two column parts (a 256 KiB matrix or more, batches of several
    // samples): its forward pass and gradients are the whole layer's, up to float rounding, and its weight
    // says where it divides so the update stays with the part's thread.
    void splitDenseLayerMatchesTheWholeOne() {
        Rng rng(5);
        DenseLayer whole({1, 1, 784}, 128);
        whole.initialise(Init::He, rng);
        DenseLayer split = whole;
        ShardPool pool(2);
        split.shareWork(&pool);
        const Matrix x = Matrix::Random(784, 33);
        const Matrix dOut = Matrix::Random(128, 33);
        Matrix wholeOut, splitOut, wholeIn, splitIn;
        whole.forward(x, wholeOut, rng);
        split.forward(x, splitOut, rng);
        whole.backward(x, wholeOut, dOut, &wholeIn);
        split.backward(x, splitOut, dOut, &splitIn);
        auto close = [](const Matrix& a, const Matrix& b) {
            return (a - b).cwiseAbs().maxCoeff() <= 1e-5f * std::max(1.0f, a.cwiseAbs().maxCoeff());
        };
        QVERIFY(close(wholeOut, splitOut));
        QVERIFY(close(wholeIn, splitIn));
        const std::vector<ParamRef> wholeParams = whole.params(), splitParams = split.params();
        for (std::size_t i = 0; i < wholeParams.size(); ++i)
            QVERIFY2(close(*wholeParams[i].grad, *splitParams[i].grad), wholeParams[i].name.c_str());
        QVERIFY(splitParams[0].splitColumn > 0 && splitParams[0].splitColumn < 784);
        QCOMPARE(splitParams[1].splitColumn, Eigen::Index(0)); // the bias is updated whole

        // A copy does not keep the pool: it outlives it here, and runs the whole layer's pass, bit for bit.
        std::unique_ptr<Layer> copy;
        {
            ShardPool shortLived(2);
            split.shareWork(&shortLived);
            copy = split.clone();
            split.shareWork(nullptr);
        }
        Matrix copyOut, predicted;
        copy->forward(x, copyOut, rng);
        whole.predict(x, predicted);
        QVERIFY(copyOut == predicted);
        // A small layer never splits.
        DenseLayer small({1, 1, 784}, 10);
        small.shareWork(&pool);
        QCOMPARE(small.params()[0].splitColumn, Eigen::Index(0));
    }

    // Automatic sharding splits only batches with enough work per parameter: the convolutional presets, not
    // the dense ones, whose every weight is used once per sample.
    void automaticShardsFollowTheWork_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("shards");
        QTest::newRow("lenet (batch 64: four shards of 16)") << "lenet" << 4;
        QTest::newRow("cnn (batch 64: four shards of 16)") << "cnn" << 4;
        QTest::newRow("mlp") << "mlp" << 1;
        QTest::newRow("sigmoid-100 (batch 1)") << "sigmoid-100" << 1;
    }

    void automaticShardsFollowTheWork() {
        QFETCH(QString, preset);
        QFETCH(int, shards);
        const Dataset train = syntheticDigits(100, 4, 28, SyntheticPattern::Diagonal);
        const TrainConfig config = oneEpochOf(preset);
        Network network = config.makeNetwork(train.shape);
        TrainingControl control;
        QCOMPARE(digitpad::train(network, train, nullptr, config, control).shards, shards);
    }

    // 33 samples in batches of 32 leave a last batch of one sample, which cannot be split in two.
    void lastBatchTooSmallToSplitTrainsWhole() {
        const Dataset train = syntheticDigits(33, 6, 12, SyntheticPattern::Diagonal);
        TrainConfig config;
        config.architecture = "dense12,relu,dense10";
        config.batchSize = 32;
        config.epochs = 2;
        config.validationFraction = 0.0;
        config.shards = 2;
        Network network = config.makeNetwork(train.shape);
        TrainingControl control;
        const TrainingOutcome outcome = digitpad::train(network, train, nullptr, config, control);
        QCOMPARE(toName(outcome.status), std::string("completed"));
        QCOMPARE(outcome.epochs.size(), std::size_t(2));
        QVERIFY(std::isfinite(outcome.epochs.back().trainLoss));
    }

    void poolRunsEveryShardOnce_data() {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("shards");
        QTest::newRow("one thread, two shards") << 1 << 2;
        QTest::newRow("two threads, two shards") << 2 << 2;
        QTest::newRow("two threads, five shards") << 2 << 5;
        QTest::newRow("three threads, one shard") << 3 << 1;
    }

    void poolRunsEveryShardOnce() {
        QFETCH(int, threads);
        QFETCH(int, shards);
        ShardPool pool(threads);
        QCOMPARE(pool.threads(), threads);
        for (int step = 0; step < 50; ++step) {
            std::vector<std::atomic<int>> runs(static_cast<std::size_t>(shards));
            auto work = [&](int shard) { runs[static_cast<std::size_t>(shard)].fetch_add(1); };
            pool.run(shards, work);
            for (const std::atomic<int>& count : runs)
                QCOMPARE(count.load(), 1);
        }
    }

    // An exception in a shard on a worker thread reaches the caller, after every shard has finished, and the
    // pool keeps working.
    void poolRethrowsAShardsException() {
        ShardPool pool(2);
        std::atomic<int> finished = 0;
        auto failing = [&](int shard) {
            if (shard == 1)
                throw std::runtime_error("shard 1 failed");
            finished.fetch_add(1);
        };
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, pool.run(2, failing));
        QCOMPARE(finished.load(), 1);
        auto counting = [&](int) { finished.fetch_add(1); };
        pool.run(2, counting);
        QCOMPARE(finished.load(), 3);
    }

    // A pinned part runs on the same thread at every call, part p on thread p mod threads (0: the caller).
    void poolPinsEachPartToOneThread() {
        ShardPool pool(2);
        std::array<std::thread::id, 4> first{};
        for (int call = 0; call < 20; ++call) {
            std::array<std::thread::id, 4> ran{};
            auto work = [&](int part) { ran[static_cast<std::size_t>(part)] = std::this_thread::get_id(); };
            pool.runPinned(4, work);
            if (call == 0)
                first = ran;
            QVERIFY(ran == first);
        }
        QCOMPARE(first[0], std::this_thread::get_id());
        QCOMPARE(first[2], std::this_thread::get_id());
        QVERIFY(first[1] != std::this_thread::get_id());
        QCOMPARE(first[3], first[1]);
    }

    void threadsForAMachine() {
        QCOMPARE(ShardPool::threadsFor(1), 1);
        QCOMPARE(ShardPool::threadsFor(2, 1), 1);
        QCOMPARE(ShardPool::threadsFor(2, 8), 2);
        QVERIFY(ShardPool::threadsFor(2) >= 1);
    }
};

QTEST_GUILESS_MAIN(ShardedTrainingTest)
#include "test_sharded_training.moc"
