// SPDX-License-Identifier: GPL-3.0-or-later
// layerOutputs(): one output per layer with the layer's shape, the last equal to the raw output; and
// firstLayerFilters() for convolutional and dense first layers.
#include "nn/FirstLayerFilters.h"
#include "nn/LayerOutputs.h"
#include "nn/Network.h"

#include <QtTest>

using namespace digitpad;

class LayerOutputsTest : public QObject {
    Q_OBJECT

private slots:
    void shapes_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QList<int>>("sizes");
        QTest::newRow("cnn") << "conv5x5x4,relu,pool2,conv5x5x8,relu,pool2,dense16,dropout50,dense10"
                             << QList<int>{4 * 24 * 24, 4 * 24 * 24, 4 * 12 * 12, 8 * 8 * 8, 8 * 8 * 8,
                                           8 * 4 * 4,   16,          16,          10};
        QTest::newRow("mlp") << "dense12,relu,dense10" << QList<int>{12, 12, 10};
    }

    void shapes() {
        QFETCH(QString, architecture);
        QFETCH(QList<int>, sizes);
        Network network =
            Network::fromArchitecture({1, 28, 28}, architecture.toStdString(), OutputHead::Softmax);
        network.initialise(Init::He, 3);
        const Matrix x = Matrix::Random(784, 1).cwiseAbs();
        const std::vector<Matrix> outputs = layerOutputs(network, x);
        QCOMPARE(outputs.size(), static_cast<std::size_t>(sizes.size()));
        for (std::size_t i = 0; i < outputs.size(); ++i) {
            QCOMPARE(outputs[i].rows(), Eigen::Index(sizes[static_cast<qsizetype>(i)]));
            QCOMPARE(outputs[i].rows(), Eigen::Index(network.layers()[i]->outputShape().size()));
            QCOMPARE(outputs[i].cols(), Eigen::Index(1));
        }
        Matrix raw;
        network.predictRaw(x, raw);
        QCOMPARE(outputs.back(), raw);
    }

    void wrongInputSize() {
        const Network network = Network::fromArchitecture({1, 28, 28}, "dense4", OutputHead::Softmax);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, layerOutputs(network, Matrix::Zero(783, 1)));
    }

    // A convolution's kernel o is row o of W (OUT × C·K·K), tap (c·K + ky)·K + kx: column o of the filters.
    void convolutionFilters() {
        Network network =
            Network::fromArchitecture({2, 8, 8}, "conv3x3x5,relu,flatten,dense3", OutputHead::Softmax);
        network.initialise(Init::He, 1);
        const FirstLayerFilters filters = firstLayerFilters(network);
        QCOMPARE(filters.layer, 0);
        QCOMPARE(QString::fromStdString(filters.spec), QStringLiteral("conv3x3x5"));
        QCOMPARE(filters.filterShape, (Shape{2, 3, 3}));
        QCOMPARE(filters.count(), 5);
        const Matrix& w = *network.tensors().front().second;
        QCOMPARE(filters.weights.rows(), Eigen::Index(18));
        QCOMPARE(filters.weights(1 * 9 + 2 * 3 + 1, 4), w(4, (1 * 3 + 2) * 3 + 1));
    }

    // A dense first layer: each unit's 784 weights, shaped like the 28×28 input.
    void denseFilters() {
        Network network =
            Network::fromArchitecture({1, 28, 28}, "dense6,sigmoid,dense10", OutputHead::Identity);
        network.initialise(Init::Xavier, 2);
        const FirstLayerFilters filters = firstLayerFilters(network);
        QCOMPARE(filters.layer, 0);
        QCOMPARE(filters.filterShape, (Shape{1, 28, 28}));
        QCOMPARE(filters.count(), 6);
        const Matrix& w = *network.tensors().front().second;
        QCOMPARE(filters.weights, Matrix(w.transpose()));
    }

    // Layers without weights in front are skipped; a network without weights has no filters.
    void skipsLayersWithoutWeights() {
        const Network network = Network::fromArchitecture({1, 4, 4}, "flatten,dense3", OutputHead::Softmax);
        const FirstLayerFilters filters = firstLayerFilters(network);
        QCOMPARE(filters.layer, 1);
        QCOMPARE(filters.filterShape, (Shape{1, 1, 16}));
        QVERIFY(firstLayerFilters(Network::fromArchitecture({1, 4, 4}, "relu", OutputHead::Softmax)).empty());
    }
};

QTEST_APPLESS_MAIN(LayerOutputsTest)
#include "test_layer_outputs.moc"
