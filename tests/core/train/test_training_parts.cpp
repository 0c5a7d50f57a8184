// SPDX-License-Identifier: GPL-3.0-or-later
// The parts train() is built from, one by one: BatchSource serves the samples a plain loop over the shuffled
// order would (split into shards, augmented per batch seed), LastGoodWeights restores saved weights without
// allocating, LearningRateSchedule steps the rate, PauseGate reports a cancel, and DataParallelStep's
// sharded gradient is the whole batch's.
#include "train/BatchSource.h"
#include "train/DataParallelStep.h"
#include "train/LastGoodWeights.h"
#include "train/LearningRateSchedule.h"
#include "train/PauseGate.h"
#include "train/Preset.h"
#include "train/Trainer.h"

#include "support/AllocationCounter.h"
#include "support/SyntheticDigits.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <thread>

using namespace digitpad;

namespace {

using test::syntheticDigits;
using test::SyntheticPattern;

constexpr unsigned long long kGolden = 0x9E3779B97F4A7C15ULL;

} // namespace

class TrainingPartsTest : public QObject {
    Q_OBJECT

private slots:
    void batchSourceServesTheShuffledSamples_data() {
        QTest::addColumn<int>("samples");
        QTest::addColumn<int>("batchSize");
        QTest::addColumn<int>("shards");
        QTest::addColumn<bool>("augment");
        QTest::newRow("one shard, partial last batch") << 50 << 16 << 1 << false;
        QTest::newRow("two shards, even batches") << 64 << 32 << 2 << false;
        QTest::newRow("four shards, last batch of 3 splits into 3") << 67 << 16 << 4 << false;
        QTest::newRow("three shards, last batch of one sample") << 41 << 10 << 3 << false;
        QTest::newRow("one batch is the whole set") << 20 << 20 << 2 << false;
        QTest::newRow("augmented, prefetched, two shards") << 50 << 16 << 2 << true;
        QTest::newRow("augmented, prefetched, batch 1") << 7 << 1 << 1 << true;
    }

    // Against a plain loop: the epoch's order is std::shuffle of 0 … n − 1 with the caller's generator, batch
    // b takes order[b·B … b·B + count), shard s of it the samples shardRange() names, and an augmented shard
    // is Augmenter::augmentBatch of those samples with the batch seed plus s golden-ratio steps.
    void batchSourceServesTheShuffledSamples() {
        QFETCH(int, samples);
        QFETCH(int, batchSize);
        QFETCH(int, shards);
        QFETCH(bool, augment);
        const Dataset data = syntheticDigits(samples + 5, 3, 8, SyntheticPattern::FlatIndex); // 5 held out
        AugmentSettings settings;
        settings.enabled = augment;
        constexpr unsigned long long seed = 11;
        BatchSource source(data, samples, batchSize, shards, settings, seed);
        QCOMPARE(source.batchesPerEpoch(), (samples + batchSize - 1) / batchSize);
        std::optional<Augmenter> augmenter;
        if (augment)
            augmenter.emplace(settings, data.shape, seed);

        Rng sourceRng(seed), plainRng(seed);
        std::vector<int> order(static_cast<std::size_t>(samples));
        for (int epoch = 1; epoch <= 2; ++epoch) {
            source.startEpoch(epoch, sourceRng);
            std::iota(order.begin(), order.end(), 0);
            std::shuffle(order.begin(), order.end(), plainRng);
            for (int b = 0; b < source.batchesPerEpoch(); ++b) {
                const Batch& batch = source.batch(b);
                const int count = std::min(batchSize, samples - b * batchSize);
                QCOMPARE(batch.count, count);
                QCOMPARE(batch.shards, std::min(shards, count));
                for (int s = 0; s < batch.shards; ++s) {
                    const auto [from, to] = shardRange(count, batch.shards, s);
                    const int* first = order.data() + b * batchSize + from;
                    const ShardSamples& part = batch.parts[static_cast<std::size_t>(s)];
                    Matrix expected(data.images.rows(), to - from);
                    if (augmenter)
                        augmenter->augmentBatch(data.images, first, to - from,
                                                Augmenter::batchSeed(seed, epoch, b) +
                                                    kGolden * static_cast<unsigned long long>(s),
                                                expected);
                    else
                        for (int c = 0; c < to - from; ++c)
                            expected.col(c) = data.images.col(first[c]);
                    QVERIFY(part.inputs == expected);
                    QCOMPARE(int(part.labels.size()), to - from);
                    for (int c = 0; c < to - from; ++c)
                        QCOMPARE(part.labels[static_cast<std::size_t>(c)],
                                 data.labels[static_cast<std::size_t>(first[c])]);
                }
            }
        }
    }

    void lastGoodWeightsRestoresTheSavedValues() {
        Network net = Network::fromArchitecture({1, 4, 4}, "dense6,relu,dense3", OutputHead::Softmax);
        net.initialise(Init::He, 1);
        const std::vector<ParamRef> params = net.params();
        const Network initial = net;
        LastGoodWeights lastGood(params);

        auto scramble = [&](float value) {
            for (const ParamRef& p : params)
                p.value->setConstant(value);
        };
        auto sameAs = [&](const Network& other) {
            const auto mine = net.tensors(), theirs = other.tensors();
            for (std::size_t i = 0; i < mine.size(); ++i)
                if (*mine[i].second != *theirs[i].second)
                    return false;
            return true;
        };

        scramble(7.0f);
        lastGood.restore(); // the values at construction
        QVERIFY(sameAs(initial));

        scramble(2.0f);
        const Network saved = net;
        const long long before = test::heapAllocations.load();
        lastGood.save();
        scramble(std::nanf(""));
        lastGood.restore();
        const long long allocations = test::heapAllocations.load() - before;
        QVERIFY(sameAs(saved));
        if (test::kCountsAllocations)
            QCOMPARE(allocations, 0LL);
    }

    void learningRateSchedule_data() {
        QTest::addColumn<int>("every");
        QTest::addColumn<double>("gamma");
        QTest::addColumn<QList<double>>("factors"); // of the base rate, epochs 1 …
        QTest::newRow("constant") << 0 << 0.5 << QList<double>{1, 1, 1, 1};
        QTest::newRow("halve every 2") << 2 << 0.5 << QList<double>{1, 1, 0.5, 0.5, 0.25};
        QTest::newRow("tenth every epoch") << 1 << 0.1 << QList<double>{1, 0.1, 0.01};
    }

    void learningRateSchedule() {
        QFETCH(int, every);
        QFETCH(double, gamma);
        QFETCH(QList<double>, factors);
        TrainConfig config = *presetConfig("mlp");
        config.optimizer.learningRate = 0.02;
        config.lrStepEvery = every;
        config.lrStepGamma = gamma;
        const LearningRateSchedule schedule(config, 7);
        const std::unique_ptr<Optimizer> optimizer = makeOptimizer(config.optimizer);
        optimizer->setLearningRate(0.5); // a constant schedule must leave it alone
        for (int epoch = 1; epoch <= int(factors.size()); ++epoch) {
            const double expected = 0.02 * factors[epoch - 1];
            QVERIFY(std::abs(schedule.rate(epoch) - expected) < 1e-15);
            schedule.startEpoch(epoch, *optimizer);
            QCOMPARE(optimizer->learningRate(), every == 0 ? 0.5 : schedule.rate(epoch));
            schedule.startBatch(epoch, 3, *optimizer); // a per-epoch schedule ignores the batches
            QCOMPARE(optimizer->learningRate(), every == 0 ? 0.5 : schedule.rate(epoch));
        }
    }

    void oneCycleScheduleRisesThenFallsPerBatch_data() {
        QTest::addColumn<int>("epoch");
        QTest::addColumn<int>("batch");
        QTest::addColumn<double>("factor"); // of the peak rate
        // 2 epochs of 25 batches: 50 steps, the first 5 rising from 0.1 to the peak, then 45 falling.
        QTest::newRow("first step") << 1 << 0 << 0.1;
        QTest::newRow("rising") << 1 << 2 << 0.1 + 0.9 * 2.0 / 5.0;
        QTest::newRow("peak") << 1 << 5 << 1.0;
        QTest::newRow("falling") << 1 << 20 << 30.0 / 45.0;
        QTest::newRow("second epoch") << 2 << 0 << 25.0 / 45.0;
        QTest::newRow("last step") << 2 << 24 << 1.0 / 45.0;
    }

    void oneCycleScheduleRisesThenFallsPerBatch() {
        QFETCH(int, epoch);
        QFETCH(int, batch);
        QFETCH(double, factor);
        TrainConfig config = *presetConfig("lenet");
        config.schedule = ScheduleKind::OneCycle;
        config.optimizer.learningRate = 0.008;
        config.epochs = 2;
        config.lrStepEvery = 1; // a step setting does not apply to a one-cycle schedule
        const LearningRateSchedule schedule(config, 25);
        QVERIFY(std::abs(schedule.rate(epoch, batch) - 0.008 * factor) < 1e-15);
        const std::unique_ptr<Optimizer> optimizer = makeOptimizer(config.optimizer);
        optimizer->setLearningRate(0.5);
        schedule.startEpoch(epoch, *optimizer); // the epoch does not set it: each batch does
        QCOMPARE(optimizer->learningRate(), 0.5);
        schedule.startBatch(epoch, batch, *optimizer);
        QCOMPARE(optimizer->learningRate(), schedule.rate(epoch, batch));
    }

    void pauseGateReportsCancel_data() {
        QTest::addColumn<bool>("paused");
        QTest::addColumn<bool>("cancelled");
        QTest::newRow("running") << false << false;
        QTest::newRow("cancelled") << false << true;
        QTest::newRow("cancelled while paused") << true << true;
    }

    void pauseGateReportsCancel() {
        QFETCH(bool, paused);
        QFETCH(bool, cancelled);
        TrainingControl control;
        control.pause = paused;
        control.cancel = cancelled;
        PauseGate gate(control);
        QCOMPARE(gate.waitWhilePaused(), cancelled);
    }

    void pauseGateWaitsUntilResumed() {
        TrainingControl control;
        control.pause = true;
        PauseGate gate(control);
        std::atomic<bool> returned{false};
        bool returnedWhilePaused = false;
        std::thread resumer([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(60));
            returnedWhilePaused = returned.load(); // the gate cannot return while paused, however fast
            control.pause = false;
        });
        const bool cancelled = gate.waitWhilePaused();
        returned = true;
        resumer.join();
        QVERIFY(!returnedWhilePaused);
        QVERIFY(!cancelled);
    }

    // One step on one batch split into shards: the loss is the whole batch's mean loss and the gradients the
    // whole batch's (up to rounding), whichever number of shards.
    void dataParallelStepEqualsTheWholeBatch_data() {
        QTest::addColumn<int>("samples");
        QTest::addColumn<int>("shards");
        QTest::newRow("two even shards") << 32 << 2;
        QTest::newRow("three uneven shards") << 31 << 3;
        QTest::newRow("four shards") << 40 << 4;
    }

    void dataParallelStepEqualsTheWholeBatch() {
        QFETCH(int, samples);
        QFETCH(int, shards);
        const Dataset data = syntheticDigits(samples, 4, 6, SyntheticPattern::FlatIndex);
        TrainConfig config = *presetConfig("mlp");
        config.architecture = "dense9,relu,dense10";
        config.threads = 2;
        AugmentSettings off;
        auto gradientsWith = [&](int count, StepResult& result) {
            Network net = config.makeNetwork(data.shape);
            Rng rng(config.seed);
            DataParallelStep step(net, samples, count, config, rng);
            BatchSource source(data, samples, samples, count, off, config.seed);
            Rng order(config.seed);
            source.startEpoch(1, order);
            result = step.run(source.batch(0));
            std::vector<Matrix> grads;
            for (const ParamRef& p : step.params())
                grads.push_back(*p.grad);
            return grads;
        };
        StepResult whole, split;
        const std::vector<Matrix> expected = gradientsWith(1, whole);
        const std::vector<Matrix> actual = gradientsWith(shards, split);
        QVERIFY(std::abs(whole.loss - split.loss) < 1e-5 * std::max(1.0, std::abs(whole.loss)));
        QCOMPARE(split.correct, whole.correct);
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const double scale = std::max<double>(1e-3, expected[i].cwiseAbs().maxCoeff());
            QVERIFY2((actual[i] - expected[i]).cwiseAbs().maxCoeff() < 1e-5 * scale,
                     qPrintable(QString("tensor %1").arg(i)));
        }
    }
};

QTEST_GUILESS_MAIN(TrainingPartsTest)
#include "test_training_parts.moc"
