// SPDX-License-Identifier: GPL-3.0-or-later
// The look-inside use case: every layer's output with its shape, the winner and runner-up with their labels,
// the why-map (input ⊙ margin gradient), identity-head models, and the bundled model against recognize().
#include "app/LookInside.h"
#include "app/Recognizer.h"
#include "io/ModelFile.h"
#include "nn/Saliency.h"

#include <QtTest>

#include <algorithm>
#include <string>

using namespace digitpad;

namespace {

Model randomModel(const std::string& architecture, OutputHead head) {
    Model model;
    model.network = Network::fromArchitecture({1, 28, 28}, architecture, head);
    model.network.initialise(Init::He, 5);
    model.info.labels = "abcdefghij";
    return model;
}

/// A 28×28 input with a bright vertical bar and a dimmer cross bar, ink high.
Vector barInput() {
    Vector input = Vector::Zero(784);
    for (int y = 4; y < 24; ++y)
        for (int x = 12; x < 16; ++x)
            input[y * 28 + x] = 1;
    for (int x = 6; x < 22; ++x)
        input[14 * 28 + x] = Scalar(0.5);
    return input;
}

} // namespace

class LookInsideTest : public QObject {
    Q_OBJECT

private slots:
    void looksInside_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("head");
        QTest::newRow("cnn, softmax")
            << "conv5x5x4,relu,pool2,dense16,relu,dropout50,dense10" << int(OutputHead::Softmax);
        QTest::newRow("sigmoid mlp, identity head")
            << "dense12,sigmoid,dense10,sigmoid" << int(OutputHead::Identity);
    }

    void looksInside() {
        QFETCH(QString, architecture);
        QFETCH(int, head);
        const Model model = randomModel(architecture.toStdString(), static_cast<OutputHead>(head));
        const Vector input = barInput();
        const LookInside look = lookInside(model, input);

        const auto& layers = model.network.layers();
        QCOMPARE(look.layers.size(), layers.size());
        for (std::size_t i = 0; i < layers.size(); ++i) {
            QCOMPARE(look.layers[i].spec, layers[i]->spec());
            QCOMPARE(look.layers[i].shape, layers[i]->outputShape());
            QCOMPARE(look.layers[i].values.size(), Eigen::Index(layers[i]->outputShape().size()));
            const bool spatial = layers[i]->outputShape().height > 1;
            QCOMPARE(look.layers[i].hasMaps(), spatial);
        }

        // Winner and runner-up are the two largest raw outputs, named by the model's labels.
        Matrix raw;
        model.network.predictRaw(input, raw);
        std::vector<int> order(10);
        for (int i = 0; i < 10; ++i)
            order[static_cast<std::size_t>(i)] = i;
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return raw(a, 0) > raw(b, 0); });
        QCOMPARE(look.winner, order[0]);
        QCOMPARE(look.runnerUp, order[1]);
        QCOMPARE(look.winnerLabel, std::string(1, char('a' + order[0])));
        QCOMPARE(look.runnerUpLabel, std::string(1, char('a' + order[1])));
        QCOMPARE(look.layers.back().values, Vector(raw.col(0)));

        // The why-map is the input times the margin's gradient: zero where there is no ink.
        const Matrix gradient = marginGradient(model.network, input, look.winner, look.runnerUp);
        QCOMPARE(look.gradient, Vector(gradient.col(0)));
        QCOMPARE(look.why, Vector(input.cwiseProduct(look.gradient)));
        QCOMPARE(look.why[0], Scalar(0));
        QVERIFY(look.why.cwiseAbs().maxCoeff() > 0);
    }

    void wrongInputSize() {
        const Model model = randomModel("dense4,relu,dense10", OutputHead::Softmax);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, lookInside(model, Vector::Zero(100)));
    }

    // The bundled model: the winner is recognize()'s answer, and its filters are the first convolution's.
    void bundledModel() {
        const Result<Model> model = loadModel(DIGITPAD_SOURCE_DIR "/models/default.dpm");
        QVERIFY2(model, model ? "" : model.error().message.c_str());
        GrayImage canvas(280, 280);
        for (int y = 50; y < 230; ++y)
            for (int x = 128; x < 152; ++x)
                canvas.at(x, y) = 0;
        const Result<Recognition> recognition = recognize(*model, canvas, Framing::Mnist);
        QVERIFY(recognition && recognition->recognised());
        const LookInside look = lookInside(*model, recognition->input);
        QCOMPARE(look.winner, recognition->classIndex);
        QCOMPARE(look.winnerLabel, recognition->label);
        QVERIFY(look.runnerUp >= 0 && look.runnerUp != look.winner);
        QCOMPARE(look.layers.size(), model->network.layers().size());

        const FirstLayerFilters filters = modelFilters(*model);
        QCOMPARE(filters.layer, 0);
        QCOMPARE(filters.filterShape.height, filters.filterShape.width);
        QVERIFY(filters.count() > 0);
    }
};

QTEST_APPLESS_MAIN(LookInsideTest)
#include "test_look_inside.moc"
