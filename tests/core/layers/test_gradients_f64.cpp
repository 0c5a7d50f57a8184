// SPDX-License-Identifier: GPL-3.0-or-later
// Every layer's and loss's analytic gradient against central finite differences, in double precision
// (this file links the DIGITPAD_DOUBLE build of the core, so the tolerance can be tight).
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

class GradientTest : public QObject {
    Q_OBJECT

private slots:
    void layer_data() {
        QTest::addColumn<QString>("token");
        QTest::addColumn<int>("inputs");
        QTest::addColumn<int>("batch");
        QTest::addColumn<bool>("sparse");
        QTest::newRow("dense, batch of 3") << "dense4" << 5 << 3 << false;
        QTest::newRow("dense, single sample") << "dense3" << 6 << 1 << false;
        // Mostly-zero single samples take the sparse path (column-by-column product, sparse weight gradient).
        QTest::newRow("dense, single sparse sample") << "dense3" << 10 << 1 << true;
        QTest::newRow("dense, sparse batch") << "dense3" << 10 << 4 << true;
        QTest::newRow("sigmoid") << "sigmoid" << 7 << 4 << false;
        QTest::newRow("tanh") << "tanh" << 7 << 4 << false;
        QTest::newRow("relu") << "relu" << 7 << 4 << false;
    }

    // L = Σ R ⊙ layer(x) for a fixed random R, so dL/dOut = R; compare dL/dx and dL/dθ with finite
    // differences.
    void layer() {
        QFETCH(QString, token);
        QFETCH(int, inputs);
        QFETCH(int, batch);
        QFETCH(bool, sparse);
        Rng rng(42);
        auto layer = makeLayer(token.toStdString(), {1, 1, inputs});
        layer->initialise(Init::Xavier, rng);
        for (ParamRef p : layer->params()) // non-zero biases, so their gradient matters
            p.value->setRandom();
        Matrix x = inputsAwayFromZero(inputs, batch, rng);
        if (sparse)
            for (Eigen::Index i = 0; i < x.size(); ++i)
                if (i % 10 < 7)
                    x.data()[i] = 0;
        // A previous dense batch must not leave stale gradient columns behind for the sparse path.
        if (layer->params().size() > 0) {
            Matrix warmOut, warmIn;
            const Matrix warm = inputsAwayFromZero(inputs, 2, rng);
            layer->forward(warm, warmOut, rng);
            layer->backward(warm, warmOut, Matrix::Ones(warmOut.rows(), warmOut.cols()), &warmIn);
        }
        Matrix out;
        layer->forward(x, out, rng);
        const Matrix weights = Matrix::Random(out.rows(), out.cols());
        auto lossAt = [&](const Matrix& input) {
            Matrix y;
            layer->predict(input, y);
            return (y.array() * weights.array()).sum();
        };

        Matrix dIn;
        layer->backward(x, out, weights, &dIn);

        Matrix probe = x;
        const Matrix numericIn = centralDifferences(probe, [&] { return lossAt(probe); });
        QVERIFY2(relativeError(dIn, numericIn) < kTolerance,
                 qPrintable(QString("dIn error %1").arg(relativeError(dIn, numericIn))));
        const double inferenceError = inferenceInputGradientError(*layer, x, weights);
        QVERIFY2(inferenceError < kTolerance,
                 qPrintable(QString("inputGradient() error %1").arg(inferenceError)));

        for (ParamRef p : layer->params()) {
            const Matrix numeric = centralDifferences(*p.value, [&] { return lossAt(x); });
            QVERIFY2(relativeError(*p.grad, numeric) < kTolerance,
                     qPrintable(QString("%1 error %2")
                                    .arg(QString::fromStdString(p.name))
                                    .arg(relativeError(*p.grad, numeric))));
        }
    }

    void loss_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("smoothing");
        QTest::newRow("softmax cross-entropy") << int(LossKind::CrossEntropy) << 0.0;
        QTest::newRow("softmax cross-entropy, label smoothing 0.1") << int(LossKind::CrossEntropy) << 0.1;
        QTest::newRow("mean squared error") << int(LossKind::MeanSquaredError) << 0.0;
    }

    void loss() {
        QFETCH(int, kind);
        QFETCH(double, smoothing);
        const auto lossFunction = makeLoss(static_cast<LossKind>(kind), smoothing);
        Matrix output = Matrix::Random(10, 4) * 3.0;
        const std::vector<std::uint8_t> labels{3, 0, 9, 3};
        Matrix gradient;
        const double value = lossFunction->compute(output, labels, gradient);
        QCOMPARE(value, double(lossFunction->value(output, labels)));
        const Matrix numeric =
            centralDifferences(output, [&] { return double(lossFunction->value(output, labels)); });
        QVERIFY2(relativeError(gradient, numeric) < kTolerance,
                 qPrintable(QString("error %1").arg(relativeError(gradient, numeric))));
    }

    /// Two classes, logits (0, ln 3): probabilities 1/4 and 3/4. With label 1 and ε = 0.2 the target is
    /// (0.1, 0.9): loss −(0.1 ln 1/4 + 0.9 ln 3/4), gradient p − t = (0.15, −0.15).
    void smoothedCrossEntropyByHand() {
        const auto lossFunction = makeLoss(LossKind::CrossEntropy, 0.2);
        Matrix output(2, 1);
        output << 0.0, std::log(3.0);
        const std::vector<std::uint8_t> labels{1};
        Matrix gradient;
        const double value = lossFunction->compute(output, labels, gradient);
        const double expected = -(0.1 * std::log(0.25) + 0.9 * std::log(0.75));
        QVERIFY2(std::abs(value - expected) < 1e-12, qPrintable(QString::number(value, 'g', 17)));
        QVERIFY(std::abs(gradient(0, 0) - 0.15) < 1e-12);
        QVERIFY(std::abs(gradient(1, 0) + 0.15) < 1e-12);
    }

    void network_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("kind");
        QTest::newRow("tanh + relu, cross-entropy")
            << "dense6,tanh,dense5,relu,dense10" << int(LossKind::CrossEntropy);
        QTest::newRow("sigmoid everywhere, MSE")
            << "dense6,sigmoid,dense10,sigmoid" << int(LossKind::MeanSquaredError);
    }

    // Backpropagation through a whole stack: every parameter of every layer against finite differences.
    void network() {
        QFETCH(QString, architecture);
        QFETCH(int, kind);
        const auto lossKind = static_cast<LossKind>(kind);
        Network net = Network::fromArchitecture({1, 2, 4}, architecture.toStdString(),
                                                lossKind == LossKind::CrossEntropy ? OutputHead::Softmax
                                                                                   : OutputHead::Identity);
        net.initialise(Init::Xavier, 7);
        const auto lossFunction = makeLoss(lossKind);
        Rng rng(3);
        const Matrix x = inputsAwayFromZero(8, 5, rng);
        const std::vector<std::uint8_t> labels{1, 7, 0, 9, 4};
        Matrix dOutput;
        lossFunction->compute(net.forward(x, rng), labels, dOutput);
        net.backward(dOutput);
        auto lossNow = [&] {
            Matrix raw;
            net.predictRaw(x, raw);
            return double(lossFunction->value(raw, labels));
        };
        for (const ParamRef& p : net.params()) {
            const Matrix numeric = centralDifferences(*p.value, [&] { return lossNow(); });
            QVERIFY2(relativeError(*p.grad, numeric) < kTolerance,
                     qPrintable(QString("%1 error %2")
                                    .arg(QString::fromStdString(p.name))
                                    .arg(relativeError(*p.grad, numeric))));
        }
    }
};

QTEST_GUILESS_MAIN(GradientTest)
#include "test_gradients_f64.moc"
