// SPDX-License-Identifier: GPL-3.0-or-later
// A model's answer with test-time augmentation: the mean of its networks' probabilities over the copies of
// the image, checked against the same mean computed by hand, in Model::probabilities() and in evaluate().
#include "data/TestTimeAugmentation.h"
#include "io/Model.h"
#include "nn/Evaluation.h"
#include "nn/Loss.h"

#include <QTest>

#include <cmath>

using namespace digitpad;

Q_DECLARE_METATYPE(digitpad::TestTimeAugmentation)

namespace {

constexpr int kSide = 5;

/// dense3 on a 3 × 3 image whose logits are (centre pixel, the pixel left of the centre, 0).
Network pixelReader() {
    Network network = Network::fromArchitecture({1, 3, 3}, "dense3", OutputHead::Softmax);
    for (const ParamRef& param : network.params()) {
        param.value->setZero();
        if (param.value->cols() == 9) { // the weights; the bias is one column
            (*param.value)(0, 4) = 1;
            (*param.value)(1, 3) = 1;
        }
    }
    return network;
}

/// Two small networks of 5 × 5 images with different weights.
Model smallEnsemble(TestTimeAugmentation testTime) {
    Model model;
    model.network = Network::fromArchitecture({1, kSide, kSide}, "dense8,relu,dense4", OutputHead::Softmax);
    model.network.initialise(Init::He, 3);
    Network other = Network::fromArchitecture({1, kSide, kSide}, "dense6,tanh,dense4", OutputHead::Softmax);
    other.initialise(Init::He, 4);
    model.otherMembers.push_back(std::move(other));
    model.info.labels = "0123";
    model.info.testTime = testTime;
    return model;
}

/// Three 5 × 5 images with ink in different places.
Matrix threeImages() {
    Matrix images = Matrix::Zero(kSide * kSide, 3);
    for (int i = 0; i < 3; ++i)
        for (int p = 0; p < kSide * kSide; ++p)
            images(p, i) = static_cast<Scalar>(((p * (i + 2)) % 7) / 6.0);
    return images;
}

/// softmax of (a, b, 0) at class k.
double softmaxOf(double a, double b, int k) {
    const double logits[3] = {a, b, 0.0};
    return std::exp(logits[k]) / (std::exp(a) + std::exp(b) + 1.0);
}

} // namespace

class TestTimeAnswerTest : public QObject {
    Q_OBJECT

private slots:
    void shiftsAverageByHand();
    void meanOverMembersAndCopies_data();
    void meanOverMembersAndCopies();
    void noneIsTheNetworksOwnAnswer();
    void evaluationAnswersTheSame_data();
    void evaluationAnswersTheSame();
    void unfitModelsAreRefused();
};

// One 3 × 3 image with ink 2 in the centre. Its copies' logits (centre, left of centre, 0): the image
// (2, 0, 0); moved right (0, 0, 0); moved left (0, 2, 0), its ink now left of the centre; moved up or down
// (0, 0, 0).
void TestTimeAnswerTest::shiftsAverageByHand() {
    Model model;
    model.network = pixelReader();
    model.info.labels = "012";
    model.info.testTime = TestTimeAugmentation::Shifts;
    Matrix image = Matrix::Zero(9, 1);
    image(4, 0) = 2;
    const Matrix answer = model.probabilities(image);
    QCOMPARE(answer.rows(), Eigen::Index(3));
    QCOMPARE(answer.cols(), Eigen::Index(1));
    for (int k = 0; k < 3; ++k) {
        const double expected = (softmaxOf(2, 0, k) + 3 * softmaxOf(0, 0, k) + softmaxOf(0, 2, k)) / 5;
        QVERIFY2(std::abs(static_cast<double>(answer(k, 0)) - expected) < 1e-6,
                 qPrintable(QString("class %1: %2, by hand %3").arg(k).arg(answer(k, 0)).arg(expected)));
    }
}

void TestTimeAnswerTest::meanOverMembersAndCopies_data() {
    QTest::addColumn<TestTimeAugmentation>("testTime");
    for (const EnumName<TestTimeAugmentation>& entry : kTestTimeAugmentationNames)
        QTest::newRow(std::string(entry.name).c_str()) << entry.value;
}

// The model's answer is the mean of every member's probabilities on every copy, copy by copy as
// testTimeImages() makes them and member by member as each network answers alone.
void TestTimeAnswerTest::meanOverMembersAndCopies() {
    QFETCH(TestTimeAugmentation, testTime);
    const Model model = smallEnsemble(testTime);
    const Matrix images = threeImages();
    const Matrix answer = model.probabilities(images);
    const int copies = testTimeImageCount(testTime);
    for (Eigen::Index i = 0; i < images.cols(); ++i) {
        const Matrix one = images.col(i);
        const Matrix all = testTimeImages(testTime, one, kSide, kSide);
        Vector byHand = Vector::Zero(4);
        for (int k = 0; k < copies; ++k)
            for (const Network* member : model.members())
                byHand += member->probabilities(all.col(k)).col(0);
        byHand /= static_cast<Scalar>(copies * model.memberCount());
        QVERIFY2((answer.col(i) - byHand).cwiseAbs().maxCoeff() < 1e-6f,
                 qPrintable(QString("image %1").arg(i)));
        QVERIFY(std::abs(answer.col(i).sum() - 1) < 1e-5f);
    }
}

void TestTimeAnswerTest::noneIsTheNetworksOwnAnswer() {
    Model model = smallEnsemble(TestTimeAugmentation::None);
    model.otherMembers.clear();
    const Matrix images = threeImages();
    QCOMPARE(model.probabilities(images), model.network.probabilities(images));
}

void TestTimeAnswerTest::evaluationAnswersTheSame_data() {
    meanOverMembersAndCopies_data();
}

// evaluate() answers each image with the model's mean probabilities: the same class and the same
// probability of it.
void TestTimeAnswerTest::evaluationAnswersTheSame() {
    QFETCH(TestTimeAugmentation, testTime);
    const Model model = smallEnsemble(testTime);
    Dataset data;
    data.shape = {1, kSide, kSide};
    data.classes = 4;
    data.images = threeImages();
    data.labels = {0, 1, 2};
    const std::unique_ptr<Loss> loss = makeLoss(LossKind::CrossEntropy);
    const std::vector<const Network*> members = model.members();
    // A batch of one image makes copies × 1 columns; a batch of two splits the three images unevenly.
    for (const int batchSize : {1, 2 * testTimeImageCount(testTime), 1000}) {
        const Evaluation evaluation = evaluate(members, *loss, data, testTime, batchSize);
        const Matrix answer = model.probabilities(data.images);
        for (int i = 0; i < data.size(); ++i) {
            Eigen::Index best = 0;
            answer.col(i).maxCoeff(&best);
            QCOMPARE(evaluation.predictions[static_cast<std::size_t>(i)], static_cast<int>(best));
            QVERIFY(std::abs(evaluation.confidences[static_cast<std::size_t>(i)] -
                             static_cast<double>(answer(best, i))) < 1e-5);
        }
    }
}

void TestTimeAnswerTest::unfitModelsAreRefused() {
    const Network identity = Network::fromArchitecture({1, kSide, kSide}, "dense4", OutputHead::Identity);
    QVERIFY(checkTestTime(TestTimeAugmentation::None, identity).ok());
    const Status refused = checkTestTime(TestTimeAugmentation::Shifts, identity);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.find("softmax") != std::string::npos, refused.error().message.c_str());
    const Network colour =
        Network::fromArchitecture({3, kSide, kSide}, "flatten,dense4", OutputHead::Softmax);
    const Status noColour = checkTestTime(TestTimeAugmentation::Rotations, colour);
    QVERIFY(!noColour.ok());
    QVERIFY2(noColour.error().message.find("one channel") != std::string::npos,
             noColour.error().message.c_str());
    const Network* const members[] = {&colour};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, meanProbabilities(members, Matrix::Zero(75, 1),
                                                                      TestTimeAugmentation::Rotations));
}

QTEST_APPLESS_MAIN(TestTimeAnswerTest)
#include "test_test_time_answer.moc"
