// SPDX-License-Identifier: GPL-3.0-or-later
// Convolution, pooling, dropout and flatten: analytic gradients against central finite differences, in double
// precision (this file links the DIGITPAD_DOUBLE build of the core, so the tolerance can be tight).
#include "layers/LayerFactory.h"
#include "nn/Loss.h"
#include "nn/Network.h"

#include "support/FiniteDifference.h"

#include <QtTest>

#include <cmath>

using namespace digitpad;

namespace {

using test::centralDifferences;
using test::inferenceInputGradientError;
using test::inputsAwayFromZero;
using test::kTolerance;
using test::relativeError;

} // namespace

class ConvGradientTest : public QObject {
    Q_OBJECT

private slots:
    void layer_data() {
        QTest::addColumn<QString>("token");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("batch");
        QTest::newRow("conv 3x3, one channel, batch 2") << "conv3x3x2" << 1 << 5 << 5 << 2;
        QTest::newRow("conv 3x3 stride 2 pad 1, non-square, 2 channels, batch 3")
            << "conv3x3x3s2p1" << 2 << 7 << 6 << 3;
        QTest::newRow("conv 5x5 pad 2, 3 channels, batch 1") << "conv5x5x2p2" << 3 << 6 << 5 << 1;
        QTest::newRow("conv 1x1, 4 channels, batch 2") << "conv1x1x3" << 4 << 3 << 3 << 2;
        // Output rows of exactly two 4-double vectors without padding: the kernels work on the columns in
        // place.
        QTest::newRow("conv 3x3 in place, 2 channels, batch 2") << "conv3x3x3" << 2 << 5 << 10 << 2;
        // 21 output channels run as register blocks of 16, 4 and 1.
        QTest::newRow("conv 3x3, 21 output channels, batch 2") << "conv3x3x21" << 2 << 6 << 7 << 2;
        QTest::newRow("conv 2x2 stride 3 (unused border), batch 2") << "conv2x2x2s3" << 2 << 8 << 7 << 2;
        QTest::newRow("conv kernel wider than input, pad 2") << "conv4x4x2p2" << 1 << 3 << 3 << 2;
        QTest::newRow("conv stride 2 pad 2, tall input, batch 1") << "conv3x3x2s2p2" << 1 << 9 << 4 << 1;
        QTest::newRow("pool 2, 2 channels, batch 3") << "pool2" << 2 << 4 << 6 << 3;
        QTest::newRow("pool 3, dropped border, batch 1") << "pool3" << 1 << 7 << 8 << 1;
        QTest::newRow("pool 2, odd sizes, 3 channels, batch 2") << "pool2" << 3 << 5 << 5 << 2;
        QTest::newRow("dropout 25 %, batch 3") << "dropout25" << 1 << 1 << 20 << 3;
        QTest::newRow("dropout 50 %, image shape, batch 1") << "dropout50" << 2 << 3 << 3 << 1;
        QTest::newRow("flatten, batch 2") << "flatten" << 2 << 3 << 4 << 2;
    }

    // L = Σ R ⊙ layer.forward(x) for a fixed random R, so dL/dOut = R. Every evaluation of L re-runs
    // forward() from the same generator state, so dropout sees the same mask each time.
    void layer() {
        QFETCH(QString, token);
        QFETCH(int, channels);
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(int, batch);
        const Shape shape{channels, height, width};
        Rng rng(42);
        auto layer = makeLayer(token.toStdString(), shape);
        layer->initialise(Init::Xavier, rng);
        for (ParamRef p : layer->params()) // non-zero biases, so their gradient matters
            p.value->setRandom();
        const Matrix x = inputsAwayFromZero(shape.size(), batch, rng);
        constexpr unsigned kForwardSeed = 9;

        // A forward/backward of another batch size first: buffers sized for it must be resized, not reused.
        {
            Matrix warmOut, warmIn;
            const Matrix warm = inputsAwayFromZero(shape.size(), batch + 1, rng);
            Rng warmRng(1);
            layer->forward(warm, warmOut, warmRng);
            layer->backward(warm, warmOut, Matrix::Ones(warmOut.rows(), warmOut.cols()), &warmIn);
        }

        Matrix out;
        Rng forwardRng(kForwardSeed);
        layer->forward(x, out, forwardRng);
        QCOMPARE(out.rows(), Eigen::Index(layer->outputShape().size()));
        QCOMPARE(out.cols(), Eigen::Index(batch));
        if (!token.startsWith("dropout")) {
            Matrix predicted;
            layer->predict(x, predicted);
            QVERIFY2(relativeError(predicted, out) < 1e-12, "predict() and forward() disagree");
        }
        const Matrix weights = Matrix::Random(out.rows(), out.cols());
        Matrix dIn;
        layer->backward(x, out, weights, &dIn);
        std::vector<Matrix> grads;
        for (const ParamRef& p : layer->params())
            grads.push_back(*p.grad);

        auto lossAt = [&](const Matrix& input) {
            Matrix y;
            Rng again(kForwardSeed);
            layer->forward(input, y, again);
            return (y.array() * weights.array()).sum();
        };
        Matrix probe = x;
        const Matrix numericIn = centralDifferences(probe, [&] { return lossAt(probe); });
        QVERIFY2(relativeError(dIn, numericIn) < kTolerance,
                 qPrintable(QString("dIn error %1").arg(relativeError(dIn, numericIn))));
        const double inferenceError = inferenceInputGradientError(*layer, x, weights);
        QVERIFY2(inferenceError < kTolerance,
                 qPrintable(QString("inputGradient() error %1").arg(inferenceError)));

        const std::vector<ParamRef> params = layer->params();
        for (std::size_t k = 0; k < params.size(); ++k) {
            const ParamRef& p = params[k];
            const Matrix numeric = centralDifferences(*p.value, [&] { return lossAt(x); });
            QVERIFY2(relativeError(grads[k], numeric) < kTolerance,
                     qPrintable(QString("%1 error %2")
                                    .arg(QString::fromStdString(p.name))
                                    .arg(relativeError(grads[k], numeric))));
        }

        // The first layer of a network gets dIn == nullptr: the parameter gradients must not change.
        Rng sameRng(kForwardSeed);
        layer->forward(x, out, sameRng);
        layer->backward(x, out, weights, nullptr);
        for (std::size_t k = 0; k < params.size(); ++k)
            QVERIFY(relativeError(*params[k].grad, grads[k]) < 1e-12);
    }

    void network_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("batch");
        QTest::newRow("lenet-like, batch 4")
            << "conv3x3x3,relu,pool2,conv2x2x4,tanh,pool2,flatten,dense6,relu,dense10" << 10 << 10 << 4;
        QTest::newRow("padded strided convs with dropout, batch 3")
            << "conv3x3x4p1,relu,conv3x3x4s2p1,relu,pool2,flatten,dense8,relu,dropout30,dense10" << 8 << 6
            << 3;
        QTest::newRow("single sample") << "conv3x3x2p1,relu,pool2,dense10" << 6 << 6 << 1;
    }

    // Backpropagation through a whole convolutional stack: every parameter of every layer against finite
    // differences of the softmax cross-entropy loss.
    void network() {
        QFETCH(QString, architecture);
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(int, batch);
        Network net =
            Network::fromArchitecture({1, height, width}, architecture.toStdString(), OutputHead::Softmax);
        net.initialise(Init::Xavier, 7);
        for (ParamRef p : net.params())
            if (p.name.ends_with("bias"))
                p.value->setRandom();
        const auto lossFunction = makeLoss(LossKind::CrossEntropy);
        Rng rng(3);
        const Matrix x = inputsAwayFromZero(height * width, batch, rng);
        std::vector<std::uint8_t> labels;
        for (int i = 0; i < batch; ++i)
            labels.push_back(static_cast<std::uint8_t>((3 * i + 1) % 10));
        constexpr unsigned kForwardSeed = 11;
        Matrix dOutput;
        Rng forwardRng(kForwardSeed);
        lossFunction->compute(net.forward(x, forwardRng), labels, dOutput);
        net.backward(dOutput);
        std::vector<Matrix> grads;
        for (const ParamRef& p : net.params())
            grads.push_back(*p.grad);
        auto lossNow = [&] {
            Rng again(kForwardSeed);
            return double(lossFunction->value(net.forward(x, again), labels));
        };
        const std::vector<ParamRef> params = net.params();
        for (std::size_t k = 0; k < params.size(); ++k) {
            const ParamRef& p = params[k];
            const Matrix numeric = centralDifferences(*p.value, [&] { return lossNow(); });
            QVERIFY2(relativeError(grads[k], numeric) < kTolerance,
                     qPrintable(QString("%1 error %2")
                                    .arg(QString::fromStdString(p.name))
                                    .arg(relativeError(grads[k], numeric))));
        }
    }
};

QTEST_GUILESS_MAIN(ConvGradientTest)
#include "test_conv_f64.moc"
