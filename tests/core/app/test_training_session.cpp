// SPDX-License-Identifier: GPL-3.0-or-later
// The training-session use case on the mini MNIST fixture: the one settings check, the splits (t10k required
// or optional), the model header it fills (data set name, training time, test accuracy), the callbacks and
// the outcomes that carry no model.
#include "app/DatasetName.h"
#include "app/TrainingSession.h"
#include "train/Preset.h"

#include <QtTest>

#include <cmath>

using namespace digitpad;

namespace {

const QString kMini = QStringLiteral(DIGITPAD_TEST_DATA "/mnist-mini");

TrainConfig quickConfig() {
    TrainConfig config = *presetConfig("mlp");
    config.hiddenLayers = {16};
    config.epochs = 2;
    config.batchSize = 50;
    config.threads = 1;
    return config;
}

/// A copy of the mini set's training split only, in `dir`.
void copyTrainingSplit(const QTemporaryDir& dir) {
    for (const QString& name :
         {QStringLiteral("train-images-idx3-ubyte"), QStringLiteral("train-labels-idx1-ubyte")})
        QVERIFY(QFile::copy(kMini + '/' + name, dir.filePath(name)));
}

/// Writes `count` canvases in the drawn-digit format into `dir`: the first images of the mini set's test
/// split turned into paper and ink (255 − value), with their labels. The reader takes raw IDX bytes under
/// the .gz names as well as gzip.
void writeCanvases(const QTemporaryDir& dir, int count) {
    QFile images(kMini + "/t10k-images-idx3-ubyte");
    QFile labels(kMini + "/t10k-labels-idx1-ubyte");
    QVERIFY(images.open(QIODevice::ReadOnly) && labels.open(QIODevice::ReadOnly));
    QByteArray imageBytes = images.readAll();
    QByteArray labelBytes = labels.readAll();
    auto setCount = [count](QByteArray& bytes) {
        bytes[4] = char(count >> 24);
        bytes[5] = char(count >> 16);
        bytes[6] = char(count >> 8);
        bytes[7] = char(count);
    };
    setCount(imageBytes);
    setCount(labelBytes);
    imageBytes.truncate(16 + count * 28 * 28);
    labelBytes.truncate(8 + count);
    for (int i = 16; i < imageBytes.size(); ++i)
        imageBytes[i] = char(255 - static_cast<unsigned char>(imageBytes[i]));
    QFile outImages(dir.filePath("images-idx3-ubyte.gz"));
    QFile outLabels(dir.filePath("labels-idx1-ubyte.gz"));
    QVERIFY(outImages.open(QIODevice::WriteOnly) && outImages.write(imageBytes) == imageBytes.size());
    QVERIFY(outLabels.open(QIODevice::WriteOnly) && outLabels.write(labelBytes) == labelBytes.size());
}

} // namespace

class TrainingSessionTest : public QObject {
    Q_OBJECT

private slots:
    void completes_data() {
        QTest::addColumn<int>("testSplit");
        QTest::addColumn<bool>("withTestFiles");
        QTest::addColumn<int>("limit");
        QTest::newRow("t10k required and present") << int(TestSplit::Required) << true << 0;
        QTest::newRow("t10k optional and present") << int(TestSplit::Optional) << true << 0;
        QTest::newRow("t10k optional and missing: trains without test accuracy")
            << int(TestSplit::Optional) << false << 0;
        QTest::newRow("training limited to 200 images") << int(TestSplit::Required) << true << 200;
    }

    void completes() {
        QFETCH(int, testSplit);
        QFETCH(bool, withTestFiles);
        QFETCH(int, limit);
        QTemporaryDir trainOnly;
        if (!withTestFiles)
            copyTrainingSplit(trainOnly);
        TrainingRequest request;
        request.dataFolder = (withTestFiles ? kMini : trainOnly.path()).toStdString();
        request.config = quickConfig();
        request.testSplit = TestSplit(testSplit);
        request.trainingLimit = limit;

        int starts = 0;
        int batches = 0;
        int epochs = 0;
        TrainingStart start;
        TrainingSessionCallbacks callbacks;
        callbacks.onStart = [&](const TrainingStart& s) {
            QCOMPARE(batches, 0);
            start = s;
            ++starts;
        };
        callbacks.onBatch = [&](const BatchProgress&) { ++batches; };
        callbacks.onEpoch = [&](const EpochMetrics&) { ++epochs; };
        TrainingControl control;
        const TrainingSessionResult result = runTrainingSession(request, control, callbacks);

        QVERIFY2(result.ok(), result.error ? result.error->message.c_str() : "");
        QCOMPARE(QString::fromStdString(toName(result.outcome.status)), QStringLiteral("completed"));
        QCOMPARE(starts, 1);
        QCOMPARE(epochs, 2);
        QVERIFY(batches >= 2);
        const int training = limit > 0 ? limit : 500;
        QCOMPARE(start.trainingImages, training);
        QCOMPARE(start.validationImages, static_cast<int>(std::lround(0.1 * training)));
        QCOMPARE(start.testImages, withTestFiles ? 200 : 0);
        QCOMPARE(result.testImages, start.testImages);
        QCOMPARE(start.testSplitMissing.empty(), withTestFiles);
        QCOMPARE(start.architecture, std::string("dense16,relu,dense10"));

        QVERIFY(result.model);
        const ModelInfo& info = result.model->info;
        QCOMPARE(QString::fromStdString(info.dataset),
                 withTestFiles ? QStringLiteral("mnist-mini") : QFileInfo(trainOnly.path()).fileName());
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"))
                     .match(QString::fromStdString(info.trainedAt))
                     .hasMatch(),
                 info.trainedAt.c_str());
        QCOMPARE(info.testAccuracy.has_value(), withTestFiles);
        if (withTestFiles)
            QCOMPARE(*info.testAccuracy, result.outcome.epochs.back().testAccuracy);
        QCOMPARE(info.epochs, 2);
        QCOMPARE(result.model->network.outputSize(), 10);
    }

    void extraCanvasesJoinTheTrainingImages() {
        QTemporaryDir extra;
        writeCanvases(extra, 40);
        TrainingRequest request;
        request.dataFolder = kMini.toStdString();
        request.config = quickConfig();
        request.config.framingSteps.deskew = true;
        TrainingControl control;
        TrainingStart plainStart;
        const TrainingSessionResult plain = runTrainingSession(
            request, control, {[&](const TrainingStart& s) { plainStart = s; }, {}, {}, {}});
        QVERIFY(plain.model);
        QCOMPARE(plainStart.extraImages, 0);
        request.extraFolder = extra.path().toStdString();
        TrainingStart start;
        const TrainingSessionResult result =
            runTrainingSession(request, control, {[&](const TrainingStart& s) { start = s; }, {}, {}, {}});
        QVERIFY(!result.error);
        QVERIFY(result.model);
        QCOMPARE(start.extraImages, 40);
        QCOMPARE(start.trainingImages, plainStart.trainingImages + 40);
        // The data set stays the one the test accuracy is measured on; the extra data is named apart.
        QCOMPARE(result.model->info.dataset, plain.model->info.dataset);
        QCOMPARE(QString::fromStdString(result.model->info.extraTrainingData),
                 "40 canvases of " + QFileInfo(extra.path()).fileName());
        QVERIFY(plain.model->info.extraTrainingData.empty());
        QCOMPARE(result.model->info.framingSteps.toText(), std::string("deskew"));
    }

    void missingExtraFolderIsADataError() {
        TrainingRequest request;
        request.dataFolder = kMini.toStdString();
        request.config = quickConfig();
        request.extraFolder = "/nonexistent/extra";
        TrainingControl control;
        const TrainingSessionResult result = runTrainingSession(request, control);
        QVERIFY(result.error);
        QCOMPARE(int(result.error->cause), int(SessionError::Cause::Data));
        QVERIFY2(QString::fromStdString(result.error->message).contains("/nonexistent/extra"),
                 result.error->message.c_str());
        QVERIFY(!result.model);
    }

    void sameSeedSameWeights() {
        TrainingRequest request;
        request.dataFolder = kMini.toStdString();
        request.config = quickConfig();
        TrainingControl control;
        TrainingSessionResult first = runTrainingSession(request, control);
        TrainingSessionResult second = runTrainingSession(request, control);
        QVERIFY(first.model && second.model);
        const auto a = first.model->network.params();
        const auto b = second.model->network.params();
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY(*a[i].value == *b[i].value);
    }

    void stopsBeforeTraining_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("change");
        QTest::addColumn<int>("cause");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<ErrorKind>("kind"); // for a front end's own wording
        QTest::newRow("batch size 0 is a settings error")
            << kMini << "batch0" << int(SessionError::Cause::Settings) << "batch size"
            << ErrorKind::BatchSizeTooSmall;
        QTest::newRow("a hidden layer of width 0 is a settings error")
            << kMini << "width0" << int(SessionError::Cause::Settings) << "hidden layer widths"
            << ErrorKind::HiddenWidthTooSmall;
        QTest::newRow("5 outputs for 10 classes is a settings error")
            << kMini << "dense5" << int(SessionError::Cause::Settings) << "10 classes"
            << ErrorKind::LayersOutputMismatch;
        QTest::newRow("missing folder names it and says how to fetch MNIST")
            << "/nonexistent/digitpad-data"
            << "" << int(SessionError::Cause::Data) << "scripts/fetch-mnist" << ErrorKind::NoSuchFolder;
        QTest::newRow("t10k required but missing names the file")
            << "<train only>"
            << "" << int(SessionError::Cause::Data) << "t10k" << ErrorKind::SplitMissing;
    }

    void stopsBeforeTraining() {
        QFETCH(QString, folder);
        QFETCH(QString, change);
        QFETCH(int, cause);
        QFETCH(QString, expected);
        QFETCH(ErrorKind, kind);
        QTemporaryDir trainOnly;
        if (folder == QLatin1String("<train only>")) {
            copyTrainingSplit(trainOnly);
            folder = trainOnly.path();
        }
        TrainingRequest request;
        request.dataFolder = folder.toStdString();
        request.config = quickConfig();
        if (change == QLatin1String("batch0"))
            request.config.batchSize = 0;
        else if (change == QLatin1String("width0"))
            request.config.hiddenLayers = {16, 0};
        else if (change == QLatin1String("dense5"))
            request.config.architecture = "dense5";
        bool started = false;
        TrainingSessionCallbacks callbacks;
        callbacks.onStart = [&](const TrainingStart&) { started = true; };
        TrainingControl control;
        const TrainingSessionResult result = runTrainingSession(request, control, callbacks);
        QVERIFY(!result.ok());
        QCOMPARE(int(result.error->cause), cause);
        QVERIFY2(QString::fromStdString(result.error->message).contains(expected),
                 result.error->message.c_str());
        QCOMPARE(result.error->kind, kind);
        QVERIFY(!started);
        QVERIFY(!result.model);
    }

    void noModelBeforeTheFirstEpoch_data() {
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("status");
        QTest::newRow("cancelled before training") << "cancel"
                                                   << "cancelled";
        QTest::newRow("diverged: loss becomes NaN/Inf") << "diverge"
                                                        << "diverged";
    }

    void noModelBeforeTheFirstEpoch() {
        QFETCH(QString, how);
        QFETCH(QString, status);
        TrainingRequest request;
        request.dataFolder = kMini.toStdString();
        request.config = quickConfig();
        TrainingControl control;
        if (how == QLatin1String("cancel")) {
            control.cancel.store(true);
        } else {
            request.config.optimizer.kind = OptimizerKind::Sgd;
            request.config.optimizer.learningRate = 1e30;
        }
        int batches = 0;
        TrainingSessionCallbacks callbacks;
        callbacks.onBatch = [&](const BatchProgress&) { ++batches; };
        const TrainingSessionResult result = runTrainingSession(request, control, callbacks);
        QVERIFY(result.ok());
        QCOMPARE(QString::fromStdString(toName(result.outcome.status)), status);
        QVERIFY(!result.model);
        if (how == QLatin1String("cancel"))
            QCOMPARE(batches, 0);
    }

    void stoppedRunKeepsItsEpochs() {
        // Stopped during epoch 3: the model is the end of epoch 2, described as two epochs with that epoch's
        // test accuracy; the best epoch by validation comes separately when it is an earlier one.
        TrainingRequest request;
        request.dataFolder = kMini.toStdString();
        request.config = quickConfig();
        request.config.epochs = 50;
        TrainingControl control;
        TrainingSessionCallbacks callbacks;
        callbacks.onBatch = [&](const BatchProgress& p) {
            if (p.epoch == 3 && p.batch == 2)
                control.cancel.store(true);
        };
        const TrainingSessionResult result = runTrainingSession(request, control, callbacks);
        QVERIFY(result.ok());
        QCOMPARE(QString::fromStdString(toName(result.outcome.status)), QStringLiteral("cancelled"));
        QCOMPARE(int(result.outcome.epochs.size()), 2);
        QVERIFY(result.model);
        QCOMPARE(result.model->info.epochs, 2);
        QCOMPARE(*result.model->info.testAccuracy, result.outcome.epochs[1].testAccuracy);
        const int best = result.outcome.bestEpoch;
        QVERIFY(best == 1 || best == 2);
        QCOMPARE(result.bestModel.has_value(), best == 1);
        if (result.bestModel) {
            QCOMPARE(result.bestModel->info.epochs, 1);
            QCOMPARE(*result.bestModel->info.testAccuracy, result.outcome.epochs[0].testAccuracy);
            QVERIFY(result.outcome.epochs[0].validationAccuracy >=
                    result.outcome.epochs[1].validationAccuracy);
        }
    }

    void checksSettings_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("batch");
        QTest::addColumn<QString>("expected"); // empty: valid
        QTest::newRow("default mlp is valid") << "" << 64 << "";
        QTest::newRow("batch size 0") << "" << 0 << "batch size";
        QTest::newRow("architecture with 5 outputs") << "dense5" << 64 << "10 classes";
        QTest::newRow("unknown layer") << "dense10,wobble" << 64 << "wobble";
    }

    void checksSettings() {
        QFETCH(QString, architecture);
        QFETCH(int, batch);
        QFETCH(QString, expected);
        TrainConfig config = *presetConfig("mlp");
        config.architecture = architecture.toStdString();
        config.batchSize = batch;
        const Status settings = config.validate();
        const QString reason = settings ? QString() : QString::fromStdString(settings.error().message);
        if (expected.isEmpty())
            QVERIFY2(reason.isEmpty(), qPrintable(reason));
        else
            QVERIFY2(reason.contains(expected), qPrintable(reason));
    }

    void namesTheDataSet_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("name");
        QTest::newRow("data/mnist is MNIST") << "data/mnist"
                                             << "MNIST";
        QTest::newRow("a trailing slash does not matter") << "/home/me/data/mnist/"
                                                          << "MNIST";
        QTest::newRow("any case of mnist") << "data/Mnist"
                                           << "MNIST";
        QTest::newRow("another folder keeps its name") << "tests/data/mnist-mini"
                                                       << "mnist-mini";
        QTest::newRow("dots are resolved") << "data/fashion/../kmnist"
                                           << "kmnist";
        QTest::newRow("no folder name") << "/"
                                        << "IDX data";
        QTest::newRow("Debian's Fashion-MNIST") << "/usr/share/datasets/fashion-mnist"
                                                << "Fashion-MNIST";
        QTest::newRow("Fashion-MNIST in other spellings") << "data/Fashion_MNIST/"
                                                          << "Fashion-MNIST";
    }

    void namesTheClasses_data() {
        QTest::addColumn<QString>("folderName");
        QTest::addColumn<QString>("labelsInFolder"); // the folder's labels file, empty for none
        QTest::addColumn<QString>("labelsOption");   // TrainingRequest::labelsFile's contents, empty for none
        QTest::addColumn<QStringList>("expected");   // the model's classNames
        QTest::addColumn<QString>("error");          // the data error instead, empty when it trains
        const QStringList fashion = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                     "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
        const QString ten = "zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n";
        const QStringList tenNames = {"zero", "one", "two",   "three", "four",
                                      "five", "six", "seven", "eight", "nine"};
        QTest::newRow("digits: no names recorded") << "idx"
                                                   << ""
                                                   << "" << QStringList{} << "";
        QTest::newRow("a fashion-mnist folder has Fashion-MNIST's names") << "fashion-mnist"
                                                                          << ""
                                                                          << "" << fashion << "";
        QTest::newRow("the folder's labels file") << "fashion-mnist" << ten << "" << tenNames << "";
        QTest::newRow("--labels before the folder's file") << "idx"
                                                           << "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
                                                           << ten << tenNames << "";
        QTest::newRow("a file with the wrong count is a data error")
            << "idx"
            << ""
            << "a\nb\n"
            << QStringList{} << "names 2 classes, but the data has 10";
    }

    void namesTheClasses() {
        QFETCH(QString, folderName);
        QFETCH(QString, labelsInFolder);
        QFETCH(QString, labelsOption);
        QFETCH(QStringList, expected);
        QFETCH(QString, error);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(folderName));
        const QString folder = dir.filePath(folderName);
        for (const char* name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                 "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"})
            QVERIFY(QFile::copy(kMini + '/' + name, folder + '/' + QString(name)));
        const auto write = [](const QString& path, const QString& text) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) == text.toUtf8().size());
        };
        if (!labelsInFolder.isEmpty())
            write(folder + "/labels", labelsInFolder);
        TrainingRequest request;
        request.dataFolder = folder.toStdString();
        request.config = quickConfig();
        request.config.epochs = 1;
        if (!labelsOption.isEmpty()) {
            write(dir.filePath("names.txt"), labelsOption);
            request.labelsFile = dir.filePath("names.txt").toStdString();
        }
        TrainingControl control;
        const TrainingSessionResult result = runTrainingSession(request, control, {});
        if (!error.isEmpty()) {
            QVERIFY(result.error);
            QCOMPARE(result.error->cause, SessionError::Cause::Data);
            QVERIFY2(QString::fromStdString(result.error->message).contains(error),
                     result.error->message.c_str());
            return;
        }
        QVERIFY2(result.ok(), result.error ? result.error->message.c_str() : "");
        QVERIFY(result.model);
        QStringList names;
        for (const std::string& name : result.model->info.classNames)
            names << QString::fromStdString(name);
        QCOMPARE(names, expected);
        QCOMPARE(isDigitModel(result.model->info), expected.isEmpty());
    }

    void namesTheDataSet() {
        QFETCH(QString, folder);
        QFETCH(QString, name);
        QCOMPARE(QString::fromStdString(datasetName(folder.toStdString())), name);
    }
};

QTEST_APPLESS_MAIN(TrainingSessionTest)
#include "test_training_session.moc"
