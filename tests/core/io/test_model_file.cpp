// SPDX-License-Identifier: GPL-3.0-or-later
// The .dpm model file: save/load round trips (weights bit-equal, predictions equal, metadata kept), every
// corrupt-file case with a message naming the file, and atomic saving (temp file + rename).
#include "data/ClassNames.h"
#include "data/IdxReader.h"
#include "io/ModelFile.h"
#include "train/Preset.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>

#include <sys/resource.h>
#include <unistd.h>

using namespace digitpad;

Q_DECLARE_METATYPE(std::optional<double>)
Q_DECLARE_METATYPE(digitpad::TestTimeAugmentation)

namespace {

constexpr int kHeaderOffset = 16; // magic (8) + version (4) + header length (4)

Model smallModel(const std::string& architecture = "dense16,relu,dense10",
                 OutputHead head = OutputHead::Softmax, unsigned long long seed = 7) {
    Model model;
    model.network = Network::fromArchitecture({1, 28, 28}, architecture, head);
    model.network.initialise(Init::He, seed);
    model.info.preset = "test";
    model.info.loss = LossKind::CrossEntropy;
    model.info.optimizer = OptimizerKind::Adam;
    model.info.learningRate = 0.001;
    model.info.batchSize = 64;
    model.info.epochs = 3;
    model.info.seed = seed;
    model.info.dataset = "mnist-mini";
    model.info.trainedAt = "2026-11-22T17:03:00Z";
    return model;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return file.readAll();
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

std::uint32_t u32At(const QByteArray& bytes, int offset) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | std::uint8_t(bytes[offset + i]);
    return v;
}

QByteArray u32(std::uint32_t v) {
    QByteArray bytes;
    for (int i = 0; i < 4; ++i)
        bytes.append(char(v >> (8 * i)));
    return bytes;
}

/// A valid file taken apart: its JSON header and its tensor data (without the checksum).
struct Parts {
    QByteArray header;
    QByteArray data;
};

Parts split(const QByteArray& file) {
    const int headerLength = int(u32At(file, 12));
    return {file.mid(kHeaderOffset, headerLength),
            file.mid(kHeaderOffset + headerLength, file.size() - kHeaderOffset - headerLength - 4)};
}

/// Reassembles a file with a correct checksum, so a deliberately wrong field gets past the CRC check.
QByteArray assemble(const Parts& parts, std::uint32_t version = 1) {
    QByteArray file = QByteArray("DIGITPAD") + u32(version) + u32(std::uint32_t(parts.header.size())) +
                      parts.header + parts.data;
    const uLong crc =
        crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(file.constData()), uInt(file.size()));
    return file + u32(std::uint32_t(crc));
}

QByteArray withHeader(const Parts& parts, const nlohmann::json& header) {
    const std::string text = header.dump();
    return assemble({QByteArray::fromStdString(text), parts.data});
}

Matrix fixtureImages() {
    const Result<Dataset> data = readIdxFolder(DIGITPAD_TEST_DATA "/mnist-mini", "t10k");
    if (!data.ok())
        qFatal("%s", data.error().message.c_str());
    return data->images.leftCols(20);
}

QStringList tempFiles(const QString& dir) {
    return QDir(dir).entryList({"*.tmp-*"}, QDir::Files | QDir::Hidden);
}

} // namespace

class TestModelFile : public QObject {
    Q_OBJECT

private slots:
    void roundTripKeepsWeightsAndPredictions_data();
    void roundTripKeepsWeightsAndPredictions();
    void roundTripKeepsInfo_data();
    void roundTripKeepsInfo();
    void describeTrainingFillsInfo();
    void headerWithoutAugmentationLoads();
    void classNamesRoundTrip();
    void testTimeRoundTrip_data();
    void testTimeRoundTrip();
    void classNamesAreChecked_data();
    void classNamesAreChecked();
    void corruptFilesAreRefused_data();
    void corruptFilesAreRefused();
    void saveIntoMissingDirectoryFails();
    void saveReplacesWholeAndLeavesNoTempFile();
    void failedSaveKeepsOldFile();
    void saveRemovesStaleTempFilesOfItsTarget();
    void failedSaveLeavesNoTempFile_data();
    void failedSaveLeavesNoTempFile();
};

void TestModelFile::roundTripKeepsWeightsAndPredictions_data() {
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<bool>("softmax");
    QTest::newRow("dense16 relu dense10, softmax") << "dense16,relu,dense10" << true;
    QTest::newRow("sigmoid units, identity head") << "dense12,sigmoid,dense10,sigmoid" << false;
    QTest::newRow("two hidden tanh layers") << "dense20,tanh,dense8,tanh,dense10" << true;
}

void TestModelFile::roundTripKeepsWeightsAndPredictions() {
    QFETCH(QString, architecture);
    QFETCH(bool, softmax);
    const Model model =
        smallModel(architecture.toStdString(), softmax ? OutputHead::Softmax : OutputHead::Identity);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("model.dpm").toStdString();
    const Status saved = saveModel(model, path);
    QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().message.c_str());

    const Result<Model> loaded = loadModel(path);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    QCOMPARE(loaded->network.architecture(), model.network.architecture());
    QCOMPARE(loaded->network.inputShape(), model.network.inputShape());
    QCOMPARE(loaded->network.head(), model.network.head());

    const auto before = model.network.tensors();
    const auto after = loaded->network.tensors();
    QCOMPARE(after.size(), before.size());
    QVERIFY(!before.empty());
    for (std::size_t i = 0; i < before.size(); ++i) {
        QCOMPARE(after[i].first, before[i].first);
        QCOMPARE(after[i].second->rows(), before[i].second->rows());
        QCOMPARE(after[i].second->cols(), before[i].second->cols());
        // The file holds float32: compare with the float value the file can hold, bit for bit.
        for (Eigen::Index k = 0; k < before[i].second->size(); ++k) {
            const float want = static_cast<float>(before[i].second->data()[k]);
            const float got = static_cast<float>(after[i].second->data()[k]);
            QVERIFY2(std::memcmp(&want, &got, sizeof want) == 0,
                     qPrintable(
                         QString("%1[%2]: %3 vs %4").arg(before[i].first.c_str()).arg(k).arg(want).arg(got)));
        }
    }

    const Matrix x = fixtureImages();
    const Matrix p0 = model.network.probabilities(x);
    const Matrix p1 = loaded->network.probabilities(x);
    QCOMPARE(p1.rows(), Eigen::Index(10));
    QCOMPARE(p1.cols(), x.cols());
    if constexpr (std::is_same_v<Scalar, float>)
        QVERIFY(p0 == p1);
    else
        QVERIFY((p0 - p1).cwiseAbs().maxCoeff() < 1e-6);
}

void TestModelFile::roundTripKeepsInfo_data() {
    QTest::addColumn<bool>("resize");
    QTest::addColumn<std::optional<double>>("testAccuracy");
    QTest::addColumn<std::optional<double>>("drawnAccuracy");
    QTest::addColumn<QString>("labels");
    QTest::addColumn<QString>("augmentation");
    QTest::newRow("no accuracies, mnist framing")
        << false << std::optional<double>() << std::optional<double>() << "0123456789"
        << "";
    QTest::newRow("test accuracy only")
        << false << std::optional<double>(0.9812) << std::optional<double>() << "0123456789"
        << "";
    QTest::newRow("both accuracies, resize framing, other labels")
        << true << std::optional<double>(0.9731) << std::optional<double>(0.5) << "abcdefghij"
        << "";
    QTest::newRow("deskew and stroke width (the framing-steps row)")
        << false << std::optional<double>(0.99) << std::optional<double>() << "0123456789"
        << "";
    AugmentSettings strong = AugmentSettings{}.scaled(2.0);
    strong.enabled = true;
    QTest::newRow("trained with augmentation (non-ASCII description)")
        << false << std::optional<double>(0.99) << std::optional<double>() << "0123456789"
        << QString::fromStdString(strong.describe());
}

void TestModelFile::roundTripKeepsInfo() {
    QFETCH(bool, resize);
    QFETCH(std::optional<double>, testAccuracy);
    QFETCH(std::optional<double>, drawnAccuracy);
    QFETCH(QString, labels);
    QFETCH(QString, augmentation);
    Model model = smallModel();
    model.info.augmentation = augmentation.toStdString();
    model.info.framing = resize ? Framing::Resize : Framing::Mnist;
    model.info.testAccuracy = testAccuracy;
    model.info.drawnAccuracy = drawnAccuracy;
    model.info.labels = labels.toStdString();
    model.info.seed = std::numeric_limits<unsigned long long>::max(); // must survive JSON as a full uint64
    model.info.learningRate = 0.1;
    const bool withSteps = QString(QTest::currentDataTag()).contains("framing-steps");
    model.info.framingSteps = FramingSteps{withSteps, withSteps};
    model.info.extraTrainingData = withSteps ? "13000 canvases of synthetic" : "";

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("info.dpm").toStdString();
    QVERIFY(saveModel(model, path).ok());
    const Result<Model> loaded = loadModel(path);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    const ModelInfo& a = model.info;
    const ModelInfo& b = loaded->info;
    QCOMPARE(toName(b.framing), toName(a.framing));
    QCOMPARE(b.preset, a.preset);
    QCOMPARE(b.loss, a.loss);
    QCOMPARE(b.optimizer, a.optimizer);
    QCOMPARE(b.learningRate, a.learningRate);
    QCOMPARE(b.batchSize, a.batchSize);
    QCOMPARE(b.epochs, a.epochs);
    QCOMPARE(b.seed, a.seed);
    QCOMPARE(b.dataset, a.dataset);
    QCOMPARE(b.testAccuracy.has_value(), a.testAccuracy.has_value());
    if (a.testAccuracy)
        QCOMPARE(*b.testAccuracy, *a.testAccuracy);
    QCOMPARE(b.drawnAccuracy.has_value(), a.drawnAccuracy.has_value());
    if (a.drawnAccuracy)
        QCOMPARE(*b.drawnAccuracy, *a.drawnAccuracy);
    QCOMPARE(b.trainedAt, a.trainedAt);
    QCOMPARE(b.labels, a.labels);
    QCOMPARE(QString::fromStdString(b.augmentation), augmentation);
    QCOMPARE(b.framingSteps.toText(), a.framingSteps.toText());
    QCOMPARE(b.extraTrainingData, a.extraTrainingData);

    // The field is optional: a file without augmentation has no such key, exactly like files written before
    // augmentation existed.
    const nlohmann::json header =
        nlohmann::json::parse(split(readAll(dir.filePath("info.dpm"))).header.toStdString());
    QCOMPARE(header["training"].contains("augmentation"), !augmentation.isEmpty());
    // Likewise the framing steps: a model without them has the header it always had.
    QCOMPARE(header.contains("framingSteps"), withSteps);
    QCOMPARE(header["training"].contains("extraData"), withSteps);
}

void TestModelFile::testTimeRoundTrip_data() {
    QTest::addColumn<TestTimeAugmentation>("testTime");
    for (const EnumName<TestTimeAugmentation>& entry : kTestTimeAugmentationNames)
        QTest::newRow(std::string(entry.name).c_str()) << entry.value;
}

// The test-time augmentation is stored as "testTime", only when the model uses one: a model without it has
// the header it always had, and a file without the field (every file before it) reads as none.
void TestModelFile::testTimeRoundTrip() {
    QFETCH(TestTimeAugmentation, testTime);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Model model = smallModel();
    model.info.testTime = testTime;
    const std::string path = dir.filePath("tta.dpm").toStdString();
    QVERIFY(saveModel(model, path).ok());
    const Result<Model> loaded = loadModel(path);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    QCOMPARE(toName(loaded->info.testTime), toName(testTime));
    const nlohmann::json header =
        nlohmann::json::parse(split(readAll(dir.filePath("tta.dpm"))).header.toStdString());
    QCOMPARE(header.contains("testTime"), testTime != TestTimeAugmentation::None);
    if (testTime != TestTimeAugmentation::None)
        QCOMPARE(header["testTime"].get<std::string>(), toName(testTime));
}

// Names beyond the labels' characters are stored as "classNames"; a digit model's header stays as it was, and
// a file without the field (every file before class names) reads as its labels' characters.
void TestModelFile::classNamesRoundTrip() {
    QTemporaryDir dir;
    Model named = smallModel();
    named.info.classNames = fashionMnistClassNames();
    const std::string namedPath = dir.filePath("named.dpm").toStdString();
    QVERIFY(saveModel(named, namedPath).ok());
    const Result<Model> loaded = loadModel(namedPath);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    QCOMPARE(loaded->info.classNames, fashionMnistClassNames());
    QCOMPARE(loaded->info.labels, std::string("0123456789"));
    QVERIFY(!isDigitModel(loaded->info));

    Model digits = smallModel();
    digits.info.classNames = digitClassNames(10);
    const QString digitsPath = dir.filePath("digits.dpm");
    QVERIFY(saveModel(digits, digitsPath.toStdString()).ok());
    QVERIFY(!nlohmann::json::parse(split(readAll(digitsPath)).header.toStdString()).contains("classNames"));
    const Result<Model> digitModel = loadModel(digitsPath.toStdString());
    QVERIFY(digitModel.ok());
    QVERIFY(digitModel->info.classNames.empty());
    QCOMPARE(classNamesOf(digitModel->info), digitClassNames(10));
    QVERIFY(isDigitModel(digitModel->info));

    const Result<Model> bundled = loadModel(DIGITPAD_SOURCE_DIR "/models/default.dpm");
    QVERIFY2(bundled.ok(), bundled.ok() ? "" : bundled.error().message.c_str());
    QVERIFY(isDigitModel(bundled->info));
}

void TestModelFile::classNamesAreChecked_data() {
    QTest::addColumn<QByteArray>("names"); // the header's classNames, as JSON
    QTest::newRow("not an array") << QByteArray(R"("T-shirt")");
    QTest::newRow("fewer names than labels") << QByteArray(R"(["a", "b"])");
    QTest::newRow("a name that is no string") << QByteArray(R"(["a","b","c","d","e","f","g","h","i",10])");
    QTest::newRow("an empty name") << QByteArray(R"(["a","b","c","d","e","f","g","h","i",""])");
    QTest::newRow("a name of 41 bytes")
        << QByteArray(R"(["a","b","c","d","e","f","g","h","i","xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])");
}

void TestModelFile::classNamesAreChecked() {
    QFETCH(QByteArray, names);
    QTemporaryDir dir;
    const QString path = dir.filePath("model.dpm");
    QVERIFY(saveModel(smallModel(), path.toStdString()).ok());
    const Parts parts = split(readAll(path));
    nlohmann::json header = nlohmann::json::parse(parts.header.toStdString());
    header["classNames"] = nlohmann::json::parse(names.toStdString());
    writeFile(path, withHeader(parts, header));
    const Result<Model> loaded = loadModel(path.toStdString());
    QVERIFY(!loaded.ok());
    QVERIFY2(QString::fromStdString(loaded.error().message).contains("classNames"),
             loaded.error().message.c_str());
}

void TestModelFile::describeTrainingFillsInfo() {
    const std::optional<TrainConfig> config = presetConfig("mlp");
    QVERIFY(config.has_value());
    const ModelInfo info = describeTraining(*config, "MNIST");
    QCOMPARE(info.preset, std::string("mlp"));
    QCOMPARE(toName(info.loss), toName(config->loss));
    QCOMPARE(toName(info.loss), std::string("cross-entropy"));
    QCOMPARE(toName(info.optimizer), std::string("adam"));
    QCOMPARE(info.learningRate, config->optimizer.learningRate);
    QCOMPARE(info.batchSize, config->batchSize);
    QCOMPARE(info.epochs, config->epochs);
    QCOMPARE(info.seed, config->seed);
    QCOMPARE(info.dataset, std::string("MNIST"));
    QVERIFY(!info.testAccuracy.has_value());
    QVERIFY2(info.augmentation.empty(), info.augmentation.c_str());
    const QRegularExpression iso(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$)");
    QVERIFY2(iso.match(QString::fromStdString(info.trainedAt)).hasMatch(), info.trainedAt.c_str());

    TrainConfig augmented = *config;
    augmented.augment = AugmentSettings{}.scaled(1.5);
    augmented.augment.enabled = true;
    const ModelInfo withAugment = describeTraining(augmented, "MNIST");
    QCOMPARE(withAugment.augmentation, augmented.augment.describe());
    QVERIFY2(QString::fromStdString(withAugment.augmentation).startsWith("rotate ±18°"),
             withAugment.augmentation.c_str());
}

void TestModelFile::headerWithoutAugmentationLoads() {
    // A version-1 file written before the field existed: its training object has no "augmentation" key.
    Model model = smallModel();
    model.info.augmentation = "rotate ±12°";
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("old.dpm");
    QVERIFY(saveModel(model, path.toStdString()).ok());
    const Parts parts = split(readAll(path));
    nlohmann::json header = nlohmann::json::parse(parts.header.toStdString());
    QCOMPARE(header["training"]["augmentation"].get<std::string>(), model.info.augmentation);
    header["training"].erase("augmentation");
    writeFile(path, withHeader(parts, header));
    const Result<Model> loaded = loadModel(path.toStdString());
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    QVERIFY(loaded->info.augmentation.empty());
    QCOMPARE(loaded->info.preset, model.info.preset);
}

void TestModelFile::corruptFilesAreRefused_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");

    QTemporaryDir dir;
    const QString path = dir.filePath("good.dpm");
    if (!saveModel(smallModel(), path.toStdString()).ok())
        qFatal("cannot save the reference model");
    const QByteArray good = readAll(path);
    const Parts parts = split(good);
    const nlohmann::json header = nlohmann::json::parse(parts.header.toStdString());
    const int dataStart = kHeaderOffset + int(parts.header.size());

    QByteArray badMagic = good;
    badMagic[0] = 'X';
    QByteArray flipped = good;
    flipped[dataStart + 100] = char(flipped[dataStart + 100] ^ 0x01);
    QByteArray flippedHeader = good;
    flippedHeader[kHeaderOffset + 5] = char(flippedHeader[kHeaderOffset + 5] ^ 0x20);

    QTest::newRow("empty file") << QByteArray("") << "too short for a DigitPad model";
    QTest::newRow("bad magic") << badMagic << "not a DigitPad model (bad magic";
    QTest::newRow("a text file") << QByteArray("hello, this is not a model at all\n") << "bad magic";
    QTest::newRow("version 2") << assemble(parts, 2) << "unsupported version 2 (supported: 1)";
    QTest::newRow("version 99") << assemble(parts, 99) << "unsupported version 99 (supported: 1)";
    QTest::newRow("flipped bit in the tensor data") << flipped << "wrong checksum";
    QTest::newRow("flipped bit in the header") << flippedHeader << "wrong checksum";
    QTest::newRow("truncated after 10 bytes") << good.left(10) << "too short";
    QTest::newRow("truncated inside the header") << good.left(kHeaderOffset + 40) << "the file is truncated";
    QTest::newRow("truncated inside the tensors") << good.left(dataStart + 1000) << "the file is truncated";
    QTest::newRow("truncated by one byte") << good.left(good.size() - 1) << "the file is truncated";
    QTest::newRow("trailing bytes") << good + "extra"
                                    << "5 bytes more than its header describes";

    QByteArray garbage = parts.header;
    garbage.fill('{');
    QTest::newRow("header JSON garbage") << assemble({garbage, parts.data}) << "malformed header";
    QTest::newRow("header is a JSON array")
        << assemble({QByteArray("[1, 2, 3]"), parts.data}) << "malformed header: not a JSON object";

    nlohmann::json wrongArchitecture = header;
    wrongArchitecture["architecture"] = "dense32,relu,dense10";
    QTest::newRow("architecture does not match the tensors")
        << withHeader(parts, wrongArchitecture)
        << "tensor 0 is '0.weight' 16x784 in the file but architecture 'dense32,relu,dense10' needs "
           "'0.weight' "
           "32x784";
    nlohmann::json unknownLayer = header;
    unknownLayer["architecture"] = "dense16,swish,dense10";
    QTest::newRow("unknown layer token") << withHeader(parts, unknownLayer) << "unknown layer 'swish'";
    // Refused by the size limits before anything is allocated (LayerFactory's kMaxParameters and
    // kMaxValuesPerSample), not by running out of memory.
    nlohmann::json hugeDense = header;
    hugeDense["architecture"] = "dense1000000,relu,dense10";
    QTest::newRow("a million dense units (3 GB of weights)")
        << withHeader(parts, hugeDense)
        << "architecture 'dense1000000,relu,dense10' for input 1x28x28 is invalid: "
           "layer 'dense1000000' on input 1x28x28 would hold 785000000 parameters, more than the limit of "
           "50000000";
    nlohmann::json hugePadding = header;
    hugePadding["architecture"] = "conv1x1x1p1000000,flatten,dense10";
    QTest::newRow("padding that makes the output huge")
        << withHeader(parts, hugePadding)
        << "'conv1x1x1p1000000' for input 1x28x28: output 1x2000028x2000028";
    nlohmann::json manyLayers = header;
    manyLayers["architecture"] = "dense7000,relu,dense7000,relu,dense7000";
    QTest::newRow("layers each within the limit, too many together (830 MB)")
        << withHeader(parts, manyLayers) << "more than the limit of 50000000 in total";
    nlohmann::json hugeInput = header;
    hugeInput["input"] = {{"channels", 65536}, {"height", 65536}, {"width", 65536}};
    QTest::newRow("input whose size overflows int")
        << withHeader(parts, hugeInput) << "input 65536x65536x65536 has 281474976710656 values per sample";
    nlohmann::json fewerTensors = header;
    fewerTensors["tensors"].erase(fewerTensors["tensors"].size() - 1);
    QTest::newRow("tensor table too short")
        << withHeader(parts, fewerTensors) << "the tensor table lists 3 tensors but architecture";
    nlohmann::json noFraming = header;
    noFraming.erase("framing");
    QTest::newRow("missing framing") << withHeader(parts, noFraming) << "header field 'framing' is missing";
    nlohmann::json badFraming = header;
    badFraming["framing"] = "stretch";
    QTest::newRow("unknown framing") << withHeader(parts, badFraming) << "unknown framing 'stretch'";
    nlohmann::json badSteps = header;
    badSteps["framingSteps"] = "deskew,sharpen";
    QTest::newRow("unknown framing step")
        << withHeader(parts, badSteps) << "header field 'framingSteps': unknown framing step 'sharpen'";
    nlohmann::json numberSteps = header;
    numberSteps["framingSteps"] = 3;
    QTest::newRow("framing steps is a number")
        << withHeader(parts, numberSteps) << "header field 'framingSteps' must be a string";
    nlohmann::json badTestTime = header;
    badTestTime["testTime"] = "flips";
    QTest::newRow("unknown test-time augmentation")
        << withHeader(parts, badTestTime)
        << "header field 'testTime': unknown test-time augmentation 'flips' (expected none, shifts, shifts8 "
           "or "
           "rotations)";
    nlohmann::json numberTestTime = header;
    numberTestTime["testTime"] = 5;
    QTest::newRow("test-time augmentation is a number")
        << withHeader(parts, numberTestTime) << "header field 'testTime' must be a string";
    nlohmann::json identityTestTime = header;
    identityTestTime["testTime"] = "shifts";
    identityTestTime["head"] = "identity";
    QTest::newRow("test-time augmentation with the identity head")
        << withHeader(parts, identityTestTime)
        << "header field 'testTime': test-time augmentation 'shifts' needs";
    nlohmann::json badSeed = header;
    badSeed["training"]["seed"] = "seven";
    QTest::newRow("seed is a string")
        << withHeader(parts, badSeed) << "'training.seed' must be a non-negative";
    nlohmann::json badAugmentation = header;
    badAugmentation["training"]["augmentation"] = 12;
    QTest::newRow("augmentation is a number")
        << withHeader(parts, badAugmentation) << "header field 'training.augmentation' must be a string";
    nlohmann::json badAccuracy = header;
    badAccuracy["accuracy"]["test"] = 97.3;
    QTest::newRow("accuracy as a percentage")
        << withHeader(parts, badAccuracy) << "'accuracy.test' must be a number from 0 to 1";
    nlohmann::json zeroInput = header;
    zeroInput["input"]["width"] = 0;
    QTest::newRow("input width 0") << withHeader(parts, zeroInput)
                                   << "'input.width' must be an integer from 1";
    nlohmann::json wrongLabels = header;
    wrongLabels["labels"] = "01234";
    QTest::newRow("5 labels for 10 outputs")
        << withHeader(parts, wrongLabels) << "the network has 10 outputs but the header names 5 labels";

    QTest::newRow("tensor data 4 bytes short, checksum fixed")
        << assemble({parts.header, parts.data.left(parts.data.size() - 4)})
        << "the tensor data is truncated: 50916 bytes, the header needs 50920";
    QTest::newRow("tensor data 8 bytes long, checksum fixed")
        << assemble({parts.header, parts.data + QByteArray(8, '\0')})
        << "the tensor data has 8 trailing bytes";
    QByteArray nanData = parts.data;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    std::memcpy(nanData.data() + 40, &nan, sizeof nan);
    // Crafted files that declare far more than they hold: refused from the header and the file's size alone,
    // before the JSON is parsed (header length) or the network is built (table, architecture, data size).
    QTest::newRow("header length of 99 MB")
        << QByteArray("DIGITPAD") + u32(1) + u32(99u << 20) + QByteArray("[][][][][][]")
        << "the header declares 103809024 bytes, more than the limit of 1048576";
    QTest::newRow("header length just above 1 MiB")
        << QByteArray("DIGITPAD") + u32(1) + u32((1u << 20) + 1) + QByteArray(8, ' ')
        << "the header declares 1048577 bytes, more than the limit of 1048576";
    nlohmann::json wideNoTable = header;
    wideNoTable["architecture"] = "dense62000,dense10";
    wideNoTable["tensors"] = nlohmann::json::array();
    QTest::newRow("dense62000 declared, no tensors, no data")
        << withHeader({{}, {}}, wideNoTable)
        << "the tensor table lists 0 tensors but architecture "
           "'dense62000,dense10' has 4";
    nlohmann::json wideTable = wideNoTable;
    wideTable["tensors"] = {{{"name", "0.weight"}, {"rows", 62000}, {"cols", 784}},
                            {{"name", "0.bias"}, {"rows", 62000}, {"cols", 1}},
                            {{"name", "1.weight"}, {"rows", 10}, {"cols", 62000}},
                            {{"name", "1.bias"}, {"rows", 10}, {"cols", 1}}};
    QTest::newRow("dense62000 with its table, 141 bytes of data")
        << withHeader({{}, QByteArray(141, '\0')}, wideTable)
        << "the tensor data is truncated: 141 bytes, the header needs 197160040 (it declares 49290010 "
           "parameters but the file holds 141 bytes of tensor data)";
    nlohmann::json escapeInArchitecture = header;
    escapeInArchitecture["architecture"] = "dense16,\x1b[2J\n,dense10";
    QTest::newRow("escape sequence in the architecture is quoted escaped")
        << withHeader(parts, escapeInArchitecture) << "architecture 'dense16,\\x1b[2J\\n,dense10' for input";
    nlohmann::json controlLabels = header;
    controlLabels["labels"] = "0123\n\x1b";
    QTest::newRow("control characters in the labels are quoted escaped")
        << withHeader(parts, controlLabels) << "header names 6 labels ('0123\\n\\x1b')";
    QTest::newRow("NaN weight, checksum fixed")
        << assemble({parts.header, nanData}) << "tensor '0.weight' holds a non-finite value at index 10";
}

void TestModelFile::corruptFilesAreRefused() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("corrupt.dpm");
    writeFile(path, bytes);
    const Result<Model> loaded = loadModel(path.toStdString());
    QVERIFY2(!loaded.ok(), "a corrupt model was accepted");
    const QString message = QString::fromStdString(loaded.error().message);
    QVERIFY2(message.contains(expected), qPrintable("message: " + message));
    QVERIFY2(message.startsWith("cannot load model '" + path + "': "), qPrintable("message: " + message));
}

void TestModelFile::saveIntoMissingDirectoryFails() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("no/such/folder/model.dpm");
    const Status saved = saveModel(smallModel(), path.toStdString());
    QVERIFY(!saved.ok());
    const QString message = QString::fromStdString(saved.error().message);
    QVERIFY2(message.startsWith("cannot save model '" + path + "': "), qPrintable(message));
    QVERIFY2(message.contains("No such file or directory"), qPrintable(message));

    const Result<Model> missing = loadModel(path.toStdString());
    QVERIFY(!missing.ok());
    QVERIFY2(QString::fromStdString(missing.error().message).contains("'" + path + "': no such file"),
             missing.error().message.c_str());
}

void TestModelFile::saveReplacesWholeAndLeavesNoTempFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("model.dpm");
    const Model big = smallModel("dense64,relu,dense10");
    const Model small = smallModel("dense16,relu,dense10", OutputHead::Softmax, 99);
    QVERIFY(saveModel(big, path.toStdString()).ok());
    const qint64 bigSize = QFileInfo(path).size();
    QVERIFY(tempFiles(dir.path()).isEmpty());

    QVERIFY(saveModel(small, path.toStdString()).ok());
    QVERIFY2(tempFiles(dir.path()).isEmpty(), qPrintable(tempFiles(dir.path()).join(", ")));
    QVERIFY(QFileInfo(path).size() < bigSize);
    const Result<Model> loaded = loadModel(path.toStdString());
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    QCOMPARE(loaded->network.architecture(), std::string("dense16,relu,dense10"));
    QCOMPARE(loaded->info.seed, 99ull);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"model.dpm"});
}

void TestModelFile::failedSaveKeepsOldFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("model.dpm");
    QVERIFY(saveModel(smallModel(), path.toStdString()).ok());
    const QByteArray before = readAll(path);

    // A diverged network (NaN weights) must not overwrite a good model.
    Model diverged = smallModel("dense16,relu,dense10", OutputHead::Softmax, 3);
    diverged.network.params().front().value->coeffRef(0, 0) = std::numeric_limits<Scalar>::quiet_NaN();
    const Status saved = saveModel(diverged, path.toStdString());
    QVERIFY(!saved.ok());
    QVERIFY2(QString::fromStdString(saved.error().message).contains("non-finite"),
             saved.error().message.c_str());
    QCOMPARE(readAll(path), before);
    QVERIFY(tempFiles(dir.path()).isEmpty());

    // A rename that fails (the target is a folder) removes its temp file and leaves the folder alone.
    const QString folder = dir.filePath("taken.dpm");
    QVERIFY(QDir().mkpath(folder + "/inside"));
    const Status blocked = saveModel(smallModel(), folder.toStdString());
    QVERIFY(!blocked.ok());
    QVERIFY2(QString::fromStdString(blocked.error().message).startsWith("cannot save model '" + folder + "'"),
             blocked.error().message.c_str());
    QVERIFY(QFileInfo(folder + "/inside").isDir());
    QVERIFY2(tempFiles(dir.path()).isEmpty(), qPrintable(tempFiles(dir.path()).join(", ")));
    QCOMPARE(readAll(path), before);
}

void TestModelFile::saveRemovesStaleTempFilesOfItsTarget() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // What killed saves leave behind, and look-alikes that are not this target's temp files.
    const QStringList stale = {"model.dpm.tmp-0123abcd", "model.dpm.tmp-ffffffff"};
    const QStringList kept = {"other.dpm.tmp-0123abcd",  "amodel.dpm.tmp-0123abcd", "model.dpm.tmp-notes",
                              "model.dpm.tmp-0123abcd0", "model.dpm.tmp-0123ABCD",  "model.dpm.tmp"};
    for (const QString& name : stale + kept)
        writeFile(dir.filePath(name), "partial");
    QVERIFY(QDir().mkpath(dir.filePath("sub")));
    writeFile(dir.filePath("sub/model.dpm.tmp-0123abcd"), "another folder's");

    QVERIFY(saveModel(smallModel(), dir.filePath("model.dpm").toStdString()).ok());
    QStringList expected = kept + QStringList{"model.dpm", "sub"};
    expected.sort();
    QStringList actual = QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    actual.sort();
    QCOMPARE(actual, expected);
    QVERIFY(QFileInfo::exists(dir.filePath("sub/model.dpm.tmp-0123abcd")));
}

void TestModelFile::failedSaveLeavesNoTempFile_data() {
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("expected");
    QTest::newRow("read-only folder") << "read-only"
                                      << "Permission denied";
    // Without SIGXFSZ ignored around the write, the limit would kill the test process here.
    QTest::newRow("file size limit (ulimit -f)") << "ulimit"
                                                 << "file too large";
}

void TestModelFile::failedSaveLeavesNoTempFile() {
    QFETCH(QString, cause);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath("models");
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + "/model.dpm";
    QVERIFY(saveModel(smallModel(), path.toStdString()).ok());
    const QByteArray before = readAll(path);
    Status saved = Success{};
    if (cause == "read-only") {
        if (::geteuid() == 0)
            QSKIP("root writes into a read-only folder");
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
        saved = saveModel(smallModel("dense32,relu,dense10"), path.toStdString());
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    } else {
        rlimit previous{};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &previous), 0);
        rlimit small = previous;
        small.rlim_cur = 4096; // the model takes about 50 KB
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        saved = saveModel(smallModel("dense32,relu,dense10"), path.toStdString());
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &previous), 0);
    }
    QVERIFY(!saved.ok());
    const QString message = QString::fromStdString(saved.error().message);
    QVERIFY2(message.startsWith("cannot save model '" + path + "': "), qPrintable(message));
    QVERIFY2(message.contains(expected), qPrintable(message));
    QVERIFY2(tempFiles(folder).isEmpty(), qPrintable(tempFiles(folder).join(", ")));
    QCOMPARE(readAll(path), before);
}

QTEST_GUILESS_MAIN(TestModelFile)
#include "test_model_file.moc"
