// SPDX-License-Identifier: GPL-3.0-or-later
// RecognizePanel driven as a user drives it: real mouse strokes, Enter / Backspace / Ctrl+Z on the window,
// the framing switch, live mode, opened images, and the log line of each classification.
#include "DrawingCanvas.h"
#include "InputPreview.h"
#include "ProbabilityChart.h"
#include "RecognizePanel.h"
#include "app/AnswerCertainty.h"
#include "data/ClassNames.h"
#include "data/DigitSegmentation.h"
#include "data/FramingSteps.h"
#include "image/QtImage.h"
#include "io/ModelFile.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numeric>

#include "support/CanvasStrokes.h"

namespace {

using digitpad::test::drawOne;
using digitpad::test::drawSeven;
using digitpad::test::drawStroke;
using digitpad::test::paperStroke;

void drawZero(DrawingCanvas* canvas) {
    QList<QPointF> ring;
    for (int i = 0; i <= 36; ++i) {
        const double a = i * 2 * M_PI / 36;
        ring.append({0.5 + 0.2 * std::sin(a), 0.5 - 0.32 * std::cos(a)});
    }
    drawStroke(canvas, paperStroke(canvas, ring));
}

/// A small network with random weights: enough to check the plumbing, not the answers.
std::shared_ptr<const digitpad::Model> randomModel(digitpad::Framing framing = digitpad::Framing::Mnist,
                                                   digitpad::FramingSteps steps = {},
                                                   digitpad::TestTimeAugmentation testTime = {}) {
    auto model = std::make_shared<digitpad::Model>();
    model->network = digitpad::Network::fromArchitecture(digitpad::Shape{1, 28, 28}, "dense16,relu,dense10",
                                                         digitpad::OutputHead::Softmax);
    model->network.initialise(digitpad::Init::He, 7);
    model->info.framing = framing;
    model->info.framingSteps = steps;
    model->info.testTime = testTime;
    return model;
}

/// The bundled model, or null while models/default.dpm has not been trained.
std::shared_ptr<const digitpad::Model> bundledModel() {
    const QString path = QStringLiteral(DIGITPAD_SOURCE_DIR "/models/default.dpm");
    if (!QFile::exists(path))
        return nullptr;
    digitpad::Result<digitpad::Model> loaded = digitpad::loadModel(path.toStdString());
    if (!loaded)
        qFatal("%s", loaded.error().message.c_str());
    return std::make_shared<digitpad::Model>(std::move(loaded.value()));
}

/// randomModel() with Fashion-MNIST's class names: a model whose classes are not the digits.
std::shared_ptr<const digitpad::Model> fashionModel() {
    auto model = std::make_shared<digitpad::Model>(*randomModel());
    model->info.classNames = digitpad::fashionMnistClassNames();
    return model;
}

QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureRecognizeLog(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (context.category != nullptr && QByteArray(context.category) == "digitpad.recognize")
        capturedLog.append(message);
    else if (previousHandler != nullptr)
        previousHandler(type, context, message);
}

} // namespace

class TestRecognizePanel : public QObject {
    Q_OBJECT

    std::unique_ptr<RecognizePanel> panel_;

    /// A fresh panel with a random model, shown and active so window shortcuts reach it.
    RecognizePanel* showPanel(std::shared_ptr<const digitpad::Model> model = randomModel()) {
        panel_ = std::make_unique<RecognizePanel>();
        panel_->setModel(std::move(model));
        panel_->resize(900, 560);
        panel_->show();
        QApplication::setActiveWindow(panel_.get());
        if (!QTest::qWaitForWindowActive(panel_.get()))
            qWarning("panel window not active: shortcuts may not arrive");
        return panel_.get();
    }

    void verifyDigitShown(RecognizePanel* panel, bool provisional) {
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);
        QVERIFY(panel->shownDigit() >= 0 && panel->shownDigit() <= 9);
        QCOMPARE(panel->isProvisional(), provisional);
        const QList<double> p = panel->chart()->probabilities();
        QCOMPARE(p.size(), 10);
        QVERIFY(std::abs(std::accumulate(p.begin(), p.end(), 0.0) - 1.0) < 1e-4);
        QCOMPARE(panel->chart()->highlighted(), panel->shownDigit());
        QCOMPARE(panel->shownProbability(), p[panel->shownDigit()]);
        QVERIFY(!panel->preview()->isEmpty());
        QCOMPARE(panel->preview()->image().size(), QSize(28, 28));
    }

private slots:
    void cleanup() { panel_.reset(); }

    void enterRecognisesWithoutFocusingTheCanvas_data() {
        QTest::addColumn<int>("key");
        QTest::newRow("Return") << int(Qt::Key_Return);
        QTest::newRow("keypad Enter") << int(Qt::Key_Enter);
    }
    void enterRecognisesWithoutFocusingTheCanvas() {
        QFETCH(int, key);
        RecognizePanel* panel = showPanel();
        QSignalSpy recognized(panel, &RecognizePanel::recognized);
        drawSeven(panel->canvas());
        QCOMPARE(recognized.count(), 0); // live mode is off by default
        QVERIFY(!panel->canvas()->hasFocus());
        QTest::keyClick(panel, Qt::Key(key));
        QCOMPARE(recognized.count(), 1);
        verifyDigitShown(panel, false);
    }

    void clearKeysClearCanvasAndPreview_data() {
        QTest::addColumn<int>("key");
        QTest::newRow("Backspace") << int(Qt::Key_Backspace);
        QTest::newRow("Delete") << int(Qt::Key_Delete);
    }
    void clearKeysClearCanvasAndPreview() {
        QFETCH(int, key);
        RecognizePanel* panel = showPanel();
        drawSeven(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        QVERIFY(!panel->preview()->isEmpty());
        QTest::keyClick(panel, Qt::Key(key));
        QVERIFY(panel->canvas()->isEmpty());
        QVERIFY(panel->preview()->isEmpty());
        QVERIFY(panel->chart()->probabilities().isEmpty());
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Idle);
        QCOMPARE(panel->shownDigit(), -1);
    }

    void ctrlZRemovesOneStroke() {
        RecognizePanel* panel = showPanel();
        drawStroke(panel->canvas(), paperStroke(panel->canvas(), {{0.3, 0.2}, {0.7, 0.2}}));
        const QImage oneStroke = panel->canvas()->image();
        drawStroke(panel->canvas(), paperStroke(panel->canvas(), {{0.7, 0.2}, {0.45, 0.85}}));
        QCOMPARE(panel->canvas()->strokeCount(), 2);
        QTest::keyClick(panel, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(panel->canvas()->strokeCount(), 1);
        QCOMPARE(panel->canvas()->image(), oneStroke);
        QTest::keyClick(panel, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(panel->canvas()->strokeCount(), 0);
        QVERIFY(panel->canvas()->isEmpty());
    }

    void emptyCanvasIsNothingToRecognise_data() {
        QTest::addColumn<bool>("drawThenClear");
        QTest::newRow("never drawn") << false;
        QTest::newRow("drawn then cleared") << true;
    }
    void emptyCanvasIsNothingToRecognise() {
        QFETCH(bool, drawThenClear);
        RecognizePanel* panel = showPanel();
        if (drawThenClear) {
            drawSeven(panel->canvas());
            QTest::keyClick(panel, Qt::Key_Return);
            QTest::keyClick(panel, Qt::Key_Backspace);
        }
        QSignalSpy recognized(panel, &RecognizePanel::recognized);
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(recognized.count(), 0);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Nothing);
        QCOMPARE(panel->shownDigit(), -1);
        QVERIFY(panel->answerText().contains("Nothing to recognise"));
        QVERIFY(panel->chart()->probabilities().isEmpty());
        QCOMPARE(panel->chart()->highlighted(), -1);
        QVERIFY(panel->preview()->isEmpty());
    }

    void framingSwitchReclassifiesAtOnce_data() {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::newRow("mnist to resize") << int(digitpad::Framing::Mnist) << int(digitpad::Framing::Resize);
        QTest::newRow("resize to mnist") << int(digitpad::Framing::Resize) << int(digitpad::Framing::Mnist);
    }
    void framingSwitchReclassifiesAtOnce() {
        QFETCH(int, from);
        QFETCH(int, to);
        RecognizePanel* panel = showPanel(randomModel(digitpad::Framing(from)));
        QCOMPARE(int(panel->framing()), from); // adopts the model's framing
        // A small digit in a corner: the two framings see it very differently.
        drawStroke(panel->canvas(), paperStroke(panel->canvas(), {{0.1, 0.1}, {0.3, 0.1}, {0.18, 0.35}}));
        QTest::keyClick(panel, Qt::Key_Return);
        const QImage before = panel->preview()->image();
        QSignalSpy recognized(panel, &RecognizePanel::recognized);
        panel->setFraming(digitpad::Framing(to));
        QCOMPARE(int(panel->framing()), to);
        QCOMPARE(recognized.count(), 1);
        verifyDigitShown(panel, false);
        QVERIFY(panel->preview()->image() != before);
    }

    void framingStepsAreShownAndApplied_data() {
        QTest::addColumn<bool>("deskew");
        QTest::addColumn<int>("testTime");
        QTest::addColumn<QString>("shown");
        QTest::newRow("a model trained without steps") << false << 0 << "+ no steps";
        QTest::newRow("a model trained with deskew") << true << 0 << "+ deskew";
        QTest::newRow("deskew and test-time shifts")
            << true << int(digitpad::TestTimeAugmentation::Shifts) << "+ deskew, mean of 5 copies";
        QTest::newRow("test-time turns only")
            << false << int(digitpad::TestTimeAugmentation::Rotations) << "+ mean of 3 copies";
    }
    void framingStepsAreShownAndApplied() {
        QFETCH(bool, deskew);
        QFETCH(int, testTime);
        QFETCH(QString, shown);
        RecognizePanel* panel = showPanel(
            randomModel(digitpad::Framing::Mnist, {deskew, false}, digitpad::TestTimeAugmentation(testTime)));
        const auto* label = panel->findChild<QLabel*>(QStringLiteral("framingStepsLabel"));
        QVERIFY(label != nullptr && label->isVisible());
        QCOMPARE(label->text(), shown);
        // A 1 leaning right by about 20°: the preview shows what the network reads, upright with deskew.
        drawStroke(panel->canvas(), paperStroke(panel->canvas(), {{0.62, 0.12}, {0.38, 0.88}}));
        QTest::keyClick(panel, Qt::Key_Return);
        verifyDigitShown(panel, false);
        const QImage preview = panel->preview()->image().convertToFormat(QImage::Format_Grayscale8);
        QCOMPARE(preview.size(), QSize(28, 28));
        digitpad::Vector field(28 * 28);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x)
                field[y * 28 + x] = static_cast<digitpad::Scalar>(qGray(preview.pixel(x, y)));
        const double slant = digitpad::slantOf(field, 28);
        if (deskew)
            QVERIFY2(std::abs(slant) < 0.05, qPrintable(QString::number(slant)));
        else
            QVERIFY2(slant < -0.2, qPrintable(QString::number(slant)));
    }

    void liveModeClassifiesEachStrokeProvisionally() {
        RecognizePanel* panel = showPanel();
        QVERIFY(!panel->isLive());
        QSignalSpy recognized(panel, &RecognizePanel::recognized);
        panel->setLive(true);
        drawStroke(panel->canvas(), paperStroke(panel->canvas(), {{0.3, 0.2}, {0.7, 0.2}}));
        QCOMPARE(recognized.count(), 1);
        QCOMPARE(recognized.last().at(2).toBool(), true);
        verifyDigitShown(panel, true);
        QVERIFY(panel->answerText().contains("provisional"));
        drawStroke(panel->canvas(), paperStroke(panel->canvas(), {{0.7, 0.2}, {0.45, 0.85}}));
        QCOMPARE(recognized.count(), 2);
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(recognized.count(), 3);
        verifyDigitShown(panel, false);
        QVERIFY(!panel->answerText().contains("provisional"));
    }

    void withoutModelSaysSo() {
        RecognizePanel* panel = showPanel(nullptr);
        drawSeven(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::NoModel);
        QCOMPARE(panel->shownDigit(), -1);
        panel->setModel(randomModel());
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit); // a new model answers at once
    }

    void buttonsDoWhatTheKeysDo() {
        RecognizePanel* panel = showPanel();
        drawSeven(panel->canvas());
        panel->recognizeAction()->trigger();
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);
        panel->undoAction()->trigger();
        QVERIFY(panel->canvas()->isEmpty());
        QVERIFY(!panel->undoAction()->isEnabled());
        drawSeven(panel->canvas());
        QVERIFY(panel->undoAction()->isEnabled());
        panel->clearAction()->trigger();
        QVERIFY(panel->canvas()->isEmpty());
    }

    void inactiveActionsIgnoreKeys() {
        RecognizePanel* panel = showPanel();
        drawSeven(panel->canvas());
        panel->setActionsActive(false);
        QTest::keyClick(panel, Qt::Key_Return);
        QTest::keyClick(panel, Qt::Key_Backspace);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Idle);
        QCOMPARE(panel->canvas()->strokeCount(), 1);
    }

    void openImageClassifiesThroughTheSamePath_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("lightOnDark");
        QTest::newRow("png") << "png" << false;
        QTest::newRow("jpeg") << "jpg" << false;
        QTest::newRow("bmp") << "bmp" << false;
        QTest::newRow("png, white ink on black: inverted") << "png" << true;
        QTest::newRow("jpeg, white ink on black: inverted") << "jpg" << true;
    }
    void openImageClassifiesThroughTheSamePath() {
        QFETCH(QString, format);
        QFETCH(bool, lightOnDark);
        QTemporaryDir dir;
        const QString path = dir.filePath("seven." + format);
        QImage picture(120, 90, QImage::Format_RGB32); // not square, not 280: scaled to fit
        picture.fill(lightOnDark ? Qt::black : Qt::white);
        {
            QPainter painter(&picture);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setPen(
                QPen(lightOnDark ? Qt::white : Qt::black, 8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            painter.drawPolyline(QPolygonF{{40, 15}, {80, 15}, {55, 78}});
        }
        QVERIFY(picture.save(path));
        RecognizePanel* panel = showPanel();
        QSignalSpy recognized(panel, &RecognizePanel::recognized);
        QSignalSpy status(panel, &RecognizePanel::statusMessage);
        const digitpad::Status opened = panel->openImage(path);
        QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
        QCOMPARE(recognized.count(), 1);
        verifyDigitShown(panel, false);
        // The same path as a drawing: the canvas image the preview came from is the opened picture, in canvas
        // terms (dark on white, also around a non-square picture), and the status bar says what was done.
        QVERIFY(panel->canvas()->hasBackgroundImage());
        QCOMPARE(QColor(panel->canvas()->image().pixel(2, 2)).lightness(), 255);
        QVERIFY(!status.isEmpty());
        const QString said = status.last().first().toString();
        QVERIFY2(said.contains(QStringLiteral("inverted")) == lightOnDark, qPrintable(said));
    }

    void openImageErrorNamesTheFile_data() {
        QTest::addColumn<QByteArray>("contents");
        QTest::newRow("missing file") << QByteArray();
        QTest::newRow("not an image") << QByteArray("this is text, not a PNG");
    }
    void openImageErrorNamesTheFile() {
        QFETCH(QByteArray, contents);
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.png");
        if (!contents.isEmpty()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(contents);
        }
        RecognizePanel* panel = showPanel();
        const digitpad::Status opened = panel->openImage(path);
        QVERIFY(!opened.ok());
        QVERIFY2(QString::fromStdString(opened.error().message).contains(path),
                 opened.error().message.c_str());
        QVERIFY(panel->canvas()->isEmpty());
    }

    void eachClassificationIsLogged() {
        RecognizePanel* panel = showPanel();
        capturedLog.clear();
        previousHandler = qInstallMessageHandler(captureRecognizeLog);
        drawSeven(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        const int shown = panel->shownDigit();
        const double probability = panel->shownProbability();
        QTest::keyClick(panel, Qt::Key_Backspace);
        QTest::keyClick(panel, Qt::Key_Return);
        qInstallMessageHandler(previousHandler);
        QCOMPARE(capturedLog.size(), 2);
        const QRegularExpression line(R"(^recognized (\d) p=(\d\.\d{3}) \(mnist framing, \d+\.\d+ ms\)$)");
        const QRegularExpressionMatch match = line.match(capturedLog[0]);
        QVERIFY2(match.hasMatch(), qPrintable(capturedLog[0]));
        QCOMPARE(match.captured(1).toInt(), shown);
        QVERIFY(std::abs(match.captured(2).toDouble() - probability) <= 0.0005);
        QVERIFY(capturedLog[1].startsWith("nothing to recognise"));
    }

    void bundledModelRecognisesDrawnDigits_data() {
        QTest::addColumn<int>("digit");
        QTest::newRow("one") << 1;
        QTest::newRow("zero") << 0;
        QTest::newRow("seven") << 7;
    }
    void anUnsureAnswerNamesTheRunnerUp() {
        // An untrained network spreads its probability over the classes: its answers are far below the
        // certainty threshold, and the answer line says which two it hesitates between.
        RecognizePanel* panel = showPanel(randomModel());
        drawSeven(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);
        QVERIFY(panel->shownProbability() < digitpad::kSureProbability);
        const QList<double> p = panel->chart()->probabilities();
        int runnerUp = -1;
        for (int i = 0; i < p.size(); ++i)
            if (i != panel->shownDigit() && (runnerUp < 0 || p[i] > p[runnerUp]))
                runnerUp = i;
        const QString expected = QStringLiteral("not sure: %1 or %2?").arg(panel->shownDigit()).arg(runnerUp);
        QVERIFY2(panel->answerText().startsWith(expected), qPrintable(panel->answerText()));
    }

    void bundledModelRecognisesDrawnDigits() {
        QFETCH(int, digit);
        const std::shared_ptr<const digitpad::Model> model = bundledModel();
        if (!model)
            QSKIP("models/default.dpm is not there yet: correct answers need a trained model");
        RecognizePanel* panel = showPanel(model);
        switch (digit) {
        case 0:
            drawZero(panel->canvas());
            break;
        case 1:
            drawOne(panel->canvas());
            break;
        default:
            drawSeven(panel->canvas());
        }
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);
        QCOMPARE(panel->shownDigit(), digit);
    }

    void barIsNotADigit() {
        // Any network reads something into a lone bar; the panel says it does not look like a digit.
        RecognizePanel* panel = showPanel();
        drawStroke(panel->canvas(), paperStroke(panel->canvas(), {{0.2, 0.5}, {0.5, 0.52}, {0.8, 0.5}}));
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);
        QVERIFY2(panel->answerText().startsWith(
                     QStringLiteral("doesn't look like a digit (maybe %1?)").arg(panel->shownDigit())),
                 qPrintable(panel->answerText()));
        QCOMPARE(panel->findChild<QLabel*>("digitLabel")->text(), QStringLiteral("?"));

        // An upright stroke is a 1 and is answered as a digit.
        QTest::keyClick(panel, Qt::Key_Backspace);
        drawOne(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        QVERIFY2(!panel->answerText().contains(QStringLiteral("doesn't look like")),
                 qPrintable(panel->answerText()));
        QCOMPARE(panel->findChild<QLabel*>("digitLabel")->text(), QString::number(panel->shownDigit()));
    }

    void twoDigitsApartShowANumberWithBoxes() {
        RecognizePanel* panel = showPanel();
        DrawingCanvas* canvas = panel->canvas();
        QSignalSpy recognized(panel, &RecognizePanel::recognized);
        // A 1 on the left and a 7 on the right, well apart: two digits.
        drawStroke(canvas, paperStroke(canvas, {{0.25, 0.25}, {0.25, 0.75}}));
        drawStroke(canvas, paperStroke(canvas, {{0.5, 0.25}, {0.85, 0.25}, {0.6, 0.75}}));
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Number);
        QCOMPARE(panel->shownNumber().size(), 2);
        QCOMPARE(panel->findChild<QLabel*>("digitLabel")->text(), panel->shownNumber());
        QCOMPARE(panel->shownDigit(), -1);
        QCOMPARE(recognized.count(), 0); // the signal is about a single digit
        // Each digit's label and probability, and its box over the canvas, left to right.
        QVERIFY2(panel->answerText().contains(QStringLiteral("%")), qPrintable(panel->answerText()));
        const QList<DrawingCanvas::OverlayBox> boxes = canvas->overlay();
        QCOMPARE(boxes.size(), 2);
        QVERIFY(boxes[0].rect.right() < boxes[1].rect.left());
        QVERIFY(boxes[0].rect.center().x() < DrawingCanvas::kLogicalSize * 0.35);
        QVERIFY(boxes[1].rect.center().x() > DrawingCanvas::kLogicalSize * 0.55);
        QVERIFY(boxes[0].caption.startsWith(panel->shownNumber().at(0)));
        QVERIFY(boxes[1].caption.startsWith(panel->shownNumber().at(1)));
        QVERIFY(panel->chart()->probabilities().isEmpty());
        QVERIFY(panel->preview()->isEmpty());

        // A new stroke changes the drawing: the boxes go, the answer greys until Enter.
        drawStroke(canvas, paperStroke(canvas, {{0.1, 0.9}, {0.15, 0.9}}));
        QVERIFY(canvas->overlay().isEmpty());
        QTest::keyClick(panel, Qt::Key_Return);
        QVERIFY(!canvas->overlay().isEmpty());
        QTest::keyClick(panel, Qt::Key_Backspace);
        QVERIFY(canvas->overlay().isEmpty());
        QVERIFY(panel->shownNumber().isEmpty());

        // One digit again: today's single answer, no boxes.
        drawSeven(canvas);
        QTest::keyClick(panel, Qt::Key_Return);
        verifyDigitShown(panel, false);
        QVERIFY(canvas->overlay().isEmpty());
        QVERIFY(panel->shownNumber().isEmpty());
    }

    void touchingDigitsDrawnWithTheirOwnStrokesAreReadApart() {
        const std::shared_ptr<const digitpad::Model> model = bundledModel();
        if (!model)
            QSKIP("models/default.dpm is not there yet: correct answers need a trained model");
        RecognizePanel* panel = showPanel(model);
        DrawingCanvas* canvas = panel->canvas();
        // A 1, then a 7 whose bar starts where the 1's ink ends: their ink is one piece.
        drawStroke(canvas, paperStroke(canvas, {{0.3, 0.2}, {0.3, 0.8}}));
        drawStroke(canvas, paperStroke(canvas, {{0.37, 0.2}, {0.75, 0.2}, {0.55, 0.8}}));
        const digitpad::GrayImage image = toGrayImage(canvas->image());
        QCOMPARE(digitpad::segmentDigits(image).size(), std::size_t{1});
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Number);
        QCOMPARE(panel->shownNumber(), QStringLiteral("17"));
        QCOMPARE(canvas->overlay().size(), 2);
    }

    // A model of other classes than the digits gets a note over the answer naming its classes; the pad still
    // recognises a drawing with it. A digit model has no note, and loading one takes the note away.
    void aModelOfOtherClassesIsNoted() {
        RecognizePanel* panel = showPanel(fashionModel());
        auto* note = panel->findChild<QLabel*>(QStringLiteral("notDigitsLabel"));
        QVERIFY(note);
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(QStringLiteral("T-shirt/top")), qPrintable(note->text()));
        QVERIFY2(note->text().contains(QStringLiteral("Ankle boot")), qPrintable(note->text()));
        drawSeven(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);
        QCOMPARE(panel->chart()->probabilities().size(), 10);
        QVERIFY(note->isVisible());

        panel->setModel(randomModel());
        QVERIFY(!note->isVisible());
        panel->setModel(fashionModel());
        QVERIFY(note->isVisible());
    }

    void aDigitModelHasNoNote() {
        RecognizePanel* panel = showPanel(randomModel());
        auto* note = panel->findChild<QLabel*>(QStringLiteral("notDigitsLabel"));
        QVERIFY(note);
        QVERIFY(!note->isVisible());
        drawSeven(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        verifyDigitShown(panel, false);
        QVERIFY(!note->isVisible());
    }
};

QTEST_MAIN(TestRecognizePanel)
#include "test_recognize_panel.moc"
