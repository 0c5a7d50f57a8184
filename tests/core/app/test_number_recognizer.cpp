// SPDX-License-Identifier: GPL-3.0-or-later
// The number use case: one digit gives exactly recognize() on the whole image; several digits are each
// recognised on their own ink, left to right, with their boxes; no ink gives no digits; a model for other
// inputs fails.
#include "app/NumberRecognizer.h"

#include "support/InkStrokes.h"

#include <QtTest>

using namespace digitpad;
using namespace digitpad::test;

namespace {

Model randomModel(Shape input = {1, 28, 28}) {
    Model model;
    model.network = Network::fromArchitecture(input, "dense16,relu,dense10", OutputHead::Softmax);
    model.network.initialise(Init::He, 5);
    model.info.labels = "0123456789";
    return model;
}

GrayImage fortyTwo() {
    GrayImage image(280, 200);
    inkFourInTwoStrokes(image, 40, 40);
    inkTwo(image, 160, 40);
    return image;
}

void compareRecognitions(const Recognition& a, const Recognition& b) {
    QCOMPARE(a.status, b.status);
    QCOMPARE(a.classIndex, b.classIndex);
    QCOMPARE(a.label, b.label);
    QCOMPARE(a.probability, b.probability);
    QCOMPARE(a.probabilities, b.probabilities);
    QCOMPARE(a.runnerUpIndex, b.runnerUpIndex);
    QCOMPARE(a.unsure, b.unsure);
    QVERIFY(a.input == b.input);
}

} // namespace

class NumberRecognizerTest : public QObject {
    Q_OBJECT

private slots:
    void oneDigitIsExactlyTheSingleDigitAnswer_data() {
        QTest::addColumn<int>("framing");
        QTest::newRow("mnist") << int(Framing::Mnist);
        QTest::newRow("resize") << int(Framing::Resize);
    }

    void oneDigitIsExactlyTheSingleDigitAnswer() {
        QFETCH(int, framing);
        const Model model = randomModel();
        GrayImage image(280, 280);
        inkFiveWithDetachedBar(image, 100, 60);
        const Result<NumberRecognition> number = recognizeNumber(model, image, Framing(framing));
        QVERIFY(number);
        QCOMPARE(number->digits.size(), std::size_t(1));
        const Result<Recognition> whole = recognize(model, image, Framing(framing));
        QVERIFY(whole);
        compareRecognitions(number->digits[0].recognition, *whole);
        QCOMPARE(number->number(), whole->label);
        QCOMPARE(number->digits[0].box, segmentDigits(image).front().box);
    }

    void severalDigitsAreEachRecognisedAlone() {
        const Model model = randomModel();
        const GrayImage image = fortyTwo();
        const Result<NumberRecognition> number = recognizeNumber(model, image, Framing::Mnist);
        QVERIFY(number);
        const std::vector<DigitSegment> segments = segmentDigits(image);
        QCOMPARE(number->digits.size(), std::size_t(2));
        std::string expected;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            QCOMPARE(number->digits[i].box, segments[i].box);
            const Result<Recognition> alone = recognize(model, segments[i].image, Framing::Mnist);
            QVERIFY(alone);
            compareRecognitions(number->digits[i].recognition, *alone);
            expected += alone->label;
        }
        QCOMPARE(number->number(), expected);
        QVERIFY(number->digits[0].box.x < number->digits[1].box.x);
        QCOMPARE(number->anyUnsure(),
                 number->digits[0].recognition.unsure || number->digits[1].recognition.unsure);
    }

    void strokesOfOneDigitGiveTheSingleDigitAnswer() {
        // A 4 whose stem crosses its bar, drawn in two strokes: one digit, read as recognize() reads the
        // canvas.
        const Model model = randomModel();
        Drawing drawing;
        drawing.strokes = {{{150, 60, 14}, {90, 170, 14}, {200, 170, 14}}, {{170, 100, 14}, {170, 230, 14}}};
        const GrayImage image = renderDrawing(drawing);
        const Result<NumberRecognition> number = recognizeNumber(model, image, drawing, Framing::Mnist);
        QVERIFY(number);
        QCOMPARE(number->digits.size(), std::size_t(1));
        const Result<Recognition> whole = recognize(model, image, Framing::Mnist);
        QVERIFY(whole);
        compareRecognitions(number->digits[0].recognition, *whole);
    }

    void touchingDigitsDrawnApartAreEachRecognisedAlone() {
        // A 1 and a 7 whose bar starts where the 1 ends: one piece of ink, two digits by their strokes.
        const Model model = randomModel();
        Drawing drawing;
        drawing.strokes = {{{100, 60, 14}, {100, 220, 14}}, {{108, 60, 14}, {200, 60, 14}, {150, 220, 14}}};
        const GrayImage image = renderDrawing(drawing);
        const std::vector<DigitSegment> segments = segmentDigits(image, drawing);
        QCOMPARE(segments.size(), std::size_t(2));
        const Result<NumberRecognition> number = recognizeNumber(model, image, drawing, Framing::Mnist);
        QVERIFY(number);
        // The untrained network is unsure of the whole, so the two pieces are not taken back for one digit
        // (NumberRecognizer.h): each is read alone.
        const Result<Recognition> whole = recognize(model, image, Framing::Mnist);
        QVERIFY(whole);
        QVERIFY(whole->unsure);
        QCOMPARE(number->digits.size(), std::size_t(2));
        for (std::size_t i = 0; i < segments.size(); ++i) {
            QCOMPARE(number->digits[i].box, segments[i].box);
            const Result<Recognition> alone = recognize(model, segments[i].image, Framing::Mnist);
            QVERIFY(alone);
            compareRecognitions(number->digits[i].recognition, *alone);
        }
    }

    void noInkGivesNoDigits() {
        const Result<NumberRecognition> number =
            recognizeNumber(randomModel(), GrayImage(280, 280), Framing::Mnist);
        QVERIFY(number);
        QVERIFY(!number->recognised());
        QCOMPARE(number->number(), std::string());
    }

    void modelForOtherInputsFails() {
        const Model model = randomModel({1, 8, 8});
        QVERIFY(!recognizeNumber(model, fortyTwo(), Framing::Mnist));
        GrayImage one(100, 100);
        inkPolyline(one, {{50, 20}, {50, 80}}, 10);
        QVERIFY(!recognizeNumber(model, one, Framing::Mnist));
    }
};

QTEST_APPLESS_MAIN(NumberRecognizerTest)
#include "test_number_recognizer.moc"
