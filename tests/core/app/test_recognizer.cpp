// SPDX-License-Identifier: GPL-3.0-or-later
// The recognise use case: image → preprocess → probabilities → class, label and the network's input; an image
// without ink is "nothing to recognise", a model that does not take 28×28 digits is an error.
#include "app/Recognizer.h"

#include "app/AnswerCertainty.h"

#include <QtTest>

#include <algorithm>
#include <string>

using namespace digitpad;

namespace {

Model randomModel(const std::string& architecture, Shape input = {1, 28, 28}) {
    Model model;
    model.network = Network::fromArchitecture(input, architecture, OutputHead::Softmax);
    model.network.initialise(Init::He, 3);
    return model;
}

/// A 280×280 white canvas with a dark vertical bar, like a drawn "1"; `ink` false leaves it blank.
GrayImage canvas(bool ink) {
    GrayImage image(280, 280);
    if (ink)
        for (int y = 60; y < 220; ++y)
            for (int x = 130; x < 150; ++x)
                image.at(x, y) = 0;
    return image;
}

} // namespace

class RecognizerTest : public QObject {
    Q_OBJECT

private slots:
    void recognises_data() {
        QTest::addColumn<QString>("labels");
        QTest::addColumn<int>("framing");
        QTest::newRow("digit labels, mnist framing") << "0123456789" << int(Framing::Mnist);
        QTest::newRow("digit labels, resize framing") << "0123456789" << int(Framing::Resize);
        QTest::newRow("letter labels name the class") << "abcdefghij" << int(Framing::Mnist);
        QTest::newRow("short labels fall back to the index") << "" << int(Framing::Mnist);
    }

    void recognises() {
        QFETCH(QString, labels);
        QFETCH(int, framing);
        Model model = randomModel("dense16,relu,dense10");
        model.info.labels = labels.toStdString();
        const GrayImage image = canvas(true);

        const Result<Recognition> result = recognize(model, image, Framing(framing));
        QVERIFY(result);
        const Recognition& r = *result;
        QVERIFY(r.recognised());
        QCOMPARE(static_cast<int>(r.probabilities.size()), 10);
        const auto best = std::max_element(r.probabilities.begin(), r.probabilities.end());
        QCOMPARE(r.classIndex, static_cast<int>(best - r.probabilities.begin()));
        QCOMPARE(r.probability, *best);
        const std::string expected = r.classIndex < labels.size()
                                         ? labels.toStdString().substr(r.classIndex, 1)
                                         : std::to_string(r.classIndex);
        QCOMPARE(QString::fromStdString(r.label), QString::fromStdString(expected));
        // The runner-up is the largest of the others; the answer is unsure exactly below the threshold.
        std::vector<double> others = r.probabilities;
        others[static_cast<std::size_t>(r.classIndex)] = -1.0;
        const auto second = std::max_element(others.begin(), others.end());
        QCOMPARE(r.runnerUpIndex, static_cast<int>(second - others.begin()));
        QCOMPARE(r.runnerUpProbability, *second);
        QCOMPARE(r.runnerUpLabel, classLabel(model.info, r.runnerUpIndex));
        QCOMPARE(r.unsure, r.probability < kSureProbability);
        // The input is what the shared preprocessing makes of the image: the network saw exactly this.
        const std::optional<Vector> input = preprocess(image, Framing(framing));
        QVERIFY(input);
        QCOMPARE(r.input.size(), Eigen::Index(kDigitSide * kDigitSide));
        QVERIFY(r.input == *input);
    }

    void nothingToRecognise_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("inputSide");
        QTest::newRow("blank canvas, digit model") << "dense16,relu,dense10" << 28;
        // An empty canvas is nothing to recognise whatever the model: no error for a model that could not
        // have read it anyway.
        QTest::newRow("blank canvas, 14x14 model") << "dense10" << 14;
    }

    void nothingToRecognise() {
        QFETCH(QString, architecture);
        QFETCH(int, inputSide);
        const Model model = randomModel(architecture.toStdString(), {1, inputSide, inputSide});
        const Result<Recognition> result = recognize(model, canvas(false), Framing::Mnist);
        QVERIFY(result);
        QVERIFY(!result->recognised());
        QCOMPARE(result->classIndex, -1);
        QVERIFY(result->probabilities.empty());
        QVERIFY(result->label.empty());
    }

    void unsuitableModel_data() {
        QTest::addColumn<int>("inputSide");
        QTest::newRow("14x14 input") << 14;
        QTest::newRow("32x32 input") << 32;
    }

    void unsuitableModel() {
        QFETCH(int, inputSide);
        const Model model = randomModel("dense10", {1, inputSide, inputSide});
        QVERIFY(!takesDigitImages(model.network));
        const Result<Recognition> result = recognize(model, canvas(true), Framing::Mnist);
        QVERIFY(!result);
        QVERIFY2(QString::fromStdString(result.error().message).contains(QStringLiteral("28x28")),
                 result.error().message.c_str());
    }
};

QTEST_APPLESS_MAIN(RecognizerTest)
#include "test_recognizer.moc"
