// SPDX-License-Identifier: GPL-3.0-or-later
// Forward values computed by hand, architecture strings, copies, and batch/single-sample agreement.
#include "nn/Network.h"

#include <QtTest>

#include <cmath>
#include <thread>

using namespace digitpad;

class NetworkTest : public QObject {
    Q_OBJECT

private slots:
    void architectureRoundTrip_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("outputs");
        QTest::addColumn<int>("parameters");
        QTest::newRow("mlp") << "dense128,relu,dense64,relu,dense10" << 10
                             << (784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
        QTest::newRow("sigmoid-100") << "dense100,sigmoid,dense10,sigmoid" << 10
                                     << (784 * 100 + 100 + 100 * 10 + 10);
        QTest::newRow("tanh, single layer") << "dense10,tanh" << 10 << (784 * 10 + 10);
    }

    void architectureRoundTrip() {
        QFETCH(QString, architecture);
        QFETCH(int, outputs);
        QFETCH(int, parameters);
        const Network net =
            Network::fromArchitecture({1, 28, 28}, architecture.toStdString(), OutputHead::Softmax);
        QCOMPARE(QString::fromStdString(net.architecture()), architecture);
        QCOMPARE(net.outputSize(), outputs);
        QCOMPARE(net.parameterCount(), (long long)parameters);
    }

    void badArchitecture_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown token") << "dense10,swish"
                                       << "unknown layer 'swish'";
        QTest::newRow("zero units") << "dense0"
                                    << "unknown layer 'dense0'";
        QTest::newRow("empty token") << "dense10,,relu"
                                     << "empty layer";
        QTest::newRow("garbage width") << "dense1x"
                                       << "unknown layer 'dense1x'";
    }

    void badArchitecture() {
        QFETCH(QString, architecture);
        QFETCH(QString, message);
        try {
            Network::fromArchitecture({1, 28, 28}, architecture.toStdString(), OutputHead::Softmax);
            QFAIL("no exception");
        } catch (const std::invalid_argument& error) {
            QVERIFY2(QString(error.what()).contains(message), error.what());
        }
    }

    // 2 inputs → dense2 → relu → dense2, weights set by hand:
    // W1 = [[1, -1], [2, 0.5]], b1 = [0, -1]; x = [1, 2] → z1 = [-1, 2], relu → [0, 2];
    // W2 = [[1, 1], [-1, 0.5]], b2 = [0.5, 0] → logits [2.5, 1]; softmax → [e^1.5, 1] / (e^1.5 + 1).
    void forwardByHand() {
        Network net = Network::fromArchitecture({1, 1, 2}, "dense2,relu,dense2", OutputHead::Softmax);
        auto params = net.params();
        QCOMPARE(params.size(), std::size_t(4));
        *params[0].value << 1, -1, 2, 0.5;
        *params[1].value << 0, -1;
        *params[2].value << 1, 1, -1, 0.5;
        *params[3].value << 0.5, 0;
        Matrix x(2, 1);
        x << 1, 2;
        Matrix raw;
        net.predictRaw(x, raw);
        QCOMPARE(raw(0, 0), Scalar(2.5));
        QCOMPARE(raw(1, 0), Scalar(1.0));
        const Matrix p = net.probabilities(x);
        const double e = std::exp(1.5);
        QVERIFY(std::abs(p(0, 0) - e / (e + 1)) < 1e-6);
        QVERIFY(std::abs(p(1, 0) - 1 / (e + 1)) < 1e-6);
    }

    void identityHeadNormalises() {
        Network net = Network::fromArchitecture({1, 1, 3}, "dense4,sigmoid", OutputHead::Identity);
        net.initialise(Init::SmallNormal, 5);
        const Matrix p = net.probabilities(Matrix::Random(3, 6));
        for (Eigen::Index c = 0; c < p.cols(); ++c)
            QVERIFY(std::abs(p.col(c).sum() - 1) < 1e-5);
        QVERIFY((p.array() >= 0).all());
    }

    void softmaxIsStableForHugeLogits() {
        Matrix logits(3, 1);
        logits << 1000, 999, -1000;
        Matrix p;
        softmaxColumns(logits, p);
        QVERIFY(p.allFinite());
        QVERIFY(std::abs(p.sum() - 1) < 1e-6);
        QVERIFY(p(0, 0) > p(1, 0));
    }

    void batchAndSingleAgree() {
        Network net = Network::fromArchitecture({1, 28, 28}, "dense32,tanh,dense10", OutputHead::Softmax);
        net.initialise(Init::Xavier, 11);
        const Matrix x = Matrix::Random(784, 17).cwiseAbs();
        const Matrix batch = net.probabilities(x);
        for (Eigen::Index c = 0; c < x.cols(); ++c) {
            const Matrix single = net.probabilities(x.col(c));
            QVERIFY2((single - batch.col(c)).cwiseAbs().maxCoeff() < 1e-5, qPrintable(QString::number(c)));
        }
    }

    void copyIsDeep() {
        Network a = Network::fromArchitecture({1, 1, 4}, "dense3", OutputHead::Softmax);
        a.initialise(Init::He, 1);
        Network b = a;
        b.params()[0].value->setZero();
        QVERIFY(a.params()[0].value->cwiseAbs().sum() > 0);
        QCOMPARE(a.architecture(), b.architecture());
    }

    void sameSeedSameWeights() {
        Network a = Network::fromArchitecture({1, 1, 9}, "dense5,relu,dense3", OutputHead::Softmax);
        Network b = Network::fromArchitecture({1, 1, 9}, "dense5,relu,dense3", OutputHead::Softmax);
        a.initialise(Init::He, 99);
        b.initialise(Init::He, 99);
        for (std::size_t i = 0; i < a.params().size(); ++i)
            QVERIFY(*a.params()[i].value == *b.params()[i].value);
        b.initialise(Init::He, 100);
        QVERIFY(*a.params()[0].value != *b.params()[0].value);
    }

    void initialisationScales_data() {
        QTest::addColumn<int>("init");
        QTest::addColumn<double>("expectedStd");
        // dense layer 400 → 100: Xavier U(±√(6/500)) has std √(6/500)/√3 = √(2/500); He √(2/400); small
        // √(1/400).
        QTest::newRow("xavier") << int(Init::Xavier) << std::sqrt(2.0 / 500.0);
        QTest::newRow("he") << int(Init::He) << std::sqrt(2.0 / 400.0);
        QTest::newRow("small-normal") << int(Init::SmallNormal) << std::sqrt(1.0 / 400.0);
    }

    void initialisationScales() {
        QFETCH(int, init);
        QFETCH(double, expectedStd);
        Network net = Network::fromArchitecture({1, 1, 400}, "dense100", OutputHead::Softmax);
        net.initialise(static_cast<Init>(init), 4);
        const Matrix& w = *net.params()[0].value;
        const double mean = w.mean();
        const double std = std::sqrt((w.array() - mean).square().mean());
        QVERIFY2(std::abs(std - expectedStd) / expectedStd < 0.03, qPrintable(QString::number(std)));
        QVERIFY(std::abs(mean) < 0.1 * expectedStd);
        QCOMPARE(net.params()[1].value->cwiseAbs().sum(), Scalar(0));
    }

    // probabilities() on a const network from two threads at once gives the same answers as one thread.
    void constPredictIsThreadSafe() {
        Network net = Network::fromArchitecture({1, 28, 28}, "dense64,relu,dense10", OutputHead::Softmax);
        net.initialise(Init::He, 2);
        const Network& shared = net;
        const Matrix x = Matrix::Random(784, 8);
        const Matrix expected = shared.probabilities(x);
        bool same[2] = {true, true};
        auto work = [&](int k) {
            for (int i = 0; i < 300; ++i)
                same[k] = same[k] && shared.probabilities(x) == expected;
        };
        std::thread t0(work, 0), t1(work, 1);
        t0.join();
        t1.join();
        QVERIFY(same[0] && same[1]);
    }
};

QTEST_GUILESS_MAIN(NetworkTest)
#include "test_network.moc"
