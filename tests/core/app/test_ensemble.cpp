// SPDX-License-Identifier: GPL-3.0-or-later
// Ensembles: combining models (and what may not be combined), the mean of the members' probabilities in
// recognition and evaluation, the .dpm round trip with every network and its seed, corrupt ensemble files,
// and Look inside's averaged margin gradient.
#include "app/Ensemble.h"
#include "app/LookInside.h"
#include "app/Recognizer.h"
#include "data/IdxReader.h"
#include "io/ModelFile.h"
#include "nn/Evaluation.h"
#include "nn/Saliency.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <cmath>
#include <string>

using namespace digitpad;

namespace {

Model randomModel(const std::string& architecture, unsigned long long seed) {
    Model model;
    model.network = Network::fromArchitecture({1, 28, 28}, architecture, OutputHead::Softmax);
    model.network.initialise(Init::He, seed);
    model.info.seed = seed;
    model.info.testAccuracy = 0.9;
    return model;
}

/// Three networks of two architectures, seeds 1, 2 and 3.
Model threeNetworks() {
    Result<Model> ensemble = combineIntoEnsemble({{randomModel("dense16,relu,dense10", 1), "a.dpm"},
                                                  {randomModel("dense16,relu,dense10", 2), "b.dpm"},
                                                  {randomModel("conv3x3x4,relu,pool2,dense10", 3), "c.dpm"}});
    if (!ensemble)
        qFatal("%s", ensemble.error().message.c_str());
    return std::move(ensemble.value());
}

Dataset fixture() {
    Result<Dataset> data = readIdxFolder(DIGITPAD_TEST_DATA "/mnist-mini", "t10k");
    if (!data)
        qFatal("%s", data.error().message.c_str());
    return data->slice(0, 60);
}

QByteArray u32(std::uint32_t v) {
    QByteArray bytes;
    for (int i = 0; i < 4; ++i)
        bytes.append(char(v >> (8 * i)));
    return bytes;
}

/// A model file with `header` in place of the saved one (the tensor data kept), its checksum made right.
QByteArray withHeader(const QByteArray& file, const nlohmann::json& header) {
    const auto length = [&](int at) {
        std::uint32_t v = 0;
        for (int i = 3; i >= 0; --i)
            v = (v << 8) | std::uint8_t(file[at + i]);
        return int(v);
    };
    const int oldLength = length(12);
    const QByteArray data = file.mid(16 + oldLength, file.size() - 16 - oldLength - 4);
    const QByteArray text = QByteArray::fromStdString(header.dump());
    QByteArray out = QByteArray("DIGITPAD") + u32(1) + u32(std::uint32_t(text.size())) + text + data;
    return out +
           u32(std::uint32_t(crc32(0L, reinterpret_cast<const Bytef*>(out.constData()), uInt(out.size()))));
}

} // namespace

class EnsembleTest : public QObject {
    Q_OBJECT

private slots:
    void combinesEveryNetworkAndSeed() {
        const Model ensemble = threeNetworks();
        QCOMPARE(ensemble.memberCount(), 3);
        QCOMPARE(ensemble.info.memberSeeds, (std::vector<unsigned long long>{1, 2, 3}));
        QVERIFY2(!ensemble.info.testAccuracy, "one network's accuracy does not describe the ensemble");
        QCOMPARE(ensemble.parameterCount(), ensemble.network.parameterCount() +
                                                ensemble.otherMembers[0].parameterCount() +
                                                ensemble.otherMembers[1].parameterCount());
        // An ensemble joining another brings all of its networks.
        Result<Model> four = combineIntoEnsemble(
            {{threeNetworks(), "three.dpm"}, {randomModel("dense16,relu,dense10", 4), "d.dpm"}});
        QVERIFY(four.ok());
        QCOMPARE(four->memberCount(), 4);
        QCOMPARE(four->info.memberSeeds, (std::vector<unsigned long long>{1, 2, 3, 4}));
    }

    void refusesWhatCannotBeAveraged_data() {
        QTest::addColumn<int>("breakage");
        QTest::addColumn<QString>("complaint");
        QTest::newRow("one model") << 0 << "at least two models";
        QTest::newRow("identity head")
            << 1 << "'b.dpm' cannot join an ensemble with 'a.dpm': it has the identity";
        QTest::newRow("other framing")
            << 2 << "'b.dpm' cannot join an ensemble with 'a.dpm': it expects resize";
        QTest::newRow("other steps") << 3 << "its framing steps (deskew) differ";
        QTest::newRow("other labels") << 4 << "its classes 'abcdefghij' differ";
        QTest::newRow("17 networks") << 5 << "at most 16 networks";
    }

    void refusesWhatCannotBeAveraged() {
        QFETCH(int, breakage);
        QFETCH(QString, complaint);
        Model second = randomModel("dense16,relu,dense10", 2);
        std::vector<EnsembleMember> parts{{randomModel("dense16,relu,dense10", 1), "a.dpm"}};
        switch (breakage) {
        case 1:
            second.network = Network::fromArchitecture({1, 28, 28}, "dense10", OutputHead::Identity);
            break;
        case 2:
            second.info.framing = Framing::Resize;
            break;
        case 3:
            second.info.framingSteps.deskew = true;
            break;
        case 4:
            second.info.labels = "abcdefghij";
            break;
        }
        if (breakage != 0)
            parts.push_back({second, "b.dpm"});
        if (breakage == 5)
            for (int i = 0; i < 15; ++i)
                parts.push_back({randomModel("dense10", 10 + i), "more.dpm"});
        const Result<Model> ensemble = combineIntoEnsemble(std::move(parts));
        QVERIFY(!ensemble.ok());
        QVERIFY2(QString::fromStdString(ensemble.error().message).contains(complaint),
                 ensemble.error().message.c_str());
    }

    void answersWithTheMeanOfTheMembers() {
        const Model ensemble = threeNetworks();
        const Dataset data = fixture();
        const Matrix x = data.images;
        const Matrix mean = (ensemble.network.probabilities(x) + ensemble.otherMembers[0].probabilities(x) +
                             ensemble.otherMembers[1].probabilities(x)) /
                            Scalar(3);
        QVERIFY(ensemble.probabilities(x).isApprox(mean, Scalar(1e-6)));

        // Evaluation answers as recognition does, with the log of the mean as the loss's logits.
        const auto loss = makeLoss(LossKind::CrossEntropy);
        const Evaluation e = evaluate(ensemble.members(), *loss, data, 7);
        double lossSum = 0.0;
        for (int c = 0; c < data.size(); ++c) {
            QCOMPARE(e.predictions[std::size_t(c)], argmaxColumn(mean, c));
            QVERIFY(std::abs(e.confidences[std::size_t(c)] - mean.col(c).maxCoeff()) < 1e-5);
            lossSum -= std::log(double(mean(data.labels[std::size_t(c)], c)));
        }
        QVERIFY(std::abs(e.loss - lossSum / data.size()) < 1e-4);

        // One member is exactly the single-network evaluation.
        const Network* const one[] = {&ensemble.network};
        const Evaluation single = evaluate(ensemble.network, *loss, data);
        const Evaluation viaMembers = evaluate(one, *loss, data);
        QCOMPARE(viaMembers.predictions, single.predictions);
        QCOMPARE(viaMembers.confidences, single.confidences);
        QCOMPARE(viaMembers.loss, single.loss);
    }

    void roundTripKeepsEveryNetwork() {
        const Model ensemble = threeNetworks();
        QTemporaryDir dir;
        const std::string path = dir.filePath("ensemble.dpm").toStdString();
        QVERIFY(saveModel(ensemble, path).ok());
        const Result<Model> loaded = loadModel(path);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
        QCOMPARE(loaded->memberCount(), 3);
        QCOMPARE(loaded->info.memberSeeds, ensemble.info.memberSeeds);
        const std::vector<const Network*> a = ensemble.members();
        const std::vector<const Network*> b = loaded->members();
        for (std::size_t m = 0; m < a.size(); ++m) {
            QCOMPARE(b[m]->architecture(), a[m]->architecture());
            const auto ta = a[m]->tensors();
            const auto tb = b[m]->tensors();
            QCOMPARE(tb.size(), ta.size());
            for (std::size_t i = 0; i < ta.size(); ++i)
                QVERIFY(*tb[i].second == *ta[i].second);
        }
        const Matrix x = fixture().images;
        QVERIFY(loaded->probabilities(x) == ensemble.probabilities(x));
    }

    void corruptEnsembleFilesAreRefused_data() {
        QTest::addColumn<int>("breakage");
        QTest::addColumn<QString>("complaint");
        QTest::newRow("members not a list") << 0 << "header field 'members' must list 1 to 15 networks";
        QTest::newRow("member table wrong") << 1 << "network 3 of 3: tensor 0 is '0.weight' 4x10 in the file";
        QTest::newRow("member architecture bad") << 2 << "network 2 of 3: architecture 'dense16,relu,bogus7'";
        QTest::newRow("seed count") << 3 << "lists 2 member seeds for 3 networks";
        QTest::newRow("member without data") << 4 << "the tensor data is truncated";
    }

    void corruptEnsembleFilesAreRefused() {
        QFETCH(int, breakage);
        QFETCH(QString, complaint);
        QTemporaryDir dir;
        const QString path = dir.filePath("ensemble.dpm");
        QVERIFY(saveModel(threeNetworks(), path.toStdString()).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray good = file.readAll();
        file.close();
        std::uint32_t length = 0;
        for (int i = 3; i >= 0; --i)
            length = (length << 8) | std::uint8_t(good[12 + i]);
        nlohmann::json header = nlohmann::json::parse(good.mid(16, int(length)).toStdString());
        switch (breakage) {
        case 0:
            header["members"] = "two more";
            break;
        case 1:
            header["members"][1]["tensors"][0]["rows"] = 4;
            header["members"][1]["tensors"][0]["cols"] = 10;
            break;
        case 2:
            header["members"][0]["architecture"] = "dense16,relu,bogus7";
            break;
        case 3:
            header["training"]["memberSeeds"] = {1, 2};
            break;
        case 4:
            header["members"].push_back(header["members"][0]);
            header["training"]["memberSeeds"].push_back(4);
            break;
        }
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(withHeader(good, header));
        out.close();
        const Result<Model> loaded = loadModel(path.toStdString());
        QVERIFY(!loaded.ok());
        const QString message = QString::fromStdString(loaded.error().message);
        QVERIFY2(message.startsWith("cannot load model '" + path + "': "), qPrintable(message));
        QVERIFY2(message.contains(complaint), qPrintable(message));
    }

    void recognitionAndLookInsideAverageTheMembers() {
        const Model ensemble = threeNetworks();
        GrayImage image;
        image.width = image.height = 28;
        image.pixels.assign(28 * 28, 255);
        for (int y = 5; y < 23; ++y)
            for (int x = 12; x < 16; ++x)
                image.pixels[std::size_t(y * 28 + x)] = 0;
        const Result<Recognition> answer = recognize(ensemble, image, Framing::Mnist);
        QVERIFY(answer.ok() && answer->recognised());
        const Matrix mean = ensemble.probabilities(answer->input);
        QCOMPARE(answer->classIndex, argmaxColumn(mean, 0));
        QVERIFY(std::abs(answer->probability - mean.maxCoeff()) < 1e-6);

        const LookInside look = lookInside(ensemble, answer->input);
        QCOMPARE(look.members, 3);
        QCOMPARE(look.winner, answer->classIndex);
        QCOMPARE(look.runnerUp, answer->runnerUpIndex);
        Vector gradient = Vector::Zero(784);
        for (const Network* member : ensemble.members())
            gradient += marginGradient(*member, answer->input, look.winner, look.runnerUp).col(0);
        QVERIFY(look.gradient.isApprox(gradient / Scalar(3), Scalar(1e-5)));
        QCOMPARE(look.layers.size(), ensemble.network.layers().size());

        // Given the answer's probabilities, the members do not rank the classes again: the same look.
        const LookInside given = lookInside(ensemble, answer->input, answer->probabilities);
        QCOMPARE(given.winner, look.winner);
        QCOMPARE(given.runnerUp, look.runnerUp);
        QCOMPARE(given.gradient, look.gradient);
        QCOMPARE(given.why, look.why);
        // Given probabilities decide the ranking: swapping the top two swaps winner and runner-up.
        std::vector<double> swapped = answer->probabilities;
        std::swap(swapped[std::size_t(look.winner)], swapped[std::size_t(look.runnerUp)]);
        const LookInside reversed = lookInside(ensemble, answer->input, swapped);
        QCOMPARE(reversed.winner, look.runnerUp);
        QCOMPARE(reversed.runnerUp, look.winner);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 lookInside(ensemble, answer->input, std::vector<double>(3, 0.1)));
    }
};

QTEST_GUILESS_MAIN(EnsembleTest)
#include "test_ensemble.moc"
