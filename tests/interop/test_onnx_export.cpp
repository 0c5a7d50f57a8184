// SPDX-License-Identifier: GPL-3.0-or-later
// ONNX export: the graph core describes (op sequence, weight layout) and the written file, checked by
// programs DigitPad did not write (onnx's full checker and OpenCV's dnn, through tests/interop/check_onnx.py)
// against DigitPad's own probabilities on fixture images. Skipped with a message when those checkers are
// missing.
#include "OnnxFile.h"

#include "app/InferenceGraph.h"
#include "data/IdxReader.h"
#include "io/ModelFile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <vector>

using namespace digitpad;

namespace {

const QString kCheckScript = QStringLiteral(DIGITPAD_SOURCE_DIR "/tests/interop/check_onnx.py");
constexpr int kSamples = 64;

Model modelOf(const std::string& architecture, OutputHead head) {
    Model model;
    model.network = Network::fromArchitecture(Shape{1, 28, 28}, architecture, head);
    model.network.initialise(Init::Xavier, 7);
    model.info.labels = "0123456789";
    return model;
}

/// Writes the values of `m` (features × samples) sample by sample as float32: a [samples, features] array.
bool writeColumns(const QString& path, const Matrix& m) {
    std::vector<float> values;
    for (Eigen::Index c = 0; c < m.cols(); ++c)
        for (Eigen::Index r = 0; r < m.rows(); ++r)
            values.push_back(static_cast<float>(m(r, c)));
    QFile file(path);
    return file.open(QIODevice::WriteOnly) &&
           file.write(reinterpret_cast<const char*>(values.data()), qint64(values.size() * sizeof(float))) ==
               qint64(values.size() * sizeof(float));
}

QStringList opsOf(const InferenceGraph& graph) {
    QStringList ops;
    for (const GraphNode& node : graph.nodes)
        ops << QString::fromStdString(node.op);
    return ops;
}

} // namespace

class TestOnnxExport : public QObject {
    Q_OBJECT
private slots:
    void graphFollowsTheLayers_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("head");
        QTest::addColumn<QStringList>("ops");
        QTest::newRow("dense layers flatten the image first")
            << "dense16,relu,dense10" << int(OutputHead::Softmax)
            << QStringList{"Flatten", "Gemm", "Relu", "Gemm", "Softmax"};
        QTest::newRow("conv, pool, then dense; dropout left out")
            << "conv3x3x4s2p1,tanh,pool2,dropout30,dense10" << int(OutputHead::Softmax)
            << QStringList{"Conv", "Tanh", "MaxPool", "Flatten", "Gemm", "Softmax"};
        QTest::newRow("identity head: clamped outputs over their sum")
            << "dense12,sigmoid,dense10,sigmoid" << int(OutputHead::Identity)
            << QStringList{"Flatten", "Gemm", "Sigmoid", "Gemm", "Sigmoid", "Relu", "MatMul", "Div"};
    }

    void graphFollowsTheLayers() {
        QFETCH(QString, architecture);
        QFETCH(int, head);
        QFETCH(QStringList, ops);
        const Model model = modelOf(architecture.toStdString(), OutputHead(head));
        const Result<InferenceGraph> graph = inferenceGraphOf(model);
        QVERIFY(graph);
        QCOMPARE(opsOf(*graph), ops);
        QCOMPARE(graph->nodes.back().outputs.front(), graph->outputName);
        QCOMPARE(graph->outputDims, (std::vector<std::int64_t>{-1, 10}));
    }

    void ensembleAveragesItsMembers() {
        Model model = modelOf("dense16,relu,dense10", OutputHead::Softmax);
        model.otherMembers.push_back(modelOf("dense8,relu,dense10", OutputHead::Softmax).network);
        const Result<InferenceGraph> graph = inferenceGraphOf(model);
        QVERIFY(graph);
        QCOMPARE(opsOf(*graph), (QStringList{"Flatten", "Gemm", "Relu", "Gemm", "Softmax", "Flatten", "Gemm",
                                             "Relu", "Gemm", "Softmax", "Concat", "MatMul"}));
        // Each member reads the graph's input; their probabilities meet in the concatenation.
        QCOMPARE(graph->nodes[0].inputs.front(), graph->inputName);
        QCOMPARE(graph->nodes[5].inputs.front(), graph->inputName);
        QCOMPARE(graph->nodes[10].inputs, (std::vector<std::string>{graph->nodes[4].outputs.front(),
                                                                    graph->nodes[9].outputs.front()}));
        QCOMPARE(graph->nodes.back().outputs.front(), graph->outputName);
        // The averaging matrix: 1/2 where a member's class meets the same class, 0 elsewhere.
        const GraphConstant& mean = graph->constants.back();
        QCOMPARE(mean.dims, (std::vector<std::int64_t>{20, 10}));
        QCOMPARE(mean.floats.at(3 * 10 + 3), 0.5f);
        QCOMPARE(mean.floats.at(13 * 10 + 3), 0.5f);
        QCOMPARE(mean.floats.at(13 * 10 + 4), 0.0f);
    }

    void denseWeightsAreRowMajor() {
        // Gemm with transB reads W as [units, inputs] row by row; Eigen stores it column by column.
        Model model = modelOf("dense3", OutputHead::Softmax);
        Network copy = model.network;
        Matrix& w = *copy.params().front().value; // 3 × 784
        w.setZero();
        w(1, 0) = 5;   // unit 1, input pixel 0
        w(0, 783) = 7; // unit 0, the last pixel
        model.network = copy;
        const Result<InferenceGraph> graph = inferenceGraphOf(model);
        QVERIFY(graph);
        const GraphConstant& weight = graph->constants.front();
        QCOMPARE(weight.dims, (std::vector<std::int64_t>{3, 784}));
        QCOMPARE(weight.floats.at(1 * 784 + 0), 5.0f);
        QCOMPARE(weight.floats.at(0 * 784 + 783), 7.0f);
    }

    void exportedModelsMatchDigitPad_data() {
        QTest::addColumn<QString>("model"); // a file, or an architecture with random weights
        QTest::addColumn<int>("head");
        QTest::newRow("the bundled cnn")
            << QStringLiteral(DIGITPAD_SOURCE_DIR "/models/default.dpm") << int(OutputHead::Softmax);
        QTest::newRow("strided, padded conv with tanh")
            << "conv3x3x6s2p1,tanh,pool2,conv3x3x8p1,relu,dense10" << int(OutputHead::Softmax);
        QTest::newRow("sigmoid mlp with identity head")
            << "dense20,sigmoid,dense10,sigmoid" << int(OutputHead::Identity);
        QTest::newRow("an ensemble of three networks (architectures split by |)")
            << "dense16,relu,dense10|conv3x3x4,relu,pool2,dense10|dense24,tanh,dense10"
            << int(OutputHead::Softmax);
    }

    void exportedModelsMatchDigitPad() {
        QFETCH(QString, model);
        QFETCH(int, head);
        Model source;
        if (model.endsWith(QStringLiteral(".dpm"))) {
            Result<Model> loaded = loadModel(model.toStdString());
            QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
            source = std::move(*loaded);
        } else {
            const QStringList architectures = model.split(QLatin1Char('|'));
            source = modelOf(architectures.front().toStdString(), OutputHead(head));
            for (qsizetype i = 1; i < architectures.size(); ++i) {
                Model member = modelOf(architectures[i].toStdString(), OutputHead(head));
                member.network.initialise(Init::Xavier, 7 + std::uint64_t(i));
                source.otherMembers.push_back(std::move(member.network));
            }
        }
        QTemporaryDir dir;
        const QString onnx = dir.filePath("model.onnx");
        const Status saved = saveOnnx(source, onnx.toStdString());
        QVERIFY2(saved, saved ? "" : saved.error().message.c_str());

        Result<Dataset> test = readIdxFolder(DIGITPAD_TEST_DATA "/mnist-mini", "t10k");
        QVERIFY(test);
        const Matrix inputs = test->images.leftCols(kSamples);
        // The graph answers the one image it is fed: a model's test-time augmentation (the bundled model's
        // shifts) is named in the metadata for a program to apply, not built into the graph.
        Model imageAlone = source;
        imageAlone.info.testTime = TestTimeAugmentation::None;
        const Matrix expected = imageAlone.probabilities(inputs);
        QVERIFY(writeColumns(dir.filePath("inputs.f32"), inputs));
        QVERIFY(writeColumns(dir.filePath("expected.f32"), expected));

        QProcess check;
        check.start(QStringLiteral("/usr/bin/python3"),
                    {kCheckScript, onnx, dir.filePath("inputs.f32"), dir.filePath("expected.f32"),
                     QString::number(kSamples)});
        if (!check.waitForStarted())
            QSKIP("no /usr/bin/python3 to run the independent checkers");
        QVERIFY(check.waitForFinished(120000));
        const QString out = QString::fromUtf8(check.readAllStandardOutput()).trimmed();
        const QString err = QString::fromUtf8(check.readAllStandardError());
        if (check.exitCode() == 77)
            QSKIP(qPrintable(out));
        QVERIFY2(check.exitCode() == 0, qPrintable(out + "\n" + err));
        const QJsonObject report = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(report.value("same_class").toInt(), kSamples);
        QVERIFY(report.value("max_difference").toDouble() <= 1e-5);
        QCOMPARE(report.value("metadata").toObject().value("architecture").toString(),
                 QString::fromStdString(source.network.architecture()));
        QCOMPARE(report.value("metadata").toObject().value("test_time").toString(),
                 QString::fromStdString(toName(source.info.testTime)));
        qInfo("%s: %d of %d same class, largest probability difference %.2g", qPrintable(model),
              report.value("same_class").toInt(), kSamples, report.value("max_difference").toDouble());
    }

    void exportToAMissingFolderFailsNamingTheFile() {
        const Model model = modelOf("dense10", OutputHead::Softmax);
        const std::string path = "/nonexistent-digitpad-folder/model.onnx";
        const Status saved = saveOnnx(model, path);
        QVERIFY(!saved);
        QVERIFY2(saved.error().message.rfind("cannot export '" + path + "': ", 0) == 0,
                 saved.error().message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestOnnxExport)
#include "test_onnx_export.moc"
