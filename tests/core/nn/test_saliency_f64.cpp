// SPDX-License-Identifier: GPL-3.0-or-later
// marginGradient() against central finite differences of the margin raw[toward] − raw[awayFrom], on tiny
// hand-built networks, in double precision (this file links the DIGITPAD_DOUBLE build of the core).
#include "nn/Network.h"
#include "nn/Saliency.h"

#include "support/FiniteDifference.h"

#include <QtTest>

using namespace digitpad;

namespace {

using test::centralDifferences;
using test::inputsAwayFromZero;
using test::kTolerance;
using test::relativeError;

/// A network with random weights and non-zero biases (so every parameter shapes the margin).
Network randomNetwork(Shape input, const QString& architecture, OutputHead head, unsigned long long seed) {
    Network network = Network::fromArchitecture(input, architecture.toStdString(), head);
    network.initialise(Init::Xavier, seed);
    std::srand(static_cast<unsigned>(seed)); // Eigen's setRandom draws from std::rand
    for (ParamRef p : network.params())
        if (!p.decay)
            p.value->setRandom();
    return network;
}

double margin(const Network& network, const Matrix& x, int toward, int awayFrom) {
    Matrix raw;
    network.predictRaw(x, raw);
    return double(raw(toward, 0)) - (awayFrom >= 0 ? double(raw(awayFrom, 0)) : 0.0);
}

} // namespace

class SaliencyTest : public QObject {
    Q_OBJECT

private slots:
    void matchesFiniteDifferences_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("side");
        QTest::addColumn<int>("head");
        QTest::addColumn<int>("toward");
        QTest::addColumn<int>("awayFrom");
        QTest::newRow("conv, relu, max pool, dense")
            << "conv3x3x2,relu,pool2,dense3" << 6 << int(OutputHead::Softmax) << 2 << 0;
        // Dropout is the identity at inference: its gradient must pass through, not through a random mask.
        QTest::newRow("conv, relu, pool, dropout, dense")
            << "conv3x3x3p1,relu,pool2,dropout50,dense4" << 6 << int(OutputHead::Softmax) << 1 << 3;
        QTest::newRow("two convolutions, strided")
            << "conv3x3x2,tanh,conv2x2x2s2,relu,flatten,dense3" << 7 << int(OutputHead::Softmax) << 0 << 2;
        QTest::newRow("dense, sigmoid, identity head")
            << "dense5,sigmoid,dense3,sigmoid" << 4 << int(OutputHead::Identity) << 1 << 2;
        QTest::newRow("one output") << "dense4,tanh,dense1" << 3 << int(OutputHead::Identity) << 0 << -1;
    }

    void matchesFiniteDifferences() {
        QFETCH(QString, architecture);
        QFETCH(int, side);
        QFETCH(int, head);
        QFETCH(int, toward);
        QFETCH(int, awayFrom);
        const Network network =
            randomNetwork({1, side, side}, architecture, static_cast<OutputHead>(head), 7);
        Rng rng(3);
        Matrix x = inputsAwayFromZero(side * side, 1, rng);

        const Matrix analytic = marginGradient(network, x, toward, awayFrom);
        const Matrix numeric = centralDifferences(x, [&] { return margin(network, x, toward, awayFrom); });
        QCOMPARE(analytic.rows(), x.rows());
        QCOMPARE(analytic.cols(), Eigen::Index(1));
        QVERIFY2(relativeError(analytic, numeric) < kTolerance,
                 qPrintable(QStringLiteral("relative error %1").arg(relativeError(analytic, numeric))));
        QVERIFY(analytic.norm() > 0);
    }

    // The network is const: computing a gradient twice gives the same answer and leaves its outputs alone.
    void leavesTheNetworkUnchanged() {
        const Network network =
            randomNetwork({1, 6, 6}, "conv3x3x2,relu,pool2,dropout50,dense3", OutputHead::Softmax, 11);
        Rng rng(5);
        const Matrix x = inputsAwayFromZero(36, 1, rng);
        Matrix before;
        network.predictRaw(x, before);
        const Matrix first = marginGradient(network, x, 0, 1);
        const Matrix second = marginGradient(network, x, 0, 1);
        QCOMPARE(first, second);
        Matrix after;
        network.predictRaw(x, after);
        QCOMPARE(after, before);
        // Swapping the classes flips the sign.
        QCOMPARE(marginGradient(network, x, 1, 0), Matrix(-first));
    }

    void badArguments_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("toward");
        QTest::addColumn<int>("awayFrom");
        QTest::newRow("wrong input size") << 35 << 0 << 1;
        QTest::newRow("class out of range") << 36 << 3 << 1;
        QTest::newRow("same class twice") << 36 << 1 << 1;
    }

    void badArguments() {
        QFETCH(int, rows);
        QFETCH(int, toward);
        QFETCH(int, awayFrom);
        const Network network =
            randomNetwork({1, 6, 6}, "conv3x3x2,relu,pool2,dense3", OutputHead::Softmax, 1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 marginGradient(network, Matrix::Ones(rows, 1), toward, awayFrom));
    }
};

QTEST_APPLESS_MAIN(SaliencyTest)
#include "test_saliency_f64.moc"
