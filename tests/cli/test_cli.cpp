// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the real digitpad-cli binary (DIGITPAD_CLI) and checks exit codes, messages and output formats.
#include "app/AnswerCertainty.h"
#include "io/ModelFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QPainter>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstring>
#include <limits>
#include <sys/types.h>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

const QString kMini = QStringLiteral(DIGITPAD_TEST_DATA "/mnist-mini");

Run runCli(const QStringList& args,
           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(DIGITPAD_CLI), args);
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit)
        return {-1, {}, QStringLiteral("digitpad-cli did not finish normally: ") + process.errorString()};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

/// Runs a training command and presses Ctrl+C (SIGINT) once its first epoch line is out, so the handler is
/// surely installed and training is running. `out` holds stdout up to then; exitCode is -1 when the first
/// epoch never came or the process did not exit normally.
Run interruptAfterFirstEpoch(const QStringList& args) {
    QProcess process;
    process.start(QStringLiteral(DIGITPAD_CLI), args);
    if (!process.waitForStarted())
        return {-1, {}, QStringLiteral("digitpad-cli did not start: ") + process.errorString()};
    QByteArray output;
    while (!output.contains("epoch 1/") && process.state() == QProcess::Running) {
        process.waitForReadyRead(1000);
        output += process.readAllStandardOutput();
    }
    if (!output.contains("epoch 1/")) {
        process.waitForFinished(-1);
        return {-1, QString::fromUtf8(output), QString::fromUtf8(process.readAllStandardError())};
    }
    ::kill(static_cast<pid_t>(process.processId()), SIGINT);
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit)
        return {-1, QString::fromUtf8(output), QStringLiteral("digitpad-cli did not exit normally")};
    return {process.exitCode(), QString::fromUtf8(output), QString::fromUtf8(process.readAllStandardError())};
}

/// zlib's CRC-32 (the .dpm checksum), bit by bit: this test links no zlib.
quint32 crc32Of(const QByteArray& bytes) {
    quint32 crc = 0xffffffffu;
    for (const char byte : bytes) {
        crc ^= static_cast<uchar>(byte);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray u32(quint32 v) {
    QByteArray bytes;
    for (int i = 0; i < 4; ++i)
        bytes.append(static_cast<char>(v >> (8 * i)));
    return bytes;
}

/// `model` (a .dpm file's bytes) with `from` replaced by `to` in its JSON header, the header length and the
/// checksum fixed.
QByteArray withHeaderEdit(const QByteArray& model, const QByteArray& from, const QByteArray& to) {
    const auto length = [&](int at) {
        quint32 v = 0;
        for (int i = 3; i >= 0; --i)
            v = (v << 8) | static_cast<uchar>(model[at + i]);
        return v;
    };
    const int headerLength = static_cast<int>(length(12));
    QByteArray header = model.mid(16, headerLength);
    header.replace(from, to);
    QByteArray file = model.left(8) + u32(1) + u32(static_cast<quint32>(header.size())) + header +
                      model.mid(16 + headerLength, model.size() - 16 - headerLength - 4);
    return file + u32(crc32Of(file));
}

QStringList lines(const QString& text) {
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

/// `text` as one JSON object; an empty object (which every test below rejects) when it is anything else.
QJsonObject jsonObject(const QString& text) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return {};
    return document.object();
}

/// JSON Lines: one object per line; an empty list when any line is not a JSON object.
QList<QJsonObject> jsonLines(const QString& text) {
    QList<QJsonObject> objects;
    for (const QString& line : lines(text)) {
        const QJsonObject object = jsonObject(line);
        if (object.isEmpty())
            return {};
        objects << object;
    }
    return objects;
}

/// Checks an evaluation object's mistakes: one per misclassified image (count − correct), each naming an
/// image of the set once, with a label other than its answer, tallying to the confusion matrix's off-diagonal
/// cells, with the probability of the answer (at least 1/classes: it is the largest), most confident first.
/// Returns an empty string when they agree, else what is wrong.
QString mistakesMismatch(const QJsonObject& evaluation, int classes) {
    const QJsonArray mistakes = evaluation.value("mistakes").toArray();
    const int count = evaluation.value("count").toInt(-1);
    if (mistakes.size() != count - evaluation.value("correct").toInt(-1))
        return QStringLiteral("%1 mistakes for %2 wrong answers")
            .arg(mistakes.size())
            .arg(count - evaluation.value("correct").toInt());
    QList<QList<int>> tally(classes, QList<int>(classes, 0));
    QSet<int> indices;
    double previous = 2.0;
    for (const QJsonValue& value : mistakes) {
        const QJsonObject mistake = value.toObject();
        const int index = mistake.value("index").toInt(-1);
        const int label = mistake.value("label").toString().toInt();
        const int predicted = mistake.value("predicted").toString().toInt();
        const double confidence = mistake.value("confidence").toDouble(-1.0);
        if (index < 0 || index >= count || indices.contains(index))
            return QStringLiteral("index %1 is not a new image of the set").arg(index);
        indices.insert(index);
        if (label == predicted || label < 0 || label >= classes || predicted < 0 || predicted >= classes)
            return QStringLiteral("image %1: label %2, predicted %3").arg(index).arg(label).arg(predicted);
        if (confidence < 1.0 / classes - 1e-6 || confidence > 1.0)
            return QStringLiteral("image %1: confidence %2").arg(index).arg(confidence);
        if (confidence > previous)
            return QStringLiteral("image %1 is more confident than the one before it").arg(index);
        previous = confidence;
        ++tally[label][predicted];
    }
    const QJsonArray confusion = evaluation.value("confusion").toArray();
    for (int truth = 0; truth < classes; ++truth)
        for (int predicted = 0; predicted < classes; ++predicted)
            if (truth != predicted &&
                tally[truth][predicted] != confusion[truth].toArray()[predicted].toInt())
                return QStringLiteral("mistakes %1 → %2 disagree with the confusion matrix")
                    .arg(truth)
                    .arg(predicted);
    return {};
}

/// A fraction 0..1 the way the text output writes it, e.g. "97.50%".
QString percentText(double fraction) {
    return QString::number(100.0 * fraction, 'f', 2) + QLatin1Char('%');
}

/// An evaluation object's "accuracy% (correct/count)", as the text output writes the same score.
QString scoreText(const QJsonObject& evaluation) {
    return QStringLiteral("%1 (%2/%3)")
        .arg(percentText(evaluation.value("accuracy").toDouble(-1.0)))
        .arg(evaluation.value("correct").toInt(-1))
        .arg(evaluation.value("count").toInt(-1));
}

/// Checks an evaluation object's parts agree: per-class totals and diagonal with the confusion matrix, the
/// accuracy with correct/count. Returns an empty string when they do, else what is wrong.
QString evaluationMismatch(const QJsonObject& evaluation, int classes) {
    const QJsonArray perClass = evaluation.value("per_class").toArray();
    const QJsonArray confusion = evaluation.value("confusion").toArray();
    if (perClass.size() != classes || confusion.size() != classes)
        return QStringLiteral("expected %1 classes").arg(classes);
    int total = 0;
    int diagonal = 0;
    for (int c = 0; c < classes; ++c) {
        const QJsonArray row = confusion[c].toArray();
        const QJsonObject entry = perClass[c].toObject();
        int rowTotal = 0;
        for (const QJsonValue& count : row)
            rowTotal += count.toInt();
        if (row.size() != classes || entry.value("total").toInt(-1) != rowTotal ||
            entry.value("correct").toInt(-1) != row[c].toInt() ||
            entry.value("label").toString() != QString::number(c))
            return QStringLiteral("class %1 disagrees with its confusion row").arg(c);
        if (rowTotal > 0 &&
            entry.value("accuracy").toDouble(-1.0) != static_cast<double>(row[c].toInt()) / rowTotal)
            return QStringLiteral("class %1 accuracy").arg(c);
        if (rowTotal == 0 && !entry.value("accuracy").isNull())
            return QStringLiteral("class %1 has no samples but an accuracy").arg(c);
        total += rowTotal;
        diagonal += row[c].toInt();
    }
    if (evaluation.value("count").toInt(-1) != total || evaluation.value("correct").toInt(-1) != diagonal)
        return QStringLiteral("count or correct disagree with the confusion matrix");
    if (total == 0 || evaluation.value("accuracy").toDouble(-1.0) != static_cast<double>(diagonal) / total)
        return QStringLiteral("accuracy is not correct/count");
    return {};
}

/// The first `count` test images of the mini data set as black-on-white 112×112 images, named
/// "<label>_<index>.<suffix>" (the same naming as tests/data/digits).
QStringList writeMiniDigits(const QString& folder, int count, const char* suffix) {
    QFile images(kMini + "/t10k-images-idx3-ubyte");
    QFile labels(kMini + "/t10k-labels-idx1-ubyte");
    if (!images.open(QIODevice::ReadOnly) || !labels.open(QIODevice::ReadOnly))
        return {};
    const QByteArray pixels = images.readAll().mid(16);
    const QByteArray classes = labels.readAll().mid(8);
    QStringList written;
    for (int i = 0; i < count && (i + 1) * 784 <= pixels.size(); ++i) {
        QImage digit(28, 28, QImage::Format_Grayscale8);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x)
                digit.scanLine(y)[x] =
                    static_cast<uchar>(255 - static_cast<uchar>(pixels[i * 784 + y * 28 + x]));
        const QString path = QStringLiteral("%1/%2_%3.%4")
                                 .arg(folder)
                                 .arg(int(classes[i]))
                                 .arg(i, 2, 10, QLatin1Char('0'))
                                 .arg(suffix);
        if (!digit.scaled(112, 112).save(path))
            return {};
        written << path;
    }
    return written;
}

/// The mini data set's test images and labels (28×28, ink high), in file order.
struct MiniTest {
    QByteArray pixels;
    QByteArray labels;
    int count() const { return static_cast<int>(labels.size()); }
};

MiniTest readMiniTest() {
    QFile images(kMini + "/t10k-images-idx3-ubyte");
    QFile labels(kMini + "/t10k-labels-idx1-ubyte");
    if (!images.open(QIODevice::ReadOnly) || !labels.open(QIODevice::ReadOnly))
        return {};
    return {images.readAll().mid(16), labels.readAll().mid(8)};
}

/// Image `i` of the mini test set as a black-on-white 112×112 image, as a person's sample would look.
QImage miniDigit(const MiniTest& mini, int i) {
    QImage digit(28, 28, QImage::Format_Grayscale8);
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x)
            digit.scanLine(y)[x] =
                static_cast<uchar>(255 - static_cast<uchar>(mini.pixels[i * 784 + y * 28 + x]));
    return digit.scaled(112, 112);
}

/// A sample folder `folder/<label>/<nn>.png` with the first `perDigit` test images of every digit, numbered
/// in file order so the folder's order (by name) is the data set's. With `flat`, the same images also go to
/// `flat/<label>_<nn>.png` (for predict); with `heldOut`, every fifth of each digit also goes to
/// `heldOut/<label>/<nn>.png` (the drawings finetune holds out by default). Returns the images written.
int writeSampleFolder(const QString& folder, int perDigit, const QString& flat = {},
                      const QString& heldOut = {}) {
    const MiniTest mini = readMiniTest();
    int written = 0;
    for (int label = 0; label < 10; ++label) {
        int taken = 0;
        for (int i = 0; i < mini.count() && taken < perDigit; ++i) {
            if (mini.labels[i] != label)
                continue;
            ++taken;
            const QImage digit = miniDigit(mini, i);
            const QString name = QStringLiteral("%1").arg(i, 3, 10, QLatin1Char('0'));
            if (!QDir().mkpath(QStringLiteral("%1/%2").arg(folder).arg(label)) ||
                !digit.save(QStringLiteral("%1/%2/%3.png").arg(folder).arg(label).arg(name)))
                return -1;
            if (!flat.isEmpty() &&
                (!QDir().mkpath(flat) ||
                 !digit.save(QStringLiteral("%1/%2_%3.png").arg(flat).arg(label).arg(name))))
                return -1;
            if (!heldOut.isEmpty() && taken % 5 == 0 &&
                (!QDir().mkpath(QStringLiteral("%1/%2").arg(heldOut).arg(label)) ||
                 !digit.save(QStringLiteral("%1/%2/%3.png").arg(heldOut).arg(label).arg(name))))
                return -1;
            ++written;
        }
    }
    return written;
}

/// Writes the mini set shrunk to 14×14 as IDX files (train-* and t10k-*) in `folder`: data a model with
/// another input shape than DigitPad's 28×28 digits trains on.
bool writeHalfSizeIdx(const QString& folder) {
    const MiniTest test = readMiniTest();
    QFile trainImages(kMini + "/train-images-idx3-ubyte");
    QFile trainLabels(kMini + "/train-labels-idx1-ubyte");
    if (!trainImages.open(QIODevice::ReadOnly) || !trainLabels.open(QIODevice::ReadOnly))
        return false;
    const auto be32 = [](quint32 v) {
        QByteArray bytes;
        for (int i = 3; i >= 0; --i)
            bytes.append(static_cast<char>(v >> (8 * i)));
        return bytes;
    };
    const auto write = [&](const QString& split, const QByteArray& pixels, const QByteArray& labels) {
        const int count = static_cast<int>(labels.size());
        QByteArray images = be32(0x803) + be32(static_cast<quint32>(count)) + be32(14) + be32(14);
        for (int n = 0; n < count; ++n)
            for (int y = 0; y < 14; ++y)
                for (int x = 0; x < 14; ++x)
                    images.append(pixels[n * 784 + 2 * y * 28 + 2 * x]);
        QFile imageFile(folder + "/" + split + "-images-idx3-ubyte");
        QFile labelFile(folder + "/" + split + "-labels-idx1-ubyte");
        return imageFile.open(QIODevice::WriteOnly) && imageFile.write(images) == images.size() &&
               labelFile.open(QIODevice::WriteOnly) &&
               labelFile.write(be32(0x801) + be32(static_cast<quint32>(count)) + labels) == count + 8;
    };
    return QDir().mkpath(folder) &&
           write("train", trainImages.readAll().mid(16), trainLabels.readAll().mid(8)) &&
           write("t10k", test.pixels, test.labels);
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void topLevel_data();
    void topLevel();
    void usageErrors_data();
    void usageErrors();
    void subcommandHelp_data();
    void subcommandHelp();
    void corruptModel_data();
    void corruptModel();

    void helpCommand();

    void trainPrintsEpochLines();
    void trainJson();
    void trainInterruptKeepsCompletedEpochs();
    void trainDivergedWritesNoModel();
    void trainWithAugmentation();
    void trainResumesBitIdentically();
    void trainResumeRefusesMismatchAndDamage();
    void exportOnnx();
    void info();
    void infoJson();
    void infoEscapesHeaderStrings();
    void trainChecksOutBeforeTraining_data();
    void trainChecksOutBeforeTraining();
    void eval();
    void evalDrawn_data();
    void evalDrawn();
    void evalDrawnRecord();
    void evalStyleDigitsByTag();
    void framingStepsOption();
    void testTimeOption_data();
    void testTimeOption();
    void evalJson();

    void evalSamples();
    void evalSamplesJson();
    void sampleFolderErrors_data();
    void sampleFolderErrors();
    void finetune();
    void finetuneIsReproducible();
    void finetuneWithoutMnist();
    void finetuneChecksOutFirst();
    void finetuneInterruptWritesNoModel();

    void predictFolderSortedByName();
    void predictKeepsTheOrderGiven();
    void predictFormats_data();
    void predictFormats();
    void predictTransparentBackground();
    void predictNoInk();
    void predictUndecodableFile();
    void predictEmptyFolder_data();
    void predictEmptyFolder();
    void predictBundledModelAccuracy();
    void predictJson();
    void predictMarksABarAsNotADigit();
    void predictInvertsLightInkOnDark();
    void predictStandardInput();
    void predictMultiSingleDigitsAsPredict();
    void predictMultiReadsNumbers();
    void predictMultiJson();

    void bench_data();
    void bench();
    void benchNamesItsKernels();
    void trainOnFashionMnistNamesTheClasses();
    void evalNamesTheClasses();

private:
    QTemporaryDir temp_;
    QString model_;
    Run training_;
};

void TestCli::initTestCase() {
    QVERIFY(temp_.isValid());
    QVERIFY2(QFileInfo::exists(QStringLiteral(DIGITPAD_CLI)), DIGITPAD_CLI);
    model_ = temp_.filePath("mini.dpm");
    training_ = runCli(
        {"train", "--data", kMini, "--epochs", "3", "--preset", "mlp", "--seed", "7", "--out", model_});
    QVERIFY2(training_.exitCode == 0, qPrintable(training_.err));
    QVERIFY(QFileInfo::exists(model_));
}

void TestCli::topLevel_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected"); // in stdout for 0, in stderr otherwise

    QTest::newRow("version") << QStringList{"--version"} << 0 << "digitpad-cli 0.";
    QTest::newRow("help lists the subcommands") << QStringList{"--help"} << 0 << "predict";
    QTest::newRow("no command") << QStringList{} << 2 << "missing command";
    QTest::newRow("unknown command") << QStringList{"fly"} << 2 << "unknown command 'fly'";
    QTest::newRow("unknown top-level option") << QStringList{"--fly"} << 2 << "unknown option '--fly'";
}

void TestCli::topLevel() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);
    const Run run = runCli(args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2((exitCode == 0 ? run.out : run.err).contains(expected), qPrintable(run.out + run.err));
}

void TestCli::usageErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");

    QTest::newRow("unknown option") << QStringList{"train", "--colour", "red", "--out", "x.dpm"}
                                    << "unknown option '--colour'";
    QTest::newRow("missing --out") << QStringList{"train", "--epochs", "1"}
                                   << "missing required option '--out'";
    QTest::newRow("bad number") << QStringList{"train", "--epochs", "five", "--out", "x.dpm"}
                                << "'--epochs' expects a whole number, got 'five'";
    QTest::newRow("number with trailing text")
        << QStringList{"train", "--lr", "0.1x", "--out", "x.dpm"} << "'--lr' expects a number";
    QTest::newRow("number out of range")
        << QStringList{"train", "--batch", "0", "--out", "x.dpm"} << "'--batch' must be between 1";
    QTest::newRow("unknown preset") << QStringList{"train", "--preset", "vgg", "--out", "x.dpm"}
                                    << "unknown preset 'vgg'";
    QTest::newRow("bad activation") << QStringList{"train", "--activation", "gelu", "--out", "x.dpm"}
                                    << "sigmoid, tanh or relu";
    QTest::newRow("label smoothing out of range")
        << QStringList{"train", "--label-smoothing", "1.5", "--out", "x.dpm"}
        << "'--label-smoothing' must be between 0";
    QTest::newRow("bad schedule") << QStringList{"train", "--lr-schedule", "cosine", "--out", "x.dpm"}
                                  << "'--lr-schedule' expects step or one-cycle, got 'cosine'";
    QTest::newRow("bad layers") << QStringList{"train", "--layers", "256,,x", "--out", "x.dpm"} << "--layers";
    QTest::newRow("augment strength out of range")
        << QStringList{"train", "--augment-strength", "5", "--out", "x.dpm"}
        << "'--augment-strength' must be between 0";
    QTest::newRow("option without value") << QStringList{"train", "--out"} << "needs a value";
    QTest::newRow("eval without model") << QStringList{"eval"} << "missing required option '--model'";
    QTest::newRow("eval framing without --drawn")
        << QStringList{"eval", "--model", "m.dpm", "--preprocess", "resize"} << "add --drawn";
    QTest::newRow("eval bad drawn framing")
        << QStringList{"eval", "--model", "m.dpm", "--drawn", "--preprocess", "crop"} << "mnist or resize";
    QTest::newRow("eval samples and data")
        << QStringList{"eval", "--model", "m.dpm", "--samples", "s", "--data", "d"}
        << "--samples and --data do not go together";
    QTest::newRow("eval samples and drawn")
        << QStringList{"eval", "--model", "m.dpm", "--drawn", "--samples", "s"}
        << "--samples and --drawn do not go together";
    QTest::newRow("finetune without samples") << QStringList{"finetune", "--model", "m.dpm", "--out", "x.dpm"}
                                              << "missing required option '--samples'";
    QTest::newRow("finetune without out")
        << QStringList{"finetune", "--model", "m.dpm", "--samples", "s"} << "missing required option '--out'";
    QTest::newRow("finetune replay 1.5")
        << QStringList{"finetune", "--model", "m.dpm", "--samples", "s", "--out", "x.dpm", "--replay", "1.5"}
        << "'--replay' must be at least 0 and below 1, got 1.5";
    QTest::newRow("finetune replay 1")
        << QStringList{"finetune", "--model", "m.dpm", "--samples", "s", "--out", "x.dpm", "--replay", "1"}
        << "'--replay' must be at least 0 and below 1, got 1";
    QTest::newRow("finetune negative replay")
        << QStringList{"finetune", "--model", "m.dpm", "--samples", "s", "--out", "x.dpm", "--replay=-0.1"}
        << "'--replay' must be at least 0";
    QTest::newRow("finetune epochs 0")
        << QStringList{"finetune", "--model", "m.dpm", "--samples", "s", "--out", "x.dpm", "--epochs", "0"}
        << "'--epochs' must be between 1";
    QTest::newRow("finetune hold out 1")
        << QStringList{"finetune", "--model", "m.dpm", "--samples", "s", "--out", "x.dpm", "--hold-out", "1"}
        << "'--hold-out' must be 0 (none) or at least 2";
    QTest::newRow("predict without paths")
        << QStringList{"predict", "--model", "m.dpm"} << "no image or folder";
    QTest::newRow("predict bad framing")
        << QStringList{"predict", "--preprocess", "crop", "a.png"} << "mnist or resize";
    QTest::newRow("info without file") << QStringList{"info"} << "no model file given";
    QTest::newRow("predict reads standard input once")
        << QStringList{"predict", "-", "a.png", "-"} << "'-' (standard input) may be given once";
    QTest::newRow("help for an unknown command")
        << QStringList{"help", "nosuch"} << "unknown command 'nosuch'";
    QTest::newRow("bench with argument") << QStringList{"bench", "now"} << "unexpected argument 'now'";
    QTest::newRow("bench unknown workload")
        << QStringList{"bench", "--only", "vgg"}
        << "'--only' expects mlp, sigmoid-100, lenet, default, fast or fast-99.5";
    QTest::newRow("bench model without the default workload")
        << QStringList{"bench", "--only", "lenet", "--model", "m.dpm"} << "drop --only lenet";
}

void TestCli::usageErrors() {
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const Run run = runCli(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    QCOMPARE(lines(run.err).size(), 1);
    QVERIFY(run.out.isEmpty());
}

void TestCli::subcommandHelp_data() {
    QTest::addColumn<QString>("command");
    for (const char* command : {"train", "eval", "finetune", "predict", "info", "bench"})
        QTest::newRow(command) << QString::fromLatin1(command);
}

void TestCli::subcommandHelp() {
    QFETCH(QString, command);
    // --help wins even next to a mistake, so a confused user always gets it.
    for (const QStringList& args :
         {QStringList{command, "--help"}, QStringList{command, "--nonsense", "-h"}}) {
        const Run run = runCli(args);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("Usage: digitpad-cli " + command), qPrintable(run.out));
        QVERIFY(run.out.contains("--help"));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    }
}

void TestCli::corruptModel_data() {
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("reason"); // a word the message must contain, empty for "any"

    QFile good(model_);
    QVERIFY(good.open(QIODevice::ReadOnly));
    const QByteArray bytes = good.readAll();
    QByteArray flipped = bytes;
    flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x40);
    QByteArray future = bytes;
    future[8] = 3; // the u32 format version right after the magic

    QTest::newRow("garbage") << QByteArray("this is not a model, just some text\n") << "magic";
    QTest::newRow("empty file") << QByteArray() << "";
    QTest::newRow("truncated") << bytes.left(bytes.size() / 3) << "";
    QTest::newRow("flipped byte") << flipped << "checksum";
    QTest::newRow("future version") << future << "version";
}

void TestCli::corruptModel() {
    QFETCH(QByteArray, contents);
    QFETCH(QString, reason);
    const QString path = temp_.filePath("corrupt.dpm");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(contents);
    file.close();
    const QList<QStringList> commands = {{"info", path},
                                         {"eval", "--model", path, "--data", kMini},
                                         {"predict", "--model", path, DIGITPAD_TEST_DATA},
                                         {"bench", "--only", "default", "--model", path, "--data", kMini}};
    for (const QStringList& args : commands) {
        const Run run = runCli(args);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("'" + path + "'"), qPrintable(run.err));
        QVERIFY2(run.err.contains(reason, Qt::CaseInsensitive), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }
}

void TestCli::trainPrintsEpochLines() {
    static const QRegularExpression epochLine(
        R"(^epoch (\d+)/3  loss \d+\.\d{4}  train \d+\.\d{2}%  val \d+\.\d{2}%  test \d+\.\d{2}%  \d+\.\d{2} s$)");
    int epochs = 0;
    for (const QString& line : lines(training_.out)) {
        const QRegularExpressionMatch match = epochLine.match(line);
        if (match.hasMatch())
            QCOMPARE(match.captured(1).toInt(), ++epochs);
    }
    QCOMPARE(epochs, 3);
    QVERIFY2(training_.out.contains(QRegularExpression(R"(\ntest accuracy \d+\.\d{2}% \(\d+/200\)\n)")),
             qPrintable(training_.out));
    QVERIFY(training_.out.contains("saved " + model_));
    // Not a terminal: no progress bar on stderr.
    QVERIFY2(training_.err.isEmpty(), qPrintable(training_.err));
}

void TestCli::trainInterruptKeepsCompletedEpochs() {
    // Ctrl+C after the first epoch line: the epochs completed by then are saved, named by their count, and
    // the file is a model info can read.
    const QString out = temp_.filePath("interrupted.dpm");
    const Run run = interruptAfterFirstEpoch(
        {"train", "--data", kMini, "--epochs", "100000", "--validation", "0", "--out", out});
    QVERIFY2(run.exitCode >= 0, qPrintable(run.out + run.err));
    QCOMPARE(run.exitCode, 130);
    const QRegularExpressionMatch match =
        QRegularExpression(
            QStringLiteral("interrupted after (\\d+) complete epoch\\(s\\); saved the weights of "
                           "epoch (\\d+) to '([^']+)'"))
            .match(run.err);
    QVERIFY2(match.hasMatch(), qPrintable(run.err));
    QCOMPARE(match.captured(2), match.captured(1));
    QCOMPARE(match.captured(3), out);
    QVERIFY(match.captured(1).toInt() >= 1);
    // Without a validation split there is no best epoch to keep beside it.
    QVERIFY2(!run.err.contains("best"), qPrintable(run.err));
    const Run info = runCli({"info", out});
    QCOMPARE(info.exitCode, 0);
    QVERIFY2(QRegularExpression(QStringLiteral("epochs\\s+%1\\n").arg(match.captured(1)))
                 .match(info.out)
                 .hasMatch(),
             qPrintable(info.out));
}

void TestCli::trainDivergedWritesNoModel() {
    // Plain SGD at learning rate 100 overflows within the first epoch (seeded, so always the same batch).
    const QString out = temp_.filePath("diverged.dpm");
    const Run run = runCli(
        {"train", "--data", kMini, "--epochs", "3", "--optimizer", "sgd", "--lr", "100", "--out", out});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("diverged") && run.err.contains("epoch 1"), qPrintable(run.err));
    QVERIFY(run.err.contains("no model written to '" + out + "'"));
    QVERIFY(!QFileInfo::exists(out));
}

void TestCli::trainWithAugmentation() {
    const QString out = temp_.filePath("augmented.dpm");
    const Run run =
        runCli({"train", "--data", kMini, "--epochs", "2", "--augment", "--seed", "3", "--out", out});
    QCOMPARE(run.exitCode, 0);
    // --augment alone trains at the default strength 0.7: rotation ±8.4° instead of the full-strength ±12°.
    QVERIFY2(run.out.contains(QRegularExpression(R"(\naugmentation: rotate ±8\.4°, scale 0\.895–1\.105, )")),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(QRegularExpression(R"(\nepoch 2/2  loss \d+\.\d{4}  train )")),
             qPrintable(run.out));
    QVERIFY(QFileInfo::exists(out));
}

namespace {

/// Whether two model files hold the same tensors, bit for bit (their headers differ in the training time).
bool sameWeights(const QString& a, const QString& b) {
    const digitpad::Result<digitpad::Model> left = digitpad::loadModel(a.toStdString());
    const digitpad::Result<digitpad::Model> right = digitpad::loadModel(b.toStdString());
    if (!left || !right)
        return false;
    const auto x = left->network.tensors();
    const auto y = right->network.tensors();
    if (x.size() != y.size())
        return false;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (x[i].second->rows() != y[i].second->rows() || x[i].second->cols() != y[i].second->cols() ||
            std::memcmp(x[i].second->data(), y[i].second->data(),
                        sizeof(digitpad::Scalar) * static_cast<std::size_t>(x[i].second->size())) != 0)
            return false;
    return true;
}

} // namespace

void TestCli::trainResumesBitIdentically() {
    // Ctrl+C during a long run with --checkpoint, then --resume to two epochs past the last saved one: the
    // weights are those of a run of that many epochs that never stopped (augmentation, dropout, 2 shards).
    const QStringList common{"--data",
                             kMini,
                             "--architecture",
                             "dense32,relu,dropout20,dense10",
                             "--augment",
                             "--shards",
                             "2",
                             "--seed",
                             "5",
                             "--limit",
                             "300"};
    const QString checkpoint = temp_.filePath("resume.ckpt");
    const QString part = temp_.filePath("part.dpm");
    const Run stopped = interruptAfterFirstEpoch(
        QStringList{"train"} + common +
        QStringList{"--epochs", "100000", "--checkpoint", checkpoint, "--out", part});
    QCOMPARE(stopped.exitCode, 130);
    const QRegularExpressionMatch done =
        QRegularExpression(QStringLiteral("interrupted after (\\d+) complete epoch")).match(stopped.err);
    QVERIFY2(done.hasMatch(), qPrintable(stopped.err));
    const int epochs = done.captured(1).toInt() + 2;

    const QString resumedOut = temp_.filePath("resumed.dpm");
    const Run resumed = runCli({"train", "--resume", checkpoint, "--epochs", QString::number(epochs),
                                "--threads", "1", "--out", resumedOut});
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.out + resumed.err));
    QVERIFY2(resumed.out.contains(QStringLiteral("resuming from '%1' after epoch %2 of %3")
                                      .arg(checkpoint)
                                      .arg(epochs - 2)
                                      .arg(epochs)),
             qPrintable(resumed.out));
    // The epoch lines go on from where the run stopped.
    const QStringList epochLines = lines(resumed.out).filter(QRegularExpression("^epoch \\d+/"));
    QCOMPARE(epochLines.size(), 2);
    QVERIFY(epochLines[0].startsWith(QStringLiteral("epoch %1/%2 ").arg(epochs - 1).arg(epochs)));
    QVERIFY(epochLines[1].startsWith(QStringLiteral("epoch %1/%2 ").arg(epochs).arg(epochs)));

    const QString wholeOut = temp_.filePath("whole.dpm");
    const Run whole = runCli(QStringList{"train"} + common +
                             QStringList{"--epochs", QString::number(epochs), "--out", wholeOut});
    QCOMPARE(whole.exitCode, 0);
    QVERIFY(sameWeights(wholeOut, resumedOut));

    // --json: one checkpoint event per epoch, every line an object.
    const QString jsonOut = temp_.filePath("resumed-json.dpm");
    const Run json = runCli({"train", "--resume", checkpoint, "--epochs", QString::number(epochs + 1),
                             "--checkpoint", temp_.filePath("more.ckpt"), "--json", "--out", jsonOut});
    QCOMPARE(json.exitCode, 0);
    QStringList events;
    for (const QString& line : lines(json.out)) {
        const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8());
        QVERIFY2(document.isObject(), qPrintable(line));
        events << document.object().value("event").toString();
        if (events.back() == "start")
            QCOMPARE(document.object().value("resumed_epochs").toInt(), epochs);
        if (events.back() == "checkpoint") {
            QCOMPARE(document.object().value("epoch").toInt(), epochs + 1);
            QVERIFY(document.object().value("bytes").toInt() > 0);
            QVERIFY(document.object().value("error").isNull());
        }
    }
    QCOMPARE(events, (QStringList{"start", "epoch", "checkpoint", "done"}));
}

void TestCli::trainResumeRefusesMismatchAndDamage() {
    const QString checkpoint = temp_.filePath("refuse.ckpt");
    const Run first = runCli({"train", "--data", kMini, "--layers", "16", "--epochs", "1", "--limit", "200",
                              "--checkpoint", checkpoint, "--out", temp_.filePath("refuse.dpm")});
    QCOMPARE(first.exitCode, 0);

    const Run otherRate =
        runCli({"train", "--resume", checkpoint, "--lr", "0.5", "--out", temp_.filePath("x.dpm")});
    QCOMPARE(otherRate.exitCode, 2);
    QVERIFY2(otherRate.err.contains("cannot resume from checkpoint '" + checkpoint + "'") &&
                 otherRate.err.contains("lr 0.001, this one asks for 0.5"),
             qPrintable(otherRate.err));
    const Run otherPreset =
        runCli({"train", "--resume", checkpoint, "--preset", "lenet", "--out", temp_.filePath("x.dpm")});
    QCOMPARE(otherPreset.exitCode, 2);
    QVERIFY2(otherPreset.err.contains("the checkpoint's run used"), qPrintable(otherPreset.err));

    QFile file(checkpoint);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    file.close();
    const QString damaged = temp_.filePath("damaged.ckpt");
    QFile out(damaged);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes.left(bytes.size() - 100));
    out.close();
    const Run truncated = runCli({"train", "--resume", damaged, "--out", temp_.filePath("x.dpm")});
    QCOMPARE(truncated.exitCode, 1);
    QVERIFY2(truncated.err.contains("cannot resume from checkpoint '" + damaged + "'") &&
                 truncated.err.contains("truncated"),
             qPrintable(truncated.err));
    const Run model =
        runCli({"train", "--resume", temp_.filePath("refuse.dpm"), "--out", temp_.filePath("x.dpm")});
    QCOMPARE(model.exitCode, 1);
    QVERIFY2(model.err.contains("not a DigitPad training checkpoint"), qPrintable(model.err));
    QVERIFY(!QFileInfo::exists(temp_.filePath("x.dpm")));
}

void TestCli::exportOnnx() {
    const QString out = temp_.filePath("mini.onnx");
    const Run run = runCli({"export", "--onnx", out, "--model", model_});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.trimmed(), "exported " + model_ + " to " + out);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    // A protobuf ModelProto naming its producer and the opset-11 input.
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("DigitPad"));
    QVERIFY(bytes.contains("probabilities"));

    const QString missing = "/nonexistent-digitpad-folder/model.onnx";
    const Run failed = runCli({"export", "--onnx", missing, "--model", model_});
    QCOMPARE(failed.exitCode, 1);
    QVERIFY2(failed.err.contains("cannot export '" + missing + "'"), qPrintable(failed.err));

    const Run usage = runCli({"export", "--model", model_});
    QCOMPARE(usage.exitCode, 2);
    QVERIFY2(usage.err.contains("--onnx"), qPrintable(usage.err));
}

void TestCli::info() {
    const Run run = runCli({"info", model_});
    QCOMPARE(run.exitCode, 0);
    const QStringList expected = {"architecture    dense128,relu,dense64,relu,dense10",
                                  "parameters      109386",
                                  "input           1x28x28",
                                  "head            softmax",
                                  "framing         mnist",
                                  "preset          mlp",
                                  "loss            cross-entropy",
                                  "optimizer       adam",
                                  "batch size      64",
                                  "epochs          3",
                                  "seed            7",
                                  "dataset         mnist-mini"};
    for (const QString& line : expected)
        QVERIFY2(lines(run.out).contains(line), qPrintable(line + " missing from\n" + run.out));
    QVERIFY(run.out.contains(QRegularExpression(R"(\ntest accuracy   \d+\.\d{2}%\n)")));
    QVERIFY(run.out.contains(QRegularExpression(R"(\ntrained at      \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n)")));
}

void TestCli::infoEscapesHeaderStrings() {
    QFile good(model_);
    QVERIFY(good.open(QIODevice::ReadOnly));
    const QByteArray bytes = good.readAll();
    QVERIFY(bytes.contains(R"("dataset":"mnist-mini")"));
    // JSON escapes in the header; the loader turns them into a real ESC and a real newline.
    const QString path = temp_.filePath("forged.dpm");
    QFile forged(path);
    QVERIFY(forged.open(QIODevice::WriteOnly | QIODevice::Truncate));
    forged.write(withHeaderEdit(bytes, R"("dataset":"mnist-mini")", R"("dataset":"\u001b[31m\nforged")"));
    forged.close();

    const Run run = runCli({"info", path});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(lines(run.out).contains(R"(dataset         \x1b[31m\nforged)"), qPrintable(run.out));
    QVERIFY2(!run.out.contains(QChar(0x1b)), qPrintable(run.out));
    for (const QString& line : lines(run.out))
        QVERIFY2(!line.startsWith("forged"), qPrintable(run.out));
}

void TestCli::trainChecksOutBeforeTraining_data() {
    QTest::addColumn<QString>("out"); // relative to the test's temporary folder
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing folder") << "no/such/folder/m.dpm"
                                    << "does not exist";
    QTest::newRow("a folder, not a file") << "."
                                          << "it is a folder";
    QTest::newRow("inside a file") << "mini.dpm/m.dpm"
                                   << "is not a folder";
}

void TestCli::trainChecksOutBeforeTraining() {
    QFETCH(QString, out);
    QFETCH(QString, reason);
    const QString path = temp_.filePath(out);
    const Run run = runCli({"train", "--data", kMini, "--epochs", "1", "--out", path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("'" + path + "'"), qPrintable(run.err));
    QVERIFY2(run.err.contains(reason), qPrintable(run.err));
    // Refused before loading the data or training: not one line of training output.
    QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
}

void TestCli::eval() {
    const Run run = runCli({"eval", "--model", model_, "--data", kMini});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QRegularExpression(R"(\naccuracy   \d+\.\d{2}% \(\d+/200\)\n)")),
             qPrintable(run.out));
    QVERIFY(run.out.contains(QRegularExpression(R"(\ntest loss  \d+\.\d{4} \(cross-entropy\)\n)")));
    // The accuracy eval reports is the one train measured and stored.
    const QRegularExpression stored(R"(test accuracy (\d+\.\d{2}%))");
    const QString trained = stored.match(training_.out).captured(1);
    QVERIFY(!trained.isEmpty());
    QVERIFY2(run.out.contains("accuracy   " + trained), qPrintable(trained));

    const QStringList all = lines(run.out);
    const int perClass = all.indexOf("per-class accuracy");
    QVERIFY(perClass > 0);
    static const QRegularExpression classRow(R"(^  (\d) +\d+\.\d{2}%  \((\d+)/(\d+)\)$)");
    for (int digit = 0; digit < 10; ++digit) {
        const QRegularExpressionMatch match = classRow.match(all.value(perClass + 1 + digit));
        QVERIFY2(match.hasMatch(), qPrintable(all.value(perClass + 1 + digit)));
        QCOMPARE(match.captured(1).toInt(), digit);
    }
    // The confusion matrix: a header and 10 aligned rows of 10 counts that add up to the 200 test images.
    const int confusion = all.indexOf("confusion matrix (rows: true class, columns: predicted)");
    QVERIFY(confusion > perClass);
    const int width = all.value(confusion + 1).size();
    int total = 0;
    for (int row = 0; row < 10; ++row) {
        const QString line = all.value(confusion + 2 + row);
        QCOMPARE(line.size(), width);
        const QStringList cells = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QCOMPARE(cells.size(), 11);
        QCOMPARE(cells.front().toInt(), row);
        for (int c = 1; c < cells.size(); ++c)
            total += cells[c].toInt();
    }
    QCOMPARE(total, 200);
}

void TestCli::evalDrawn_data() {
    QTest::addColumn<QStringList>("drawnArgs");
    QTest::addColumn<QString>("framing");
    QTest::newRow("bare --drawn last, the model's framing") << QStringList{"--drawn"} << "mnist";
    QTest::newRow("bare --drawn before another option")
        << QStringList{"--drawn", "--preprocess", "resize"} << "resize";
    QTest::newRow("--drawn with a folder")
        << QStringList{"--drawn", DIGITPAD_SOURCE_DIR "/datasets/drawn-digits"} << "mnist";
}

void TestCli::evalDrawn() {
    QFETCH(QStringList, drawnArgs);
    QFETCH(QString, framing);
    const Run run = runCli(QStringList{"eval", "--model", model_, "--data", kMini} + drawnArgs);
    QCOMPARE(run.exitCode, 0);
    // The MNIST part is unchanged, the drawn-digit part follows it.
    QVERIFY2(run.out.contains(QRegularExpression(R"(\naccuracy   \d+\.\d{2}% \(\d+/200\)\n)")),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(QRegularExpression(
                 "\ndrawn digits    \\S*datasets/drawn-digits, 1800 canvases, " + framing + " framing\n")),
             qPrintable(run.out));
    QVERIFY(run.out.contains(QRegularExpression(R"(\ndrawn accuracy  \d+\.\d{2}% \(\d+/1800\)\n)")));
    const QStringList all = lines(run.out);
    const int perClass = all.indexOf("drawn-digit per-class accuracy");
    QVERIFY(perClass > all.indexOf("per-class accuracy"));
    static const QRegularExpression classRow(R"(^  (\d) +\d+\.\d{2}%  \((\d+)/180\)$)");
    for (int digit = 0; digit < 10; ++digit) {
        const QRegularExpressionMatch match = classRow.match(all.value(perClass + 1 + digit));
        QVERIFY2(match.hasMatch(), qPrintable(all.value(perClass + 1 + digit)));
        QCOMPARE(match.captured(1).toInt(), digit);
    }
    QVERIFY(all.contains("drawn-digit confusion matrix (rows: true class, columns: predicted)"));
}

void TestCli::evalStyleDigitsByTag() {
    const QString folder = DIGITPAD_SOURCE_DIR "/datasets/style-digits/dev";
    const Run run = runCli({"eval", "--model", model_, "--data", kMini, "--drawn", folder});
    QCOMPARE(run.exitCode, 0);
    const QStringList all = lines(run.out);
    const int title = all.indexOf("drawn-digit accuracy by how the canvases were drawn (styles.txt)");
    QVERIFY2(title > 0, qPrintable(run.out));
    // One line per tag, a blank line between families; each family's counts add up to the 3000 canvases.
    static const QRegularExpression tagRow(R"(^  ([a-z]+):(\S+) +\d+\.\d{2}%  \((\d+)/(\d+)\)$)");
    QMap<QString, int> perFamily;
    // The section ends the report.
    for (int i = title + 1; i < all.size(); ++i) {
        if (all[i].isEmpty())
            continue;
        const QRegularExpressionMatch match = tagRow.match(all[i]);
        QVERIFY2(match.hasMatch(), qPrintable(all[i]));
        QVERIFY(match.captured(3).toInt() <= match.captured(4).toInt());
        perFamily[match.captured(1)] += match.captured(4).toInt();
    }
    for (const QString family : {"shape", "slant", "pen", "place", "hand"})
        QCOMPARE(perFamily.value(family), 3000);

    const Run json = runCli({"eval", "--model", model_, "--data", kMini, "--drawn", folder, "--json"});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject drawn = QJsonDocument::fromJson(json.out.toUtf8()).object()["drawn"].toObject();
    const QJsonArray byTag = drawn["by_tag"].toArray();
    QVERIFY(byTag.size() >= 5);
    int shapeCount = 0;
    for (const QJsonValue& entry : byTag)
        if (entry.toObject()["tag"].toString().startsWith("shape:"))
            shapeCount += entry.toObject()["count"].toInt();
    QCOMPARE(shapeCount, 3000);
}

void TestCli::framingStepsOption() {
    const QString stepped = temp_.filePath("stepped.dpm");
    QFile::remove(stepped);
    const Run train = runCli({"train", "--preset", "mlp", "--epochs", "1", "--limit", "200", "--data", kMini,
                              "--framing-steps", "deskew,stroke-width", "--out", stepped});
    QCOMPARE(train.exitCode, 0);
    QVERIFY2(train.out.contains("framing steps: deskew,stroke-width\n"), qPrintable(train.out));
    const Run info = runCli({"info", stepped});
    QVERIFY2(info.out.contains(QRegularExpression("framing steps +deskew,stroke-width\n")),
             qPrintable(info.out));
    const Run eval = runCli({"eval", "--model", stepped, "--data", kMini});
    QVERIFY2(eval.out.contains("steps      deskew,stroke-width (framing steps after mnist framing)"),
             qPrintable(eval.out));
    const Run other = runCli({"eval", "--model", stepped, "--data", kMini, "--framing-steps", "none"});
    QVERIFY(other.out.contains("steps      none"));
    const Run bad = runCli(
        {"train", "--preset", "mlp", "--framing-steps", "deskew,blur", "--data", kMini, "--out", stepped});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("unknown framing step 'blur'"), qPrintable(bad.err));
    const Run record =
        runCli({"eval", "--model", stepped, "--data", kMini, "--framing-steps", "none", "--record"});
    QVERIFY(record.exitCode != 0);
    QVERIFY2(record.err.contains("drop --framing-steps none"), qPrintable(record.err));
}

void TestCli::testTimeOption_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("images");
    QTest::newRow("shifts") << "shifts"
                            << "5 images";
    QTest::newRow("shifts8") << "shifts8"
                             << "9 images";
    QTest::newRow("rotations") << "rotations"
                               << "3 images";
}

// eval --test-time measures a test-time augmentation; with --record it is stored in the file (info shows
// it, eval then uses it), and none stores the header without it.
void TestCli::testTimeOption() {
    QFETCH(QString, variant);
    QFETCH(QString, images);
    const QString copy = temp_.filePath("tta.dpm");
    QFile::remove(copy);
    QVERIFY(QFile::copy(model_, copy));
    const Run plain = runCli({"eval", "--model", copy, "--data", kMini});
    QVERIFY2(plain.out.contains("test time  none (1 image averaged per answer)"), qPrintable(plain.out));
    const Run measured = runCli({"eval", "--model", copy, "--data", kMini, "--test-time", variant, "--json"});
    QCOMPARE(measured.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(measured.out.toUtf8()).object()["test_time"].toString(), variant);
    QVERIFY(runCli({"info", copy}).out.contains(QRegularExpression("test time +none\n")));

    const Run record = runCli({"eval", "--model", copy, "--data", kMini, "--test-time", variant, "--record"});
    QCOMPARE(record.exitCode, 0);
    QVERIFY2(record.out.contains(", with test-time augmentation " + variant + "\n"), qPrintable(record.out));
    const Run info = runCli({"info", copy});
    QVERIFY2(info.out.contains(
                 QRegularExpression("test time +" + variant + " \\(the answer averages " + images + "\\)\n")),
             qPrintable(info.out));
    QCOMPARE(QJsonDocument::fromJson(runCli({"info", copy, "--json"}).out.toUtf8())
                 .object()["test_time"]
                 .toString(),
             variant);
    const Run stored = runCli({"eval", "--model", copy, "--data", kMini});
    QVERIFY2(stored.out.contains("test time  " + variant + " (" + images + " averaged per answer)"),
             qPrintable(stored.out));
    QCOMPARE(runCli({"eval", "--model", copy, "--data", kMini, "--test-time", "none", "--record"}).exitCode,
             0);
    QVERIFY(runCli({"info", copy}).out.contains(QRegularExpression("test time +none\n")));

    const Run bad = runCli({"eval", "--model", copy, "--data", kMini, "--test-time", "flips"});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("'--test-time' expects none, shifts, shifts8 or rotations, got 'flips'"),
             qPrintable(bad.err));
}

void TestCli::evalDrawnRecord() {
    const QString copy = temp_.filePath("recorded.dpm");
    QFile::remove(copy);
    QVERIFY(QFile::copy(model_, copy));
    const Run before = runCli({"info", copy});
    QVERIFY(!before.out.contains("drawn accuracy"));

    const Run run = runCli({"eval", "--model", copy, "--data", kMini, "--drawn", "--record"});
    QCOMPARE(run.exitCode, 0);
    const QString test = QRegularExpression(R"(\naccuracy   (\d+\.\d{2}%))").match(run.out).captured(1);
    const QString drawn = QRegularExpression(R"(\ndrawn accuracy  (\d+\.\d{2}%))").match(run.out).captured(1);
    QVERIFY(!test.isEmpty() && !drawn.isEmpty());
    QVERIFY2(run.out.contains("recorded test accuracy " + test + " and drawn-digit accuracy " + drawn +
                              " in " + copy),
             qPrintable(run.out));
    // The model file now holds both figures, and is still a valid model.
    const Run after = runCli({"info", copy});
    QCOMPARE(after.exitCode, 0);
    QVERIFY2(lines(after.out).contains("test accuracy   " + test), qPrintable(after.out));
    QVERIFY2(lines(after.out).contains("drawn accuracy  " + drawn), qPrintable(after.out));

    // Recording at a framing the model does not use would store a misleading figure.
    const Run wrong =
        runCli({"eval", "--model", copy, "--data", kMini, "--drawn", "--preprocess", "resize", "--record"});
    QCOMPARE(wrong.exitCode, 2);
    QVERIFY2(wrong.err.contains("own framing (mnist)"), qPrintable(wrong.err));

    const Run missing =
        runCli({"eval", "--model", copy, "--data", kMini, "--drawn", temp_.filePath("nowhere")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("'" + temp_.filePath("nowhere") + "/images-idx3-ubyte.gz'") &&
                 missing.err.contains("no such file"),
             qPrintable(missing.err));
}

/// The "X% (c/n)" after `label` on its own line of `text` (eval's "accuracy   " line and its kin).
QString scoreAfter(const QString& text, const QString& label) {
    return QRegularExpression("\n" + QRegularExpression::escape(label) + R"((\d+\.\d{2}% \(\d+/\d+\))\n)")
        .match(text)
        .captured(1);
}

void TestCli::evalSamples() {
    const QString folder = temp_.filePath("samples-eval");
    const QString flat = temp_.filePath("samples-eval-flat");
    QCOMPARE(writeSampleFolder(folder, 3, flat), 30);
    QFile index(folder + "/index.csv"); // an optional index beside the label folders; readers ignore it
    QVERIFY(index.open(QIODevice::WriteOnly));
    index.write("id,label\n");
    index.close();
    const Run run = runCli({"eval", "--model", model_, "--samples", folder});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    QVERIFY2(lines(run.out).contains("samples    " + folder + ", 30 drawings, mnist framing"),
             qPrintable(run.out));

    // What predict answers for the same images, read and preprocessed by its own path, is what eval counts.
    const Run predicted = runCli({"predict", "--model", model_, flat});
    QCOMPARE(predicted.exitCode, 0);
    QCOMPARE(lines(predicted.out).size(), 30);
    int correct = 0;
    int right[10] = {};
    QMap<QPair<int, int>, int> mistakes;
    for (const QString& line : lines(predicted.out)) {
        const int truth = QFileInfo(line.section(QLatin1Char(','), 0, 0)).fileName().left(1).toInt();
        const int answer = line.section(QLatin1Char(','), 1, 1).toInt();
        if (truth == answer) {
            ++correct;
            ++right[truth];
        } else {
            ++mistakes[{truth, answer}];
        }
    }
    QCOMPARE(scoreAfter(run.out, "accuracy   "),
             QStringLiteral("%1% (%2/30)").arg(100.0 * correct / 30, 0, 'f', 2).arg(correct));

    const QStringList all = lines(run.out);
    const int perDigit = all.indexOf("per-digit accuracy");
    QVERIFY(perDigit > 0);
    static const QRegularExpression digitRow(R"(^  (\d) +\d+\.\d{2}%  \((\d+)/3\)$)");
    for (int digit = 0; digit < 10; ++digit) {
        const QRegularExpressionMatch match = digitRow.match(all.value(perDigit + 1 + digit));
        QVERIFY2(match.hasMatch(), qPrintable(all.value(perDigit + 1 + digit)));
        QCOMPARE(match.captured(1).toInt(), digit);
        QCOMPARE(match.captured(2).toInt(), right[digit]);
    }

    // The mistakes summary: the most frequent confusions first, each as often as predict made it.
    const int summary = all.indexOf("most common mistakes");
    QVERIFY(summary > perDigit);
    static const QRegularExpression mistakeRow(R"(^  (\d) read as (\d)  (\d+) of 3$)");
    int listed = 0;
    int previous = 3;
    for (int i = summary + 1; mistakeRow.match(all.value(i)).hasMatch(); ++i, ++listed) {
        const QRegularExpressionMatch match = mistakeRow.match(all.value(i));
        const int count = match.captured(3).toInt();
        QCOMPARE(count, mistakes.value({match.captured(1).toInt(), match.captured(2).toInt()}));
        QVERIFY(count <= previous);
        previous = count;
    }
    QCOMPARE(listed, std::min<int>(5, static_cast<int>(mistakes.size())));
    if (mistakes.isEmpty())
        QCOMPARE(all.value(summary + 1), QStringLiteral("  none"));
    QVERIFY(all.indexOf("confusion matrix (rows: true class, columns: predicted)") > summary);
}

void TestCli::sampleFolderErrors_data() {
    QTest::addColumn<QString>("breakage");
    QTest::addColumn<QString>("named"); // relative to the sample folder ("" = the folder), or "model"
    QTest::addColumn<QString>("complaint");
    QTest::newRow("label folder that is not a digit") << "seven"
                                                      << "seven"
                                                      << "is not a label folder";
    QTest::newRow("unreadable image") << "garbage"
                                      << "2/broken.png"
                                      << "cannot read image";
    QTest::newRow("empty folder") << "empty"
                                  << ""
                                  << "holds no images";
    QTest::newRow("missing folder") << "missing"
                                    << ""
                                    << "does not exist";
    QTest::newRow("image without ink") << "blank"
                                       << "4/blank.png"
                                       << "holds no ink";
    QTest::newRow("model for other images") << "shape"
                                            << "model"
                                            << "takes 1x14x14 inputs";
}

void TestCli::sampleFolderErrors() {
    QFETCH(QString, breakage);
    QFETCH(QString, named);
    QFETCH(QString, complaint);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath("samples");
    QVERIFY(QDir().mkpath(folder));
    if (breakage != "empty")
        QCOMPARE(writeSampleFolder(folder, 5), 50);
    QString model = model_;
    if (breakage == "seven") {
        QVERIFY(QDir().mkpath(folder + "/seven"));
    } else if (breakage == "garbage") {
        QFile file(folder + "/2/broken.png");
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\x89PNG but not really");
    } else if (breakage == "missing") {
        QVERIFY(QDir(folder).removeRecursively());
    } else if (breakage == "blank") {
        QImage white(90, 90, QImage::Format_RGB32);
        white.fill(Qt::white);
        QVERIFY(white.save(folder + "/4/blank.png"));
    } else if (breakage == "shape") {
        // A model trained on 14×14 images: it cannot read DigitPad's 28×28 digits.
        QVERIFY(writeHalfSizeIdx(dir.filePath("half")));
        model = dir.filePath("half.dpm");
        const Run trained =
            runCli({"train", "--data", dir.filePath("half"), "--epochs", "1", "--out", model});
        QVERIFY2(trained.exitCode == 0, qPrintable(trained.err));
    }
    const QString path = named == "model" ? model : named.isEmpty() ? folder : folder + "/" + named;
    const QString out = dir.filePath("tuned.dpm");
    const QList<QStringList> commands = {
        {"eval", "--model", model, "--samples", folder},
        {"finetune", "--model", model, "--samples", folder, "--out", out, "--epochs", "1", "--data", kMini}};
    for (const QStringList& args : commands) {
        const Run run = runCli(args);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("'" + path + "'"), qPrintable(run.err));
        QVERIFY2(run.err.contains(complaint), qPrintable(run.err));
        QCOMPARE(lines(run.err).size(), 1);
        // Refused before scoring or training anything.
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
        QVERIFY(!QFileInfo::exists(out));
    }
}

void TestCli::finetune() {
    const QString folder = temp_.filePath("writer");
    const QString heldOut = temp_.filePath("writer-held-out");
    QCOMPARE(writeSampleFolder(folder, 5, {}, heldOut), 50);
    const QString out = temp_.filePath("tuned.dpm");
    const QString drawn = QStringLiteral(DIGITPAD_SOURCE_DIR "/datasets/drawn-digits");
    const Run run = runCli({"finetune", "--model", model_, "--samples", folder, "--out", out, "--epochs", "1",
                            "--data", kMini, "--drawn", drawn});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    const QStringList all = lines(run.out);
    // Every fifth drawing of each digit is held out; each epoch is 40 × 8 re-rendered copies plus as many
    // MNIST images (replay 0.5).
    QVERIFY2(all.value(0).endsWith(folder + ": 40 drawings to train on, 10 held out"), qPrintable(run.out));
    QCOMPARE(all.value(1), QStringLiteral("each epoch  640 samples: every drawing 8 times, re-rendered and "
                                          "distorted, and 320 MNIST training images"));
    static const QRegularExpression epochLine(
        R"(^epoch 1/1  loss \d+\.\d{4}  train \d+\.\d{2}%  held-out (\d+\.\d{2}%)  \d+\.\d{2} s$)");
    const QRegularExpressionMatch epoch = epochLine.match(all.value(2));
    QVERIFY2(epoch.hasMatch(), qPrintable(run.out));

    QCOMPARE(all.value(3), QStringLiteral("accuracy              before                after"));
    const auto row = [&](int line, const QString& name, int count) {
        const QRegularExpression pattern("^  " + name + " +(\\d+\\.\\d{2}% \\(\\d+/" +
                                         QString::number(count) + "\\)) +(\\d+\\.\\d{2}% \\(\\d+/" +
                                         QString::number(count) + "\\))$");
        const QRegularExpressionMatch match = pattern.match(all.value(line));
        return match.hasMatch() ? QStringList{match.captured(1), match.captured(2)} : QStringList{};
    };
    const QStringList held = row(4, "held-out drawings", 10);
    const QStringList mnist = row(5, "MNIST test", 200);
    const QStringList onDrawn = row(6, "drawn digits", 1800);
    QVERIFY2(held.size() == 2 && mnist.size() == 2 && onDrawn.size() == 2, qPrintable(run.out));
    QVERIFY(held[1].startsWith(epoch.captured(1) + " "));

    // The table's figures are what eval measures on the same sets, before and after.
    const Run baseOnMnist = runCli({"eval", "--model", model_, "--data", kMini, "--drawn", drawn});
    QCOMPARE(scoreAfter(baseOnMnist.out, "accuracy   "), mnist[0]);
    QCOMPARE(scoreAfter(baseOnMnist.out, "drawn accuracy  "), onDrawn[0]);
    const Run tunedOnMnist = runCli({"eval", "--model", out, "--data", kMini, "--drawn", drawn});
    QCOMPARE(scoreAfter(tunedOnMnist.out, "accuracy   "), mnist[1]);
    QCOMPARE(scoreAfter(tunedOnMnist.out, "drawn accuracy  "), onDrawn[1]);
    QCOMPARE(scoreAfter(runCli({"eval", "--model", model_, "--samples", heldOut}).out, "accuracy   "),
             held[0]);
    QCOMPARE(scoreAfter(runCli({"eval", "--model", out, "--samples", heldOut}).out, "accuracy   "), held[1]);

    static const QRegularExpression saved(
        R"(^saved (.+) \(tuned from (mini\.dpm \(trained \S+Z\)) on 40 drawings\)$)");
    const QRegularExpressionMatch savedLine = saved.match(all.value(7));
    QVERIFY2(savedLine.hasMatch(), qPrintable(all.value(7)));
    QCOMPARE(savedLine.captured(1), out);
    QCOMPARE(all.size(), 8);

    const Run info = runCli({"info", out});
    QCOMPARE(info.exitCode, 0);
    QVERIFY2(lines(info.out).contains("tuned from      " + savedLine.captured(2) + " on 40 drawings"),
             qPrintable(info.out));
    QVERIFY(lines(info.out).contains("epochs          1"));
    QVERIFY(lines(info.out).contains("test accuracy   " + mnist[1].section(QLatin1Char(' '), 0, 0)));
    QVERIFY(lines(info.out).contains("drawn accuracy  " + onDrawn[1].section(QLatin1Char(' '), 0, 0)));
    QVERIFY(!runCli({"info", model_}).out.contains("tuned from"));
}

void TestCli::finetuneIsReproducible() {
    const QString folder = temp_.filePath("writer-small");
    QCOMPARE(writeSampleFolder(folder, 3), 30);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("SOURCE_DATE_EPOCH", "1764547200");
    const auto tune = [&](const QString& name, const QString& seed) {
        const QString out = temp_.filePath(name);
        const Run run = runCli({"finetune", "--model", model_, "--samples", folder, "--out", out, "--epochs",
                                "1", "--data", kMini, "--seed", seed},
                               environment);
        QFile file(out);
        if (run.exitCode != 0 || !file.open(QIODevice::ReadOnly))
            return QByteArray();
        return file.readAll();
    };
    const QByteArray a = tune("repro-a.dpm", "5");
    const QByteArray b = tune("repro-b.dpm", "5");
    const QByteArray c = tune("repro-c.dpm", "6");
    QVERIFY(!a.isEmpty() && !c.isEmpty());
    QVERIFY(a == b);
    QVERIFY(a != c);
    const Run info = runCli({"info", temp_.filePath("repro-a.dpm")});
    QVERIFY2(lines(info.out).contains("trained at      2025-12-01T00:00:00Z"), qPrintable(info.out));
    QVERIFY(lines(info.out).contains("seed            5"));

    // With three drawings a digit nothing is held out, and the table says why.
    const Run run = runCli({"finetune", "--model", model_, "--samples", folder, "--out",
                            temp_.filePath("repro-d.dpm"), "--epochs", "1", "--data", kMini});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains("30 drawings to train on, 0 held out"), qPrintable(run.out));
    QVERIFY2(run.out.contains(
                 "\n  held-out drawings   not scored: no digit has 5 drawings, so none was held out\n"),
             qPrintable(run.out));
    QVERIFY(run.out.contains(
        QRegularExpression(R"(\nepoch 1/1  loss \d+\.\d{4}  train \d+\.\d{2}%  held-out n/a  )")));

    environment.insert("SOURCE_DATE_EPOCH", "yesterday");
    const Run bad =
        runCli({"finetune", "--model", model_, "--samples", folder, "--out", temp_.filePath("repro-e.dpm")},
               environment);
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("SOURCE_DATE_EPOCH"), qPrintable(bad.err));
}

void TestCli::finetuneWithoutMnist() {
    const QString folder = temp_.filePath("writer-no-mnist");
    QCOMPARE(writeSampleFolder(folder, 5), 50);
    const QString nowhere = temp_.filePath("no-mnist-here");
    const QString out = temp_.filePath("tuned-no-mnist.dpm");
    const Run run = runCli({"finetune", "--model", model_, "--samples", folder, "--out", out, "--epochs", "1",
                            "--data", nowhere});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(
        run.out.contains("each epoch  320 samples: every drawing 8 times, re-rendered and distorted, and 0 "
                         "MNIST training images\n"),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QRegularExpression("\nMNIST       not used: [^\n]*'" +
                                                 QRegularExpression::escape(nowhere) +
                                                 "[^\n]*; tuning without replay\n")),
             qPrintable(run.out));
    QVERIFY2(
        run.out.contains(QRegularExpression("\n  MNIST test          not scored: [^\n]*" +
                                            QRegularExpression::escape(nowhere) + "[^\n]*does not exist")),
        qPrintable(run.out));
    // Without --drawn, the drawn-digit set this build comes with.
    QVERIFY2(run.out.contains(QRegularExpression(R"(\n  drawn digits        \d+\.\d{2}% \(\d+/1800\) )")),
             qPrintable(run.out));
    QVERIFY(QFileInfo::exists(out));
    const Run info = runCli({"info", out});
    QVERIFY2(info.out.contains(QRegularExpression(R"(\ntest accuracy   -\n)")), qPrintable(info.out));
}

void TestCli::finetuneChecksOutFirst() {
    const QString folder = temp_.filePath("writer-out");
    QCOMPARE(writeSampleFolder(folder, 3), 30);
    const QString out = temp_.filePath("no/such/folder/m.dpm");
    const Run run =
        runCli({"finetune", "--model", model_, "--samples", folder, "--out", out, "--data", kMini});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("'" + out + "'") && run.err.contains("does not exist"), qPrintable(run.err));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
}

void TestCli::finetuneInterruptWritesNoModel() {
    const QString folder = temp_.filePath("writer-interrupted");
    QCOMPARE(writeSampleFolder(folder, 3), 30);
    const QString out = temp_.filePath("tuned-interrupted.dpm");
    const Run run = interruptAfterFirstEpoch({"finetune", "--model", model_, "--samples", folder, "--out",
                                              out, "--data", kMini, "--epochs", "100000"});
    QVERIFY2(run.exitCode >= 0, qPrintable(run.out + run.err));
    QCOMPARE(run.exitCode, 130);
    const QString err = run.err;
    QVERIFY2(err.contains("no model written to '" + out + "'"), qPrintable(err));
    QVERIFY(!QFileInfo::exists(out));
}

void TestCli::predictFolderSortedByName() {
    const QString folder = temp_.filePath("sorted");
    QVERIFY(QDir().mkpath(folder));
    QStringList written = writeMiniDigits(folder, 12, "png");
    QCOMPARE(written.size(), 12);
    QFile notAnImage(folder + "/notes.txt"); // a folder contributes image files only
    QVERIFY(notAnImage.open(QIODevice::WriteOnly));
    notAnImage.write("ignore me");
    notAnImage.close();

    const Run run = runCli({"predict", "--model", model_, folder});
    QCOMPARE(run.exitCode, 0);
    QStringList files;
    static const QRegularExpression csv(R"(^(.+),(\d),(0\.\d{4}|1\.0000),(digit|not-a-digit)$)");
    for (const QString& line : lines(run.out)) {
        const QRegularExpressionMatch match = csv.match(line);
        QVERIFY2(match.hasMatch(), qPrintable(line));
        files << match.captured(1);
    }
    written.sort();
    QCOMPARE(files, written);
}

void TestCli::predictKeepsTheOrderGiven() {
    const QString folder = temp_.filePath("order");
    QVERIFY(QDir().mkpath(folder));
    QStringList written = writeMiniDigits(folder, 4, "png");
    QCOMPARE(written.size(), 4);
    std::reverse(written.begin(), written.end());
    const Run run = runCli(QStringList{"predict", "--model", model_} + written);
    QCOMPARE(run.exitCode, 0);
    QStringList files;
    for (const QString& line : lines(run.out))
        files << line.section(QLatin1Char(','), 0, 0);
    QCOMPARE(files, written);
}

void TestCli::predictFormats_data() {
    QTest::addColumn<QString>("suffix");
    QTest::newRow("PNG") << "png";
    QTest::newRow("JPEG") << "jpg";
    QTest::newRow("BMP") << "bmp";
}

void TestCli::predictFormats() {
    QFETCH(QString, suffix);
    const QString folder = temp_.filePath("format-" + suffix);
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QDir().mkpath(temp_.filePath("format-png-reference")));
    const QStringList written = writeMiniDigits(folder, 5, qPrintable(suffix));
    QCOMPARE(written.size(), 5);
    const QStringList reference = writeMiniDigits(temp_.filePath("format-png-reference"), 5, "png");
    const Run run = runCli({"predict", "--model", model_, folder});
    const Run png = runCli({"predict", "--model", model_, temp_.filePath("format-png-reference")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(lines(run.out).size(), 5);
    // Every format decodes to the same digits as the lossless PNG (JPEG's artefacts may move the confidence).
    for (int i = 0; i < 5; ++i)
        QCOMPARE(lines(run.out)[i].section(QLatin1Char(','), 1, 1),
                 lines(png.out)[i].section(QLatin1Char(','), 1, 1));
}

void TestCli::predictTransparentBackground() {
    const QString folder = temp_.filePath("alpha");
    QVERIFY(QDir().mkpath(folder));
    const QStringList opaque = writeMiniDigits(folder, 3, "png");
    QCOMPARE(opaque.size(), 3);
    QStringList transparent;
    for (const QString& path : opaque) {
        // Black ink whose coverage is in the alpha channel over a fully transparent background.
        const QImage gray(path);
        QImage alpha(gray.size(), QImage::Format_ARGB32);
        for (int y = 0; y < gray.height(); ++y)
            for (int x = 0; x < gray.width(); ++x)
                alpha.setPixel(x, y, qRgba(0, 0, 0, 255 - qGray(gray.pixel(x, y))));
        const QString out = QString(path).replace(".png", "-alpha.png");
        QVERIFY(alpha.save(out));
        transparent << out;
    }
    const Run a = runCli(QStringList{"predict", "--model", model_} + opaque);
    const Run b = runCli(QStringList{"predict", "--model", model_} + transparent);
    QCOMPARE(b.exitCode, 0);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(lines(b.out)[i].section(QLatin1Char(','), 1), lines(a.out)[i].section(QLatin1Char(','), 1));
}

void TestCli::predictNoInk() {
    const QString blank = temp_.filePath("blank.png");
    QImage white(200, 120, QImage::Format_RGB32);
    white.fill(Qt::white);
    QVERIFY(white.save(blank));
    const Run run = runCli({"predict", "--model", model_, blank});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, blank + ",,0.0000,\n");
    QVERIFY2(run.err.contains("nothing to recognise") && run.err.contains(blank), qPrintable(run.err));
}

void TestCli::predictUndecodableFile() {
    const QString folder = temp_.filePath("broken");
    QVERIFY(QDir().mkpath(folder));
    const QStringList good = writeMiniDigits(folder, 2, "png");
    QCOMPARE(good.size(), 2);
    const QString broken = folder + "/05_broken.png";
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("\x89PNG but not really");
    file.close();
    const Run run = runCli({"predict", "--model", model_, good[0], broken, good[1]});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("'" + broken + "'"), qPrintable(run.err));
    // The readable images are still classified, in order.
    const QStringList out = lines(run.out);
    QCOMPARE(out.size(), 2);
    QVERIFY(out[0].startsWith(good[0] + ","));
    QVERIFY(out[1].startsWith(good[1] + ","));

    const Run missing = runCli({"predict", "--model", model_, folder + "/nope.png"});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains(folder + "/nope.png"));

    // A real PNG cut short gives one line that names it, and nothing from the library behind the decoder
    // (libpng's default error handler would print "libpng error: …" without a file name).
    const QString cut = folder + "/06_cut.png";
    QFile whole(good[0]);
    QVERIFY(whole.open(QIODevice::ReadOnly));
    const QByteArray bytes = whole.readAll();
    QFile part(cut);
    QVERIFY(part.open(QIODevice::WriteOnly));
    part.write(bytes.left(bytes.size() * 2 / 3));
    part.close();
    const Run truncated = runCli({"predict", "--model", model_, cut});
    QCOMPARE(truncated.exitCode, 1);
    const QStringList errorLines = lines(truncated.err);
    QCOMPARE(errorLines.size(), 1);
    QVERIFY2(errorLines[0].contains("'" + cut + "'") &&
                 errorLines[0].contains("truncated or damaged PNG data"),
             qPrintable(truncated.err));
}

void TestCli::predictEmptyFolder_data() {
    QTest::addColumn<QStringList>("files"); // what the folder holds
    QTest::addColumn<bool>("withImage");    // whether a good image is given before the folder

    QTest::newRow("empty folder") << QStringList{} << false;
    QTest::newRow("folder without image files") << QStringList{"notes.txt", "digit.gif"} << false;
    QTest::newRow("empty folder after an image") << QStringList{} << true;
}

void TestCli::predictEmptyFolder() {
    QFETCH(QStringList, files);
    QFETCH(bool, withImage);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath("nothing");
    QVERIFY(QDir().mkpath(folder));
    for (const QString& name : files) {
        QFile file(folder + "/" + name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not an image");
    }
    QStringList args{"predict", "--model", model_};
    if (withImage) {
        const QStringList good = writeMiniDigits(dir.path(), 1, "png");
        QCOMPARE(good.size(), 1);
        args << good;
    }
    const Run run = runCli(args << folder);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("no images in '" + folder + "'"), qPrintable(run.err));
    QCOMPARE(run.out, QString());
}

void TestCli::predictBundledModelAccuracy() {
    const QString models = QStringLiteral(DIGITPAD_SOURCE_DIR "/models/default.dpm");
    const QString digits = QStringLiteral(DIGITPAD_TEST_DATA "/digits");
    if (!QFileInfo::exists(models))
        QSKIP("models/default.dpm is not trained yet; the format checks above use a model trained on mini "
              "data");
    if (!QFileInfo::exists(digits))
        QSKIP("the fixture images tests/data/digits are not there yet");
    // No --model: the bundled model.
    const Run run = runCli({"predict", digits});
    QCOMPARE(run.exitCode, 0);
    int total = 0;
    int correct = 0;
    QStringList wrong;
    for (const QString& line : lines(run.out)) {
        const QString name = QFileInfo(line.section(QLatin1Char(','), 0, 0)).fileName();
        const QString digit = line.section(QLatin1Char(','), 1, 1);
        ++total;
        if (name.left(1) == digit)
            ++correct;
        else
            wrong << line;
    }
    QVERIFY2(total >= 10, qPrintable(run.out + run.err));
    // "Nearly all": one miss in twenty is allowed, no more.
    QVERIFY2(correct * 20 >= total * 19, qPrintable(wrong.join('\n')));
}

void TestCli::bench_data() {
    QTest::addColumn<QStringList>("args"); // after "bench --data <mini> --quick --json"
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");
    QTest::addColumn<int>("trainImages");
    QTest::addColumn<QString>("model"); // the expected default_model, empty when absent

    // Where the CLI looks first (the build and install layout), then the source tree.
    QString bundled =
        QFileInfo(QStringLiteral(DIGITPAD_CLI)).absolutePath() + "/../share/digitpad/models/default.dpm";
    if (!QFileInfo::exists(bundled))
        bundled = QStringLiteral(DIGITPAD_SOURCE_DIR "/models/default.dpm");
    QVERIFY2(QFileInfo::exists(bundled), "the bundled model is part of the repository");
    const QStringList all = {"mlp_epoch_s",        "sigmoid100_epoch_s",    "latency_us",
                             "throughput_ips",     "mlp_test_accuracy",     "mlp_seeds_test_accuracy",
                             "lenet_epoch_s",      "lenet_latency_us",      "lenet_test_accuracy",
                             "default_latency_us", "default_throughput_ips"};
    // Time to accuracy trains five runs, so only --only fast (or fast-99.5) runs it.
    const QStringList fast = {
        "fast_time_to_99_s",     "fast_reached",    "fast_test_accuracy",    "fast_runs",
        "fast995_time_to_995_s", "fast995_reached", "fast995_test_accuracy", "fast995_runs"};
    QTest::newRow("every workload, bundled model") << QStringList{} << all << fast << 500 << bundled;
    QTest::newRow("only lenet") << QStringList{"--only", "lenet"}
                                << QStringList{"lenet_epoch_s", "lenet_latency_us", "lenet_test_accuracy"}
                                << QStringList{"mlp_epoch_s", "latency_us", "sigmoid100_epoch_s",
                                               "default_latency_us", "default_model"}
                                << 500 << QString();
    QTest::newRow("only sigmoid-100")
        << QStringList{"--only", "sigmoid-100"} << QStringList{"sigmoid100_epoch_s"}
        << QStringList{"mlp_epoch_s", "lenet_epoch_s", "default_latency_us"} << 500 << QString();
    QTest::newRow("only fast") << QStringList{"--only", "fast"} << QStringList{"fast_test_accuracy"}
                               << QStringList{"mlp_epoch_s", "lenet_epoch_s", "default_latency_us",
                                              "fast995_test_accuracy"}
                               << 500 << QString();
    QTest::newRow("only fast-99.5") << QStringList{"--only", "fast-99.5"}
                                    << QStringList{"fast995_test_accuracy"}
                                    << QStringList{"mlp_epoch_s", "fast_test_accuracy", "default_latency_us"}
                                    << 500 << QString();
    QTest::newRow("only default, bundled model")
        << QStringList{"--only", "default"} << QStringList{"default_latency_us", "default_throughput_ips"}
        << QStringList{"mlp_epoch_s", "lenet_epoch_s", "sigmoid100_epoch_s"} << 0 << bundled;
    QTest::newRow("only default, --model FILE")
        << QStringList{"--only", "default", "--model", model_} << QStringList{"default_latency_us"}
        << QStringList{"lenet_latency_us", "latency_us"} << 0 << model_;
}

void TestCli::bench() {
    QFETCH(QStringList, args);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    QFETCH(int, trainImages);
    QFETCH(QString, model);
    const Run run = runCli(QStringList{"bench", "--data", kMini, "--quick", "--json"} + args);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + ": " + run.out));
    const QJsonObject figures = document.object();
    for (const QString& key : present) {
        const double value = figures.value(key).toDouble(-1.0);
        if (key.endsWith("_accuracy"))
            QVERIFY2(value >= 0.0 && value <= 1.0, qPrintable(key + ": " + run.out));
        else
            QVERIFY2(value > 0.0, qPrintable(key + ": " + run.out));
    }
    for (const QString& key : absent)
        QVERIFY2(!figures.contains(key), qPrintable(key + ": " + run.out));
    QCOMPARE(figures.value("train_images").toInt(-1), trainImages);
    if (model.isEmpty())
        QVERIFY(!figures.contains("default_model"));
    else
        QCOMPARE(QFileInfo(figures.value("default_model").toString()).canonicalFilePath(),
                 QFileInfo(model).canonicalFilePath());
}

// bench reports the CPU variant its kernels ran on: the one DIGITPAD_CPU forces, or with a name this build
// cannot run, the widest the CPU supports and a warning.
void TestCli::benchNamesItsKernels() {
    const auto variantOf = [](const char* request, QString* err) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("DIGITPAD_CPU", request);
        const Run run =
            runCli({"bench", "--data", kMini, "--quick", "--json", "--only", "sigmoid-100"}, environment);
        *err = run.err;
        return QJsonDocument::fromJson(run.out.toUtf8()).object().value("cpu_variant").toString();
    };
    QString err;
    QCOMPARE(variantOf("baseline", &err), QStringLiteral("baseline"));
    QVERIFY2(!err.contains("DIGITPAD_CPU"), qPrintable(err));
    const QString fallback = variantOf("pentium", &err);
    QVERIFY2(QStringList({"baseline", "x86-64-v3", "x86-64-v4"}).contains(fallback), qPrintable(fallback));
    QVERIFY2(
        err.contains("DIGITPAD_CPU='pentium' is not baseline, x86-64-v3 or x86-64-v4; using " + fallback),
        qPrintable(err));
}

/// The mini set copied into a folder named fashion-mnist in `dir`, which makes it Fashion-MNIST by name;
/// empty when the copy failed.
QString fashionMnistCopy(const QTemporaryDir& dir) {
    const QString folder = dir.filePath("fashion-mnist");
    if (!QDir(dir.path()).mkdir("fashion-mnist"))
        return {};
    for (const char* name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                             "t10k-labels-idx1-ubyte"})
        if (!QFile::copy(kMini + '/' + name, folder + '/' + QString(name)))
            return {};
    return folder;
}

// A folder named fashion-mnist (here the mini set under that name) gives the model Fashion-MNIST's class
// names; info lists them and predict answers with them. --labels names the classes of any folder.
void TestCli::trainOnFashionMnistNamesTheClasses() {
    QTemporaryDir dir;
    const QString folder = fashionMnistCopy(dir);
    QVERIFY(!folder.isEmpty());
    const QString out = dir.filePath("fashion.dpm");
    const Run train = runCli({"train", "--data", folder, "--epochs", "1", "--out", out});
    QVERIFY2(train.exitCode == 0, qPrintable(train.err));
    const Run info = runCli({"info", out});
    QVERIFY2(
        lines(info.out).contains("classes         10 (T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, "
                                 "Shirt, Sneaker, Bag, Ankle boot)"),
        qPrintable(info.out));
    QVERIFY2(lines(info.out).contains("dataset         Fashion-MNIST"), qPrintable(info.out));
    const QJsonArray names = QJsonDocument::fromJson(runCli({"info", "--json", out}).out.toUtf8())
                                 .object()
                                 .value("class_names")
                                 .toArray();
    QCOMPARE(names.size(), 10);
    QCOMPARE(names.at(9).toString(), QStringLiteral("Ankle boot"));

    QFile labels(dir.filePath("names"));
    QVERIFY(labels.open(QIODevice::WriteOnly));
    labels.write("zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n");
    labels.close();
    const QString named = dir.filePath("named.dpm");
    const Run withLabels =
        runCli({"train", "--data", kMini, "--epochs", "1", "--labels", labels.fileName(), "--out", named});
    QVERIFY2(withLabels.exitCode == 0, qPrintable(withLabels.err));
    QVERIFY2(lines(runCli({"info", named}).out)
                 .contains("classes         10 (zero, one, two, three, four, five, six, seven, eight, nine)"),
             qPrintable(runCli({"info", named}).out));
    const Run digits = runCli({"info", model_});
    QVERIFY2(lines(digits.out).contains("classes         10 (0123456789)"), qPrintable(digits.out));
}

// eval of a named model says the class names: per class, in the rows of the confusion matrix (whose columns
// keep the one-character labels, aligned), in the mistakes, and as name, label_name and predicted_name in
// JSON. A digit model's report has the digits as its names.
void TestCli::evalNamesTheClasses() {
    QTemporaryDir dir;
    const QString folder = fashionMnistCopy(dir);
    QVERIFY(!folder.isEmpty());
    const QString out = dir.filePath("fashion.dpm");
    const Run train = runCli({"train", "--data", folder, "--epochs", "1", "--out", out});
    QVERIFY2(train.exitCode == 0, qPrintable(train.err));

    const Run run = runCli({"eval", "--model", out, "--data", folder});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList all = lines(run.out);
    const int perClass = all.indexOf("per-class accuracy");
    QVERIFY2(perClass > 0, qPrintable(run.out));
    static const QRegularExpression classRow(R"(^  (\d) (\S.*\S) +\d+\.\d{2}%  \((\d+)/(\d+)\)$)");
    const QStringList names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                               "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    for (int c = 0; c < 10; ++c) {
        const QRegularExpressionMatch match = classRow.match(all.value(perClass + 1 + c));
        QVERIFY2(match.hasMatch(), qPrintable(all.value(perClass + 1 + c)));
        QCOMPARE(match.captured(1).toInt(), c);
        QCOMPARE(match.captured(2), names[c]);
    }
    const int confusion = all.indexOf("confusion matrix (rows: true class, columns: predicted)");
    QVERIFY(confusion > perClass);
    const QString header = all.value(confusion + 1);
    int total = 0;
    for (int row = 0; row < 10; ++row) {
        const QString line = all.value(confusion + 2 + row);
        QCOMPARE(line.size(), header.size());
        QVERIFY2(line.startsWith(QStringLiteral("  %1 %2").arg(row).arg(names[row])), qPrintable(line));
        // The counts are the line's last ten fields, each ending under its column's label.
        const QStringList fields = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QVERIFY(fields.size() > 10);
        for (const QString& count : fields.mid(fields.size() - 10))
            total += count.toInt();
        for (int c = 0; c < 10; ++c) {
            const int at = header.indexOf(QString::number(c));
            QVERIFY2(line.at(at).isDigit() && (at + 1 == line.size() || line.at(at + 1) == QLatin1Char(' ')),
                     qPrintable(header + '\n' + line));
        }
    }
    QCOMPARE(total, 200);
    const int mistakes = all.indexOf(QRegularExpression(R"(^most confident mistakes .*)"));
    QVERIFY(mistakes > confusion);
    static const QRegularExpression mistakeRow(R"(^ +\d+: (.+) read as (.+)  \d+\.\d{2}%$)");
    const QRegularExpressionMatch first = mistakeRow.match(all.value(mistakes + 1));
    QVERIFY2(first.hasMatch(), qPrintable(all.value(mistakes + 1)));
    QVERIFY2(names.contains(first.captured(1)) && names.contains(first.captured(2)),
             qPrintable(all.value(mistakes + 1)));

    const QJsonObject test =
        QJsonDocument::fromJson(runCli({"eval", "--model", out, "--data", folder, "--json"}).out.toUtf8())
            .object()
            .value("test")
            .toObject();
    const QJsonArray jsonPerClass = test.value("per_class").toArray();
    QCOMPARE(jsonPerClass.size(), 10);
    for (int c = 0; c < 10; ++c) {
        QCOMPARE(jsonPerClass[c].toObject().value("label").toString(), QString::number(c));
        QCOMPARE(jsonPerClass[c].toObject().value("name").toString(), names[c]);
    }
    const QJsonArray jsonMistakes = test.value("mistakes").toArray();
    QVERIFY(!jsonMistakes.isEmpty());
    for (const QJsonValue& value : jsonMistakes) {
        const QJsonObject mistake = value.toObject();
        QCOMPARE(mistake.value("label_name").toString(), names[mistake.value("label").toString().toInt()]);
        QCOMPARE(mistake.value("predicted_name").toString(),
                 names[mistake.value("predicted").toString().toInt()]);
    }

    const QJsonObject digits =
        QJsonDocument::fromJson(runCli({"eval", "--model", model_, "--data", kMini, "--json"}).out.toUtf8())
            .object()
            .value("test")
            .toObject();
    QCOMPARE(digits.value("per_class").toArray().at(7).toObject().value("name").toString(),
             QStringLiteral("7"));
}

void TestCli::helpCommand() {
    const Run general = runCli({"help"});
    QCOMPARE(general.exitCode, 0);
    QCOMPARE(general.out, runCli({"--help"}).out);
    QVERIFY(general.out.contains("help [COMMAND]"));
    for (const char* command : {"train", "eval", "finetune", "predict", "info", "bench"}) {
        const Run viaHelp = runCli({"help", command});
        const Run viaOption = runCli({command, "--help"});
        QCOMPARE(viaHelp.exitCode, 0);
        QVERIFY2(viaHelp.out.startsWith(QStringLiteral("Usage: digitpad-cli ") + command),
                 qPrintable(viaHelp.out));
        QCOMPARE(viaHelp.out, viaOption.out);
        QVERIFY(viaHelp.err.isEmpty());
    }
    for (const QStringList& args : {QStringList{"help", "nosuch"}, QStringList{"help", "train", "eval"}}) {
        const Run wrong = runCli(args);
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY(wrong.out.isEmpty());
        QCOMPARE(lines(wrong.err).size(), 1);
    }
    QVERIFY(runCli({"help", "nosuch"}).err.contains("unknown command 'nosuch'"));
}

void TestCli::trainJson() {
    const QString out = temp_.filePath("json.dpm");
    const QStringList common = {"train", "--data", kMini, "--epochs", "2", "--limit", "100", "--seed", "5"};
    const Run run = runCli(common + QStringList{"--json", "--out", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    const QList<QJsonObject> events = jsonLines(run.out);
    QCOMPARE(events.size(), 4); // start, two epochs, done: nothing else on stdout
    QCOMPARE(events[0].value("event").toString(), "start");
    QCOMPARE(events[0].value("architecture").toString(), "dense128,relu,dense64,relu,dense10");
    QCOMPARE(events[0].value("training_images").toInt(), 100);
    QCOMPARE(events[0].value("test_images").toInt(), 200);
    for (int epoch = 1; epoch <= 2; ++epoch) {
        const QJsonObject& line = events[epoch];
        QCOMPARE(line.value("event").toString(), "epoch");
        QCOMPARE(line.value("epoch").toInt(), epoch);
        QCOMPARE(line.value("epochs").toInt(), 2);
        for (const char* key : {"train_accuracy", "validation_accuracy", "test_accuracy"}) {
            const double accuracy = line.value(key).toDouble(-1.0);
            QVERIFY2(accuracy >= 0.0 && accuracy <= 1.0, key);
        }
        QVERIFY(line.value("train_loss").toDouble(-1.0) > 0.0);
        QVERIFY(line.value("seconds").toDouble(-1.0) >= 0.0);
    }
    const QJsonObject& done = events[3];
    QCOMPARE(done.value("event").toString(), "done");
    QCOMPARE(done.value("model").toString(), out);
    QVERIFY(QFileInfo::exists(out));
    QCOMPARE(done.value("test_images").toInt(), 200);
    const double accuracy = done.value("test_accuracy").toDouble(-1.0);
    QCOMPARE(done.value("correct").toInt(-1), qRound(accuracy * 200));

    // The same run as text reports the same result (same seed, same weights).
    const Run text = runCli(common + QStringList{"--out", temp_.filePath("json-text.dpm")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains(QStringLiteral("\ntest accuracy %1 (%2/200)\n")
                                   .arg(percentText(accuracy))
                                   .arg(done.value("correct").toInt())),
             qPrintable(text.out + run.out));
    // ... and what the model file records.
    QCOMPARE(jsonObject(runCli({"info", "--json", out}).out).value("test_accuracy").toDouble(-1.0), accuracy);

    // The schedule and label smoothing are named in the start event; a one-cycle run with label smoothing
    // trains with rates and targets of its own, and the epochs' learning rate falls toward zero.
    QCOMPARE(events[0].value("lr_schedule").toString(), "step");
    QCOMPARE(events[0].value("label_smoothing").toDouble(-1.0), 0.0);
    const Run oneCycle = runCli(common + QStringList{"--lr-schedule", "one-cycle", "--label-smoothing", "0.1",
                                                     "--json", "--out", temp_.filePath("cycle.dpm")});
    QVERIFY2(oneCycle.exitCode == 0, qPrintable(oneCycle.err));
    const QList<QJsonObject> cycleEvents = jsonLines(oneCycle.out);
    QCOMPARE(cycleEvents.size(), 4);
    QCOMPARE(cycleEvents[0].value("lr_schedule").toString(), "one-cycle");
    QCOMPARE(cycleEvents[0].value("label_smoothing").toDouble(-1.0), 0.1);
    QVERIFY(cycleEvents[2].value("learning_rate").toDouble() <
            cycleEvents[1].value("learning_rate").toDouble());
    QVERIFY(cycleEvents[3].value("test_accuracy").toDouble(-1.0) >= 0.0);
}

void TestCli::infoJson() {
    const Run text = runCli({"info", model_});
    const Run run = runCli({"info", "--json", model_});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.err.isEmpty());
    const QJsonObject info = jsonObject(run.out);
    QVERIFY2(!info.isEmpty(), qPrintable(run.out));
    QCOMPARE(info.value("file").toString(), model_);
    QCOMPARE(info.value("architecture").toString(), "dense128,relu,dense64,relu,dense10");
    QCOMPARE(info.value("parameters").toInt(), 109386);
    QCOMPARE(info.value("input").toString(), "1x28x28");
    QCOMPARE(info.value("classes").toInt(), 10);
    QCOMPARE(info.value("framing").toString(), "mnist");
    QCOMPARE(info.value("preset").toString(), "mlp");
    QCOMPARE(info.value("loss").toString(), "cross-entropy");
    QCOMPARE(info.value("batch_size").toInt(), 64);
    QCOMPARE(info.value("epochs").toInt(), 3);
    QCOMPARE(info.value("seed").toInt(), 7);
    QCOMPARE(info.value("dataset").toString(), "mnist-mini");
    QVERIFY(info.value("drawn_accuracy").isNull());
    QVERIFY(!info.contains("tuned_from"));
    const double accuracy = info.value("test_accuracy").toDouble(-1.0);
    QVERIFY(accuracy >= 0.0 && accuracy <= 1.0);
    QVERIFY2(lines(text.out).contains("test accuracy   " + percentText(accuracy)), qPrintable(text.out));
    QVERIFY(lines(text.out).contains("trained at      " + info.value("trained_at").toString()));
}

void TestCli::evalJson() {
    const Run text = runCli({"eval", "--model", model_, "--data", kMini, "--drawn"});
    const Run run = runCli({"eval", "--model", model_, "--data", kMini, "--drawn", "--json"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.err.isEmpty());
    const QJsonObject report = jsonObject(run.out);
    QVERIFY2(!report.isEmpty(), qPrintable(run.out));
    QCOMPARE(report.value("model").toString(), model_);
    QCOMPARE(report.value("data").toString(), kMini);
    QCOMPARE(report.value("loss_function").toString(), "cross-entropy");
    const QJsonObject test = report.value("test").toObject();
    QCOMPARE(test.value("count").toInt(), 200);
    const QString mismatch = evaluationMismatch(test, 10);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    QCOMPARE(scoreAfter(text.out, "accuracy   "), scoreText(test));
    QVERIFY(test.value("count").toInt() > test.value("correct").toInt()); // a small model on 200 images errs
    const QString mistakes = mistakesMismatch(test, 10);
    QVERIFY2(mistakes.isEmpty(), qPrintable(mistakes));
    // The unsure flag splits the answers: every wrong and every right one is counted once, and no more are
    // flagged than there are; the text report gives the same counts.
    const QJsonObject unsure = test.value("unsure").toObject();
    QCOMPARE(unsure.value("wrong").toInt(), test.value("count").toInt() - test.value("correct").toInt());
    QCOMPARE(unsure.value("right").toInt(), test.value("correct").toInt());
    QVERIFY(unsure.value("wrong_flagged").toInt() <= unsure.value("wrong").toInt());
    QVERIFY(unsure.value("right_flagged").toInt() <= unsure.value("right").toInt());
    QVERIFY2(text.out.contains(QStringLiteral("%1 of %2 wrong answers")
                                   .arg(unsure.value("wrong_flagged").toInt())
                                   .arg(unsure.value("wrong").toInt())),
             qPrintable(text.out));
    const Run all = runCli({"eval", "--model", model_, "--data", kMini, "--json", "--unsure-below", "1"});
    const QJsonObject everything = jsonObject(all.out).value("test").toObject().value("unsure").toObject();
    QCOMPARE(everything.value("wrong_flagged").toInt(), everything.value("wrong").toInt());
    QCOMPARE(everything.value("right_flagged").toInt(), everything.value("right").toInt());
    QCOMPARE(runCli({"eval", "--model", model_, "--data", kMini, "--unsure-below", "2"}).exitCode, 2);
    QVERIFY(text.out.contains(
        QStringLiteral("\ntest loss  %1 (cross-entropy)\n").arg(test.value("loss").toDouble(), 0, 'f', 4)));

    const QJsonObject drawn = report.value("drawn").toObject();
    QCOMPARE(drawn.value("framing").toString(), "mnist");
    QVERIFY(drawn.value("count").toInt() > 0);
    const QString drawnMismatch = evaluationMismatch(drawn, 10);
    QVERIFY2(drawnMismatch.isEmpty(), qPrintable(drawnMismatch));
    const QString drawnMistakes = mistakesMismatch(drawn, 10);
    QVERIFY2(drawnMistakes.isEmpty(), qPrintable(drawnMistakes));
    QCOMPARE(scoreAfter(text.out, "drawn accuracy  "), scoreText(drawn));
    QVERIFY(!report.contains("recorded"));

    // --record in JSON mode stores the accuracy and says so in the object, not in text.
    const QString copy = temp_.filePath("record-json.dpm");
    QVERIFY(QFile::copy(model_, copy));
    const Run recorded = runCli({"eval", "--model", copy, "--data", kMini, "--json", "--record"});
    QCOMPARE(recorded.exitCode, 0);
    const QJsonObject recordedReport = jsonObject(recorded.out);
    QCOMPARE(recordedReport.value("recorded").toBool(), true);
    QCOMPARE(jsonObject(runCli({"info", "--json", copy}).out).value("test_accuracy").toDouble(-1.0),
             recordedReport.value("test").toObject().value("accuracy").toDouble());
}

void TestCli::evalSamplesJson() {
    const QString folder = temp_.filePath("samples-json");
    QCOMPARE(writeSampleFolder(folder, 3), 30);
    const Run text = runCli({"eval", "--model", model_, "--samples", folder});
    const Run run = runCli({"eval", "--model", model_, "--samples", folder, "--json"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.err.isEmpty());
    const QJsonObject report = jsonObject(run.out);
    QVERIFY2(!report.isEmpty(), qPrintable(run.out));
    QCOMPARE(report.value("samples").toString(), folder);
    QCOMPARE(report.value("framing").toString(), "mnist");
    QCOMPARE(report.value("count").toInt(), 30);
    const QString mismatch = evaluationMismatch(report, 10);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    QCOMPARE(scoreAfter(text.out, "accuracy   "), scoreText(report));

    // Every mistake once, most frequent first, adding up to the wrong answers; the text lists the first ones.
    const QJsonArray mistakes = report.value("mistakes").toArray();
    int wrong = 0;
    int previous = std::numeric_limits<int>::max();
    const QJsonArray confusion = report.value("confusion").toArray();
    for (const QJsonValue& value : mistakes) {
        const QJsonObject mistake = value.toObject();
        const int count = mistake.value("count").toInt();
        const int truth = mistake.value("label").toString().toInt();
        const int answer = mistake.value("read_as").toString().toInt();
        QVERIFY(truth != answer);
        QVERIFY(count > 0 && count <= previous);
        QCOMPARE(confusion[truth].toArray()[answer].toInt(), count);
        previous = count;
        wrong += count;
    }
    QCOMPARE(wrong, 30 - report.value("correct").toInt());
    if (!mistakes.isEmpty()) {
        const QJsonObject first = mistakes.first().toObject();
        QVERIFY2(
            text.out.contains(QStringLiteral("\nmost common mistakes\n  %1 read as %2  %3 of %4\n")
                                  .arg(first.value("label").toString(), first.value("read_as").toString())
                                  .arg(first.value("count").toInt())
                                  .arg(first.value("total").toInt())),
            qPrintable(text.out));
    }
}

void TestCli::predictMarksABarAsNotADigit() {
    const QString folder = temp_.filePath("predict-bar");
    QVERIFY(QDir().mkpath(folder));
    // A lying bar and the same stroke upright (a 1), drawn as the canvas draws: round pen, 22 px of 280.
    const auto stroke = [&](const QString& name, QLineF line) {
        QImage image(280, 280, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(Qt::black, 22, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(line);
        painter.end();
        QVERIFY(image.save(folder + "/" + name));
    };
    stroke("a_bar.png", QLineF(50, 140, 230, 150));
    stroke("b_upright.png", QLineF(140, 50, 145, 230));

    const Run csv = runCli({"predict", "--model", model_, folder});
    QCOMPARE(csv.exitCode, 0);
    const QStringList rows = lines(csv.out);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].section(QLatin1Char(','), 3), QStringLiteral("not-a-digit"));
    QCOMPARE(rows[1].section(QLatin1Char(','), 3), QStringLiteral("digit"));
    QVERIFY2(csv.err.contains("a_bar.png': doesn't look like a digit (maybe " +
                              rows[0].section(QLatin1Char(','), 1, 1) + "?)"),
             qPrintable(csv.err));

    const Run json = runCli({"predict", "--model", model_, "--json", folder});
    QCOMPARE(json.exitCode, 0);
    const QList<QJsonObject> answers = jsonLines(json.out);
    QCOMPARE(answers.size(), 2);
    QCOMPARE(answers[0].value("not_a_digit").toBool(false), true);
    QCOMPARE(answers[1].value("not_a_digit").toBool(true), false);
}

void TestCli::predictInvertsLightInkOnDark() {
    // Every fixture digit as white ink on black, the way a photo of a blackboard or a negative looks: read
    // as the digit it is, and flagged as inverted in the JSON; the originals are not.
    const QString digits = QStringLiteral(DIGITPAD_TEST_DATA "/digits");
    const QString folder = temp_.filePath("inverted-digits");
    QVERIFY(QDir().mkpath(folder));
    const QStringList names = QDir(digits).entryList(
        {QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.bmp")}, QDir::Files);
    for (const QString& name : names) {
        QImage image(digits + '/' + name);
        QVERIFY(!image.isNull());
        image = image.convertToFormat(QImage::Format_RGB32);
        image.invertPixels();
        QVERIFY(image.save(folder + '/' + name));
    }
    const Run inverted = runCli({"predict", "--json", folder});
    const Run original = runCli({"predict", "--json", digits});
    QCOMPARE(inverted.exitCode, 0);
    QCOMPARE(original.exitCode, 0);
    const QList<QJsonObject> invertedAnswers = jsonLines(inverted.out);
    const QList<QJsonObject> originalAnswers = jsonLines(original.out);
    QVERIFY(!invertedAnswers.isEmpty());
    QCOMPARE(invertedAnswers.size(), originalAnswers.size());
    for (int i = 0; i < invertedAnswers.size(); ++i) {
        QVERIFY(invertedAnswers[i].value("inverted").toBool());
        QVERIFY(!originalAnswers[i].value("inverted").toBool());
        QCOMPARE(invertedAnswers[i].value("label").toString(), originalAnswers[i].value("label").toString());
    }
}

void TestCli::predictJson() {
    const QString folder = temp_.filePath("predict-json");
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(writeMiniDigits(folder, 6, "png").size(), 6);
    const QString blank = folder + "/z_blank.png";
    QImage white(64, 64, QImage::Format_RGB32);
    white.fill(Qt::white);
    QVERIFY(white.save(blank));

    const Run csv = runCli({"predict", "--model", model_, folder});
    const Run run = runCli({"predict", "--model", model_, "--json", folder});
    QCOMPARE(run.exitCode, 0);
    // The warning about the blank image goes to stderr; stdout is JSON only.
    QVERIFY2(run.err.contains("nothing to recognise"), qPrintable(run.err));
    const QList<QJsonObject> answers = jsonLines(run.out);
    const QStringList rows = lines(csv.out);
    QCOMPARE(answers.size(), 7);
    QCOMPARE(rows.size(), 7);
    for (int i = 0; i < 6; ++i) {
        const QJsonObject& answer = answers[i];
        QCOMPARE(answer.value("file").toString(), rows[i].section(QLatin1Char(','), 0, 0));
        QCOMPARE(answer.value("label").toString(), rows[i].section(QLatin1Char(','), 1, 1));
        QCOMPARE(QString::number(answer.value("class").toInt(-1)), answer.value("label").toString());
        const double confidence = answer.value("confidence").toDouble(-1.0);
        QCOMPARE(QString::number(confidence, 'f', 4), rows[i].section(QLatin1Char(','), 2, 2));
        // The runner-up is another class, no more probable than the answer; unsure follows the threshold.
        QVERIFY(answer.value("runner_up").toString() != answer.value("label").toString());
        QVERIFY(answer.value("runner_up_confidence").toDouble(2.0) <= confidence);
        QCOMPARE(answer.value("unsure").toBool(), confidence < digitpad::kSureProbability);
        const QJsonArray probabilities = answer.value("probabilities").toArray();
        QCOMPARE(probabilities.size(), 10);
        double sum = 0.0;
        int best = 0;
        for (int c = 0; c < probabilities.size(); ++c) {
            sum += probabilities[c].toDouble();
            if (probabilities[c].toDouble() > probabilities[best].toDouble())
                best = c;
        }
        QVERIFY2(qAbs(sum - 1.0) < 1e-4, qPrintable(QString::number(sum)));
        QCOMPARE(best, answer.value("class").toInt());
        QCOMPARE(probabilities[best].toDouble(), confidence);
    }
    const QJsonObject& none = answers[6];
    QCOMPARE(none.value("file").toString(), blank);
    QVERIFY(none.value("class").isNull() && none.value("label").isNull());
    QVERIFY(none.value("probabilities").toArray().isEmpty());
}

void TestCli::predictStandardInput() {
    const QString folder = temp_.filePath("predict-stdin");
    QVERIFY(QDir().mkpath(folder));
    const QStringList written = writeMiniDigits(folder, 4, "png");
    QCOMPARE(written.size(), 4);
    const QString jpeg = folder + "/as.jpg";
    QVERIFY(QImage(written[3]).save(jpeg, "JPEG", 95));
    const auto piped = [this](const QStringList& args, const QByteArray& input) {
        QProcess process;
        process.start(QStringLiteral(DIGITPAD_CLI), QStringList{"predict", "--model", model_} + args);
        process.waitForStarted();
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(-1);
        return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                   QString::fromUtf8(process.readAllStandardOutput()),
                   QString::fromUtf8(process.readAllStandardError())};
    };
    for (const QString& path : QStringList{written[0], written[1], written[2], jpeg}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const Run direct = runCli({"predict", "--model", model_, path});
        QCOMPARE(direct.exitCode, 0);
        const Run run = piped({"-"}, bytes);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // The same answer and confidence; the name of standard input is "-".
        QCOMPARE(run.out, "-" + direct.out.mid(path.size()));
        const QJsonObject answer = jsonObject(piped({"--json", "-"}, bytes).out);
        QCOMPARE(answer.value("file").toString(), "-");
        QCOMPARE(answer.value("label").toString(), direct.out.section(QLatin1Char(','), 1, 1));
    }
    // Standard input among files keeps its place in the order.
    QFile first(written[1]);
    QVERIFY(first.open(QIODevice::ReadOnly));
    const Run mixed = piped({written[0], "-", written[2]}, first.readAll());
    QCOMPARE(mixed.exitCode, 0);
    const QStringList rows = lines(mixed.out);
    QCOMPARE(rows.size(), 3);
    QVERIFY(rows[0].startsWith(written[0] + ","));
    QVERIFY(rows[1].startsWith("-,"));
    QVERIFY(rows[2].startsWith(written[2] + ","));

    for (const QByteArray& bad : {QByteArray(), QByteArray("not an image at all")}) {
        const Run run = piped({"-"}, bad);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("standard input"), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }
}

void TestCli::predictMultiSingleDigitsAsPredict() {
    // One digit per image: --multi answers exactly as predict does, with one confidence.
    const QString folder = temp_.filePath("predict-multi-single");
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(writeMiniDigits(folder, 6, "png").size(), 6);
    const Run plain = runCli({"predict", "--model", model_, folder});
    const Run multi = runCli({"predict", "--model", model_, "--multi", folder});
    QCOMPARE(multi.exitCode, 0);
    // The same lines without predict's kind column, which --multi's CSV does not have.
    QStringList plainWithoutKind;
    for (const QString& line : lines(plain.out))
        plainWithoutKind << line.section(QLatin1Char(','), 0, -2);
    QCOMPARE(lines(multi.out), plainWithoutKind);
}

void TestCli::predictMultiReadsNumbers() {
    const QString numbers = QStringLiteral(DIGITPAD_TEST_DATA "/numbers");
    QFile labels(numbers + "/labels.csv");
    QVERIFY(labels.open(QIODevice::ReadOnly));
    QMap<QString, QString> truth;
    for (const QString& line : lines(QString::fromUtf8(labels.readAll())).mid(1))
        truth[line.section(QLatin1Char(','), 0, 0)] = line.section(QLatin1Char(','), 1, 1);
    QVERIFY(truth.size() >= 3);
    // The bundled model: these strings (scripts/make-digit-strings) are read right, digit by digit.
    const Run run = runCli({"predict", "--multi", numbers});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList rows = lines(run.out);
    QCOMPARE(rows.size(), truth.size());
    for (const QString& row : rows) {
        const QString name = QFileInfo(row.section(QLatin1Char(','), 0, 0)).fileName();
        const QString number = row.section(QLatin1Char(','), 1, 1);
        // Touching digits are the known weak spot (docs/numbers.md): the ensembles bundled earlier on
        // 2026-12-07 read 00010.png's touching 7 and 6 as one 8; the one trained with narrow 2s and low
        // closed 4s reads it right again.
        QCOMPARE(number, truth.value(name));
        const QStringList confidences = row.section(QLatin1Char(','), 2, 2).split(QLatin1Char(' '));
        QCOMPARE(confidences.size(), number.size());
        for (const QString& confidence : confidences) {
            bool ok = false;
            const double value = confidence.toDouble(&ok);
            QVERIFY2(ok && value >= 0.0 && value <= 1.0, qPrintable(row));
            QCOMPARE(confidence.size(), 6); // 4 decimals
        }
    }
}

void TestCli::predictMultiJson() {
    const QString numbers = QStringLiteral(DIGITPAD_TEST_DATA "/numbers");
    const QString blank = temp_.filePath("multi_blank.png");
    QImage white(64, 64, QImage::Format_RGB32);
    white.fill(Qt::white);
    QVERIFY(white.save(blank));
    const Run csv = runCli({"predict", "--multi", numbers});
    const Run run = runCli({"predict", "--multi", "--json", numbers, blank});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains("nothing to recognise"), qPrintable(run.err));
    const QList<QJsonObject> answers = jsonLines(run.out);
    const QStringList rows = lines(csv.out);
    QCOMPARE(answers.size(), rows.size() + 1);
    for (int i = 0; i < rows.size(); ++i) {
        const QJsonObject& answer = answers[i];
        QCOMPARE(answer.value("file").toString(), rows[i].section(QLatin1Char(','), 0, 0));
        const QString number = answer.value("number").toString();
        QCOMPARE(number, rows[i].section(QLatin1Char(','), 1, 1));
        const QJsonArray digits = answer.value("digits").toArray();
        QCOMPARE(digits.size(), number.size());
        const QImage image(answer.value("file").toString());
        int previousX = -1;
        for (int d = 0; d < digits.size(); ++d) {
            const QJsonObject digit = digits[d].toObject();
            QCOMPARE(digit.value("label").toString(), number.mid(d, 1));
            QCOMPARE(QString::number(digit.value("class").toInt(-1)), number.mid(d, 1));
            const double confidence = digit.value("confidence").toDouble(-1.0);
            QCOMPARE(QString::number(confidence, 'f', 4),
                     rows[i].section(QLatin1Char(','), 2, 2).section(QLatin1Char(' '), d, d));
            QVERIFY(digit.value("runner_up").toString() != digit.value("label").toString());
            QVERIFY(digit.value("runner_up_confidence").toDouble(2.0) <= confidence);
            QCOMPARE(digit.value("unsure").toBool(), confidence < digitpad::kSureProbability);
            // Boxes inside the image, left to right.
            const QJsonObject box = digit.value("box").toObject();
            const QRect rect(box.value("x").toInt(-1), box.value("y").toInt(-1), box.value("width").toInt(-1),
                             box.value("height").toInt(-1));
            QVERIFY(rect.isValid() && image.rect().contains(rect));
            QVERIFY(rect.center().x() > previousX);
            previousX = rect.center().x();
        }
    }
    const QJsonObject& none = answers.last();
    QCOMPARE(none.value("file").toString(), blank);
    QCOMPARE(none.value("number").toString(), QString());
    QVERIFY(none.value("digits").toArray().isEmpty());
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
