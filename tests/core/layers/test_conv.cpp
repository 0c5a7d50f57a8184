// SPDX-License-Identifier: GPL-3.0-or-later
// Convolutional layers in the float engine: convolution against a naive loop implementation, shapes and
// architecture strings, pooling and dropout by hand, the lenet preset (forward, a short training run on the
// mnist-mini fixture, a model-file round trip) and no heap allocation per batch in a convolutional network.
#include "data/IdxReader.h"
#include "io/ModelFile.h"
#include "layers/Conv2DLayer.h"
#include "layers/DropoutLayer.h"
#include "layers/LayerFactory.h"
#include "layers/MaxPool2DLayer.h"
#include "nn/Evaluation.h"
#include "train/Preset.h"
#include "train/Trainer.h"

#include "support/AllocationCounter.h"
#include "support/SyntheticDigits.h"
#include <QTemporaryDir>

#include <QtTest>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <random>
#include <thread>

using namespace digitpad;

namespace {

using test::syntheticDigits;
using test::SyntheticPattern;

/// The textbook definition, seven nested loops: out[n][o][y][x] = b[o] + Σ_c Σ_ky Σ_kx
/// W[o][c][ky][kx] · in[n][c][y·S + ky − P][x·S + kx − P], reading zero outside the image.
Matrix naiveConvolution(const Matrix& in, Shape shape, const Matrix& weights, const Matrix& bias, int kernel,
                        int stride, int padding) {
    const int outChannels = static_cast<int>(weights.rows());
    const int outH = (shape.height + 2 * padding - kernel) / stride + 1;
    const int outW = (shape.width + 2 * padding - kernel) / stride + 1;
    Matrix out(outChannels * outH * outW, in.cols());
    for (Eigen::Index n = 0; n < in.cols(); ++n)
        for (int o = 0; o < outChannels; ++o)
            for (int y = 0; y < outH; ++y)
                for (int x = 0; x < outW; ++x) {
                    double sum = bias(o, 0);
                    for (int c = 0; c < shape.channels; ++c)
                        for (int ky = 0; ky < kernel; ++ky)
                            for (int kx = 0; kx < kernel; ++kx) {
                                const int iy = y * stride + ky - padding;
                                const int ix = x * stride + kx - padding;
                                if (iy < 0 || iy >= shape.height || ix < 0 || ix >= shape.width)
                                    continue;
                                sum += double(weights(o, (c * kernel + ky) * kernel + kx)) *
                                       in((c * shape.height + iy) * shape.width + ix, n);
                            }
                    out((o * outH + y) * outW + x, n) = static_cast<Scalar>(sum);
                }
    return out;
}

Dataset loadMini(const char* split) {
    Result<Dataset> data = readIdxFolder(DIGITPAD_TEST_DATA "/mnist-mini", split);
    if (!data)
        qFatal("%s", data.error().message.c_str());
    return std::move(data.value());
}

} // namespace

class ConvTest : public QObject {
    Q_OBJECT

private slots:
    void convMatchesNaiveLoops_data() {
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("padding");
        QTest::addColumn<int>("outChannels");
        QTest::addColumn<int>("batch");
        QTest::newRow("lenet first layer, 28x28, batch 5") << 1 << 28 << 28 << 5 << 1 << 0 << 8 << 5;
        QTest::newRow("lenet second layer, 8 channels, batch 3") << 8 << 12 << 12 << 5 << 1 << 0 << 16 << 3;
        QTest::newRow("3x3 pad 1 keeps the size, batch 1") << 3 << 9 << 9 << 3 << 1 << 1 << 4 << 1;
        QTest::newRow("stride 2 pad 1, non-square") << 2 << 11 << 7 << 3 << 2 << 1 << 5 << 4;
        QTest::newRow("stride 3, no padding, border unused") << 1 << 10 << 13 << 2 << 3 << 0 << 2 << 2;
        QTest::newRow("kernel wider than the image, pad 3") << 2 << 4 << 3 << 5 << 1 << 3 << 3 << 2;
        QTest::newRow("1x1 kernel mixes channels") << 6 << 5 << 4 << 1 << 1 << 0 << 3 << 3;
        QTest::newRow("large evaluation batch, processed in chunks")
            << 1 << 28 << 28 << 5 << 1 << 0 << 8 << 150;
    }

    void convMatchesNaiveLoops() {
        QFETCH(int, channels);
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(int, kernel);
        QFETCH(int, stride);
        QFETCH(int, padding);
        QFETCH(int, outChannels);
        QFETCH(int, batch);
        const Shape shape{channels, height, width};
        Conv2DLayer conv(shape, {kernel, stride, padding, outChannels});
        Rng rng(5);
        conv.initialise(Init::Xavier, rng);
        std::vector<ParamRef> params = conv.params();
        params[1].value->setRandom();
        const Matrix x = Matrix::Random(shape.size(), batch);
        const Matrix expected =
            naiveConvolution(x, shape, *params[0].value, *params[1].value, kernel, stride, padding);

        Matrix predicted, trained;
        conv.predict(x, predicted);
        conv.forward(x, trained, rng);
        QCOMPARE(predicted.rows(), expected.rows());
        QCOMPARE(predicted.cols(), expected.cols());
        const double scale = std::max<double>(1.0, expected.cwiseAbs().maxCoeff());
        QVERIFY2((predicted - expected).cwiseAbs().maxCoeff() < 1e-5 * scale,
                 qPrintable(QString("predict error %1").arg((predicted - expected).cwiseAbs().maxCoeff())));
        QVERIFY2((trained - expected).cwiseAbs().maxCoeff() < 1e-5 * scale,
                 qPrintable(QString("forward error %1").arg((trained - expected).cwiseAbs().maxCoeff())));
    }

    void shapes_data() {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("output");
        QTest::addColumn<int>("parameters");
        QTest::newRow("conv5x5x8 on 28x28") << "conv5x5x8"
                                            << "1x28x28"
                                            << "8x24x24" << 8 * 25 + 8;
        QTest::newRow("conv3x3x32p1 keeps the size") << "conv3x3x32p1"
                                                     << "3x28x28"
                                                     << "32x28x28" << 32 * 27 + 32;
        QTest::newRow("conv3x3x16s2p1 halves it") << "conv3x3x16s2p1"
                                                  << "1x28x28"
                                                  << "16x14x14" << 16 * 9 + 16;
        QTest::newRow("conv non-square input") << "conv3x3x2"
                                               << "1x5x9"
                                               << "2x3x7" << 2 * 9 + 2;
        QTest::newRow("pool2 on 24x24") << "pool2"
                                        << "8x24x24"
                                        << "8x12x12" << 0;
        QTest::newRow("pool2 drops an odd row") << "pool2"
                                                << "4x7x7"
                                                << "4x3x3" << 0;
        QTest::newRow("pool3 non-square") << "pool3"
                                          << "2x9x7"
                                          << "2x3x2" << 0;
        QTest::newRow("flatten") << "flatten"
                                 << "16x4x4"
                                 << "1x1x256" << 0;
        QTest::newRow("dropout keeps the shape") << "dropout25"
                                                 << "16x4x4"
                                                 << "16x4x4" << 0;
    }

    void shapes() {
        QFETCH(QString, token);
        QFETCH(QString, input);
        QFETCH(QString, output);
        QFETCH(int, parameters);
        const QStringList dims = input.split('x');
        const Shape shape{dims[0].toInt(), dims[1].toInt(), dims[2].toInt()};
        auto layer = makeLayer(token.toStdString(), shape);
        QCOMPARE(QString::fromStdString(layer->outputShape().toString()), output);
        QCOMPARE(QString::fromStdString(layer->spec()), token);
        long long count = 0;
        for (const ParamRef& p : layer->params())
            count += p.value->size();
        QCOMPARE(count, (long long)parameters);
        Matrix out;
        layer->predict(Matrix::Random(shape.size(), 2), out);
        QCOMPARE(out.rows(), Eigen::Index(layer->outputShape().size()));
        QCOMPARE(out.cols(), Eigen::Index(2));
    }

    void architectureRoundTrip_data() {
        QTest::addColumn<QString>("architecture");
        QTest::newRow("lenet") << "conv5x5x8,relu,pool2,conv5x5x16,relu,pool2,dense128,relu,dense10";
        QTest::newRow("strided, padded, flatten, dropout")
            << "conv3x3x16s2p1,relu,conv3x3x32p1,tanh,pool2,flatten,dense64,sigmoid,dropout25,dense10";
        QTest::newRow("stride without padding") << "conv4x4x4s2,relu,pool3,dense10";
        QTest::newRow("cnn preset") << QString::fromStdString(presetConfig("cnn")->architecture);
    }

    void architectureRoundTrip() {
        QFETCH(QString, architecture);
        const Network net =
            Network::fromArchitecture({1, 28, 28}, architecture.toStdString(), OutputHead::Softmax);
        QCOMPARE(QString::fromStdString(net.architecture()), architecture);
        QCOMPARE(net.outputSize(), 10);
        const Network again = Network::fromArchitecture({1, 28, 28}, net.architecture(), OutputHead::Softmax);
        QCOMPARE(again.parameterCount(), net.parameterCount());
    }

    void redundantSuffixesParseToTheSameLayer() {
        // "s1" and "p0" are the defaults, so spec() leaves them out; the layer is the same.
        QCOMPARE(QString::fromStdString(makeLayer("conv3x3x4s1p0", {1, 8, 8})->spec()), QString("conv3x3x4"));
    }

    void badTokens_data() {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("input");
        QTest::newRow("conv without channels") << "conv5x5"
                                               << "1x28x28";
        QTest::newRow("conv non-square kernel") << "conv5x3x8"
                                                << "1x28x28";
        QTest::newRow("conv zero kernel") << "conv0x0x8"
                                          << "1x28x28";
        QTest::newRow("conv zero channels") << "conv5x5x0"
                                            << "1x28x28";
        QTest::newRow("conv zero stride") << "conv5x5x8s0"
                                          << "1x28x28";
        QTest::newRow("conv unknown suffix") << "conv5x5x8q1"
                                             << "1x28x28";
        QTest::newRow("conv padding before stride") << "conv3x3x8p1s2"
                                                    << "1x28x28";
        QTest::newRow("conv negative padding") << "conv3x3x8p-1"
                                               << "1x28x28";
        QTest::newRow("conv trailing garbage") << "conv3x3x8p1x"
                                               << "1x28x28";
        QTest::newRow("conv kernel larger than input") << "conv5x5x8"
                                                       << "1x4x4";
        QTest::newRow("pool without size") << "pool"
                                           << "1x28x28";
        QTest::newRow("pool zero") << "pool0"
                                   << "1x28x28";
        QTest::newRow("pool larger than input") << "pool5"
                                                << "1x4x4";
        QTest::newRow("dropout zero") << "dropout0"
                                      << "1x1x10";
        QTest::newRow("dropout 100 %") << "dropout100"
                                       << "1x1x10";
        QTest::newRow("dropout fraction") << "dropout0.5"
                                          << "1x1x10";
        QTest::newRow("flatten with a number") << "flatten2"
                                               << "1x1x10";
    }

    void badTokens() {
        QFETCH(QString, token);
        QFETCH(QString, input);
        const QStringList dims = input.split('x');
        const Shape shape{dims[0].toInt(), dims[1].toInt(), dims[2].toInt()};
        try {
            makeLayer(token.toStdString(), shape);
            QFAIL("no exception");
        } catch (const std::invalid_argument& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.contains("'" + token + "'"), qPrintable(message));
        }
    }

    void badTokenInArchitectureIsNamed() {
        try {
            Network::fromArchitecture({1, 28, 28}, "conv5x5x8,relu,pool2,conv13x13x16,dense10",
                                      OutputHead::Softmax);
            QFAIL("no exception");
        } catch (const std::invalid_argument& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.contains("'conv13x13x16'") && message.contains("8x12x12"), qPrintable(message));
        }
    }

    void poolByHand() {
        // One 4×4 channel, windows 2×2. Window (0,0) has a tie 5,5: the first in row-major order wins.
        //  1 5 | 2 0
        //  5 3 | 4 4
        //  ----+----
        // -1 -2| 7 9
        // -3 -4| 9 8
        Matrix x(16, 1);
        x << 1, 5, 2, 0, 5, 3, 4, 4, -1, -2, 7, 9, -3, -4, 9, 8;
        MaxPool2DLayer pool({1, 4, 4}, 2);
        Matrix out;
        Rng rng(1);
        pool.forward(x, out, rng);
        Matrix expected(4, 1);
        expected << 5, 4, -1, 9;
        QCOMPARE(out, expected);
        Matrix predicted;
        pool.predict(x, predicted);
        QCOMPARE(predicted, expected);

        Matrix dOut(4, 1);
        dOut << 10, 20, 30, 40;
        Matrix dIn;
        pool.backward(x, out, dOut, &dIn);
        Matrix expectedIn = Matrix::Zero(16, 1);
        expectedIn(1, 0) = 10;  // the first 5 (row 0, column 1), not the one below it
        expectedIn(6, 0) = 20;  // 4, 4 tie: the left one
        expectedIn(8, 0) = 30;  // all negative: the largest, -1
        expectedIn(11, 0) = 40; // 9, 9 tie: row 2 beats row 3
        QCOMPARE(dIn, expectedIn);
    }

    void poolTwoChannelsTwoSamples() {
        // Channels and samples are pooled independently: channel 1 is channel 0 negated, sample 1 is sample 0
        // plus 10.
        Matrix x(2 * 2 * 2, 2);
        x.col(0) << 1, 2, 3, 4, -1, -2, -3, -4;
        x.col(1) = x.col(0).array() + 10;
        MaxPool2DLayer pool({2, 2, 2}, 2);
        Matrix out;
        pool.predict(x, out);
        Matrix expected(2, 2);
        expected << 4, 14, -1, 9;
        QCOMPARE(out, expected);
    }

    // The batch-wide 2×2 kernels (compile-time widths 4, 12 and 14, and any other) against the definition:
    // each window's max, and its gradient to the first maximum in row-major order. Values come from a few
    // levels so that ties are common.
    void poolMatchesTheDefinition_data() {
        QTest::addColumn<int>("side");
        QTest::newRow("8x8 (width 4, lenet's second pool)") << 8;
        QTest::newRow("24x24 (width 12, lenet's first pool)") << 24;
        QTest::newRow("28x28 (width 14)") << 28;
        QTest::newRow("10x10 (width 5, any other width)") << 10;
    }

    void poolMatchesTheDefinition() {
        QFETCH(int, side);
        const int channels = 3, samples = 5, half = side / 2;
        std::mt19937 generator(static_cast<unsigned>(side));
        std::uniform_int_distribution<int> level(-2, 2);
        Matrix x(channels * side * side, samples);
        for (Eigen::Index i = 0; i < x.size(); ++i)
            x.data()[i] = Scalar(level(generator));
        Matrix dOut(channels * half * half, samples);
        for (Eigen::Index i = 0; i < dOut.size(); ++i)
            dOut.data()[i] = Scalar(i + 1);
        Matrix expectedOut(dOut.rows(), samples);
        Matrix expectedIn = Matrix::Zero(x.rows(), samples);
        for (int n = 0; n < samples; ++n)
            for (int c = 0; c < channels; ++c)
                for (int oy = 0; oy < half; ++oy)
                    for (int ox = 0; ox < half; ++ox) {
                        const int o = (c * half + oy) * half + ox;
                        int first = -1;
                        for (int ky = 0; ky < 2; ++ky)
                            for (int kx = 0; kx < 2; ++kx) {
                                const int i = (c * side + 2 * oy + ky) * side + 2 * ox + kx;
                                if (first < 0 || x(i, n) > x(first, n))
                                    first = i;
                            }
                        expectedOut(o, n) = x(first, n);
                        expectedIn(first, n) = dOut(o, n);
                    }
        MaxPool2DLayer pool({channels, side, side}, 2);
        Matrix out;
        pool.predict(x, out);
        QCOMPARE(out, expectedOut);
        Matrix dIn;
        pool.backward(x, out, dOut, &dIn);
        QCOMPARE(dIn, expectedIn);
    }

    void dropoutPredictIsIdentity() {
        DropoutLayer dropout({1, 1, 50}, 40);
        const Matrix x = Matrix::Random(50, 7);
        Matrix out;
        dropout.predict(x, out);
        QCOMPARE(out, x);
    }

    void dropoutTraining_data() {
        QTest::addColumn<int>("percent");
        QTest::newRow("10 %") << 10;
        QTest::newRow("25 %") << 25;
        QTest::newRow("50 %") << 50;
        QTest::newRow("90 %") << 90;
    }

    void dropoutTraining() {
        QFETCH(int, percent);
        const int units = 1000, batch = 100;
        DropoutLayer dropout({1, 1, units}, percent);
        const Matrix x = Matrix::Random(units, batch).array() + 2; // never zero
        Matrix out;
        Rng rng(123);
        dropout.forward(x, out, rng);
        const double p = percent / 100.0;
        const Eigen::Index zeros = (out.array() == Scalar(0)).count();
        const double share = double(zeros) / double(out.size());
        // 100 000 Bernoulli draws: the standard deviation of the share is below 0.0016.
        QVERIFY2(std::abs(share - p) < 0.01,
                 qPrintable(QString("dropped %1, expected %2").arg(share).arg(p)));
        const Scalar scale = Scalar(1.0 / (1.0 - p));
        for (Eigen::Index i = 0; i < out.size(); ++i)
            if (out.data()[i] != Scalar(0))
                QVERIFY(std::abs(out.data()[i] - x.data()[i] * scale) <= 1e-5f * std::abs(out.data()[i]));

        // The gradient flows exactly through the kept units, with the same scale.
        const Matrix dOut = Matrix::Ones(units, batch);
        Matrix dIn;
        dropout.backward(x, out, dOut, &dIn);
        for (Eigen::Index i = 0; i < out.size(); ++i)
            QCOMPARE(dIn.data()[i], out.data()[i] == Scalar(0) ? Scalar(0) : scale);

        // Same seed, same mask; another seed, another mask.
        Matrix again, other;
        Rng same(123), different(124);
        dropout.forward(x, again, same);
        QCOMPARE(again, out);
        dropout.forward(x, other, different);
        QVERIFY(other != out);
    }

    void lenetForward() {
        const TrainConfig config = *presetConfig("lenet");
        QCOMPARE(QString::fromStdString(config.architecture),
                 QString("conv5x5x8,relu,pool2,conv5x5x16,relu,pool2,dense128,relu,dense10"));
        QVERIFY2(config.validate().ok(), config.validate() ? "" : config.validate().error().message.c_str());
        const Network net = config.makeNetwork({1, 28, 28});
        QCOMPARE(net.layers()[5]->outputShape(), (Shape{16, 4, 4})); // 16·4·4 = 256 into dense128
        QCOMPARE(net.layers()[6]->inputShape().size(), 256);
        // conv1 8·25 + 8, conv2 16·200 + 16, dense 128·256 + 128, dense 10·128 + 10
        QCOMPARE(net.parameterCount(), 208LL + 3216LL + 32896LL + 1290LL);

        const Matrix x = Matrix::Random(784, 6).cwiseAbs();
        const Matrix batch = net.probabilities(x);
        QCOMPARE(batch.rows(), Eigen::Index(10));
        for (Eigen::Index c = 0; c < x.cols(); ++c) {
            QVERIFY(std::abs(batch.col(c).sum() - 1) < 1e-5);
            const Matrix single = net.probabilities(x.col(c));
            QVERIFY((single - batch.col(c)).cwiseAbs().maxCoeff() < 1e-5);
        }
    }

    void concurrentPredictAgrees() {
        // predict() is const with thread-local scratch: two threads on one network get the single-thread
        // result.
        const Network net = presetConfig("lenet")->makeNetwork({1, 28, 28});
        const Matrix x = Matrix::Random(784, 40).cwiseAbs();
        const Matrix expected = net.probabilities(x);
        Matrix a, b;
        std::thread first([&] {
            for (int i = 0; i < 20; ++i)
                a = net.probabilities(x);
        });
        std::thread second([&] {
            for (int i = 0; i < 20; ++i)
                b = net.probabilities(x);
        });
        first.join();
        second.join();
        QCOMPARE(a, expected);
        QCOMPARE(b, expected);
    }

    void lenetLearnsMnistMini() {
        const Dataset train = loadMini("train");
        const Dataset test = loadMini("t10k");
        QCOMPARE(train.shape, (Shape{1, 28, 28}));
        TrainConfig config = *presetConfig("lenet");
        config.epochs = 4;
        config.batchSize = 16;
        config.validationFraction = 0.0;
        config.seed = 3;
        Network net = config.makeNetwork(train.shape);
        const auto loss = makeLoss(config.loss);
        const double before = evaluate(net, *loss, test).accuracy;
        TrainingControl control;
        const TrainingOutcome outcome = digitpad::train(net, train, &test, config, control);
        QCOMPARE(QString::fromStdString(toName(outcome.status)), QString("completed"));
        const double after = outcome.epochs.back().testAccuracy;
        qInfo("lenet on mnist-mini (%d train, %d test): test accuracy %.3f before, %.3f after %d epochs",
              train.size(), test.size(), before, after, config.epochs);
        QVERIFY2(after > 0.6, qPrintable(QString("test accuracy %1").arg(after)));
        QVERIFY(after > before + 0.3);
    }

    void modelFileRoundTrip() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const TrainConfig config = *presetConfig("cnn");
        Model model;
        model.network = config.makeNetwork({1, 28, 28});
        model.info = describeTraining(config, "test");
        const std::string path = (dir.path() + "/cnn.dpm").toStdString();
        const Status saved = saveModel(model, path);
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().message.c_str());
        Result<Model> loaded = loadModel(path);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
        QCOMPARE(QString::fromStdString(loaded->network.architecture()),
                 QString::fromStdString(config.architecture));
        const Matrix x = Matrix::Random(784, 3).cwiseAbs();
        QCOMPARE(loaded->network.probabilities(x), model.network.probabilities(x));
    }

    void deterministicWithDropout() {
        const Dataset train = syntheticDigits(120, 4, 12, SyntheticPattern::Diagonal);
        TrainConfig config = *presetConfig("lenet");
        config.architecture = "conv3x3x4p1,relu,pool2,flatten,dense16,relu,dropout30,dense10";
        config.epochs = 2;
        config.batchSize = 16;
        config.validationFraction = 0.0;
        config.seed = 8;
        Network first = config.makeNetwork(train.shape), second = config.makeNetwork(train.shape);
        TrainingControl control;
        digitpad::train(first, train, nullptr, config, control);
        digitpad::train(second, train, nullptr, config, control);
        const auto a = first.tensors(), b = second.tensors();
        for (std::size_t i = 0; i < a.size(); ++i)
            QCOMPARE(*a[i].second, *b[i].second);
    }

    void noAllocationPerBatch_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("batch");
        QTest::newRow("lenet, batch 64") << QString::fromStdString(presetConfig("lenet")->architecture) << 64;
        QTest::newRow("padded, strided, dropout, batch 32")
            << "conv3x3x8p1,relu,conv3x3x8s2p1,relu,pool2,flatten,dense32,relu,dropout40,dense10" << 32;
        QTest::newRow("lenet, batch 1") << QString::fromStdString(presetConfig("lenet")->architecture) << 1;
    }

    void noAllocationPerBatch() {
        QFETCH(QString, architecture);
        QFETCH(int, batch);
        if (!test::kCountsAllocations)
            QSKIP("allocation counting is off under AddressSanitizer (it owns malloc)");
        // MNIST-sized inputs; a sample count that leaves a partial last batch, so both buffer sets are used.
        const Dataset train = syntheticDigits(batch == 1 ? 30 : 200, 10, 28, SyntheticPattern::Diagonal);
        TrainConfig config = *presetConfig("lenet");
        config.architecture = architecture.toStdString();
        config.epochs = 3;
        config.validationFraction = 0.0;
        config.batchSize = batch;
        Network net = config.makeNetwork(train.shape);
        QCOMPARE(test::allocationsAfterFirstEpoch(net, train, config), 0LL);
    }
};

QTEST_GUILESS_MAIN(ConvTest)
#include "test_conv.moc"
