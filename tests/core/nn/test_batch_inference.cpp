// SPDX-License-Identifier: GPL-3.0-or-later
// A large inference batch is split into column shards that run on the inference threads: each column's
// probabilities must be those of a batch computed on one thread, the same on every call, and callers that
// infer at once must all get them.
#include "nn/InferenceShards.h"
#include "nn/Network.h"

#include <QtTest>

#include <random>
#include <thread>
#include <vector>

using namespace digitpad;

namespace {

/// columns samples of 784 values in [0, 1], about 80 % of them 0 like an MNIST digit.
Matrix digitLikeBatch(Eigen::Index columns, unsigned seed) {
    std::mt19937 engine(seed);
    std::uniform_real_distribution<float> value(0.0f, 1.0f);
    Matrix batch(784, columns);
    for (Eigen::Index c = 0; c < columns; ++c)
        for (Eigen::Index r = 0; r < batch.rows(); ++r)
            batch(r, c) = value(engine) < 0.2f ? value(engine) : 0.0f;
    return batch;
}

/// probabilities() on slices too small to be split, so every column is computed on the calling thread.
Matrix singleThreaded(const Network& network, const Matrix& batch) {
    // 32 samples of these test networks are one shard and one chunk.
    const Eigen::Index slice = 32;
    Matrix all(network.outputSize(), batch.cols());
    for (Eigen::Index first = 0; first < batch.cols(); first += slice) {
        const Eigen::Index count = std::min(slice, batch.cols() - first);
        all.middleCols(first, count) = network.probabilities(batch.middleCols(first, count));
    }
    return all;
}

Network initialised(const char* architecture, OutputHead head) {
    Network network = Network::fromArchitecture({1, 28, 28}, architecture, head);
    network.initialise(Init::He, 7);
    return network;
}

} // namespace

class BatchInferenceTest : public QObject {
    Q_OBJECT

private slots:
    void shardCountDependsOnTheBatchOnly() {
        const long long mlp = 784 * 128 + 128 * 64 + 64 * 10;
        QCOMPARE(inferenceShards(1, mlp), 1);
        QCOMPARE(inferenceShards(1, 100 * kInferenceShardWork), 1);
        QCOMPARE(inferenceShards(3, 100 * kInferenceShardWork), 3);
        QCOMPARE(inferenceShards(kInferenceShardWork / mlp, mlp), 1);
        QCOMPARE(inferenceShards(2 * kInferenceShardWork / mlp + 1, mlp), 2);
        QCOMPARE(inferenceShards(1000, mlp), kMaxInferenceShards);
        QCOMPARE(inferenceShards(100000, mlp), kMaxInferenceShards);
        QCOMPARE(inferenceShards(1000, 0), 1);
    }

    void chunksFitTheCache() {
        QCOMPARE(inferenceChunkColumns(0), kInferenceChunkBytes / Eigen::Index(sizeof(Scalar)));
        QCOMPARE(inferenceChunkColumns(kInferenceChunkBytes), Eigen::Index(1));
        QCOMPARE(inferenceChunkColumns(24 * 24 * 24), kInferenceChunkBytes / (24 * 24 * 24 * 4));
    }

    void splitBatchEqualsOneThread_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("head");
        QTest::addColumn<int>("columns");
        const int softmax = static_cast<int>(OutputHead::Softmax);
        QTest::newRow("mlp, batch 1000") << "dense128,relu,dense64,relu,dense10" << softmax << 1000;
        QTest::newRow("mlp, batch 451 (uneven shards)")
            << "dense128,relu,dense64,relu,dense10" << softmax << 451;
        QTest::newRow("cnn, batch 600 (chunks of 56)")
            << "conv5x5x4,relu,pool2,dense32,relu,dense10" << softmax << 600;
        QTest::newRow("sigmoid, identity head")
            << "dense100,sigmoid,dense10,sigmoid" << static_cast<int>(OutputHead::Identity) << 512;
    }

    void splitBatchEqualsOneThread() {
        QFETCH(QString, architecture);
        QFETCH(int, head);
        QFETCH(int, columns);
        const Network network = initialised(architecture.toUtf8().constData(), static_cast<OutputHead>(head));
        const Matrix batch = digitLikeBatch(columns, 11);
        QVERIFY(inferenceShards(columns, network.multiplyAddsPerSample()) > 1);
        const Matrix split = network.probabilities(batch);
        const Matrix reference = singleThreaded(network, batch);
        QCOMPARE(split.rows(), reference.rows());
        QCOMPARE(split.cols(), reference.cols());
        // Float rounding only: the same kernels on fewer columns may block the product differently.
        QVERIFY2((split - reference).cwiseAbs().maxCoeff() < 1e-5f,
                 qPrintable(QString::number((split - reference).cwiseAbs().maxCoeff())));
        // Deterministic: the cut depends on the batch size alone, so a second call gives the same bits.
        QVERIFY(network.probabilities(batch) == split);
        Matrix raw;
        network.predictRaw(batch, raw);
        QCOMPARE(raw.cols(), Eigen::Index(columns));
    }

    void concurrentCallersAllGetTheAnswer() {
        const Network network = initialised("dense128,relu,dense64,relu,dense10", OutputHead::Softmax);
        const Matrix batch = digitLikeBatch(1000, 3);
        const Matrix expected = network.probabilities(batch);
        constexpr int kCallers = 4;
        std::vector<Matrix> results(kCallers);
        std::vector<std::thread> callers;
        for (int i = 0; i < kCallers; ++i)
            callers.emplace_back([&, i] {
                for (int repeat = 0; repeat < 5; ++repeat)
                    results[static_cast<std::size_t>(i)] = network.probabilities(batch);
            });
        for (std::thread& caller : callers)
            caller.join();
        for (const Matrix& result : results)
            QVERIFY(result == expected);
    }
};

QTEST_GUILESS_MAIN(BatchInferenceTest)
#include "test_batch_inference.moc"
