// SPDX-License-Identifier: GPL-3.0-or-later
// The evaluation use case: a model scored on a data folder's test split (and the drawn-digit set), with the
// loss it was trained with, checked shapes and messages naming the file; recording the accuracies.
#include "app/ModelEvaluation.h"
#include "data/ClassNames.h"
#include "data/IdxReader.h"

#include <QtTest>

using namespace digitpad;

namespace {

const std::string kMini = DIGITPAD_TEST_DATA "/mnist-mini";
const std::string kDrawn = DIGITPAD_SOURCE_DIR "/datasets/drawn-digits";

Model randomModel(Shape input = {1, 28, 28}, const std::string& architecture = "dense16,relu,dense10") {
    Model model;
    model.network = Network::fromArchitecture(input, architecture, OutputHead::Softmax);
    model.network.initialise(Init::He, 11);
    model.info.loss = LossKind::CrossEntropy;
    return model;
}

} // namespace

class ModelEvaluationTest : public QObject {
    Q_OBJECT

private slots:
    void scores_data() {
        QTest::addColumn<bool>("drawn");
        QTest::newRow("test split only") << false;
        QTest::newRow("test split and drawn digits") << true;
    }

    void scores() {
        QFETCH(bool, drawn);
        const Model model = randomModel();
        EvaluationRequest request;
        request.dataFolder = kMini;
        if (drawn)
            request.drawnFolder = kDrawn;
        const Result<EvaluationReport> report = evaluateModel(model, "random.dpm", request);
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        QCOMPARE(report->test.count, 200);
        QCOMPARE(report->labels, std::string("0123456789"));
        QCOMPARE(report->classNames, digitClassNames(10));
        QCOMPARE(QString::fromStdString(toName(report->loss)), QStringLiteral("cross-entropy"));
        // The same numbers as evaluating the split directly with the model's loss.
        const Dataset test = *readIdxFolder(kMini, "t10k");
        const Evaluation direct = evaluate(model.network, *makeLoss(LossKind::CrossEntropy), test);
        QCOMPARE(report->test.accuracy, direct.accuracy);
        QCOMPARE(report->test.loss, direct.loss);
        QCOMPARE(correctCount(report->test), static_cast<int>(std::lround(direct.accuracy * 200)));
        QCOMPARE(report->drawn.has_value(), drawn);
        // The mistakes are the direct evaluation's, most confident first; the images only when asked for.
        QCOMPARE(report->testMistakes, sortedMistakes(direct, test.labels));
        QCOMPARE(static_cast<int>(report->testMistakes.size()), 200 - correctCount(report->test));
        QVERIFY(!report->testSet.has_value());
        if (drawn)
            QCOMPARE(static_cast<int>(report->drawnMistakes.size()),
                     report->drawn->count - correctCount(*report->drawn));

        request.keepTestSet = true;
        const Result<EvaluationReport> kept = evaluateModel(model, "random.dpm", request);
        QVERIFY(kept && kept->testSet);
        QCOMPARE(kept->testSet->size(), 200);
        QCOMPARE(kept->testSet->labels, test.labels);
        QVERIFY(kept->testSet->images.isApprox(test.images));

        ModelInfo info;
        recordAccuracies(info, *report);
        QCOMPARE(*info.testAccuracy, report->test.accuracy);
        QCOMPARE(info.drawnAccuracy.has_value(), drawn);
    }

    // A named model's report names its classes; a header with fewer labels than classes gets digits for the
    // rest, as its labels do.
    void reportsTheClassNames() {
        Model model = randomModel();
        model.info.classNames = fashionMnistClassNames();
        EvaluationRequest request;
        request.dataFolder = kMini;
        const Result<EvaluationReport> report = evaluateModel(model, "fashion.dpm", request);
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        QCOMPARE(report->classNames, fashionMnistClassNames());

        Model short_ = randomModel();
        short_.info.labels = "abc";
        const Result<EvaluationReport> padded = evaluateModel(short_, "short.dpm", request);
        QVERIFY(padded);
        QCOMPARE(padded->labels, std::string("abc3456789"));
        QCOMPARE(padded->classNames,
                 (std::vector<std::string>{"a", "b", "c", "3", "4", "5", "6", "7", "8", "9"}));
    }

    void modelLossFollowsTheHeader_data() {
        QTest::addColumn<QString>("recorded");
        QTest::addColumn<int>("head");
        QTest::addColumn<QString>("expected");
        QTest::newRow("mse recorded, softmax head") << "mse" << int(OutputHead::Softmax) << "mse";
        QTest::newRow("cross-entropy recorded, identity head")
            << "cross-entropy" << int(OutputHead::Identity) << "cross-entropy";
        QTest::newRow("mse recorded, identity head") << "mse" << int(OutputHead::Identity) << "mse";
    }

    void modelLossFollowsTheHeader() {
        QFETCH(QString, recorded);
        QFETCH(int, head);
        QFETCH(QString, expected);
        Model model;
        model.network = Network::fromArchitecture({1, 28, 28}, "dense10", OutputHead(head));
        model.info.loss = fromName<LossKind>(recorded.toStdString()).value();
        QCOMPARE(QString::fromStdString(toName(modelLoss(model))), expected);
    }

    void fails_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<int>("inputSide");
        QTest::addColumn<QString>("drawnFolder");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing data folder: names it, says how to fetch MNIST")
            << "/nonexistent/digitpad-data" << 28 << ""
            << "scripts/fetch-mnist";
        QTest::newRow("model takes 14x14: names the model and both shapes")
            << QString::fromStdString(kMini) << 14 << ""
            << "model 'small.dpm' takes 1x14x14";
        QTest::newRow("missing drawn-digit folder: says how to make it")
            << QString::fromStdString(kMini) << 28 << "/nonexistent/drawn"
            << "scripts/make-drawn-digits";
    }

    void fails() {
        QFETCH(QString, folder);
        QFETCH(int, inputSide);
        QFETCH(QString, drawnFolder);
        QFETCH(QString, expected);
        const Model model = randomModel({1, inputSide, inputSide});
        EvaluationRequest request;
        request.dataFolder = folder.toStdString();
        if (!drawnFolder.isEmpty())
            request.drawnFolder = drawnFolder.toStdString();
        const Result<EvaluationReport> report = evaluateModel(model, "small.dpm", request);
        QVERIFY(!report);
        QVERIFY2(QString::fromStdString(report.error().message).contains(expected),
                 report.error().message.c_str());
    }
};

QTEST_APPLESS_MAIN(ModelEvaluationTest)
#include "test_model_evaluation.moc"
