// SPDX-License-Identifier: GPL-3.0-or-later
// The size limits of architecture strings: planned shapes and parameter counts against hand-computed values
// and built layers, architectures over kMaxParameters or kMaxValuesPerSample refused with the token named,
// and refused before any layer is allocated.
#include "layers/LayerFactory.h"
#include "nn/Network.h"
#include "train/Preset.h"

#include <QtTest>

#include <fstream>
#include <stdexcept>
#include <string>

#if defined(__linux__)
#include <sys/resource.h>
#endif

using namespace digitpad;

namespace {

Shape parseShape(const QString& text) {
    const QStringList dims = text.split('x');
    return {dims[0].toInt(), dims[1].toInt(), dims[2].toInt()};
}

/// The message of the std::invalid_argument `work` throws, or a description of what happened instead.
template <typename Work> QString invalidArgumentMessage(Work work) {
    try {
        work();
        return "<no exception>";
    } catch (const std::invalid_argument& error) {
        return QString::fromUtf8(error.what());
    } catch (const std::bad_alloc&) {
        return "<std::bad_alloc>";
    }
}

#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
/// The process's virtual memory size in bytes (VmSize in /proc/self/status), or -1. Only the address-space
/// test uses it, which AddressSanitizer builds skip.
long long virtualMemoryBytes() {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmSize:") {
            long long kib = -1;
            status >> kib;
            return kib * 1024;
        }
        status.ignore(1 << 12, '\n');
    }
    return -1;
}
#endif

} // namespace

class LayerFactoryTest : public QObject {
    Q_OBJECT

private slots:
    void planMatchesBuiltLayers_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("input");
        QTest::addColumn<qlonglong>("parameters");
        QTest::newRow("mlp") << "dense128,relu,dense64,relu,dense10"
                             << "1x28x28" << qlonglong(128 * 785 + 64 * 129 + 10 * 65);
        // conv 8·(1·25 + 1), conv 16·(8·25 + 1), dense 128·(256 + 1), dense 10·(128 + 1).
        QTest::newRow("lenet preset") << QString::fromStdString(presetConfig("lenet")->architecture)
                                      << "1x28x28" << qlonglong(8 * 26 + 16 * 201 + 128 * 257 + 10 * 129);
        // conv 24·26 = 624, conv 48·(24·25 + 1) = 28 848, dense 256·(768 + 1) = 196 864, dense 10·257 = 2
        // 570: the biggest preset, the yardstick for kMaxParameters.
        QTest::newRow("cnn preset") << QString::fromStdString(presetConfig("cnn")->architecture) << "1x28x28"
                                    << qlonglong(228'906);
        // 28 + 2 − 3 = 27, / 2 + 1 = 14 → 8x14x14; pool3 → 8x4x4; flatten → 128.
        QTest::newRow("strided, padded, pooled, two input channels")
            << "conv3x3x8s2p1,tanh,pool3,dropout20,flatten,dense5,sigmoid"
            << "2x28x28" << qlonglong(8 * (2 * 9 + 1) + 5 * 129);
        QTest::newRow("exactly at the parameter limit, planned only")
            << "dense1000"
            << "1x1x49999" << qlonglong(kMaxParameters);
    }

    void planMatchesBuiltLayers() {
        QFETCH(QString, architecture);
        QFETCH(QString, input);
        QFETCH(qlonglong, parameters);
        Shape shape = parseShape(input);
        long long planned = 0;
        for (const QString& token : architecture.split(',')) {
            const LayerPlan plan = planLayer(token.toStdString(), shape);
            planned += plan.parameters;
            if (plan.parameters < 1'000'000) { // building the row at the limit would take 400 MB
                const auto layer = makeLayer(token.toStdString(), shape);
                QCOMPARE(plan.output, layer->outputShape());
                long long built = 0;
                for (const ParamRef& param : layer->params())
                    built += param.value->size();
                QCOMPARE(plan.parameters, built);
            }
            shape = plan.output;
        }
        QCOMPARE(planned, (long long)parameters);
    }

    void tooLargeIsRefused_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("message");
        QTest::newRow("a million dense units on MNIST")
            << "dense64,relu,dense1000000"
            << "1x28x28"
            << "layer 'dense1000000' on input 1x1x64 would hold 65000000 parameters, more than the limit of "
               "50000000";
        QTest::newRow("a million dense units on the largest input: 67 TB if allocated")
            << "dense1000000"
            << "1x4096x4096"
            << "layer 'dense1000000' on input 1x4096x4096 would hold 16777217000000 parameters";
        QTest::newRow("two layers each under the limit, together over it")
            << "dense7000,relu,dense7000,relu,dense7000"
            << "1x28x28"
            << "layer 'dense7000' on input 1x1x7000 adds 49007000 parameters to 5495000";
        QTest::newRow("one parameter over the limit")
            << "dense1000,dense1"
            << "1x1x49999"
            << "layer 'dense1' on input 1x1x1000 adds 1001 parameters to 50000000";
        QTest::newRow("a million convolution channels")
            << "conv5x5x1000000"
            << "3x5x5"
            << "layer 'conv5x5x1000000' on input 3x5x5 would hold 76000000 parameters";
        QTest::newRow("padding that makes the output huge")
            << "conv1x1x1p1000000,flatten,dense10"
            << "1x28x28"
            << "bad layer 'conv1x1x1p1000000' for input 1x28x28: output 1x2000028x2000028 has 4000112000784 "
               "values per sample, more than the limit of 16777216";
        QTest::newRow("a million channels of 24x24")
            << "conv5x5x1000000"
            << "1x28x28"
            << "output 1000000x24x24 has 576000000 values per sample";
        QTest::newRow("input whose size overflows int")
            << "relu"
            << "65536x65536x65536"
            << "bad layer 'relu' for input 65536x65536x65536: input 65536x65536x65536 has 281474976710656 "
               "values per sample";
        QTest::newRow("an unknown token is still reported as unknown") << "dense10,swish"
                                                                       << "1x28x28"
                                                                       << "unknown layer 'swish'";
    }

    void tooLargeIsRefused() {
        QFETCH(QString, architecture);
        QFETCH(QString, input);
        QFETCH(QString, message);
        const QString got =
            invalidArgumentMessage([&] { makeLayers(parseShape(input), architecture.toStdString()); });
        QVERIFY2(got.contains(message), qPrintable(got));
    }

    void singleLayerOverTheLimitIsRefusedByMakeLayer_data() {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("message");
        QTest::newRow("a million dense units on MNIST: 3 GB")
            << "dense1000000"
            << "1x28x28"
            << "layer 'dense1000000' on input 1x28x28 would hold 785000000 parameters, more than the limit "
               "of 50000000";
        QTest::newRow("a million dense units on the largest input: 67 TB")
            << "dense1000000"
            << "1x4096x4096"
            << "would hold 16777217000000 parameters";
        QTest::newRow("a million convolution channels")
            << "conv5x5x1000000"
            << "3x5x5"
            << "layer 'conv5x5x1000000' on input 3x5x5 would hold 76000000 parameters";
        QTest::newRow("padding that makes the output huge") << "conv1x1x1p1000000"
                                                            << "1x28x28"
                                                            << "has 4000112000784 values per sample";
    }

    void singleLayerOverTheLimitIsRefusedByMakeLayer() {
        QFETCH(QString, token);
        QFETCH(QString, input);
        QFETCH(QString, message);
        const QString got =
            invalidArgumentMessage([&] { makeLayer(token.toStdString(), parseShape(input)); });
        QVERIFY2(got.contains(message), qPrintable(got));
        // Network::fromArchitecture plans the layers through makeLayers, which refuses the same layer.
        const QString viaNetwork = invalidArgumentMessage([&] {
            Network::fromArchitecture(parseShape(input), "relu," + token.toStdString(), OutputHead::Softmax);
        });
        QVERIFY2(viaNetwork.contains(message), qPrintable(viaNetwork));
    }

    void makeLayersBuildsTheChain() {
        const auto layers = makeLayers({1, 28, 28}, " conv5x5x8 , relu,pool2,flatten, dense10");
        QCOMPARE(layers.size(), std::size_t(5));
        QCOMPARE(QString::fromStdString(layers[0]->spec()), QString("conv5x5x8"));
        QCOMPARE(layers[2]->outputShape(), (Shape{8, 12, 12}));
        QCOMPARE(layers[4]->inputShape(), (Shape{1, 1, 8 * 12 * 12}));
        const QString empty = invalidArgumentMessage([] { makeLayers({1, 28, 28}, "dense10,,relu"); });
        QVERIFY2(empty.contains("empty layer in architecture 'dense10,,relu'"), qPrintable(empty));
    }

    // With the address space capped 200 MB above its current size, this process cannot build the first two
    // layers (weights and gradients of 6000x785 and 6000x6000: 326 MB). The whole architecture (76.7 M
    // parameters) must still be refused for its size, which shows the plan is checked before anything is
    // built.
    void refusedBeforeAnyLayerIsAllocated() {
#if defined(__SANITIZE_ADDRESS__) || !defined(__linux__)
        QSKIP("needs Linux address-space limits, which AddressSanitizer's shadow memory does not allow");
#else
        const long long used = virtualMemoryBytes();
        QVERIFY(used > 0);
        rlimit original{};
        QVERIFY(getrlimit(RLIMIT_AS, &original) == 0);
        rlimit capped = original;
        capped.rlim_cur = static_cast<rlim_t>(used + 200LL * 1024 * 1024);
        if (original.rlim_cur != RLIM_INFINITY && original.rlim_cur < capped.rlim_cur)
            QSKIP("the address space is already limited below what this test needs");
        QVERIFY(setrlimit(RLIMIT_AS, &capped) == 0);
        const QString buildingFirst = invalidArgumentMessage([] {
            const auto first = makeLayer("dense6000", {1, 28, 28});
            const auto second = makeLayer("dense6000", {1, 1, 6000});
        });
        const QString planned = invalidArgumentMessage([] {
            makeLayers({1, 28, 28}, "dense6000,relu,dense6000,relu,dense6000");
        });
        QVERIFY(setrlimit(RLIMIT_AS, &original) == 0);
        QCOMPARE(buildingFirst, QString("<std::bad_alloc>")); // the cap really bites
        QVERIFY2(planned.contains("layer 'dense6000' on input 1x1x6000 adds 36006000 parameters to 40716000"),
                 qPrintable(planned));
#endif
    }
};

QTEST_APPLESS_MAIN(LayerFactoryTest)
#include "test_layer_factory.moc"
