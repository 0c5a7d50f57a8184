// SPDX-License-Identifier: GPL-3.0-or-later
// Training-time augmentation: exact geometry on hand-made images, thickness changes, normalisation, seeding,
// the prefetch thread, and augmented training (deterministic, no allocation per batch, cancellable).
#include "data/Augmenter.h"
#include "data/IdxReader.h"
#include "nn/Evaluation.h"
#include "train/BatchPrefetcher.h"
#include "train/Preset.h"
#include "train/Trainer.h"

#include "support/AllocationCounter.h"

#include <QtTest>

#include <atomic>
#include <cmath>
#include <numbers>
#include <stdexcept>

using namespace digitpad;

namespace {

constexpr int kSide = 28;
constexpr Shape kShape{1, kSide, kSide};

/// A hand-made asymmetric 28×28 image: a bar 3 px thick from (8,6) to (18,6), a 3 px stem down from its
/// right end to row 20, and a faint dot at (9,16), so any flip or wrong rotation shows. Values in [0, 1],
/// min 0, max 1, and nothing within 4 px of the border.
Vector handMade() {
    Vector image = Vector::Zero(kSide * kSide);
    const auto set = [&](int x, int y, Scalar v) { image[y * kSide + x] = v; };
    for (int y = 6; y <= 8; ++y)
        for (int x = 8; x <= 18; ++x)
            set(x, y, 1);
    for (int y = 9; y <= 20; ++y)
        for (int x = 16; x <= 18; ++x)
            set(x, y, y == 20 ? Scalar(0.5) : Scalar(1));
    set(9, 16, Scalar(0.75));
    set(10, 16, Scalar(0.25));
    return image;
}

Scalar at(const Vector& image, int x, int y) {
    if (x < 0 || y < 0 || x >= kSide || y >= kSide)
        return 0;
    return image[y * kSide + x];
}

Dataset mini(const char* split) {
    Result<Dataset> data = readIdxFolder(DIGITPAD_TEST_DATA "/mnist-mini", split);
    if (!data)
        qFatal("%s", data.error().message.c_str());
    return std::move(*data);
}

Vector augmentOnce(Augmenter& augmenter, const Augmenter::Transform& transform, const Vector& in) {
    Vector out(in.size());
    augmenter.apply(transform, in.data(), out.data());
    return out;
}

TrainConfig augmentedConfig() {
    TrainConfig config = *presetConfig("mlp");
    config.hiddenLayers = {32};
    config.epochs = 3;
    config.batchSize = 32;
    config.validationFraction = 0.2;
    config.seed = 11;
    config.augment.enabled = true;
    return config;
}

std::vector<Matrix> weightsAfterTraining(const TrainConfig& config, const Dataset& train) {
    Network net = config.makeNetwork(train.shape);
    TrainingControl control;
    const TrainingOutcome outcome = digitpad::train(net, train, nullptr, config, control);
    if (outcome.status != TrainingStatus::Completed)
        qFatal("training did not complete: %s", outcome.reason.c_str());
    std::vector<Matrix> weights;
    for (const ParamRef& p : net.params())
        weights.push_back(*p.value);
    return weights;
}

} // namespace

class AugmenterTest : public QObject {
    Q_OBJECT

private slots:
    void identityLeavesTheImageUnchanged_data() {
        QTest::addColumn<unsigned long long>("seed");
        QTest::newRow("identity settings, seed 1") << 1ULL;
        QTest::newRow("identity settings, seed 99") << 99ULL;
    }

    void identityLeavesTheImageUnchanged() {
        QFETCH(unsigned long long, seed);
        Augmenter augmenter(AugmentSettings::identity(), kShape, seed);
        const Vector in = handMade();
        Vector out(in.size());
        Rng rng(seed);
        for (int i = 0; i < 5; ++i) {
            augmenter.augment(in.data(), out.data(), rng);
            QVERIFY(out == in);
        }
        QVERIFY(augmentOnce(augmenter, {}, in) == in);
    }

    void translationMovesExactly_data() {
        QTest::addColumn<int>("dx");
        QTest::addColumn<int>("dy");
        QTest::newRow("right 2, down 1") << 2 << 1;
        QTest::newRow("left 3, up 2") << -3 << -2;
        QTest::newRow("down 4 only") << 0 << 4;
    }

    void translationMovesExactly() {
        QFETCH(int, dx);
        QFETCH(int, dy);
        Augmenter augmenter(AugmentSettings::identity(), kShape, 1);
        Augmenter::Transform shift;
        shift.shiftX = dx;
        shift.shiftY = dy;
        const Vector in = handMade();
        const Vector out = augmentOnce(augmenter, shift, in);
        for (int y = 0; y < kSide; ++y)
            for (int x = 0; x < kSide; ++x)
                QCOMPARE(at(out, x, y), at(in, x - dx, y - dy));
    }

    void rotationMatchesExpectedPixels_data() {
        QTest::addColumn<int>("degrees");
        QTest::newRow("90° clockwise") << 90;
        QTest::newRow("90° anticlockwise") << -90;
        QTest::newRow("180°") << 180;
    }

    // About the centre (13.5, 13.5), a clockwise quarter turn (y down) sends pixel (x, y) to (27 − y, x), an
    // anticlockwise one to (y, 27 − x), a half turn to (27 − x, 27 − y): every pixel lands on a pixel, so
    // the result is exact up to rounding of cos and sin.
    void rotationMatchesExpectedPixels() {
        QFETCH(int, degrees);
        Augmenter augmenter(AugmentSettings::identity(), kShape, 1);
        Augmenter::Transform turn;
        turn.rotation = degrees * std::numbers::pi / 180.0;
        const Vector in = handMade();
        const Vector out = augmentOnce(augmenter, turn, in);
        const int last = kSide - 1;
        for (int y = 0; y < kSide; ++y)
            for (int x = 0; x < kSide; ++x) {
                int tx = last - y, ty = x;
                if (degrees == -90) {
                    tx = y;
                    ty = last - x;
                } else if (degrees == 180) {
                    tx = last - x;
                    ty = last - y;
                }
                const Scalar expected = at(in, x, y);
                const Scalar got = at(out, tx, ty);
                QVERIFY2(std::abs(got - expected) < 1e-4,
                         qPrintable(QString("pixel (%1,%2) → (%3,%4): %5, expected %6")
                                        .arg(x)
                                        .arg(y)
                                        .arg(tx)
                                        .arg(ty)
                                        .arg(got)
                                        .arg(expected)));
            }
    }

    void scaleAboutTheCentre() {
        // Doubling the size: output pixel p samples the input at c + (p − c)/2, so a 2×2 block at the centre
        // becomes a 4×4 block of full ink with a bilinear fringe: along each axis the profile is
        // 0.25, 0.75, 1, 1, 0.75, 0.25 over pixels 11..16.
        Augmenter augmenter(AugmentSettings::identity(), kShape, 1);
        Augmenter::Transform grow;
        grow.scaleX = 2.0;
        grow.scaleY = 2.0;
        Vector in = Vector::Zero(kSide * kSide);
        for (int y = 13; y <= 14; ++y)
            for (int x = 13; x <= 14; ++x)
                in[y * kSide + x] = 1;
        const Vector out = augmentOnce(augmenter, grow, in);
        const double profile[] = {0, 0.25, 0.75, 1, 1, 0.75, 0.25, 0};
        for (int y = 10; y <= 17; ++y)
            for (int x = 10; x <= 17; ++x)
                QVERIFY2(std::abs(at(out, x, y) - profile[x - 10] * profile[y - 10]) < 1e-6,
                         qPrintable(QString("(%1,%2) = %3").arg(x).arg(y).arg(at(out, x, y))));
        QVERIFY(std::abs(out.sum() - 4 * in.sum()) < 1e-4);
    }

    // A sample within a pixel of the border interpolates towards the zero border, on every side alike: a
    // column (or row) of ink on the edge, shifted inwards by 0.75 px, gives the pixel next to the edge 0.75
    // of its ink and the edge pixel 0.25 (sampled 0.75 px beyond the ink, between it and the border), which
    // normalisation turns into 1 and 1/3.
    void edgeSamplesInterpolateTowardsTheBorder_data() {
        QTest::addColumn<int>("edge"); // 0 left, 1 right, 2 top, 3 bottom
        QTest::newRow("left edge") << 0;
        QTest::newRow("right edge") << 1;
        QTest::newRow("top edge") << 2;
        QTest::newRow("bottom edge") << 3;
    }

    void edgeSamplesInterpolateTowardsTheBorder() {
        QFETCH(int, edge);
        const int last = kSide - 1;
        const bool vertical = edge < 2; // a column of ink on the left or right edge
        const int line = edge % 2 == 0 ? 0 : last;
        const double inwards = edge % 2 == 0 ? 0.75 : -0.75;
        Vector in = Vector::Zero(kSide * kSide);
        for (int k = 0; k < kSide; ++k)
            in[vertical ? k * kSide + line : line * kSide + k] = 1;
        Augmenter augmenter(AugmentSettings::identity(), kShape, 1);
        Augmenter::Transform shift;
        (vertical ? shift.shiftX : shift.shiftY) = inwards;
        const Vector out = augmentOnce(augmenter, shift, in);
        const int inner = edge % 2 == 0 ? 1 : last - 1;
        for (int k = 0; k < kSide; ++k) {
            const Scalar onEdge = vertical ? at(out, line, k) : at(out, k, line);
            const Scalar nextToIt = vertical ? at(out, inner, k) : at(out, k, inner);
            QVERIFY2(std::abs(onEdge - Scalar(1.0 / 3.0)) < 1e-5, qPrintable(QString::number(onEdge)));
            QVERIFY2(std::abs(nextToIt - 1) < 1e-6, qPrintable(QString::number(nextToIt)));
        }
        QCOMPARE(out.sum(), Scalar(kSide * (1 + 1.0 / 3.0)));
    }

    // The scratch buffers (border copy, column ranges, thickness passes) carry nothing from one image to the
    // next: the same seed gives the same batch from a fresh augmenter and from one that has worked before.
    void batchesDependOnlyOnTheSeed_data() {
        QTest::addColumn<double>("thicken");
        QTest::addColumn<double>("thin");
        QTest::newRow("default settings") << 0.2 << 0.2;
        QTest::newRow("always thicken") << 1.0 << 0.0;
        QTest::newRow("always thin") << 0.0 << 1.0;
    }

    void batchesDependOnlyOnTheSeed() {
        QFETCH(double, thicken);
        QFETCH(double, thin);
        const Dataset data = mini("t10k");
        AugmentSettings settings;
        settings.enabled = true;
        settings.thickenProbability = thicken;
        settings.thinProbability = thin;
        std::vector<int> columns(static_cast<std::size_t>(data.size()));
        for (std::size_t i = 0; i < columns.size(); ++i)
            columns[i] = static_cast<int>((i * 7) % columns.size());
        const int count = static_cast<int>(columns.size());
        Augmenter fresh(settings, kShape, 5);
        Augmenter used(settings, kShape, 5);
        Matrix a, b, other;
        used.augmentBatch(data.images, columns.data() + 1, count - 1, 77, other);
        fresh.augmentBatch(data.images, columns.data(), count, 42, a);
        used.augmentBatch(data.images, columns.data(), count, 42, b);
        QVERIFY(a == b);
        used.augmentBatch(data.images, columns.data(), count, 43, b);
        QVERIFY(a != b);
        for (int c = 0; c < a.cols(); ++c) {
            QCOMPARE(a.col(c).maxCoeff(), Scalar(1));
            QCOMPARE(a.col(c).minCoeff(), Scalar(0));
        }
    }

    void thicknessChangesInk_data() {
        QTest::addColumn<int>("thickness");
        QTest::addColumn<double>("amount");
        QTest::addColumn<bool>("moreInk");
        QTest::newRow("thicken fully") << int(Augmenter::Thickness::Thicken) << 1.0 << true;
        QTest::newRow("thicken half") << int(Augmenter::Thickness::Thicken) << 0.5 << true;
        QTest::newRow("thin fully") << int(Augmenter::Thickness::Thin) << 1.0 << false;
        QTest::newRow("thin half") << int(Augmenter::Thickness::Thin) << 0.5 << false;
    }

    void thicknessChangesInk() {
        QFETCH(int, thickness);
        QFETCH(double, amount);
        QFETCH(bool, moreInk);
        Augmenter augmenter(AugmentSettings::identity(), kShape, 1);
        Augmenter::Transform change;
        change.thickness = static_cast<Augmenter::Thickness>(thickness);
        change.thicknessAmount = amount;
        const Vector in = handMade();
        const Vector out = augmentOnce(augmenter, change, in);
        if (moreInk)
            QVERIFY2(out.sum() > in.sum() * 1.15,
                     qPrintable(QString("%1 vs %2").arg(out.sum()).arg(in.sum())));
        else
            QVERIFY2(out.sum() < in.sum() * 0.8,
                     qPrintable(QString("%1 vs %2").arg(out.sum()).arg(in.sum())));
        // A 3×3 dilation reaches exactly one pixel beyond the ink; an erosion keeps the core of the 3 px bar.
        if (change.thickness == Augmenter::Thickness::Thicken) {
            QVERIFY(at(out, 7, 5) > 0);
            QCOMPARE(at(out, 6, 5), Scalar(0));
        } else {
            QCOMPARE(at(out, 12, 7), Scalar(1));
            QVERIFY(at(out, 12, 6) < 1);
        }
    }

    void outputIsNormalised_data() {
        QTest::addColumn<double>("strength");
        QTest::newRow("default settings") << 1.0;
        QTest::newRow("twice as strong") << 2.0;
    }

    void outputIsNormalised() {
        QFETCH(double, strength);
        const Dataset data = mini("t10k");
        AugmentSettings settings = AugmentSettings{}.scaled(strength);
        settings.enabled = true;
        const Matrix out = augmentSamples(data, data.size(), 5, settings);
        QCOMPARE(out.rows(), Eigen::Index(kSide * kSide));
        QCOMPARE(out.cols(), Eigen::Index(data.size()));
        for (int c = 0; c < out.cols(); ++c) {
            QCOMPARE(out.col(c).maxCoeff(), Scalar(1));
            QCOMPARE(out.col(c).minCoeff(), Scalar(0));
            QVERIFY(out.col(c).allFinite());
        }
        QVERIFY(out != data.images);
    }

    void seedsDecide_data() {
        QTest::addColumn<unsigned long long>("seedA");
        QTest::addColumn<unsigned long long>("seedB");
        QTest::addColumn<bool>("same");
        QTest::newRow("same seed") << 3ULL << 3ULL << true;
        QTest::newRow("different seeds") << 3ULL << 4ULL << false;
    }

    void seedsDecide() {
        QFETCH(unsigned long long, seedA);
        QFETCH(unsigned long long, seedB);
        QFETCH(bool, same);
        const Dataset data = mini("t10k");
        AugmentSettings settings;
        settings.enabled = true;
        const Matrix a = augmentSamples(data, 20, seedA, settings);
        const Matrix b = augmentSamples(data, 20, seedB, settings);
        QCOMPARE(a == b, same);
        for (int c = 0; c < 20; ++c) // every image changes, not only some
            QCOMPARE(a.col(c) == b.col(c), same);
    }

    void batchSeedsDiffer() {
        const auto seed = &Augmenter::batchSeed;
        QCOMPARE(seed(1, 2, 3), seed(1, 2, 3));
        QVERIFY(seed(1, 2, 3) != seed(2, 2, 3));
        QVERIFY(seed(1, 2, 3) != seed(1, 3, 3));
        QVERIFY(seed(1, 2, 3) != seed(1, 2, 4));
        QVERIFY(seed(1, 2, 3) != seed(1, 3, 2));
    }

    void repeatedIndexGivesDifferentSamples() {
        const Dataset data = mini("t10k");
        AugmentSettings settings;
        const Matrix out = augmentSamples(data, std::vector<int>{4, 4, 4}, 8, settings);
        QCOMPARE(out.cols(), Eigen::Index(3));
        QVERIFY(out.col(0) != out.col(1));
        QVERIFY(out.col(1) != out.col(2));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range,
                                 augmentSamples(data, std::vector<int>{data.size()}, 8, settings));
    }

    void elasticAlphaZeroIsIdentity() {
        Augmenter augmenter(AugmentSettings{}, kShape, 21);
        const Vector in = handMade();
        Augmenter::Transform still;
        still.fieldRow = 100;
        still.fieldColumn = 37;
        still.elasticAlpha = 0.0;
        QVERIFY(augmentOnce(augmenter, still, in) == in);

        // The same window with the default α moves ink by about a pixel: not identity, ink roughly kept.
        Augmenter::Transform elastic = still;
        elastic.elasticAlpha = AugmentSettings{}.elasticAlpha;
        const Vector out = augmentOnce(augmenter, elastic, in);
        QVERIFY(out != in);
        QVERIFY(std::abs(out.sum() - in.sum()) < 0.5 * in.sum());
        QVERIFY((out - in).cwiseAbs().sum() > 0.1 * in.sum());
    }

    void settingsAreValidated_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("negative rotation") << "rotation" << -1.0 << "augmentation rotation must be";
        QTest::newRow("scale min above 1") << "scaleMin" << 1.2 << "minimum scale";
        QTest::newRow("tiny sigma") << "sigma" << 0.1 << "elastic sigma";
        QTest::newRow("probability above 1") << "thin" << 1.5 << "thin probability";
        QTest::newRow("probabilities sum above 1") << "thin" << 0.9 << "thicken + thin probability";
    }

    void settingsAreValidated() {
        QFETCH(QString, field);
        QFETCH(double, value);
        QFETCH(QString, message);
        AugmentSettings settings;
        settings.enabled = true;
        QVERIFY(settings.validate().ok());
        if (field == "rotation")
            settings.rotationDegrees = value;
        else if (field == "scaleMin")
            settings.scaleMin = value;
        else if (field == "sigma")
            settings.elasticSigma = value;
        else
            settings.thinProbability = value;
        const Status valid = settings.validate();
        QVERIFY(!valid);
        QVERIFY2(QString::fromStdString(valid.error().message).contains(message),
                 valid.error().message.c_str());
        TrainConfig config = *presetConfig("mlp");
        config.augment = settings;
        const Status checked = config.validate();
        QVERIFY(!checked);
        QVERIFY2(QString::fromStdString(checked.error().message).contains(message),
                 checked.error().message.c_str());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Augmenter(settings, kShape, 1));
    }

    void strengthScalesEveryMagnitude() {
        const AugmentSettings base;
        const AugmentSettings none = base.scaled(0.0);
        QCOMPARE(none.rotationDegrees, 0.0);
        QCOMPARE(none.scaleMin, 1.0);
        QCOMPARE(none.scaleMax, 1.0);
        QCOMPARE(none.elasticAlpha, 0.0);
        QCOMPARE(none.thickenProbability + none.thinProbability, 0.0);
        const AugmentSettings strong = base.scaled(10.0);
        QVERIFY(strong.thickenProbability + strong.thinProbability <= 1.0 + 1e-12);
        QCOMPARE(strong.rotationDegrees, 10.0 * base.rotationDegrees);
    }

    void multiChannelIsRefused() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Augmenter(AugmentSettings{}, Shape{3, 28, 28}, 1));
    }

    void prefetcherRunsRequestsInOrderAndReportsErrors() {
        std::vector<int> seen;
        BatchPrefetcher prefetcher([&](const BatchRequest& r) {
            if (r.batch < 0)
                throw std::runtime_error("bad batch");
            seen.push_back(r.epoch * 100 + r.batch);
        });
        prefetcher.wait(); // nothing submitted: returns at once
        for (int b = 0; b < 5; ++b) {
            prefetcher.submit({2, b});
            prefetcher.wait();
        }
        QCOMPARE(seen, (std::vector<int>{200, 201, 202, 203, 204}));
        prefetcher.submit({1, 0});
        QVERIFY_THROWS_EXCEPTION(std::logic_error, prefetcher.submit({1, 1}));
        prefetcher.wait();
        prefetcher.submit({1, -1});
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, prefetcher.wait());
        prefetcher.submit({1, 6}); // still usable after an error
        prefetcher.wait();
        QCOMPARE(seen.back(), 106);
    }

    void augmentedTrainingIsDeterministic() {
        const Dataset train = mini("train");
        const TrainConfig config = augmentedConfig();
        const std::vector<Matrix> a = weightsAfterTraining(config, train);
        const std::vector<Matrix> b = weightsAfterTraining(config, train);
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY(a[i] == b[i]);

        TrainConfig plain = config;
        plain.augment.enabled = false;
        QVERIFY(weightsAfterTraining(plain, train)[0] != a[0]);
        TrainConfig otherSeed = config;
        otherSeed.seed = 12;
        QVERIFY(weightsAfterTraining(otherSeed, train)[0] != a[0]);
    }

    void augmentedTrainingLearns() {
        const Dataset train = mini("train");
        const Dataset test = mini("t10k");
        TrainConfig config = augmentedConfig();
        config.hiddenLayers = {64};
        config.epochs = 15;
        Network net = config.makeNetwork(train.shape);
        TrainingControl control;
        const TrainingOutcome outcome = digitpad::train(net, train, &test, config, control);
        QCOMPARE(int(outcome.epochs.size()), 15);
        QVERIFY2(outcome.epochs.back().testAccuracy > 0.6,
                 qPrintable(QString::number(outcome.epochs.back().testAccuracy)));
    }

    void augmentedTrainingCancels() {
        const Dataset train = mini("train");
        TrainConfig config = augmentedConfig();
        config.epochs = 1000;
        Network net = config.makeNetwork(train.shape);
        TrainingControl control;
        int batches = 0;
        TrainingCallbacks callbacks;
        callbacks.onBatch = [&](const BatchProgress&) {
            if (++batches == 20)
                control.cancel = true;
        };
        const TrainingOutcome outcome = digitpad::train(net, train, nullptr, config, control, callbacks);
        QCOMPARE(QString::fromStdString(toName(outcome.status)), QString("cancelled"));
        QCOMPARE(batches, 20);
    }

    // Epoch 1 sizes every buffer (three batch buffers, the network's, the augmenter's scratch); from then on
    // neither the training thread nor the prefetch thread allocates.
    void augmentedTrainingAllocatesNothingPerBatch_data() {
        QTest::addColumn<int>("batch");
        QTest::newRow("batch 64, 500 images: a partial last batch") << 64;
        QTest::newRow("batch 1") << 1;
    }

    void augmentedTrainingAllocatesNothingPerBatch() {
        QFETCH(int, batch);
        if (!test::kCountsAllocations)
            QSKIP("allocation counting is off under AddressSanitizer (it owns malloc)");
        const Dataset train = mini("train");
        TrainConfig config = augmentedConfig();
        config.batchSize = batch;
        config.validationFraction = 0.0;
        config.epochs = 3;
        Network net = config.makeNetwork(train.shape);
        QCOMPARE(test::allocationsAfterFirstEpoch(net, train, config), 0LL);
    }
};

QTEST_GUILESS_MAIN(AugmenterTest)
#include "test_augmenter.moc"
