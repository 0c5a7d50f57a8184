// SPDX-License-Identifier: GPL-3.0-or-later
// The fine-tuning use case on the mini MNIST fixture: a small network trained on MNIST learns a "writer"
// whose 0, 1 and 7 look like no MNIST digit (an X, a flat bar, a ring) from 8 drawings each and recognises
// the writer's held-out drawings afterwards; the header it writes, the split, replay, seeding and the errors.
#include "app/DrawingScore.h"
#include "app/FineTune.h"
#include "app/TrainingSession.h"
#include "tensor/Random.h"
#include "train/Preset.h"

#include <QtTest>

#include <cmath>
#include <numbers>

using namespace digitpad;

namespace {

const std::string kMini = DIGITPAD_TEST_DATA "/mnist-mini";

/// An MLP trained on the mini set's 500 images: it reads MNIST-like digits, not the writer's.
Model mnistModel() {
    TrainConfig config = *presetConfig("mlp");
    config.hiddenLayers = {32};
    config.epochs = 8;
    config.batchSize = 25;
    config.threads = 1;
    config.validationFraction = 0.0;
    TrainingControl control;
    TrainingRequest request;
    request.dataFolder = kMini;
    request.config = config;
    request.testSplit = TestSplit::Required;
    TrainingSessionResult session = runTrainingSession(request, control);
    if (!session.model)
        qFatal("the base model did not train");
    return std::move(*session.model);
}

/// The writer's digit `label` (0, 1 or 7), jittered by `rng`, as strokes on a 280 canvas.
Drawing writerDigit(int label, Rng& rng) {
    std::uniform_real_distribution<double> jitter(-12.0, 12.0);
    const double cx = 140.0 + jitter(rng);
    const double cy = 140.0 + jitter(rng);
    const double size = 80.0 + jitter(rng);
    const double pen = 22.0;
    Drawing drawing;
    if (label == 0) { // an X
        drawing.strokes = {{{cx - size, cy - size, pen}, {cx + size, cy + size, pen}},
                           {{cx + size, cy - size, pen}, {cx - size, cy + size, pen}}};
    } else if (label == 1) { // a flat bar
        drawing.strokes = {{{cx - size, cy, pen}, {cx + size, cy + jitter(rng) / 3.0, pen}}};
    } else { // a ring
        PenStroke ring;
        for (int i = 0; i <= 36; ++i) {
            const double angle = 2.0 * std::numbers::pi * i / 36.0;
            ring.push_back({cx + size * std::cos(angle), cy + 0.6 * size * std::sin(angle), pen});
        }
        drawing.strokes = {ring};
    }
    return drawing;
}

/// 10 drawings each of the writer's 0, 1 and 7, in drawing order (0, 1, 7, 0, 1, 7, …).
std::vector<LabelledDrawing> writerDrawings() {
    Rng rng(2026);
    std::vector<LabelledDrawing> drawings;
    for (int i = 0; i < 10; ++i)
        for (int label : {0, 1, 7}) {
            LabelledDrawing sample;
            sample.drawing = writerDigit(label, rng);
            sample.image = renderDrawing(*sample.drawing);
            sample.label = label;
            sample.source = "writer/" + std::to_string(label) + "/" + std::to_string(i) + ".png";
            drawings.push_back(std::move(sample));
        }
    return drawings;
}

FineTuneRequest request(const Model& base) {
    FineTuneRequest request;
    request.base = base;
    request.baseName = "mini.dpm";
    request.drawings = writerDrawings();
    request.dataFolder = kMini;
    request.settings.epochs = 8;
    request.settings.copiesPerDrawing = 4;
    request.settings.learningRate = 2e-3;
    request.settings.batchSize = 16;
    return request;
}

bool sameWeights(const Network& a, const Network& b) {
    const auto ta = a.tensors();
    const auto tb = b.tensors();
    for (std::size_t i = 0; i < ta.size(); ++i)
        if (*ta[i].second != *tb[i].second)
            return false;
    return true;
}

} // namespace

class FineTuneTest : public QObject {
    Q_OBJECT

    Model base_;

private slots:
    void initTestCase() { base_ = mnistModel(); }

    void learnsTheWritersStyle() {
        TrainingControl control;
        FineTuneStart started;
        std::vector<double> heldOutPerEpoch;
        FineTuneCallbacks callbacks;
        callbacks.onStart = [&](const FineTuneStart& s) { started = s; };
        callbacks.onEpoch = [&](const EpochMetrics& m) { heldOutPerEpoch.push_back(m.testAccuracy); };
        const FineTuneResult result = runFineTune(request(base_), control, callbacks);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error->message.c_str());
        QCOMPARE(result.outcome.status, TrainingStatus::Completed);

        // Every fifth drawing of each digit is held out: 2 of 10, for three digits.
        QCOMPARE(started.trainingDrawings, 24);
        QCOMPARE(started.heldOutDrawings, 6);
        // Replay makes half of each epoch: as many MNIST images as drawing copies (24 × 4).
        QCOMPARE(started.replayImages, 96);
        QCOMPARE(started.samplesPerEpoch, 192);
        QCOMPARE(started.mnistTestImages, 200);
        QVERIFY(!started.mnistMissing);
        QCOMPARE(heldOutPerEpoch.size(), std::size_t{8});

        QVERIFY(result.start.before.heldOut && result.after.heldOut);
        const double before = *result.start.before.heldOut;
        const double after = *result.after.heldOut;
        QVERIFY2(before <= 0.5, qPrintable(QString("before %1").arg(before)));
        QVERIFY2(after >= 5.0 / 6.0, qPrintable(QString("before %1, after %2").arg(before).arg(after)));
        QVERIFY(result.start.before.mnist && result.after.mnist);
        QVERIFY(!result.after.drawn);

        QVERIFY(result.model);
        const ModelInfo& info = result.model->info;
        QCOMPARE(info.tunedOnDrawings, 24);
        QVERIFY(info.tunedFrom.starts_with("mini.dpm (trained "));
        QCOMPARE(info.epochs, 8);
        QCOMPARE(info.testAccuracy, result.after.mnist);
        QVERIFY(!info.drawnAccuracy);
        QCOMPARE(info.framing, base_.info.framing);
        // The base model is a copy: the caller's stays as it was.
        QVERIFY(!sameWeights(result.model->network, base_.network));
    }

    void sameSeedSameWeights() {
        TrainingControl control;
        FineTuneRequest shorter = request(base_);
        shorter.settings.epochs = 2;
        const FineTuneResult a = runFineTune(shorter, control);
        const FineTuneResult b = runFineTune(shorter, control);
        QVERIFY(a.model && b.model);
        QVERIFY(sameWeights(a.model->network, b.model->network));
        shorter.settings.seed = 2;
        const FineTuneResult c = runFineTune(shorter, control);
        QVERIFY(c.model);
        QVERIFY(!sameWeights(a.model->network, c.model->network));
    }

    void tunesEveryNetworkOfAnEnsemble() {
        // Two networks: the base and a copy of it with other initial weights, trained the same way.
        Model ensemble = base_;
        Model second = base_;
        second.network.initialise(Init::He, 99);
        ensemble.otherMembers.push_back(second.network);
        ensemble.info.memberSeeds = {1, 99};
        TrainingControl control;
        FineTuneRequest twoNetworks = request(ensemble);
        twoNetworks.settings.epochs = 2;
        FineTuneStart started;
        std::vector<int> epochs;
        FineTuneCallbacks callbacks;
        callbacks.onStart = [&](const FineTuneStart& s) { started = s; };
        callbacks.onEpoch = [&](const EpochMetrics& m) { epochs.push_back(m.epoch); };
        const FineTuneResult result = runFineTune(twoNetworks, control, callbacks);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error->message.c_str());
        QCOMPARE(started.members, 2);
        QCOMPARE(started.totalEpochs, 4);
        // One run of four epochs as the callbacks see it: the second network's epochs follow the first's.
        QCOMPARE(epochs, (std::vector<int>{1, 2, 3, 4}));
        QCOMPARE(result.outcome.epochs.size(), std::size_t{4});
        QVERIFY(result.model);
        QCOMPARE(result.model->memberCount(), 2);
        QVERIFY(!sameWeights(result.model->network, ensemble.network));
        QVERIFY(!sameWeights(result.model->otherMembers[0], ensemble.otherMembers[0]));
        QCOMPARE(result.model->info.memberSeeds, ensemble.info.memberSeeds);
    }

    void withoutMnistTunesWithoutReplay() {
        TrainingControl control;
        FineTuneRequest alone = request(base_);
        alone.dataFolder.clear();
        alone.settings.epochs = 1;
        const FineTuneResult result = runFineTune(alone, control);
        QVERIFY(result.ok());
        QCOMPARE(result.start.replayImages, 0);
        QCOMPARE(result.start.samplesPerEpoch, 96);
        QVERIFY(result.start.mnistMissing);
        QVERIFY(!result.after.mnist);
        QVERIFY(result.model);
        QVERIFY(!result.model->info.testAccuracy);
    }

    void cancelledRunHasNoModel() {
        TrainingControl control;
        FineTuneCallbacks callbacks;
        callbacks.onStart = [&](const FineTuneStart&) { control.cancel = true; };
        const FineTuneResult result = runFineTune(request(base_), control, callbacks);
        QVERIFY(result.ok());
        QCOMPARE(result.outcome.status, TrainingStatus::Cancelled);
        QVERIFY(!result.model);
    }

    void refusesBadRequests_data() {
        QTest::addColumn<int>("breakage");
        QTest::addColumn<QString>("complaint");
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<QString>("path");
        QTest::addColumn<SessionError::Cause>("cause");
        using enum ErrorKind;
        const auto data = SessionError::Cause::Data;
        const auto settings = SessionError::Cause::Settings;
        QTest::newRow("no drawings") << 0 << "no drawings" << NoDrawings << "" << data;
        QTest::newRow("inkless drawing")
            << 1 << "'writer/1/0.png' holds no ink" << DrawingHasNoInk << "writer/1/0.png" << data;
        QTest::newRow("replay 1") << 2 << "replay fraction" << ReplayFractionOutOfRange << "" << settings;
        QTest::newRow("hold out every 1") << 3 << "hold out every" << HoldOutInvalid << "" << settings;
        QTest::newRow("zero epochs") << 4 << "at least 1 epoch" << TooFewEpochs << "" << settings;
        QTest::newRow("label 12") << 5 << "label 12 is not a digit" << DrawingLabelNotDigit
                                  << "writer/0/0.png" << data;
        QTest::newRow("no copies") << 6 << "at least 1 copy" << TooFewCopies << "" << settings;
        QTest::newRow("zero learning rate")
            << 7 << "learning rate" << LearningRateNotPositive << "" << settings;
        QTest::newRow("zero batch") << 8 << "batch size" << BatchSizeTooSmall << "" << settings;
        QTest::newRow("not a digit model") << 9 << "not a 28x28 digit" << ModelNotForDigits << "" << data;
    }
    void refusesBadRequests() {
        QFETCH(int, breakage);
        QFETCH(QString, complaint);
        QFETCH(ErrorKind, kind);
        QFETCH(QString, path);
        QFETCH(SessionError::Cause, cause);
        FineTuneRequest bad = request(base_);
        switch (breakage) {
        case 0:
            bad.drawings.clear();
            break;
        case 1:
            bad.drawings[1].image = GrayImage(280, 280);
            bad.drawings[1].drawing.reset();
            break;
        case 2:
            bad.settings.replayFraction = 1.0;
            break;
        case 3:
            bad.settings.holdOutEvery = 1;
            break;
        case 4:
            bad.settings.epochs = 0;
            break;
        case 5:
            bad.drawings[0].label = 12;
            break;
        case 6:
            bad.settings.copiesPerDrawing = 0;
            break;
        case 7:
            bad.settings.learningRate = 0.0;
            break;
        case 8:
            bad.settings.batchSize = 0;
            break;
        case 9:
            bad.base.network = Network::fromArchitecture(Shape{1, 8, 8}, "dense10", OutputHead::Softmax);
            break;
        }
        TrainingControl control;
        const FineTuneResult result = runFineTune(bad, control);
        QVERIFY(!result.ok());
        QVERIFY2(QString::fromStdString(result.error->message).contains(complaint),
                 result.error->message.c_str());
        // The kind and fields let the GUI word the same in the person's language.
        QCOMPARE(result.error->kind, kind);
        QCOMPARE(QString::fromStdString(result.error->path), path);
        QCOMPARE(result.error->cause, cause);
        QVERIFY(!result.model);
    }

    void missingMnistSaysWhyByKind() {
        TrainingControl control;
        FineTuneRequest alone = request(base_);
        alone.settings.epochs = 1;
        alone.dataFolder.clear();
        control.cancel = true; // the start report is all this needs
        FineTuneResult result = runFineTune(alone, control);
        QVERIFY(result.start.mnistMissing);
        QCOMPARE(result.start.mnistMissing->kind, ErrorKind::NoDataFolder);

        alone.dataFolder = QDir::temp().filePath(QStringLiteral("digitpad-no-such-folder")).toStdString();
        result = runFineTune(alone, control);
        QVERIFY(result.start.mnistMissing);
        QCOMPARE(result.start.mnistMissing->kind, ErrorKind::NoSuchFolder);
        QCOMPARE(result.start.mnistMissing->path, alone.dataFolder);
    }

    void scoresDrawings() {
        const std::vector<LabelledDrawing> drawings = writerDrawings();
        Result<DrawingScore> score = scoreDrawings(base_, drawings, 6);
        QVERIFY(score.ok());
        QCOMPARE(score->all.count, 30);
        QCOMPARE(score->recentCount, 6);
        QCOMPARE(int(score->all.confusion.size()), 10);
        QVERIFY(!scoreDrawings(base_, {}, 6).ok());
    }
};

QTEST_GUILESS_MAIN(FineTuneTest)
#include "test_fine_tune.moc"
